"""Does a visit's new time go against what the customer said matters?

What matters is written in the customer's own words ("Not before 9, the baby naps until then",
"Mornings only", "Tuesdays only", "Please don't use the leaf blower before 9"). The times and
days those words name are read here, from the time-window and quiet items and the agreed "when
service happens" expectation, together with the service plan's own window. A visit moved or
assigned outside them is named before the desk confirms the change, with the customer's words
quoted, so nothing depends on the reading alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from servicedesk.core import formatting
from servicedesk.core.store import database

TIMED_KINDS = ("time_window", "quiet")
_NEGATION = re.compile(r"\b(not|no|don'?t|do not|never|nothing|nobody)\b", re.IGNORECASE)
_TIME = r"(noon|midday|midnight|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h)?)"
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_DAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_REFUSING = re.compile(_NEGATION.pattern + r"|\bexcept\b|\bbut\b(?=\s+(?:on\s+)?" + _DAY + ")")
_TIMED = r"\b(?:before|after|from|until|till|by|between)\s+" + _TIME
# Where one thing said ends and the next begins: a sentence's end, a semicolon or colon, a comma before
# words, a dash or brackets set apart, "and" or "but" before a new condition ("Tuesdays only and never
# before 9"); never inside "between 10 and 3" or "Mondays and Tuesdays", and never a time's "9.30".
_CLAUSES = re.compile(
    r"[;:!?()\[\]\n–—]|\.(?=\s|$)|,\s*(?=[a-z])|\s-+\s|\s+(?:and|but)\s+(?=(?:not|no|never|don'?t|do not|only"
    r"|please|after|before|from|until|till|by)\b)")


@dataclass(frozen=True)
class Window:
    """The times and days the customer's words allow; None where they say nothing."""

    earliest: dt.time | None = None
    latest: dt.time | None = None
    days: frozenset[int] | None = None  # the weekdays allowed (0 Monday)

    def refuses(self, start: dt.datetime, end: dt.datetime) -> bool:
        if self.earliest is not None and start.time() < self.earliest:
            return True
        if self.latest is not None and (end.time() > self.latest or end.date() > start.date()):
            return True
        return self.days is not None and start.weekday() not in self.days

    @property
    def says_something(self) -> bool:
        return self.earliest is not None or self.latest is not None or self.days is not None


def _clock(text: str) -> dt.time | None:
    text = text.strip().lower().replace(".", ":").replace("a:m:", "am").replace("p:m:", "pm")
    if text in ("noon", "midday"):
        return dt.time(12)
    if text == "midnight":
        return dt.time(0)
    found = re.match(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|h)?", text)
    if not found:
        return None
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    elif half is None and 1 <= hour <= 6:
        hour += 12  # "until 2", "after 6": nobody means the small hours
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def _days(clause: str) -> tuple[set[int], set[int]]:
    """The weekdays a clause refuses and those it names without refusing them.

    A negation ("not", "never", "no", "except", "but") refuses the days that come after it, unless a
    time comes between them ("not before 9 on Tuesdays" refuses the early hours, not Tuesdays):
    "Tuesdays, not Mondays" refuses Mondays only.
    """
    refused, named = set(), set()
    for found in re.finditer(r"\b" + _DAY + r"\b", clause):
        before = clause[:found.start()]
        negation = max((m.end() for m in _REFUSING.finditer(clause) if m.end() <= found.start()), default=None)
        timed = negation is not None and re.search(_TIMED, before[negation:])
        (refused if negation is not None and not timed else named).add(_WEEKDAYS[found.group(1)])
    return refused, named - refused


def read(words: str) -> Window:
    """The window ``words`` name. A clause with "only" wins over the rest of what was said."""
    earliest: list[dt.time] = []
    latest: list[dt.time] = []
    strict_early: list[dt.time] = []
    strict_late: list[dt.time] = []
    days: set[int] | None = None
    banned: set[int] = set()
    for clause in _CLAUSES.split(words.lower()):
        only = "only" in clause
        if re.search(r"\bmornings?\b", clause) and only:
            strict_late.append(dt.time(12))
        if re.search(r"\bafternoons?\b", clause) and only:
            strict_early.append(dt.time(12))
        if re.search(r"\bevenings?\b", clause) and only:
            strict_early.append(dt.time(17))
        for a, b in re.findall(r"between\s+" + _TIME + r"\s+and\s+" + _TIME, clause):
            start, end = _clock(a), _clock(b)
            if start and end and start < end:
                (strict_early if only else earliest).append(start)
                (strict_late if only else latest).append(end)
        for match in re.finditer(r"\b(before|after|from|until|till|by)\s+" + _TIME, clause):
            word, moment = match.group(1), _clock(match.group(2))
            if moment is None:
                continue
            negated = bool(_NEGATION.search(clause[:match.start()]))
            asleep = re.search(r"\b(sleeps?|asleep|naps?|works? nights)\b", clause[:match.start()])
            if word == "before":
                (earliest if negated else latest).append(moment)
            elif word in ("after", "from"):
                target = latest if negated else (strict_early if only else earliest)
                target.append(moment)
            else:  # until, till, by
                (earliest if asleep else latest).append(moment)
        refused, named = _days(clause)
        banned |= refused
        if "weekdays" in clause and only:
            named |= {0, 1, 2, 3, 4}
        if named and only:
            days = (days or set()) | named
        if re.search(r"\b(no|not on|never on)\s+weekends?\b", clause):
            banned |= {5, 6}
    first = max(strict_early or earliest, default=None)
    last = min(strict_late or latest, default=None)
    if first is not None and last is not None and first >= last:  # words that contradict: keep the strict ones
        first = max(strict_early, default=None)
        last = min(strict_late, default=None)
    allowed = (days or set(range(7))) - banned if days is not None or banned else None
    return Window(first, last, frozenset(allowed) if allowed is not None else None)


def _when(start: dt.datetime) -> str:
    return f"{formatting.format_date(start, 'medium')} {formatting.format_time(start)}"


def warnings(visit_id: int, starts_at: dt.datetime) -> tuple[str, ...]:
    """What the visit at ``starts_at`` would go against: the plan's window and what the customer said."""
    row = database.execute_sql(
        "SELECT v.customer_id, v.starts_at, v.ends_at, p.window_start, p.window_end, c.name"
        " FROM visit v JOIN customer c ON c.id = v.customer_id LEFT JOIN service_plan p ON p.id = v.plan_id"
        " WHERE v.id = ?", (visit_id,)).fetchone()
    if row is None:
        return ()
    customer_id, old_start, old_end, window_start, window_end, name = row
    old_start, old_end = (value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
                          for value in (old_start, old_end))
    end = starts_at + (old_end - old_start)
    found = []
    if window_start is not None and window_end is not None:
        opens, closes = (value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))
                         for value in (window_start, window_end))
        if starts_at.time() < opens or starts_at.time() > closes:
            found.append(f"{_when(starts_at)} is outside the plan's window, {formatting.format_time(opens)}"
                         f"–{formatting.format_time(closes)}.")
    items = database.execute_sql(
        "SELECT kind, words FROM what_matters WHERE customer_id = ? AND active AND words != ''"
        " AND kind IN (?, ?) ORDER BY recorded_at", (customer_id, *TIMED_KINDS)).fetchall()
    items += [("expect_when", r[0]) for r in database.execute_sql(
        "SELECT text FROM customer_goal WHERE customer_id = ? AND kind = 'expect_when'", (customer_id,)).fetchall()]
    for kind, words in items:
        if read(words).refuses(starts_at, end):
            said = "agreed" if kind == "expect_when" else "said"
            found.append(f"{_when(starts_at)} goes against what {name} {said}: “{words}”")
    return tuple(found)
