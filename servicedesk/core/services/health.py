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
5. **Reschedules and cancellations** in the last 30 days (a visit moved to another time,
   a visit cancelled or with no access): 2 or more: −15 ("2 reschedules this month");
   one: −5.
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

from servicedesk.core import clock
from servicedesk.core.services import continuity, customers
from servicedesk.core.services import office as office_service
from servicedesk.core.services.concerns import CATEGORY_WORDS, list_concerns
from servicedesk.core.store import database, transaction

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

def _continuity(customer_id: int) -> list[Reason]:
    fig = continuity.figure(customer_id, CONTINUITY_VISITS)
    text = f"{_plural(fig.technicians, 'technician')} in the last {_plural(fig.visits, 'visit')}"
    if fig.technicians >= 3:
        return [Reason(25, text)]
    if fig.technicians == 2:
        return [Reason(10, text)]
    return []


def _concerns(customer_id: int, today: dt.date) -> list[Reason]:
    out = []
    for c in list_concerns(open_only=True, customer_id=customer_id):
        about = CATEGORY_WORDS.get(c.category, c.category)
        days = c.open_days(today)
        age = "raised today" if days == 0 else f"open {_plural(days, 'day')}"
        if c.acknowledged_at is None:
            out.append(Reason(30 if c.ack_overdue else 10, f"concern about {about} {age}, not acknowledged"))
        else:
            out.append(Reason(15 if c.resolve_overdue else 5, f"concern about {about} {age}, not resolved"))
    return out


def _follow_ups(customer_id: int, today: dt.date) -> list[Reason]:
    rows = database.execute_sql(
        "SELECT due_on, reason FROM follow_up WHERE customer_id = ? AND done_at IS NULL AND due_on < ?"
        " ORDER BY due_on, id", (customer_id, today)).fetchall()
    out, taken = [], 0
    for due_on, reason in rows:
        late = (today - dt.date.fromisoformat(str(due_on)[:10])).days
        points = min(10, 20 - taken)
        taken += points
        out.append(Reason(points, f"follow-up {_plural(late, 'day')} overdue: {reason}"))
    return out


def _changes(customer_id: int, now: dt.datetime) -> list[Reason]:
    since = now - dt.timedelta(days=CHANGE_WINDOW_DAYS)
    moved = database.execute_sql(
        "SELECT COUNT(*) FROM visit_change vc JOIN visit v ON v.id = vc.visit_id WHERE v.customer_id = ?"
        " AND vc.changed_at >= ? AND vc.new_starts_at IS NOT NULL AND vc.old_starts_at IS NOT NULL"
        " AND vc.new_starts_at != vc.old_starts_at", (customer_id, since)).fetchone()[0]
    cancelled = database.execute_sql(
        "SELECT COUNT(*) FROM visit WHERE customer_id = ? AND status IN ('cancelled', 'no_access')"
        " AND starts_at >= ? AND starts_at <= ?", (customer_id, since, now + dt.timedelta(days=CHANGE_WINDOW_DAYS))
    ).fetchone()[0]
    total = moved + cancelled
    if not total:
        return []
    parts = [p for p in (moved and _plural(moved, "reschedule"), cancelled and _plural(cancelled, "cancellation")) if p]
    return [Reason(15 if total >= 2 else 5, " and ".join(parts) + " this month")]


def _rhythm(customer_id: int, now: dt.datetime, default_days: int) -> list[Reason]:
    row = database.execute_sql(
        "SELECT last_contact_at, contact_rhythm_days, customer_since, created_at FROM customer WHERE id = ?",
        (customer_id,)).fetchone()
    if row is None:
        return []
    last, rhythm = _dt(row[0]), row[1] or default_days
    if last is None:
        start = dt.date.fromisoformat(str(row[2])[:10]) if row[2] else _dt(row[3]).date()
        days = (now.date() - start).days
        text = f"no contact since becoming a customer {_plural(days, 'day')} ago"
    else:
        days = (now.date() - last.date()).days
        text = f"no contact for {days} days"
    if days > 2 * rhythm:
        return [Reason(25, text)]
    if days > rhythm:
        return [Reason(15, text)]
    return []


def _mood(customer_id: int, now: dt.datetime) -> list[Reason]:
    row = database.execute_sql(
        "SELECT mood, channel, occurred_at FROM interaction WHERE customer_id = ? AND mood != ''"
        " AND occurred_at >= ? ORDER BY occurred_at DESC, id DESC LIMIT 1",
        (customer_id, now - dt.timedelta(days=MOOD_WINDOW_DAYS))).fetchone()
    if row is None or row[0] not in ("upset", "angry", "worried"):
        return []
    text = f"{row[0]} {CHANNEL_WORDS.get(row[1], row[1])} on {_dt(row[2]):%d %b}"
    return [Reason(5 if row[0] == "worried" else 15, text)]


def assess(customer_id: int) -> Health:
    """The score and its reasons, largest first."""
    now = clock.now()
    default_days = office_service.get().contact_rhythm_days
    reasons = (
        _continuity(customer_id) + _concerns(customer_id, now.date()) + _follow_ups(customer_id, now.date())
        + _changes(customer_id, now) + _rhythm(customer_id, now, default_days) + _mood(customer_id, now)
    )
    reasons.sort(key=lambda r: -r.points)
    return Health(customer_id, max(0, 100 - sum(r.points for r in reasons)), tuple(reasons))


# ------------------------------------------------------------------ stored scores

def recompute(customer_ids) -> None:
    """Write the current score of each customer to ``Customer.health_score``."""
    ids = sorted({int(i) for i in customer_ids})
    with transaction():
        for customer_id in ids:
            database.execute_sql("UPDATE customer SET health_score = ? WHERE id = ?",
                                 (assess(customer_id).score, customer_id))


def candidates() -> list[int]:
    """Customers whose score could be below 100 (or was): chosen in SQL, never by walking everyone."""
    now = clock.now()
    today = now.date()
    default_days = office_service.get().contact_rhythm_days
    since_changes = now - dt.timedelta(days=CHANGE_WINDOW_DAYS)
    sql = """
        SELECT id FROM customer WHERE health_score < 100 OR open_concerns > 0
        UNION SELECT customer_id FROM follow_up WHERE due_on < ? AND done_at IS NULL
        UNION SELECT v.customer_id FROM visit_change vc JOIN visit v ON v.id = vc.visit_id WHERE vc.changed_at >= ?
        UNION SELECT customer_id FROM visit WHERE starts_at >= ? AND starts_at <= ? AND status IN ('cancelled', 'no_access')
        UNION SELECT customer_id FROM interaction WHERE occurred_at >= ? AND mood IN ('upset', 'angry', 'worried')
        UNION SELECT id FROM customer WHERE contact_rhythm_days IS NULL AND last_contact_at < ?
        UNION SELECT id FROM customer WHERE last_contact_at IS NULL
        UNION SELECT id FROM customer WHERE contact_rhythm_days IS NOT NULL
        UNION SELECT DISTINCT v.customer_id FROM visit v JOIN customer c ON c.id = v.customer_id
              WHERE v.status = 'completed' AND v.starts_at >= ? AND v.technician_id IS NOT c.technician_id
    """
    params = (today, since_changes, since_changes, now + dt.timedelta(days=CHANGE_WINDOW_DAYS),
              now - dt.timedelta(days=MOOD_WINDOW_DAYS), now - dt.timedelta(days=default_days),
              now - dt.timedelta(days=365))
    return [r[0] for r in database.execute_sql(sql, params).fetchall()]


_STAMP_KEY = "health_computed_on"


def refresh_if_stale() -> bool:
    """Recompute the customers who could have changed, once per day. Returns whether it ran."""
    today = clock.today().isoformat()
    if office_service.get_value(_STAMP_KEY) == today:
        return False
    recompute(candidates())
    office_service.set_value(_STAMP_KEY, today)
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


def at_risk_rows(ids: list[int]) -> list[AtRisk]:
    """Rows for ``ids`` with their reasons, in the same order (the stored score, fresh reasons)."""
    names = {r.id: r for r in customers.rows(ids)}
    return [AtRisk(i, names[i].name, names[i].health_score, assess(i).reasons) for i in ids if i in names]


def at_risk(limit: int | None = 50) -> list[AtRisk]:
    return at_risk_rows(at_risk_ids(limit))
