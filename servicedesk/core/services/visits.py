"""Visits as the board and the lists read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core.store import database


@dataclass(frozen=True)
class VisitRow:
    id: int
    customer_id: int
    customer: str
    technician_id: int | None
    technician: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    service_type: str
    status: str


def _dt(value):
    return value if isinstance(value, dt.datetime) or value is None else dt.datetime.fromisoformat(value)


def between(start: dt.datetime, end: dt.datetime) -> list[VisitRow]:
    """Visits starting in [start, end), in time order: only the visible range is loaded."""
    rows = database.execute_sql(
        "SELECT v.id, v.customer_id, c.name, v.technician_id, COALESCE(s.name, ''), v.starts_at, v.ends_at,"
        " v.service_type, v.status FROM visit v JOIN customer c ON c.id = v.customer_id"
        " LEFT JOIN staff s ON s.id = v.technician_id"
        " WHERE v.starts_at >= ? AND v.starts_at < ? ORDER BY v.starts_at, s.name",
        (start, end),
    ).fetchall()
    return [VisitRow(r[0], r[1], r[2], r[3], r[4], _dt(r[5]), _dt(r[6]), r[7], r[8]) for r in rows]
