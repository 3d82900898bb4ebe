"""Visits as the board and the lists read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from servicedesk.core import formatting
from servicedesk.core.store import database, dialect


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


# ------------------------------------------------------------------ the dispatch board

class BoardVisit(NamedTuple):
    """A visit as the board draws it (a tuple: a busy week builds two thousand of them per look)."""

    id: int
    customer_id: int
    customer: str
    technician_id: int | None
    technician: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    service_type: str
    status: str
    matters: tuple[str, ...] = ()  # what-matters kinds, for the icons
    own_technician_id: int | None = None  # the customer's own technician
    moved: bool = False  # rescheduled or reassigned at least once: the history keeps the original slot
    conflict: str = ""  # "" or why the assigned technician cannot be there


@dataclass(frozen=True)
class Lane:
    technician_id: int | None  # None: the unassigned lane
    name: str
    color: str
    active: bool
    absences: tuple = ()  # technicians.Absence overlapping the range


@dataclass(frozen=True)
class Board:
    start: dt.datetime
    end: dt.datetime
    lanes: tuple[Lane, ...]
    visits: tuple[BoardVisit, ...]


def board(start: dt.datetime, end: dt.datetime, include_cancelled: bool = False) -> Board:
    """Everything the dispatch board shows for [start, end), in one call: lanes, visits, absences."""
    from servicedesk.core.services import technicians

    status_filter = "" if include_cancelled else " AND v.status != 'cancelled'"
    rows = database.execute_sql(
        "SELECT v.id, v.customer_id, c.name, v.technician_id, v.starts_at, v.ends_at, v.service_type, v.status,"
        f" COALESCE(s.name, ''), (SELECT {dialect.current().group_concat('DISTINCT w.kind')} FROM what_matters w"
        " WHERE w.customer_id = v.customer_id AND w.active),"
        " COALESCE((SELECT w.technician_id FROM what_matters w WHERE w.customer_id = v.customer_id AND w.active"
        "  AND w.kind = 'same_technician' AND w.technician_id IS NOT NULL ORDER BY w.recorded_at DESC LIMIT 1),"
        "  c.technician_id),"
        " EXISTS (SELECT 1 FROM visit_change x WHERE x.visit_id = v.id)"
        " FROM visit v JOIN customer c ON c.id = v.customer_id LEFT JOIN staff s ON s.id = v.technician_id"
        f" WHERE v.starts_at >= ? AND v.starts_at < ?{status_filter} ORDER BY v.starts_at, c.sort_name",
        (start, end),
    ).fetchall()
    absences = technicians.time_off(None, start, end)
    # gone: no longer on staff, or the visit falls after their last day
    gone = {r[0]: (dt.date.fromisoformat(str(r[1])[:10]) if r[1] else dt.date.min)
            for r in database.execute_sql("SELECT id, left_on FROM staff WHERE NOT active OR left_on IS NOT NULL")}
    by_tech: dict[int, list] = {}
    for a in absences:
        by_tech.setdefault(a.staff_id, []).append(a)
    out = []
    when = _dt
    for r in rows:
        s, e = when(r[4]), when(r[5])  # ISO text in SQLite, datetimes from PostgreSQL
        left = r[3] in gone and s.date() > gone[r[3]]
        conflict = "no longer works here" if left and r[7] in ("scheduled", "confirmed") else ""
        for a in by_tech.get(r[3], ()):
            if a.starts_at < e and a.ends_at > s and r[7] in ("scheduled", "confirmed"):
                conflict = f"off ({a.reason})"
        out.append(BoardVisit(r[0], r[1], r[2], r[3], r[8], s, e, r[6], r[7],
                              tuple(sorted(r[9].split(","))) if r[9] else (), r[10], bool(r[11]), conflict))
    seen = {v.technician_id for v in out if v.technician_id}
    lanes = [Lane(None, "Unassigned", "#9a9a9a", True)]
    for t in database.execute_sql(
            "SELECT id, name, color, active FROM staff WHERE role = 'technician' ORDER BY name").fetchall():
        if t[3] or t[0] in seen:
            lanes.append(Lane(t[0], t[1], t[2], bool(t[3]), tuple(by_tech.get(t[0], ()))))
    return Board(start, end, tuple(lanes), tuple(out))


@dataclass(frozen=True)
class VisitDetail(VisitRow):
    status_reason: str = ""
    address: str = ""
    access_notes: str = ""
    plan_id: int | None = None
    work_done: str = ""
    findings: str = ""
    recommendations: str = ""
    products: tuple[tuple[str, str, str], ...] = ()
    changes: tuple[str, ...] = ()  # the history, oldest first, in words
    notes: str = ""  # notes and instructions it came with from another program


def detail(visit_id: int) -> VisitDetail:
    from servicedesk.core.errors import NotFound

    r = database.execute_sql(
        "SELECT v.id, v.customer_id, c.name, v.technician_id, COALESCE(s.name, ''), v.starts_at, v.ends_at,"
        " v.service_type, v.status, v.status_reason, COALESCE(si.street, c.street), COALESCE(si.city, c.city),"
        " COALESCE(si.access_notes, ''), v.plan_id, v.work_done, v.findings, v.recommendations, v.notes"
        " FROM visit v JOIN customer c ON c.id = v.customer_id LEFT JOIN staff s ON s.id = v.technician_id"
        " LEFT JOIN site si ON si.id = v.site_id WHERE v.id = ?", (visit_id,)).fetchone()
    if r is None:
        raise NotFound(f"Visit {visit_id} no longer exists.")
    products = tuple(tuple(p) for p in database.execute_sql(
        "SELECT name, amount, location FROM product_applied WHERE visit_id = ? ORDER BY id", (visit_id,)).fetchall())
    changes = []
    for c in database.execute_sql(
            "SELECT x.changed_at, x.old_starts_at, x.new_starts_at, COALESCE(a.name, 'nobody'),"
            " COALESCE(b.name, 'nobody'), x.reason FROM visit_change x LEFT JOIN staff a ON a.id = x.old_technician_id"
            " LEFT JOIN staff b ON b.id = x.new_technician_id WHERE x.visit_id = ? ORDER BY x.id",
            (visit_id,)).fetchall():
        old, new = _dt(c[1]), _dt(c[2])
        text = f"{formatting.format_day(_dt(c[0]), year=False, short=True)}: {c[3]} {formatting.format_moment(old)} → {c[4]} {formatting.format_moment(new)}"
        changes.append(text + (f" ({c[5]})" if c[5] else ""))
    address = ", ".join(x for x in (r[10], r[11]) if x)
    return VisitDetail(r[0], r[1], r[2], r[3], r[4], _dt(r[5]), _dt(r[6]), r[7], r[8], r[9], address, r[12],
                       r[13], r[14], r[15], r[16], products, tuple(changes), r[17])


# ------------------------------------------------------------------ the month at a glance

class DayEntry(NamedTuple):
    visit_id: int
    starts_at: dt.datetime
    customer: str
    technician_id: int | None
    color: str
    status: str


def month(start: dt.date, end: dt.date, per_day: int = 4) -> dict[dt.date, tuple[int, tuple[DayEntry, ...]]]:
    """For each day of [start, end) with visits: how many (cancelled ones left out) and the first ``per_day``."""
    rows = database.execute_sql(
        "SELECT v.id, v.starts_at, c.name, v.technician_id, COALESCE(s.color, '#9a9a9a'), v.status"
        " FROM visit v JOIN customer c ON c.id = v.customer_id LEFT JOIN staff s ON s.id = v.technician_id"
        " WHERE v.starts_at >= ? AND v.starts_at < ? AND v.status != 'cancelled' ORDER BY v.starts_at, c.sort_name",
        (dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()))).fetchall()
    counts: dict[dt.date, int] = {}
    first: dict[dt.date, list[DayEntry]] = {}
    for r in rows:
        when = _dt(r[1])
        day = when.date()
        counts[day] = counts.get(day, 0) + 1
        shown = first.setdefault(day, [])
        if len(shown) < per_day:
            shown.append(DayEntry(r[0], when, r[2], r[3], r[4], r[5]))
    return {day: (counts[day], tuple(first[day])) for day in counts}


# ------------------------------------------------------------------ the agenda: a printable list

@dataclass(frozen=True)
class AgendaRow:
    visit_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    technician_id: int | None
    technician: str
    customer_id: int
    customer: str
    company: str
    phone: str
    address: str
    access_notes: str
    service_type: str
    status: str
    matters: tuple[tuple[str, str], ...]  # (kind, the customer's words)


def agenda(start: dt.date, end: dt.date, technician_id: int | None = None) -> list[AgendaRow]:
    """The visits of [start, end) in the order a technician works through them: by day, technician, time."""
    sql = ("SELECT v.id, v.starts_at, v.ends_at, v.technician_id, COALESCE(s.name, ''), c.id, c.name, c.company,"
           " c.phone, COALESCE(si.street, c.street), COALESCE(si.city, c.city), COALESCE(si.access_notes, ''),"
           " v.service_type, v.status FROM visit v JOIN customer c ON c.id = v.customer_id"
           " LEFT JOIN staff s ON s.id = v.technician_id LEFT JOIN site si ON si.id = v.site_id"
           " WHERE v.starts_at >= ? AND v.starts_at < ? AND v.status != 'cancelled'")
    params: list = [dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())]
    if technician_id is not None:
        sql += " AND v.technician_id = ?"
        params.append(technician_id)
    rows = database.execute_sql(sql + " ORDER BY date(v.starts_at), s.name IS NULL, s.name, v.starts_at",
                                params).fetchall()
    customers = sorted({r[5] for r in rows})
    matters: dict[int, list] = {}
    for chunk in range(0, len(customers), 500):
        part = customers[chunk:chunk + 500]
        for cid, kind, words in database.execute_sql(
                f"SELECT customer_id, kind, words FROM what_matters WHERE active AND customer_id IN"
                f" ({','.join('?' * len(part))}) ORDER BY recorded_at", part).fetchall():
            matters.setdefault(cid, []).append((kind, words))
    return [AgendaRow(r[0], _dt(r[1]), _dt(r[2]), r[3], r[4], r[5], r[6], r[7], r[8],
                      ", ".join(x for x in (r[9], r[10]) if x), r[11], r[12], r[13], tuple(matters.get(r[5], ())))
            for r in rows]
