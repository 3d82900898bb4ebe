"""Visits as the board and the lists read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from servicedesk.core import formatting
from servicedesk.core.services import business_days
from servicedesk.core.store import database, dialect

if TYPE_CHECKING:
    from servicedesk.core.services.hours import BusinessHours


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
    closed: str = ""  # booked on a day the office is closed: "" or which day it is (a public holiday's name)


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
    hours: BusinessHours | None = None  # the office's, read with the rest
    closed: tuple[tuple[dt.date, str], ...] = ()  # the days of the range the office is closed, and why


def board(start: dt.datetime, end: dt.datetime, include_cancelled: bool = False) -> Board:
    """Everything the dispatch board shows for [start, end), in one call: lanes, visits, absences.

    Three statements for any real week: its visits with their customers; what matters to those customers and
    which of the visits were moved; the staff with their time off in the range, and the office's settings (its
    business hours).
    """
    from servicedesk.core.services import hours as office_hours
    from servicedesk.core.services import office
    from servicedesk.core.services.technicians import Absence

    status_filter = "" if include_cancelled else " AND v.status != 'cancelled'"
    engine = dialect.current()
    customer = engine.lookup_join("customer", "c", ("name", "sort_name", "technician_id"), "v.customer_id")
    rows = database.execute_sql(
        "SELECT v.id, v.customer_id, c.name, v.technician_id, v.starts_at, v.ends_at, v.service_type, v.status,"
        f" c.technician_id FROM visit v {customer}"
        f" WHERE v.starts_at >= ? AND v.starts_at < ?{status_filter}"
        f" ORDER BY v.starts_at, {engine.letter_order('c.sort_name')}, v.id",
        (start, end),
    ).fetchall()
    kinds: dict[int, set] = {}
    asked: dict[int, tuple] = {}  # (when, technician): the latest technician each customer asked for
    moved: set[int] = set()  # rescheduled or reassigned at least once
    people = sorted({r[1] for r in rows})
    shown = [r[0] for r in rows]
    for first in range(0, len(shown), 5000):  # one statement for any real week
        parts, params = [], []
        chunk = people[first:first + 5000]
        if chunk:
            whose, more = engine.one_of("w.customer_id", chunk)
            parts.append("SELECT w.customer_id, w.kind, w.technician_id, w.recorded_at FROM what_matters w"
                         f" WHERE w.active AND {whose}")
            params += more
        # the moved ones by their ids, through the changes' index (not by reading the week's visits again)
        which, more = engine.one_of("x.visit_id", shown[first:first + 5000])
        parts.append(f"SELECT x.visit_id, NULL, NULL, NULL FROM visit_change x WHERE {which}")
        params += more
        for key, kind, tech, at in database.execute_sql(" UNION ALL ".join(parts), params).fetchall():
            if kind is None:
                moved.add(key)
                continue
            kinds.setdefault(key, set()).add(kind)
            if kind == "same_technician" and tech is not None and (key not in asked or at > asked[key][0]):
                asked[key] = (at, tech)
    lanes = [Lane(None, "Unassigned", "#9a9a9a", True)]
    by_tech: dict[int, list] = {}
    gone: dict[int, dt.date] = {}  # no longer on staff, or leaving: a visit after their last day is in conflict
    names: dict[int, str] = {}
    technicians: list[tuple] = []  # (id, name, colour, at work), by name
    staff = database.execute_sql(
        "SELECT s.id, s.name, s.color, s.active, s.role, s.left_on, t.id, t.starts_at, t.ends_at, t.reason,"
        f" t.note, ({office.STORED_SQL}) FROM staff s"
        " LEFT JOIN time_off t ON t.staff_id = s.id AND t.starts_at < ? AND t.ends_at > ?"
        " ORDER BY s.name, s.id, t.starts_at", (end, start)).fetchall()
    settings = office.from_stored(staff[0][11]) if staff else office.get()
    for r in staff:
        if r[6] is not None:
            by_tech.setdefault(r[0], []).append(Absence(r[6], r[0], _dt(r[7]), _dt(r[8]), r[9], r[10]))
        if r[0] in names:
            continue  # the same person, another absence
        names[r[0]] = r[1]
        if not r[3] or r[5] is not None:
            gone[r[0]] = dt.date.fromisoformat(str(r[5])[:10]) if r[5] else dt.date.min
        if r[4] == "technician":
            technicians.append((r[0], r[1], r[2], bool(r[3])))
    when = dt.datetime.fromisoformat if rows and isinstance(rows[0][4], str) else None  # ISO text in SQLite
    booked_states = ("scheduled", "confirmed")
    matters_of: dict[int, tuple] = {cid: tuple(sorted(k)) for cid, k in kinds.items()}
    asked_of = {cid: tech for cid, (_at, tech) in asked.items()}
    closed = business_days.closed_days(start.date(), (end - dt.timedelta(microseconds=1)).date())
    make = tuple.__new__  # a busy week makes two thousand of these
    out = []
    append = out.append
    for r in rows:
        s, e = (when(r[4]), when(r[5])) if when else (r[4], r[5])
        tech, status = r[3], r[7]
        conflict = ""
        if tech is not None and status in booked_states and (tech in gone or tech in by_tech):
            if tech in gone and s.date() > gone[tech]:
                conflict = "no longer works here"
            for a in by_tech.get(tech, ()):
                if a.starts_at < e and a.ends_at > s:
                    conflict = f"off ({a.reason})"
        customer = r[1]
        append(make(BoardVisit, (r[0], customer, r[2], tech, names.get(tech, ""), s, e, r[6], status,
                                 matters_of.get(customer, ()), asked_of.get(customer, r[8]), r[0] in moved,
                                 conflict, closed.get(s.date(), "") if closed and status in booked_states else "")))
    seen = {v.technician_id for v in out if v.technician_id}
    for tech_id, name, color, active in technicians:
        if active or tech_id in seen:
            lanes.append(Lane(tech_id, name, color, active, tuple(by_tech.get(tech_id, ()))))
    return Board(start, end, tuple(lanes), tuple(out), office_hours.parse(settings.business_hours),
                 tuple(closed.items()))


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
