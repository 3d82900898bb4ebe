"""Who is waiting for the office: follow-ups, concerns, queued notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock
from servicedesk.core.store import database


@dataclass(frozen=True)
class QueueItem:
    kind: str  # follow_up, concern
    record_id: int
    customer_id: int
    customer: str
    why: str
    since: dt.datetime | dt.date | None


def open_follow_ups(until: dt.date | None = None) -> list[QueueItem]:
    until = until or clock.today()
    rows = database.execute_sql(
        "SELECT f.id, f.customer_id, c.name, f.reason, f.due_on FROM follow_up f"
        " JOIN customer c ON c.id = f.customer_id WHERE f.done_at IS NULL AND f.due_on <= ?"
        " ORDER BY f.due_on, c.sort_name",
        (until,),
    ).fetchall()
    return [QueueItem("follow_up", r[0], r[1], r[2], r[3], r[4]) for r in rows]


def unacknowledged_concerns() -> list[QueueItem]:
    rows = database.execute_sql(
        "SELECT k.id, k.customer_id, c.name, k.words, k.raised_at FROM concern k"
        " JOIN customer c ON c.id = k.customer_id WHERE k.acknowledged_at IS NULL AND k.resolved_at IS NULL"
        " ORDER BY k.raised_at",
    ).fetchall()
    return [QueueItem("concern", r[0], r[1], r[2], r[3], r[4]) for r in rows]
