"""Relationship health: a score from 0 to 100 with its reasons in plain words. No black box.

Every customer starts at 100. Each rule below that applies takes points off and adds one
plain reason (the open-concern rules add one reason per concern). The score never goes
below 0. A customer scoring under ``AT_RISK_BELOW`` (70) is *at risk*.

1. **Continuity** — among the last 4 completed visits, 3 or more different technicians:
   −25 ("3 technicians in the last 4 visits"); exactly 2: −10.
2. **Concern not acknowledged** — past the office's acknowledgment target: −30
   ("concern about the timeline open 6 days, not acknowledged"); still within the target: −10.
3. **Concern acknowledged, not resolved** — past the resolution target: −15
   ("concern about billing open 9 days, not resolved"); within the target: −5.
4. **Overdue follow-ups** — −10 each, at most −20 ("follow-up 3 days overdue: …").
5. **Changes to visits** in the last 30 days (a visit moved to another time, a visit given
   to a technician other than the customer's own, a visit cancelled or with no access):
   2 or more: −15 ("2 reschedules and 1 technician change this month"); one: −5.
6. **Contact rhythm** — days since the last interaction (or since they became a customer)
   beyond their rhythm (``Customer.contact_rhythm_days``, else the office default): −15
   ("no contact for 41 days"); beyond twice the rhythm: −25.
7. **Mood** — the latest interaction of the last 60 days that noted a mood: upset or angry:
   −15 ("upset on the phone on 12 Nov"); worried: −5.

``recompute(ids)`` writes ``Customer.health_score`` so the customer list sorts by it in SQL;
the services call it for the customers they touch. Because rhythm and clocks move with time
alone, ``refresh_if_stale()`` recomputes everyone who could have changed once a day,
choosing those customers in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, formatting
from servicedesk.core.services import continuity, customers
from servicedesk.core.services import office as office_service
from servicedesk.core.services.concerns import open_for
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.db import execute_many

AT_RISK_BELOW = 70
CONTINUITY_VISITS = 4
CHANGE_WINDOW_DAYS = 30
MOOD_WINDOW_DAYS = 60
CHANNEL_WORDS = {"phone": "on the phone", "email": "by email", "letter": "by letter", "visit": "at a visit",
                 "in_person": "in person", "text": "by text"}


@dataclass(frozen=True)
class Reason:
    points: int  # taken off the score
    text: str


@dataclass(frozen=True)
class Health:
    customer_id: int
    score: int
    reasons: tuple[Reason, ...]

    @property
    def at_risk(self) -> bool:
        return self.score < AT_RISK_BELOW

    def describe(self) -> str:
        return "; ".join(r.text for r in self.reasons) or "No warning signs"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _dt(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


# ------------------------------------------------------------------ the rules
# Each rule reads a whole chunk of customers in one grouped query and returns their reasons
# by customer id, so recomputing thousands of customers costs a handful of queries.

CHUNK = 500


def _marks(ids) -> str:
    return ",".join("?" * len(ids))


def _continuity(ids, now: dt.datetime) -> dict[int, list[Reason]]:
    """The same figure as ``continuity.figure(customer_id, 4)``, for a chunk at once."""
    rows = database.execute_sql(
        f"""SELECT customer_id, COUNT(*), COUNT(DISTINCT technician_id) FROM (
              SELECT customer_id, technician_id, ROW_NUMBER() OVER (
                  PARTITION BY customer_id ORDER BY starts_at DESC) AS n
              FROM visit WHERE customer_id IN ({_marks(ids)}) AND status = 'completed' AND starts_at <= ?) AS recent
            WHERE n <= ? GROUP BY customer_id""", [*ids, now, CONTINUITY_VISITS]).fetchall()
    out = {}
    for customer_id, visits, techs in rows:
        text = continuity.Continuity(visits, techs, 0.0).describe()
        if techs >= 3:
            out[customer_id] = [Reason(25, text)]
        elif techs == 2:
            out[customer_id] = [Reason(10, text)]
    return out


def _concerns(ids, today: dt.date) -> dict[int, list[Reason]]:
    out: dict[int, list[Reason]] = {}
    for c in open_for(list(ids)):
        days = c.open_days(today)
        age = "raised today" if days == 0 else f"open {_plural(days, 'day')}"
        if c.acknowledged_at is None:
            reason = Reason(30 if c.ack_overdue else 10, f"{c.headline} {age}, not acknowledged")
        else:
            reason = Reason(15 if c.resolve_overdue else 5, f"{c.headline} {age}, not resolved")
        out.setdefault(c.customer_id, []).append(reason)
    return out


def _follow_ups(ids, today: dt.date) -> dict[int, list[Reason]]:
    rows = database.execute_sql(
        f"SELECT customer_id, due_on, reason FROM follow_up WHERE customer_id IN ({_marks(ids)})"
        " AND done_at IS NULL AND due_on < ? ORDER BY customer_id, due_on, id", [*ids, today]).fetchall()
    out: dict[int, list[Reason]] = {}
    for customer_id, due_on, reason in rows:
        late = (today - dt.date.fromisoformat(str(due_on)[:10])).days
        reasons = out.setdefault(customer_id, [])
        points = min(10, 20 - sum(r.points for r in reasons))
        reasons.append(Reason(points, f"follow-up {_plural(late, 'day')} overdue: {reason}"))
    return out


def _changes(ids, now: dt.datetime) -> dict[int, list[Reason]]:
    since = now - dt.timedelta(days=CHANGE_WINDOW_DAYS)
    _d = dialect.current()
    moved = dict(database.execute_sql(
        f"SELECT v.customer_id, COUNT(*) FROM visit_change vc JOIN visit v ON v.id = vc.visit_id"
        f" WHERE v.customer_id IN ({_marks(ids)}) AND vc.changed_at >= ? AND vc.new_starts_at IS NOT NULL"
        " AND vc.old_starts_at IS NOT NULL AND vc.new_starts_at != vc.old_starts_at GROUP BY v.customer_id",
        [*ids, since]).fetchall())
    cancelled = dict(database.execute_sql(
        f"SELECT customer_id, COUNT(*) FROM visit WHERE customer_id IN ({_marks(ids)})"
        " AND status IN ('cancelled', 'no_access') AND starts_at >= ? AND starts_at <= ? GROUP BY customer_id",
        [*ids, since, now + dt.timedelta(days=CHANGE_WINDOW_DAYS)]).fetchall())
    swapped = dict(database.execute_sql(
        f"SELECT v.customer_id, COUNT(*) FROM visit_change vc JOIN visit v ON v.id = vc.visit_id"
        f" JOIN customer c ON c.id = v.customer_id WHERE v.customer_id IN ({_marks(ids)}) AND vc.changed_at >= ?"
        f" AND vc.new_technician_id {_d.is_not} vc.old_technician_id AND vc.new_technician_id {_d.is_not} c.technician_id"
        " AND NOT (vc.new_starts_at IS NOT NULL AND vc.old_starts_at IS NOT NULL"
        " AND vc.new_starts_at != vc.old_starts_at) GROUP BY v.customer_id",  # a move counts once, as a move
        [*ids, since]).fetchall())
    out = {}
    for customer_id in set(moved) | set(swapped) | set(cancelled):
        counts = (moved.get(customer_id, 0), swapped.get(customer_id, 0), cancelled.get(customer_id, 0))
        parts = [_plural(n, word) for n, word in zip(counts, ("reschedule", "technician change", "cancellation"))
                 if n]
        text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        out[customer_id] = [Reason(15 if sum(counts) >= 2 else 5, text + " this month")]
    return out


def _rhythm(ids, now: dt.datetime, default_days: int) -> dict[int, list[Reason]]:
    rows = database.execute_sql(
        "SELECT id, last_contact_at, contact_rhythm_days, customer_since, created_at FROM customer"
        f" WHERE id IN ({_marks(ids)})", ids).fetchall()
    out = {}
    for customer_id, last, rhythm, since, created in rows:
        last, rhythm = _dt(last), rhythm or default_days
        if last is None:
            start = dt.date.fromisoformat(str(since)[:10]) if since else _dt(created).date()
            days = (now.date() - start).days
            text = f"no contact since becoming a customer {_plural(days, 'day')} ago"
        else:
            days = (now.date() - last.date()).days
            text = f"no contact for {days} days"
        if days > 2 * rhythm:
            out[customer_id] = [Reason(25, text)]
        elif days > rhythm:
            out[customer_id] = [Reason(15, text)]
    return out


def _mood(ids, now: dt.datetime) -> dict[int, list[Reason]]:
    rows = database.execute_sql(
        f"""SELECT customer_id, mood, channel, occurred_at FROM (
              SELECT customer_id, mood, channel, occurred_at, ROW_NUMBER() OVER (
                  PARTITION BY customer_id ORDER BY occurred_at DESC, id DESC) AS n
              FROM interaction WHERE customer_id IN ({_marks(ids)}) AND mood != '' AND occurred_at >= ?) AS latest
            WHERE n = 1""", [*ids, now - dt.timedelta(days=MOOD_WINDOW_DAYS)]).fetchall()
    out = {}
    for customer_id, mood, channel, occurred_at in rows:
        if mood in ("upset", "angry", "worried"):
            text = f"{mood} {CHANNEL_WORDS.get(channel, channel)} on {formatting.format_day(_dt(occurred_at), year=False, short=True)}"
            out[customer_id] = [Reason(5 if mood == "worried" else 15, text)]
    return out


def assess_many(customer_ids) -> dict[int, Health]:
    """Score and reasons (largest first) for each customer, a chunk of customers per query."""
    now = clock.now()
    default_days = office_service.get().contact_rhythm_days
    ids = sorted({int(i) for i in customer_ids})
    out = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        found: dict[int, list[Reason]] = {i: [] for i in chunk}
        for rule in (_continuity(chunk, now), _concerns(chunk, now.date()), _follow_ups(chunk, now.date()),
                     _changes(chunk, now), _rhythm(chunk, now, default_days), _mood(chunk, now)):
            for customer_id, reasons in rule.items():
                found[customer_id] += reasons
        for customer_id, reasons in found.items():
            reasons.sort(key=lambda r: -r.points)
            out[customer_id] = Health(customer_id, max(0, 100 - sum(r.points for r in reasons)), tuple(reasons))
    return out


def assess(customer_id: int) -> Health:
    """The score and its reasons, largest first."""
    return assess_many([customer_id])[int(customer_id)]


# ------------------------------------------------------------------ stored scores

FEW = 50  # up to this many customers are updated one by one, more through a temporary table


def recompute(customer_ids) -> None:
    """Write the current score of each customer to ``Customer.health_score`` (only where it changed)."""
    scores = assess_many(customer_ids)
    _d = dialect.current()
    with transaction():
        if len(scores) <= FEW:  # the customers one change touched: each updated by its key
            execute_many(
                "UPDATE customer SET health_score = ? WHERE id = ? AND health_score != ?",
                [(h.score, h.customer_id, h.score) for h in scores.values()])
            return
        database.execute_sql("CREATE TEMP TABLE IF NOT EXISTS health_new (id INTEGER PRIMARY KEY, score INTEGER)")
        database.execute_sql("DELETE FROM health_new")
        rows = [(h.customer_id, h.score) for h in scores.values()]
        execute_many("INSERT INTO health_new (id, score) VALUES (?, ?)", rows)
        database.execute_sql(
            "UPDATE customer SET health_score = (SELECT score FROM health_new WHERE health_new.id = customer.id)"
            # CROSS JOIN keeps the new scores outside: the planner would otherwise walk every
            # customer's score (the temp table has no statistics) however few were recomputed
            f" WHERE id IN (SELECT h.id FROM health_new h {_d.ordered_join} customer c ON c.id = h.id"
            " WHERE c.health_score != h.score)")
        database.execute_sql("DELETE FROM health_new")


def candidates() -> list[int]:
    """Customers whose score could be below 100 (or was): chosen in SQL, never by walking everyone."""
    now = clock.now()
    today = now.date()
    default_days = office_service.get().contact_rhythm_days
    since_changes = now - dt.timedelta(days=CHANGE_WINDOW_DAYS)
    _d = dialect.current()
    sql = f"""
        SELECT id FROM customer WHERE health_score < 100 OR open_concerns > 0
        UNION SELECT customer_id FROM follow_up WHERE due_on < ? AND done_at IS NULL
        UNION SELECT v.customer_id FROM visit_change vc {_d.ordered_join} visit v ON v.id = vc.visit_id WHERE vc.changed_at >= ?
        UNION SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at <= ? AND status IN ('cancelled', 'no_access')
        UNION SELECT customer_id FROM interaction WHERE occurred_at >= ? AND mood IN ('upset', 'angry', 'worried')
        UNION SELECT id FROM customer WHERE contact_rhythm_days IS NULL AND last_contact_at < ?
        UNION SELECT id FROM customer WHERE last_contact_at IS NULL
        UNION SELECT id FROM customer WHERE contact_rhythm_days IS NOT NULL
        UNION SELECT DISTINCT v.customer_id FROM visit v JOIN customer c ON c.id = v.customer_id
              WHERE v.status = 'completed' AND v.starts_at >= ? AND v.technician_id {_d.is_not} c.technician_id
    """
    params = (today, since_changes, since_changes, now + dt.timedelta(days=CHANGE_WINDOW_DAYS),
              now - dt.timedelta(days=MOOD_WINDOW_DAYS), now - dt.timedelta(days=default_days),
              now - dt.timedelta(days=365))
    return [r[0] for r in database.execute_sql(sql, params).fetchall()]


def moved_by_time(last: dt.date) -> list[int]:
    """Customers whose score the passing of time alone may have changed since the pass on ``last``.

    Every write (a concern, a call, a follow-up) recomputes its customer at once; what moves
    on its own is a clock crossing a line: a concern's target passing, a follow-up falling
    due, a silence growing past the rhythm, a reschedule or a mood leaving its window, a visit
    completing. Each line is a range on an indexed column, so a day's pass reads few rows.
    """
    now = clock.now()
    start = dt.datetime.combine(last, dt.time()) - dt.timedelta(days=1)
    rhythm = dt.timedelta(days=office_service.get().contact_rhythm_days)
    change, mood = dt.timedelta(days=CHANGE_WINDOW_DAYS), dt.timedelta(days=MOOD_WINDOW_DAYS)
    _d = dialect.current()
    sql = f"""
        SELECT id FROM customer WHERE open_concerns > 0
        UNION SELECT customer_id FROM follow_up WHERE due_on >= ? AND due_on < ? AND done_at IS NULL
        UNION SELECT v.customer_id FROM visit_change vc {_d.ordered_join} visit v ON v.id = vc.visit_id WHERE vc.changed_at >= ?
        UNION SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at <= ? AND status IN ('cancelled', 'no_access')
        UNION SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at <= ? AND status = 'completed'
        UNION SELECT customer_id FROM interaction WHERE mood != ''
              AND ((occurred_at >= ? AND occurred_at < ?) OR occurred_at >= ?)
        UNION SELECT id FROM customer WHERE last_contact_at >= ? AND last_contact_at < ?
        UNION SELECT id FROM customer WHERE last_contact_at >= ? AND last_contact_at < ?
        UNION SELECT id FROM customer WHERE contact_rhythm_days IS NOT NULL
        UNION SELECT id FROM customer WHERE last_contact_at IS NULL
              AND COALESCE(customer_since, date(created_at)) >= date(?) AND status != 'cancelled'
    """
    params = (start.date(), now.date(), start - change, start - change, now + change, start - dt.timedelta(days=3),
              now, start - mood, now - mood, start, start - 2 * rhythm, now - 2 * rhythm, start - rhythm, now - rhythm,
              start - 2 * rhythm - dt.timedelta(days=1))
    return [r[0] for r in database.execute_sql(sql, params).fetchall()]


_STAMP_KEY = "health_computed_on"


FULL_PASS_UP_TO = 20_000  # customers: the first pass on a database this size rescores everyone at risk


def refresh_if_stale() -> bool:
    """Once a day, recompute the customers time may have moved (``moved_by_time``). Returns whether it ran.

    The first pass on a database rescores every candidate (``candidates()``) when the office
    has up to ``FULL_PASS_UP_TO`` customers (well under a second); a larger office starts from
    yesterday, since every service writes scores as things happen, and whoever loads
    customers in bulk calls ``recompute`` for them.
    """
    today = clock.today()
    stamp = office_service.get_value(_STAMP_KEY)
    if stamp == today.isoformat():
        return False
    if stamp is None and customers.count() <= FULL_PASS_UP_TO:
        recompute(candidates())
    else:
        last = dt.date.fromisoformat(stamp) if stamp else today - dt.timedelta(days=1)
        recompute(moved_by_time(min(last, today)))
    office_service.set_value(_STAMP_KEY, today.isoformat())
    return True


# ------------------------------------------------------------------ the at-risk list

@dataclass(frozen=True)
class AtRisk:
    customer_id: int
    customer: str
    score: int
    reasons: tuple[Reason, ...]


def at_risk_ids(limit: int | None = None) -> list[int]:
    """Customers under the at-risk line, lowest score first, sorted in SQL on the indexed score."""
    sql = ("SELECT id FROM customer WHERE health_score < ? AND status != 'cancelled'"
           " ORDER BY health_score, sort_name, id")
    params: list = [AT_RISK_BELOW]
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [r[0] for r in database.execute_sql(sql, params).fetchall()]


def at_risk_count() -> int:
    return database.execute_sql("SELECT COUNT(*) FROM customer WHERE health_score < ? AND status != 'cancelled'",
                                (AT_RISK_BELOW,)).fetchone()[0]


def at_risk_rows(ids: list[int]) -> list[AtRisk]:
    """Rows for ``ids`` with their reasons, in the same order (the stored score, fresh reasons)."""
    names = {r.id: r for r in customers.rows(ids)}
    scores = assess_many(ids)
    return [AtRisk(i, names[i].name, names[i].health_score, scores[i].reasons) for i in ids if i in names]


def at_risk(limit: int | None = 50) -> list[AtRisk]:
    return at_risk_rows(at_risk_ids(limit))
