"""Staff and technicians, and the time they are away."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, events, formatting
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import STAFF_ROLES, TIME_OFF_REASONS, Staff, TimeOff
from servicedesk.core.validation import clean_text


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    role: str
    phone: str
    email: str
    skills: str
    color: str
    active: bool
    licence_number: str = ""  # a pesticide applicator's licence


@dataclass(frozen=True)
class Absence:
    id: int
    staff_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str
    note: str


def _info(s: Staff) -> StaffInfo:
    return StaffInfo(s.id, s.name, s.role, s.phone, s.email, s.skills, s.color, s.active, s.licence_number)


def list_staff(active_only: bool = True, role: str | None = None) -> list[StaffInfo]:
    sql = "SELECT id, name, role, phone, email, skills, color, active, licence_number FROM staff WHERE 1 = 1"
    params: list = []
    if active_only:
        sql += " AND active"
    if role:
        sql += " AND role = ?"
        params.append(role)
    rows = database.execute_sql(sql + " ORDER BY name", params).fetchall()
    return [StaffInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8]) for r in rows]


def technicians(active_only: bool = True) -> list[StaffInfo]:
    return list_staff(active_only, role="technician")


# The technicians at work, by name, as (columns, source, order) for ``dialect.json_rows``: the choices wherever
# someone picks "their technician" beside other things read in the same statement.
AT_WORK = ("t.id, t.name", "FROM staff t WHERE t.active AND t.role = 'technician'", "t.name")


def get(staff_id: int) -> StaffInfo:
    s = Staff.get_or_none(Staff.id == staff_id)
    if s is None:
        raise NotFound(f"Staff member {staff_id} no longer exists.")
    return _info(s)


# Colours that tell the board's lanes apart at a glance: no two blues, no grey (the unassigned lane's).
DISTINCT_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                    "#bcbd22", "#393b79", "#637939", "#ad494a")


def next_colour() -> str:
    """The first of the distinct colours no technician at work has yet (after twelve, they come round again)."""
    used = [r[0].lower() for r in database.execute_sql(
        "SELECT color FROM staff WHERE active AND role = 'technician'").fetchall()]
    free = [c for c in DISTINCT_COLOURS if c not in used]
    return free[0] if free else DISTINCT_COLOURS[len(used) % len(DISTINCT_COLOURS)]


def create(name: str, role: str = "technician", phone: str = "", email: str = "",
           skills: str = "", color: str | None = None, licence_number: str = "") -> int:
    """A new staff member; without a colour, a technician gets one no colleague at work has."""
    color = color or next_colour()
    name = clean_text(name).strip()
    problems = {}
    if not name:
        problems["name"] = "The staff member's name is required."
    if role not in STAFF_ROLES:
        problems["role"] = f"Role must be one of: {', '.join(STAFF_ROLES)}."
    if problems:
        raise ValidationError(problems)
    with transaction():
        return Staff.create(name=name, role=role, phone=clean_text(phone), email=clean_text(email),
                            skills=clean_text(skills), color=color,
                            licence_number=clean_text(licence_number).strip()).id


def set_active(staff_id: int, active: bool, left_on: dt.date | None = None) -> None:
    """Back at work, or gone (``left_on``: their last day, default yesterday): gone opens a hand-over."""
    if not active:
        mark_leaving(staff_id, left_on or clock.today() - dt.timedelta(days=1))
        return
    with transaction():
        leaving = Staff.select().where((Staff.id == staff_id) & Staff.left_on.is_null(False)).exists()
        Staff.update(active=True, left_on=None).where(Staff.id == staff_id).execute()
        if leaving:
            events.technician_staying(staff_id)


def mark_leaving(staff_id: int, last_day: dt.date) -> None:
    """The technician's last day is ``last_day``: they stay on the board until then, and every customer
    whose plan, preference or later visits name them is handed over (``events.technician_leaving``)."""
    if not isinstance(last_day, dt.date):
        raise ValidationError({"left_on": "Give the technician's last day."})
    if Staff.get_or_none(Staff.id == staff_id) is None:
        raise NotFound(f"Staff member {staff_id} no longer exists.")
    with transaction():
        Staff.update(active=last_day >= clock.today(), left_on=last_day).where(Staff.id == staff_id).execute()
        events.technician_leaving(staff_id, last_day)


def gone_by(person: Staff, day: dt.date) -> bool:
    """Whether ``person`` no longer works here on ``day``: gone already, or ``day`` is after their last day."""
    return not person.active or (person.left_on is not None and day > person.left_on)


def retire_departed() -> int:
    """Those whose last day has passed no longer work here (run once a day, before the queue)."""
    with transaction():
        return (Staff.update(active=False)
                .where(Staff.active & Staff.left_on.is_null(False) & (Staff.left_on < clock.today())).execute())


def add_time_off(staff_id: int, starts_at: dt.datetime, ends_at: dt.datetime,
                 reason: str = "vacation", note: str = "") -> int:
    """Record an absence. Overlaps are checked on the whole interval, not just its start."""
    if reason not in TIME_OFF_REASONS:
        raise ValidationError({"reason": f"Reason must be one of: {', '.join(TIME_OFF_REASONS)}."})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The time off must end after it starts."})
    with transaction():
        clash = (
            TimeOff.select()
            .where((TimeOff.staff == staff_id) & (TimeOff.starts_at < ends_at) & (TimeOff.ends_at > starts_at))
            .first()
        )
        if clash:
            raise ValidationError({
                "starts_at": f"This overlaps time off already recorded: "
                             f"{formatting.format_absence(clash.starts_at, clash.ends_at)} ({clash.reason})."
            })
        time_off_id = TimeOff.create(staff=staff_id, starts_at=starts_at, ends_at=ends_at,
                                     reason=reason, note=clean_text(note)).id
        events.time_off_added(staff_id, starts_at, ends_at)
        return time_off_id


def time_off(staff_id: int | None, start: dt.datetime, end: dt.datetime) -> list[Absence]:
    """Absences overlapping [start, end), for one technician or all."""
    query = TimeOff.select().where((TimeOff.starts_at < end) & (TimeOff.ends_at > start))
    if staff_id is not None:
        query = query.where(TimeOff.staff == staff_id)
    return [Absence(t.id, t.staff_id, t.starts_at, t.ends_at, t.reason, t.note)
            for t in query.order_by(TimeOff.starts_at)]


def is_off(staff_id: int, start: dt.datetime, end: dt.datetime) -> bool:
    return bool(time_off(staff_id, start, end))


STAFF_EDITABLE = ("name", "role", "phone", "email", "skills", "color", "licence_number")


def update(staff_id: int, **values) -> None:
    """Edit a staff record; every problem is named, nothing is saved when one is found."""
    unknown = set(values) - set(STAFF_EDITABLE)
    if unknown:
        raise ValueError(f"unknown staff fields: {sorted(unknown)}")
    data = {k: clean_text(v).strip() for k, v in values.items()}
    problems = {}
    if "name" in data and not data["name"]:
        problems["name"] = "The staff member's name is required."
    if "role" in data and data["role"] not in STAFF_ROLES:
        problems["role"] = f"Role must be one of: {', '.join(STAFF_ROLES)}."
    if "color" in data and not _is_colour(data["color"]):
        problems["color"] = f"“{data['color']}” is not a colour (use #rrggbb)."
    if Staff.get_or_none(Staff.id == staff_id) is None:
        problems["staff"] = "This staff member no longer exists."
    if problems:
        raise ValidationError(problems)
    with transaction():
        Staff.update(**data).where(Staff.id == staff_id).execute()


def _is_colour(text: str) -> bool:
    return len(text) == 7 and text.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in text[1:])


def add_days_off(staff_id: int, first: dt.date, last: dt.date, reason: str = "vacation", note: str = "") -> int:
    """Whole days off, ``first`` to ``last`` inclusive."""
    return add_time_off(staff_id, dt.datetime.combine(first, dt.time()),
                        dt.datetime.combine(last + dt.timedelta(days=1), dt.time()), reason, note)


def remove_time_off(time_off_id: int) -> None:
    """Take recorded time off back; a hand-over it opened closes for the customers not handed over yet."""
    with transaction():
        gone = TimeOff.get_or_none(TimeOff.id == time_off_id)
        TimeOff.delete().where(TimeOff.id == time_off_id).execute()
        if gone is not None:
            events.time_off_removed(gone.staff_id, gone.starts_at, gone.ends_at)


def absence_at(staff_id: int, start: dt.datetime, end: dt.datetime) -> Absence | None:
    """The first absence overlapping [start, end), if the technician is away for any of it."""
    found = time_off(staff_id, start, end)
    return found[0] if found else None


def find_by_name(name: str) -> StaffInfo:
    """The one staff member called ``name`` (case-insensitive; a unique beginning is enough)."""
    wanted = clean_text(name).strip().casefold()
    everyone = list_staff(active_only=False)
    exact = [s for s in everyone if s.name.casefold() == wanted]
    starts = [s for s in everyone if s.name.casefold().startswith(wanted)] if wanted else []
    found = exact or starts
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"There is no staff member called “{name}”.")
    raise ValidationError({"technician": f"“{name}” could be {', '.join(s.name for s in found)}; be more precise."})
