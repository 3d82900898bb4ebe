"""Relationship health: a score from 0 to 100 with its reasons in plain words. No black box.

Every customer starts at 100. Each rule that applies takes points off and adds one plain
reason (the open-concern rules add one reason per concern). The score never goes below 0. A
customer scoring under ``AT_RISK_BELOW`` (70) is *at risk*. The rules, their points and their
windows are defined once, in ``health_rules.RULES``; ``rules_table()`` writes them out for the
README, and a test keeps the two the same.

``recompute(ids)`` writes ``Customer.health_score`` so the customer list sorts by it in SQL;
it listens to ``events.customers_changed``, so every service that changes what health reads
rescores the customers it touched. Because rhythm and clocks move with time alone,
``refresh_if_stale()`` recomputes everyone who could have changed once a day, choosing those
customers with each rule's own SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, events, formatting
from servicedesk.core.services import continuity, customers
from servicedesk.core.services import office as office_service
from servicedesk.core.services.health_rules import (  # noqa: F401  (the names callers read here)
    AT_RISK_BELOW,
    CHANGE_WINDOW_DAYS,
    MOOD_WINDOW_DAYS,
    RULES,
    Ctx,
    Reason,
)
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.db import execute_many


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


CHUNK = 500


def context() -> Ctx:
    return Ctx(clock.now(), office_service.get().contact_rhythm_days)


def assess_many(customer_ids) -> dict[int, Health]:
    """Score and reasons (largest first) for each customer, a chunk of customers per query and rule."""
    ctx = context()
    ids = sorted({int(i) for i in customer_ids})
    out = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        found: dict[int, list[Reason]] = {i: [] for i in chunk}
        for rule in RULES:
            for customer_id, reasons in rule.score(chunk, ctx).items():
                found[customer_id] += reasons
        for customer_id, reasons in found.items():
            reasons.sort(key=lambda r: -r.points)
            out[customer_id] = Health(customer_id, max(0, 100 - sum(r.points for r in reasons)), tuple(reasons))
    return out


def assess(customer_id: int) -> Health:
    """The score and its reasons, largest first."""
    return assess_many([customer_id])[int(customer_id)]


def rules_table() -> str:
    """The rules as the README's Markdown table: what each looks at, its points and its window."""
    lines = ["| Rule | Points off | Looks at |", "|---|---|---|"]
    for rule in RULES:
        for title, points, window in rule.rows:
            lines.append(f"| {title} | {points} | {window} |")
    return "\n".join(lines)


# ------------------------------------------------------------------ stored scores

FEW = 50  # up to this many customers are updated one by one, more through a temporary table


def recompute(customer_ids) -> None:
    """Write the current score of each customer to ``Customer.health_score`` (only where it changed)."""
    if not customer_ids:
        return
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


def _union(queries) -> list[int]:
    found: set[int] = set()
    for sql, params in queries:
        found.update(r[0] for r in database.execute_sql(sql, params).fetchall())
    return sorted(found)


def candidates() -> list[int]:
    """Customers whose score could be below 100 (or was): each rule's own SQL, never walking everyone."""
    ctx = context()
    queries = [("SELECT id FROM customer WHERE health_score < 100", ())]
    for rule in RULES:
        queries += rule.candidates(ctx)
    return _union(queries)


def moved_by_time(last: dt.date) -> list[int]:
    """Customers whose score the passing of time alone may have changed since the pass on ``last``.

    Every write (a concern, a call, a follow-up) rescores its customer at once; what moves on
    its own is a clock crossing a line: a concern's target passing, a follow-up falling due, a
    silence growing past the rhythm, a change or a mood leaving its window, a visit completing
    or coming into view. Each rule names its own lines, ranges on indexed columns.
    """
    ctx = context()
    start = dt.datetime.combine(last, dt.time()) - dt.timedelta(days=1)
    queries = []
    for rule in RULES:
        queries += rule.moved(ctx, start)
    return _union(queries)


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


events.customers_changed.connect(recompute, order=10)
