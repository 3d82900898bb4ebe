"""The rules of relationship health, each defined once.

A rule is a ``Rule``: its name, points and window in words (the README's table is made from
these: ``health.rules_table()``), a ``score`` function that gives each customer of a chunk
their reasons, and the SQL that pre-selects the customers it could apply to, now
(``candidates``) or because time alone moved since a day (``moved``). The score, the at-risk
list, the daily pass, the queue's "not contacted" rows (``silent``) and the README all read
these definitions, so adding a rule is one ``Rule`` here plus its tests.

What the customer said weighs: a customer who said the same technician matters is judged on
how many technicians they saw, one who said the day or time matters on how often their
visits moved. The pattern is remembered over their last ``PATTERN_VISITS`` visits or
``PATTERN_DAYS`` days, whichever reaches further back, plus what is already booked for the
next ``AHEAD_DAYS`` days: the day a stranger is sent is the day the office must know.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from servicedesk.core import formatting
from servicedesk.core.formatting import plural
from servicedesk.core.services import business_days
from servicedesk.core.services.health_bands import AT_RISK_BELOW, WATCH_BELOW, band  # noqa: F401  (the rules' line)
from servicedesk.core.services.concerns import open_for
from servicedesk.core.store import database, dialect
from servicedesk.core.store.models import SAYS_DAY_MATTERS

PATTERN_VISITS = 12
PATTERN_DAYS = 365
AHEAD_DAYS = 14
RESTORED_AFTER = 3  # visits in a row that restore continuity (or keep the day)
CHANGE_WINDOW_DAYS = 30
MOOD_WINDOW_DAYS = 60
CHANNEL_WORDS = {"phone": "on the phone", "email": "by email", "letter": "by letter", "visit": "at a visit",
                 "in_person": "in person", "text": "by text"}


@dataclass(frozen=True)
class Reason:
    points: int  # taken off the score
    text: str
    rule: str = ""


@dataclass(frozen=True)
class Ctx:
    now: dt.datetime
    default_rhythm: int

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def midnight(self) -> dt.datetime:
        return dt.datetime.combine(self.today, dt.time())


Query = tuple[str, tuple]


@dataclass(frozen=True)
class Rule:
    key: str
    rows: tuple[tuple[str, str, str], ...]  # (what it looks at, points, window) for the README's table
    score: Callable[[list[int], Ctx], dict[int, list[Reason]]]
    candidates: Callable[[Ctx], list[Query]]  # customers the rule could apply to now
    moved: Callable[[Ctx, dt.datetime], list[Query]]  # customers time alone may have moved since then


def _dt(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _marks(ids) -> str:
    return ",".join("?" * len(ids))


def day_words(value: dt.date | dt.datetime) -> str:
    """A short day as the office writes it, weekday, day and month in its region's order (CLDR)."""
    return formatting.format_short_day(value)


def _said(ids) -> dict[int, set[str]]:
    """What each customer said matters (active preferences), by kind."""
    out: dict[int, set[str]] = {}
    for customer_id, kind in database.execute_sql(
            f"SELECT customer_id, kind FROM what_matters WHERE active AND customer_id IN ({_marks(ids)})", ids):
        out.setdefault(customer_id, set()).add(kind)
    return out


# ------------------------------------------------------------------ the pattern of visits

@dataclass(frozen=True)
class PatternVisit:
    id: int
    technician_id: int | None
    starts_at: dt.datetime
    booked: bool  # planned within AHEAD_DAYS, not done yet


def patterns(ids, ctx: Ctx) -> dict[int, list[PatternVisit]]:
    """Each customer's visits the pattern is judged on, oldest first: their last ``PATTERN_VISITS``
    completed visits or those of the last ``PATTERN_DAYS`` days (whichever are more), then the
    visits booked from today to ``AHEAD_DAYS`` ahead."""
    out: dict[int, list[PatternVisit]] = {i: [] for i in ids}
    done = database.execute_sql(
        f"""SELECT customer_id, id, technician_id, starts_at FROM (
              SELECT customer_id, id, technician_id, starts_at, ROW_NUMBER() OVER (
                  PARTITION BY customer_id ORDER BY starts_at DESC, id DESC) AS n
              FROM visit WHERE customer_id IN ({_marks(ids)}) AND status = 'completed' AND starts_at <= ?) AS recent
            WHERE n <= ? OR starts_at >= ? ORDER BY customer_id, starts_at, id""",
        [*ids, ctx.now, PATTERN_VISITS, ctx.now - dt.timedelta(days=PATTERN_DAYS)]).fetchall()
    booked = database.execute_sql(
        f"SELECT customer_id, id, technician_id, starts_at FROM visit WHERE customer_id IN ({_marks(ids)})"
        " AND status IN ('scheduled', 'confirmed') AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id",
        [*ids, ctx.midnight, ctx.midnight + dt.timedelta(days=AHEAD_DAYS + 1)]).fetchall()
    for rows, ahead in ((done, False), (booked, True)):
        for customer_id, visit_id, technician_id, starts_at in rows:
            out[customer_id].append(PatternVisit(visit_id, technician_id, _dt(starts_at), ahead))
    return out


def _staff_names() -> dict[int, str]:
    return dict(database.execute_sql("SELECT id, name FROM staff").fetchall())


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _continuity(ids, ctx: Ctx) -> dict[int, list[Reason]]:
    said = _said(ids)
    names = _staff_names()
    out = {}
    for customer_id, visits in patterns(ids, ctx).items():
        done = [v for v in visits if not v.booked]
        seen: list[int] = []
        for v in done:
            if v.technician_id is not None and v.technician_id not in seen:
                seen.append(v.technician_id)
        newcomers = [v for v in visits if v.booked and v.technician_id is not None and v.technician_id not in seen]
        everyone = len(seen) + len({v.technician_id for v in newcomers})
        if everyone < 2:
            continue
        run_tech = done[-1].technician_id if done else None
        run = 0
        for v in reversed(done):
            if v.technician_id is None or v.technician_id != run_tech:
                break
            run += 1
        restored = run >= RESTORED_AFTER and all(v.technician_id == run_tech for v in visits if v.booked)
        text = f"{plural(everyone, 'technician')} in their last {plural(len(done), 'visit')}" if done else \
            f"{plural(everyone, 'technician')} booked"
        if newcomers:
            first = newcomers[0]
            text += (f" and the next ({names.get(first.technician_id, 'someone new')} on "
                     f"{day_words(first.starts_at)}, their {_ordinal(len(seen) + 1)})")
        if "same_technician" in said.get(customer_id, ()):
            if restored:
                text += f", {names.get(run_tech, 'one technician')} the last {run} in a row"
            text += "; they said the same technician matters"
            if everyone >= 3 and not restored:
                out[customer_id] = [Reason(35, text, "continuity")]
            elif everyone >= 3 or not restored:
                out[customer_id] = [Reason(10, text, "continuity")]
        elif everyone >= 3 and not restored:
            out[customer_id] = [Reason(15, text, "continuity")]
    return out


def _continuity_candidates(ctx: Ctx) -> list[Query]:
    # anyone served (or booked) by someone other than their own technician within the pattern's reach;
    # four years covers twelve quarterly visits
    return [("SELECT DISTINCT v.customer_id FROM visit v JOIN customer c ON c.id = v.customer_id"
             " WHERE v.starts_at >= ? AND v.starts_at < ? AND v.status IN ('completed', 'scheduled', 'confirmed')"
             " AND v.technician_id IS NOT NULL AND (c.technician_id IS NULL OR v.technician_id != c.technician_id)",
             (ctx.now - dt.timedelta(days=4 * 365), ctx.midnight + dt.timedelta(days=AHEAD_DAYS + 1)))]


def _continuity_moved(ctx: Ctx, start: dt.datetime) -> list[Query]:
    ahead = dt.timedelta(days=AHEAD_DAYS + 1)
    year = dt.timedelta(days=PATTERN_DAYS)
    return [
        # a visit typed in as completed, a booked visit coming into view, a visit leaving the year
        ("SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at <= ? AND status = 'completed'",
         (start - dt.timedelta(days=3), ctx.now)),
        ("SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at < ? AND status IN ('scheduled', 'confirmed')",
         (start + ahead - dt.timedelta(days=1), ctx.midnight + ahead)),
        ("SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at < ? AND status = 'completed'",
         (start - year - dt.timedelta(days=1), ctx.now - year)),
    ]


def _moved_day(change_old, change_new) -> bool:
    old, new = _dt(change_old), _dt(change_new)
    return old is not None and new is not None and old.date() != new.date()


def _days_kept(ids, ctx: Ctx) -> dict[int, list[Reason]]:
    said = _said(ids)
    wanted = [i for i in ids if said.get(i, set()) & set(SAYS_DAY_MATTERS)]
    if not wanted:
        return {}
    seen = patterns(wanted, ctx)
    visit_ids = [v.id for visits in seen.values() for v in visits]
    moved: set[int] = set()
    for start in range(0, len(visit_ids), 500):
        chunk = visit_ids[start:start + 500]
        for visit_id, old, new in database.execute_sql(
                f"SELECT visit_id, old_starts_at, new_starts_at FROM visit_change WHERE visit_id IN ({_marks(chunk)})",
                chunk):
            if _moved_day(old, new):
                moved.add(visit_id)
    out = {}
    for customer_id, visits in seen.items():
        shifted = [v for v in visits if v.id in moved]
        if not shifted:
            continue
        done = [v for v in visits if not v.booked]
        kept = 0
        for v in reversed(done):
            if v.id in moved:
                break
            kept += 1
        restored = kept >= RESTORED_AFTER and not any(v.booked and v.id in moved for v in visits)
        text = f"{len(shifted)} of their last {plural(len(visits), 'visit')} moved to another day"
        if restored:
            text += f", the last {kept} kept their day"
        text += "; they said the day matters"
        if len(shifted) >= 3 and not restored:
            out[customer_id] = [Reason(35, text, "days_kept")]
        elif restored:
            out[customer_id] = [Reason(5, text, "days_kept")]
        else:
            out[customer_id] = [Reason(10 * len(shifted), text, "days_kept")]
    return out


def _days_kept_candidates(ctx: Ctx) -> list[Query]:
    return [("SELECT DISTINCT v.customer_id FROM visit_change vc JOIN visit v ON v.id = vc.visit_id"
             " JOIN what_matters w ON w.customer_id = v.customer_id AND w.active"
             f" WHERE w.kind IN ({_marks(SAYS_DAY_MATTERS)}) AND v.starts_at >= ?",
             (*SAYS_DAY_MATTERS, ctx.now - dt.timedelta(days=4 * 365)))]


# ------------------------------------------------------------------ concerns and follow-ups

def _concerns(ids, ctx: Ctx) -> dict[int, list[Reason]]:
    out: dict[int, list[Reason]] = {}
    for c in open_for(list(ids)):
        days = c.open_days(ctx.today)
        age = "raised today" if days == 0 else f"open {plural(days, 'day')}"
        if c.acknowledged_at is None:
            reason = Reason(30 if c.ack_overdue else 10, f"{c.headline} {age}, not acknowledged", "concerns")
        else:
            reason = Reason(15 if c.resolve_overdue else 5, f"{c.headline} {age}, not resolved", "concerns")
        out.setdefault(c.customer_id, []).append(reason)
    return out


def _concern_candidates(ctx: Ctx) -> list[Query]:
    return [("SELECT id FROM customer WHERE open_concerns > 0", ())]


def _follow_ups(ids, ctx: Ctx) -> dict[int, list[Reason]]:
    rows = database.execute_sql(
        f"SELECT customer_id, due_on, reason FROM follow_up WHERE customer_id IN ({_marks(ids)})"
        " AND done_at IS NULL AND due_on < ? ORDER BY customer_id, due_on, id", [*ids, ctx.today]).fetchall()
    out: dict[int, list[Reason]] = {}
    key = business_days.calendar_key()
    for customer_id, due_on, reason in rows:
        late = business_days.business_days_late(dt.date.fromisoformat(str(due_on)[:10]), ctx.today, key)
        if not late:  # due on a day the office was closed: due the day it opens, not late yet
            continue
        reasons = out.setdefault(customer_id, [])
        points = min(10, 20 - sum(r.points for r in reasons))
        reasons.append(Reason(points, f"follow-up {plural(late, 'business day')} overdue: {reason.rstrip(' .')}",
                              "follow_ups"))  # the reasons are joined with "; ", never ".;"
    return out


def _follow_up_candidates(ctx: Ctx) -> list[Query]:
    return [("SELECT customer_id FROM follow_up WHERE due_on < ? AND done_at IS NULL", (ctx.today,))]


def _follow_up_moved(ctx: Ctx, start: dt.datetime) -> list[Query]:
    return [("SELECT customer_id FROM follow_up WHERE due_on >= ? AND due_on < ? AND done_at IS NULL",
             (start.date(), ctx.today))]


# ------------------------------------------------------------------ changes to visits this month

def _changes(ids, ctx: Ctx) -> dict[int, list[Reason]]:
    since = ctx.now - dt.timedelta(days=CHANGE_WINDOW_DAYS)
    said = _said(ids)
    moved, swapped = {}, {}
    kept: dict[int, list] = {}  # per visit, its changes this month that were not undone
    for visit_id, customer_id, old_tech, new_tech, own, old_start, new_start in database.execute_sql(
            "SELECT vc.visit_id, v.customer_id, vc.old_technician_id, vc.new_technician_id, c.technician_id,"
            " vc.old_starts_at, vc.new_starts_at FROM visit_change vc JOIN visit v ON v.id = vc.visit_id"
            f" JOIN customer c ON c.id = v.customer_id WHERE v.customer_id IN ({_marks(ids)}) AND vc.changed_at >= ?"
            " ORDER BY vc.visit_id, vc.id", [*ids, since]).fetchall():
        changes = kept.setdefault(visit_id, [])
        last = changes[-1] if changes else None
        if last and (last[2], _dt(last[5])) == (old_tech, _dt(old_start)) \
                and (last[1], _dt(last[4])) == (new_tech, _dt(new_start)):
            changes.pop()  # changed back to what it was: neither counts
        else:
            changes.append((customer_id, old_tech, new_tech, own, old_start, new_start))
    for customer_id, old_tech, new_tech, own, old_start, new_start in (c for cs in kept.values() for c in cs):
        old_start, new_start = _dt(old_start), _dt(new_start)
        if old_start is not None and new_start is not None and old_start != new_start:
            moved[customer_id] = moved.get(customer_id, 0) + 1  # a move counts once, as a move
        elif old_tech != new_tech and new_tech != own and (old_tech is not None or own is not None):  # not staffing
            swapped[customer_id] = swapped.get(customer_id, 0) + 1
    cancelled = dict(database.execute_sql(
        f"SELECT customer_id, COUNT(*) FROM visit WHERE customer_id IN ({_marks(ids)})"
        " AND status IN ('cancelled', 'no_access') AND starts_at >= ? AND starts_at <= ? GROUP BY customer_id",
        [*ids, since, ctx.now + dt.timedelta(days=CHANGE_WINDOW_DAYS)]).fetchall())
    out = {}
    for customer_id in set(moved) | set(swapped) | set(cancelled):
        if said.get(customer_id, set()) & set(SAYS_DAY_MATTERS):
            moved.pop(customer_id, None)  # judged on their pattern of moved days instead
        counts = (moved.get(customer_id, 0), swapped.get(customer_id, 0), cancelled.get(customer_id, 0))
        if not sum(counts):
            continue
        parts = [plural(n, word) for n, word in zip(counts, ("reschedule", "technician change", "cancellation"))
                 if n]
        text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        out[customer_id] = [Reason(15 if sum(counts) >= 2 else 5, text + " this month", "changes")]
    return out


def _change_candidates(ctx: Ctx) -> list[Query]:
    since = ctx.now - dt.timedelta(days=CHANGE_WINDOW_DAYS)
    return [("SELECT v.customer_id FROM visit_change vc JOIN visit v ON v.id = vc.visit_id WHERE vc.changed_at >= ?",
             (since,)),
            ("SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at <= ?"
             " AND status IN ('cancelled', 'no_access')", (since, ctx.now + dt.timedelta(days=CHANGE_WINDOW_DAYS)))]


def _change_moved(ctx: Ctx, start: dt.datetime) -> list[Query]:
    window = dt.timedelta(days=CHANGE_WINDOW_DAYS)
    return [("SELECT v.customer_id FROM visit_change vc JOIN visit v ON v.id = vc.visit_id WHERE vc.changed_at >= ?",
             (start - window,)),
            ("SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at <= ?"
             " AND status IN ('cancelled', 'no_access')", (start - window, ctx.now + window))]


# ------------------------------------------------------------------ the contact rhythm

def silence(last_contact: dt.datetime | None, since: dt.date, today: dt.date) -> int:
    """Whole days without contact: since the last contact, or since they became a customer."""
    return (today - (last_contact.date() if last_contact is not None else since)).days


def rhythm_points(days: int, rhythm: int) -> int:
    """Beyond the rhythm: 15; beyond twice the rhythm: 25; within it: 0."""
    return 25 if days > 2 * rhythm else (15 if days > rhythm else 0)


def silence_words(days: int, never: bool) -> str:
    return (f"no contact since becoming a customer {plural(days, 'day')} ago" if never
            else f"no contact for {plural(days, 'day')}")


@dataclass(frozen=True)
class Silent:
    customer_id: int
    customer: str
    days: int
    rhythm: int
    never: bool  # never contacted: counted from the day they became a customer
    since: dt.date  # the last contact, or the day they became a customer


_SILENT_COLUMNS = ("SELECT id, name, last_contact_at, COALESCE(customer_since, created_at), contact_rhythm_days"
                   " FROM customer")


def _silent_queries(ctx: Ctx, limit: int | None = None) -> list[Query]:
    """Active customers silent beyond their rhythm, the longest silences first (each list).

    The office's default rhythm is a range on the indexed ``last_contact_at``; customers with
    a rhythm of their own are few and all read; the never contacted are counted from the day
    they became a customer.
    """
    line = ctx.midnight - dt.timedelta(days=ctx.default_rhythm)  # last contact before this day: silent
    first = dt.datetime.combine(ctx.today - dt.timedelta(days=ctx.default_rhythm), dt.time())
    tail = f" LIMIT {int(limit)}" if limit else ""
    d = dialect.current()
    return [
        # "no_index(status)" keeps SQLite on the last-contact index instead of sorting every active customer
        (_SILENT_COLUMNS + f" WHERE contact_rhythm_days IS NULL AND last_contact_at < ? AND {d.no_index('status')}"
         " = 'active' ORDER BY last_contact_at" + tail, (line,)),
        # through the index of the customers with a rhythm of their own ("no_index" keeps SQLite off the status one)
        (_SILENT_COLUMNS + f" WHERE contact_rhythm_days IS NOT NULL AND {d.no_index('status')} = 'active'"
         f" AND last_contact_at < {d.days_before('?', 'contact_rhythm_days')}"
         " ORDER BY last_contact_at" + tail, (ctx.midnight,)),
        (_SILENT_COLUMNS + f" WHERE last_contact_at IS NULL AND {d.no_index('status')} = 'active'"
         " AND (contact_rhythm_days IS NOT NULL OR COALESCE(customer_since, created_at) < ?)"
         " ORDER BY COALESCE(customer_since, created_at)" + tail, (first,)),
    ]


def silent(ctx: Ctx, limit: int | None = None, skip=frozenset()) -> list[Silent]:
    """The "not contacted" list: active customers silent beyond their rhythm, longest silence first."""
    found: dict[int, Silent] = {}
    for sql, params in _silent_queries(ctx, limit and limit + len(skip)):
        kept, least = 0, None  # this query's rows found so far, and the shortest silence among them
        for customer_id, name, last, since, own in database.execute_sql(sql, params):
            if customer_id in skip or customer_id in found:
                continue
            last, since = _dt(last), dt.date.fromisoformat(str(since)[:10])
            rhythm = own or ctx.default_rhythm
            days = silence(last, since, ctx.today)
            if limit and kept >= limit and days < least:
                break  # each query comes longest silence first: the rest cannot make the list
            if rhythm_points(days, rhythm):
                found[customer_id] = Silent(customer_id, name, days, rhythm, last is None,
                                            last.date() if last else since)
                kept, least = kept + 1, days
    ordered = sorted(found.values(), key=lambda s: (-s.days, s.customer))
    return ordered[:limit] if limit else ordered


def _rhythm(ids, ctx: Ctx) -> dict[int, list[Reason]]:
    out = {}
    for customer_id, _name, last, since, own in database.execute_sql(
            _SILENT_COLUMNS + f" WHERE id IN ({_marks(ids)}) AND status = 'active'", ids).fetchall():
        last = _dt(last)
        days = silence(last, dt.date.fromisoformat(str(since)[:10]), ctx.today)
        points = rhythm_points(days, own or ctx.default_rhythm)
        if points:
            out[customer_id] = [Reason(points, silence_words(days, last is None), "rhythm")]
    return out


def _rhythm_candidates(ctx: Ctx) -> list[Query]:
    return [(sql.replace(_SILENT_COLUMNS, "SELECT id FROM customer").split(" ORDER BY")[0], params)
            for sql, params in _silent_queries(ctx)]


def _rhythm_moved(ctx: Ctx, start: dt.datetime) -> list[Query]:
    rhythm = dt.timedelta(days=ctx.default_rhythm)
    return [
        # a silence crossing the rhythm or twice the rhythm since ``start``
        ("SELECT id FROM customer WHERE last_contact_at >= ? AND last_contact_at < ?",
         (start - 2 * rhythm - dt.timedelta(days=1), ctx.midnight - 2 * rhythm)),
        ("SELECT id FROM customer WHERE last_contact_at >= ? AND last_contact_at < ?",
         (start - rhythm - dt.timedelta(days=1), ctx.midnight - rhythm)),
        ("SELECT id FROM customer WHERE contact_rhythm_days IS NOT NULL", ()),
        ("SELECT id FROM customer WHERE last_contact_at IS NULL AND COALESCE(customer_since, created_at) >= ?"
         " AND status = 'active'", (start - 2 * rhythm - dt.timedelta(days=2),)),
    ]


# ------------------------------------------------------------------ mood

def _mood(ids, ctx: Ctx) -> dict[int, list[Reason]]:
    rows = database.execute_sql(
        f"""SELECT customer_id, mood, channel, occurred_at FROM (
              SELECT customer_id, mood, channel, occurred_at, ROW_NUMBER() OVER (
                  PARTITION BY customer_id ORDER BY occurred_at DESC, id DESC) AS n
              FROM interaction WHERE customer_id IN ({_marks(ids)}) AND mood != '' AND occurred_at >= ?) AS noted
            WHERE n = 1""", [*ids, ctx.now - dt.timedelta(days=MOOD_WINDOW_DAYS)]).fetchall()
    out = {}
    for customer_id, mood, channel, occurred_at in rows:
        if mood in ("upset", "angry", "worried"):
            text = f"{mood} {CHANNEL_WORDS.get(channel, channel)} on {day_words(_dt(occurred_at))}"
            out[customer_id] = [Reason(5 if mood == "worried" else 15, text, "mood")]
    return out


def _mood_candidates(ctx: Ctx) -> list[Query]:
    return [("SELECT customer_id FROM interaction WHERE occurred_at >= ? AND mood IN ('upset', 'angry', 'worried')",
             (ctx.now - dt.timedelta(days=MOOD_WINDOW_DAYS),))]


def _mood_moved(ctx: Ctx, start: dt.datetime) -> list[Query]:
    window = dt.timedelta(days=MOOD_WINDOW_DAYS)
    return [("SELECT customer_id FROM interaction WHERE mood != '' AND occurred_at >= ? AND occurred_at < ?",
             (start - window, ctx.now - window + dt.timedelta(days=1)))]


SAME_REACH = (f"last {PATTERN_VISITS} visits or {PATTERN_DAYS // 30} months, whichever is more, "
              f"and visits booked for the next {AHEAD_DAYS} days")

RULES: tuple[Rule, ...] = (
    Rule("continuity", (
        ("Technicians seen, by a customer who said the same technician matters",
         "3 or more: −35 (at risk) until one technician has done 3 visits in a row, then −10; "
         "2: −10 until one technician has done 3 in a row", SAME_REACH),
        ("Technicians seen, by anyone else", "3 or more: −15 until one technician has done 3 visits in a row",
         SAME_REACH)),
         _continuity, _continuity_candidates, _continuity_moved),
    Rule("days_kept", (
        ("Visits moved to another day, for a customer who said the day or time matters",
         "3 or more: −35 (at risk) until 3 visits in a row have kept their day, then −5; fewer: −10 each",
         SAME_REACH),),
         _days_kept, _days_kept_candidates, _continuity_moved),
    Rule("concerns", (
        ("A concern not acknowledged (each)", "past the acknowledgment target: −30; within it: −10", "while open"),
        ("A concern acknowledged, not resolved (each)", "past the resolution target: −15; within it: −5",
         "while open")),
         _concerns, _concern_candidates, lambda ctx, start: _concern_candidates(ctx)),
    Rule("follow_ups", (("Follow-ups overdue", "−10 each, at most −20", "until done"),),
         _follow_ups, _follow_up_candidates, _follow_up_moved),
    Rule("changes", (
        ("Visits moved, given to a technician other than their own, cancelled or with no access "
         "(for a customer who said the day matters, moves count under “visits moved to another day” instead)",
         "2 or more: −15; one: −5", f"last {CHANGE_WINDOW_DAYS} days and cancellations {CHANGE_WINDOW_DAYS} days ahead"),),
         _changes, _change_candidates, _change_moved),
    Rule("rhythm", (
        ("No contact beyond the customer's rhythm (active customers)",
         "beyond the rhythm: −15; beyond twice the rhythm: −25",
         "their own rhythm, else the office's (45 days unless changed in Preferences)"),),
         _rhythm, _rhythm_candidates, _rhythm_moved),
    Rule("mood", (("Mood noted on the latest interaction", "upset or angry: −15; worried: −5",
                   f"last {MOOD_WINDOW_DAYS} days"),),
         _mood, _mood_candidates, _mood_moved),
)
