"""Health history: each customer's score and its reasons, kept when the score changes and only then.

``health.recompute`` announces the customers whose stored score changed
(``events.health_changed``); this module writes one row for each, in the same transaction,
with the rules and reasons behind the new score. A customer whose score never moves has no
rows, so the history stays small however many times the office is rescored.

The history began when an office with customers reached schema step 10, or with the first
customer of a database made since: ``since()``. Before that nothing is known, and the report says
so rather than reading silence as health.

The reasons are kept one by one (a JSON list of their words), so a reason with "; " in it (a
customer's words quoted in a follow-up's reason, say) reads back as the one reason it is. Rows
kept before were the reasons joined with "; "; ``reasons_of`` reads both.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from servicedesk.core import clock, events
from servicedesk.core.services import office as office_service
from servicedesk.core.services.health_rules import AT_RISK_BELOW
from servicedesk.core.store import database
from servicedesk.core.store.db import execute_many

REASONS_UP_TO = 600  # characters of reasons kept per change: enough for every reason a score has
SINCE_KEY = "health_history_since"


@dataclass(frozen=True)
class Change:
    customer_id: int
    changed_at: dt.datetime
    score: int
    rules: tuple[str, ...]  # keys of the health rules that took points off
    reasons: str  # their plain words, joined with "; " for a sentence (``reasons_of`` keeps them apart)

    @property
    def at_risk(self) -> bool:
        return self.score < AT_RISK_BELOW


def moment(value) -> dt.datetime:
    """A ``changed_at`` as read by raw SQL (a string on SQLite, a datetime on PostgreSQL)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def record(healths) -> None:
    """Keep the new score and reasons of each customer whose stored score just changed (the listener)."""
    now = clock.now()
    rows = []
    for h in healths:
        rules = ",".join(dict.fromkeys(r.rule for r in h.reasons if r.rule))
        rows.append((h.customer_id, now, h.score, rules[:255], stored_reasons(r.text for r in h.reasons)))
    execute_many("INSERT INTO health_change (customer_id, changed_at, score, rules, reasons) VALUES (?, ?, ?, ?, ?)",
                 rows)


events.health_changed.connect(record)


def stored_reasons(texts) -> str:
    """The reasons as kept: each whole, in order, up to ``REASONS_UP_TO`` characters (the last one kept cut short)."""
    kept, room = [], REASONS_UP_TO
    for text in texts:
        if room <= 1:
            break
        kept.append(text if len(text) <= room else text[:room - 1] + "…")
        room -= len(text) + 2
    return json.dumps(kept, ensure_ascii=False) if kept else ""


def reasons_of(stored: str | None) -> tuple[str, ...]:
    """The reasons kept with a change, one by one; rows kept before they were kept apart split on "; "."""
    stored = stored or ""
    if stored.startswith("["):
        try:
            found = json.loads(stored)
        except ValueError:
            found = None
        if isinstance(found, list) and all(isinstance(r, str) for r in found):
            return tuple(found)
    return tuple(r for r in stored.split("; ") if r)


def since() -> dt.datetime | None:
    """When the history began: the day an older office started keeping it, else its first customer (None: none yet)."""
    value = office_service.get_value(SINCE_KEY)
    if value:
        return dt.datetime.fromisoformat(value)
    first = database.execute_sql("SELECT MIN(created_at) FROM customer").fetchone()[0]
    return moment(first) if first is not None else None


def _row(r) -> Change:
    return Change(r[0], moment(r[1]), r[2], tuple(x for x in (r[3] or "").split(",") if x), "; ".join(reasons_of(r[4])))


_SELECT = "SELECT customer_id, changed_at, score, rules, reasons FROM health_change"


def for_customer(customer_id: int, until: dt.datetime | None = None) -> list[Change]:
    """One customer's changes, oldest first (up to ``until``)."""
    sql, params = _SELECT + " WHERE customer_id = ?", [customer_id]
    if until is not None:
        sql += " AND changed_at <= ?"
        params.append(until)
    return [_row(r) for r in database.execute_sql(sql + " ORDER BY changed_at, id", params).fetchall()]


def ever_at_risk(until: dt.datetime) -> dict[int, list[Change]]:
    """Every change up to ``until`` of the customers who were ever at risk by then, oldest first per customer.

    Customers never under the line cannot add to an at-risk count or a movement, so they are not read.
    """
    rows = database.execute_sql(
        _SELECT + " WHERE changed_at <= ? AND customer_id IN"
        " (SELECT DISTINCT customer_id FROM health_change WHERE score < ? AND changed_at <= ?)"
        " ORDER BY customer_id, changed_at, id", (until, AT_RISK_BELOW, until)).fetchall()
    out: dict[int, list[Change]] = {}
    for r in rows:
        out.setdefault(r[0], []).append(_row(r))
    return out


def latest_before(moment: dt.datetime) -> dict[int, Change]:
    """Each customer's last recorded change at or before ``moment`` (their score and reasons then)."""
    rows = database.execute_sql(
        """SELECT customer_id, changed_at, score, rules, reasons FROM (
              SELECT customer_id, changed_at, score, rules, reasons, ROW_NUMBER() OVER (
                  PARTITION BY customer_id ORDER BY changed_at DESC, id DESC) AS n
              FROM health_change WHERE changed_at <= ?) AS latest WHERE n = 1""", (moment,)).fetchall()
    return {r[0]: _row(r) for r in rows}
