"""Staff and technicians, and the time they are away."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.store import transaction
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


@dataclass(frozen=True)
class Absence:
    id: int
    staff_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str
    note: str


def _info(s: Staff) -> StaffInfo:
    return StaffInfo(s.id, s.name, s.role, s.phone, s.email, s.skills, s.color, s.active)


def list_staff(active_only: bool = True, role: str | None = None) -> list[StaffInfo]:
    query = Staff.select().order_by(Staff.name)
    if active_only:
        query = query.where(Staff.active == True)  # noqa: E712
    if role:
        query = query.where(Staff.role == role)
    return [_info(s) for s in query]


def technicians(active_only: bool = True) -> list[StaffInfo]:
    return list_staff(active_only, role="technician")


def get(staff_id: int) -> StaffInfo:
    s = Staff.get_or_none(Staff.id == staff_id)
    if s is None:
        raise NotFound(f"Staff member {staff_id} no longer exists.")
    return _info(s)


def create(name: str, role: str = "technician", phone: str = "", email: str = "",
           skills: str = "", color: str = "#4a7ab5") -> int:
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
                            skills=clean_text(skills), color=color).id


def set_active(staff_id: int, active: bool, left_on: dt.date | None = None) -> None:
    with transaction():
        Staff.update(active=active, left_on=None if active else left_on).where(Staff.id == staff_id).execute()


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
                "starts_at": f"This overlaps time off already recorded from {clash.starts_at:%d %b %H:%M} "
                             f"to {clash.ends_at:%d %b %H:%M} ({clash.reason})."
            })
        return TimeOff.create(staff=staff_id, starts_at=starts_at, ends_at=ends_at,
                              reason=reason, note=clean_text(note)).id


def time_off(staff_id: int | None, start: dt.datetime, end: dt.datetime) -> list[Absence]:
    """Absences overlapping [start, end), for one technician or all."""
    query = TimeOff.select().where((TimeOff.starts_at < end) & (TimeOff.ends_at > start))
    if staff_id is not None:
        query = query.where(TimeOff.staff == staff_id)
    return [Absence(t.id, t.staff_id, t.starts_at, t.ends_at, t.reason, t.note)
            for t in query.order_by(TimeOff.starts_at)]


def is_off(staff_id: int, start: dt.datetime, end: dt.datetime) -> bool:
    return bool(time_off(staff_id, start, end))
