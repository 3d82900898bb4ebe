"""The words other programs use for a visit's time, length and status, and for how often a job repeats.

Each reader takes a cell as a person or an export wrote it and gives the program's value, or None
(or a reason) when it cannot be read, so the import can name the line and refuse the file.

How often a job repeats is read from the wording of Jobber ("Weekly on Tuesdays", "Every 2 weeks on
Mondays", "Monthly on the 2nd Tuesday of the month", "Monthly on the 15th day of the month"),
Housecall Pro ("Every week on Tue", "Monthly on the second Tuesday", "Monthly on day 15",
"Quarterly") and plain words ("Weekly", "Every other week", "Monthly", "Every 3 months"), into the
rules a service plan follows (:mod:`recurrence`): weekly, every N weeks, monthly on a date, monthly
on the Nth (or last) weekday. Daily, weekday-only, several days a week and yearly jobs have no such
rule; they are reported.
"""

from __future__ import annotations

import datetime as dt
import re

from servicedesk.core.services.hours import clock_time
from servicedesk.core.services.import_check import DateOrder, parse_date

# ------------------------------------------------------------------ times and moments

_CLOCK = re.compile(r"(?<![\d:])(\d{1,2})(?:[:.h](\d{2}))?(?::\d{2}(?:\.\d+)?)?\s*(a\.?m\.?|p\.?m\.?)?(?![\d])",
                    re.IGNORECASE)


_HALF = r"(a\.?m\.?|p\.?m\.?)"
_RANGE = re.compile(r"(?<![\d:])(\d{1,2})(?:[:.](\d{2}))?\s*" + _HALF + r"?\s*(?:-|–|—|to|until|till)\s*"
                    r"(\d{1,2})(?:[:.](\d{2}))?\s*" + _HALF + r"?(?![\d])", re.IGNORECASE)


def parse_times(text: str) -> tuple[dt.time | None, dt.time | None]:
    """(start, end) of "9:00 AM - 11:00 AM", "9 - 11 am", "14:30", "9am"; a bare number is not a time."""
    text = text or ""
    if (m := _RANGE.search(text)) and (m[2] or m[3] or m[5] or m[6]):
        h1, m1, p1, h2, m2, p2 = m.groups()
        if not p1 and p2 and int(h1) <= int(h2):
            p1 = p2  # "9 - 11 AM": both in the morning
        return clock_time(h1, m1, p1), clock_time(h2, m2, p2)
    for hour, minute, half in _CLOCK.findall(text):
        if minute or half:
            return clock_time(hour, minute, half), None
    return None, None


_DATE_PART = re.compile(r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})[T\s]*")


def parse_moment(text: str, region: str, order: DateOrder | None = None
                 ) -> tuple[dt.date | None, dt.time | None, dt.time | None]:
    """(date, start, end) of a date with or without its time or time range: "2026-04-02T10:00:00Z",
    "04/02/2026 9:00 AM", "Apr 02, 2026", "2026-04-02 9:00-11:00"; ``order`` as :func:`parse_date`."""
    text = (text or "").strip()
    day = parse_date(text, region, order)
    if day is None:
        return None, None, None
    m = _DATE_PART.match(text)
    rest = text[m.end():] if m else re.sub(r"^[A-Za-z]+,?\s+|^\d{1,2}\s+", "", text)
    rest = re.sub(r"\b\d{4}\b", " ", rest)  # the year of "Apr 02, 2026 9:00 AM" is no hour
    return (day, *parse_times(rest.replace("Z", " ")))


_DURATION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hour|hours|m|min|mins|minute|minutes)?\.?\s*$",
                       re.IGNORECASE)
_HOURS_MINUTES = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
_BOTH = re.compile(r"^\s*(\d+)\s*(?:h|hr|hrs|hours?)\s*(\d+)\s*(?:m|min|mins|minutes?)?\s*$", re.IGNORECASE)


def parse_duration(text: str, hours: bool = False) -> int | None:
    """Minutes in "90", "1:30", "1 h 30", "2 hrs", "45 min", "2.00" (hours when ``hours`` says the column
    counts hours, as Jobber's "Schedule duration" does). None when it is none of these."""
    text = (text or "").strip()
    if m := _HOURS_MINUTES.match(text):
        return int(m[1]) * 60 + int(m[2])
    if m := _BOTH.match(text):
        return int(m[1]) * 60 + int(m[2])
    m = _DURATION.match(text)
    if not m:
        return None
    amount = float(m[1].replace(",", "."))
    unit = (m[2] or "").lower()
    in_hours = unit.startswith("h") or (not unit and hours)
    return round(amount * 60) if in_hours else round(amount)


# ------------------------------------------------------------------ statuses

# The statuses of Jobber's visits and jobs, Housecall Pro's jobs ("complete rated", "pro canceled"),
# GorillaDesk's ("unconfirmed", "reschedule"), ServiceTitan's ("dispatched", "hold") and plain words.
STATUS_WORDS = {
    "completed": "completed", "complete": "completed", "done": "completed", "finished": "completed",
    "closed": "completed", "completerated": "completed", "completeunrated": "completed",
    "requiresinvoicing": "completed", "invoiced": "completed", "paid": "completed", "archived": "completed",
    "scheduled": "scheduled", "upcoming": "scheduled", "today": "scheduled", "late": "scheduled",
    "unconfirmed": "scheduled", "active": "scheduled", "pending": "scheduled", "open": "scheduled",
    "dispatched": "scheduled", "inprogress": "scheduled", "working": "scheduled", "onhold": "scheduled",
    "hold": "scheduled", "actionrequired": "scheduled", "booked": "scheduled",
    "confirmed": "confirmed",
    "cancelled": "cancelled", "canceled": "cancelled", "usercanceled": "cancelled", "procanceled": "cancelled",
    "usercancelled": "cancelled", "procancelled": "cancelled", "void": "cancelled", "deleted": "cancelled",
    "reschedule": "rescheduled", "rescheduled": "rescheduled",
    "noaccess": "no_access", "noshow": "no_access", "lockedout": "no_access", "nothome": "no_access",
}
NOT_SCHEDULED = {"unscheduled", "needsscheduling", "notscheduled", "schedulelater", "draft"}


def status_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", (text or "").casefold())


# ------------------------------------------------------------------ how often a job repeats

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:days?|s|sdays?|nesdays?|rsdays?|urdays?|rs?)?\b")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "other": 2}
_ORDINALS = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4,
             "last": -1, "final": -1}
_EVERY = re.compile(r"\bevery\s+(\d+|" + "|".join(_NUMBERS) + r")\s+(week|month)s?\b")
_NO_RULE = (
    (re.compile(r"\b(daily|every\s+day|each\s+day)\b"), "it repeats daily"),
    (re.compile(r"\b(every\s+)?week\s*days?\b|\bmon(day)?\s*(-|to|through)\s*fri(day)?\b"), "it repeats on weekdays"),
    (re.compile(r"\b(yearly|annually|every\s+year|each\s+year|annual|every\s+\d+\s+years?)\b"), "it repeats yearly"),
    (re.compile(r"\bevery\s+\d+\s+days?\b|\bdays?\b(?!\s+of)"), "it repeats every few days"),
    (re.compile(r"\b(as\s+needed|on\s+demand|custom|twice\s+a\s+(week|month))\b"), "it has no fixed rule"),
)


def _interval(text: str) -> tuple[str, int] | None:
    """("weeks" or "months", N) the wording repeats by."""
    if m := _EVERY.search(text):
        n = int(m[1]) if m[1].isdigit() else _NUMBERS[m[1]]
        return m[2] + "s", n
    for words, unit, n in (((r"bi\s*weekly", r"fortnight(ly)?", r"every\s+other\s+week"), "weeks", 2),
                           ((r"weekly", r"every\s+week", r"each\s+week", r"once\s+a\s+week"), "weeks", 1),
                           ((r"quarterly", r"every\s+quarter"), "months", 3),
                           ((r"semi\s*annual(ly)?", r"half\s*yearly", r"twice\s+a\s+year"), "months", 6),
                           ((r"bi\s*monthly", r"every\s+other\s+month"), "months", 2),
                           ((r"monthly", r"every\s+month", r"each\s+month", r"once\s+a\s+month"), "months", 1)):
        if any(re.search(r"\b" + w + r"\b", text) for w in words):
            return unit, n
    return None


def read_rule(text: str, first: dt.date) -> tuple[dict | None, str]:
    """The service plan's rule for a job repeating as ``text`` says, its first visit on ``first``.

    Returns (rule, "") with the plan's recurrence, interval, weekday, week_of_month and day_of_month,
    or (None, why) when the wording names no rule a plan can follow. What the wording leaves out
    (the weekday of "Every 2 weeks", the date of "Monthly") is the first visit's.
    """
    said = " ".join(re.sub(r"[,;:()]", " ", (text or "").casefold()).replace("-", " ").split())
    if not said:
        return None, "the file does not say how often it repeats"
    days = sorted({_WEEKDAYS[m[:3]] for m in _WEEKDAY.findall(said)})
    interval = _interval(said)
    if interval is None:
        for pattern, why in _NO_RULE:
            if pattern.search(said):
                return None, why
        return None, "these words name no rule a service plan can follow"
    unit, n = interval
    if not 1 <= n <= 52:
        return None, f"every {n} {unit} is beyond what a plan can follow (1 to 52)"
    if len(days) > 1:
        return None, "it repeats on several days of the week"
    if unit == "weeks":
        return {"recurrence": "weekly" if n == 1 else "every_n_weeks", "interval": n,
                "weekday": days[0] if days else first.weekday()}, ""
    ordinal = re.search(r"\b(" + "|".join(_ORDINALS) + r")\s+(mon|tue|wed|thu|fri|sat|sun)", said)
    if ordinal:
        return {"recurrence": "monthly_weekday", "interval": n, "weekday": _WEEKDAYS[ordinal[2]],
                "week_of_month": _ORDINALS[ordinal[1]]}, ""
    if re.search(r"\b(5th|fifth)\s+(mon|tue|wed|thu|fri|sat|sun)", said):
        return None, "a fifth weekday is not in every month"
    date = re.search(r"\b(?:day\s+(\d{1,2})|(\d{1,2})(?:st|nd|rd|th)?(?:\s+day)?\s+of\s+(?:the|each|every)\s+month"
                     r"|on\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b)", said)
    if date:
        day = int(next(g for g in date.groups() if g))
        if not 1 <= day <= 31:
            return None, f"a month has no day {day}"
        return {"recurrence": "monthly_date", "interval": n, "day_of_month": day}, ""
    if days:  # "Monthly on Tuesday": the Tuesday of the first visit's week of its month
        week = (first.day - 1) // 7 + 1
        return {"recurrence": "monthly_weekday", "interval": n, "weekday": days[0],
                "week_of_month": -1 if week > 4 else week}, ""
    return {"recurrence": "monthly_date", "interval": n, "day_of_month": first.day}, ""
