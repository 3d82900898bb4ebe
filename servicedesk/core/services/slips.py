"""The order of a project's steps, and how a slip carries through it.

A step depends on earlier ones: finish-to-start (it starts once they are finished) unless said
otherwise, or start-to-start. When a step's dates move, every step depending on it moves by the
same slip, and the steps depending on those in turn, unless the office holds a step's dates on
purpose (then the chain stops there, and the clarity check points out any step now dated before
the one it follows). A step moved this way keeps its planned dates and gets revised ones, and
remembers which step's slip moved it, so a letter explains the cause once for all it moved.

A slip is counted in the office's business days (``business_days``: weekends, public holidays and
the office's own closed days), not calendar days: an end moved from a Thursday to the next Monday
is a slip of two days, and each step after it moves its start and its end by two business days,
so it keeps its length in business days and a crew is never sent out on a Sunday or a holiday
because an earlier step slipped. A date the office planned on a day it is closed (a Saturday pour,
a start-up on a holiday) was planned there on purpose: it moves with the last business day before
it and stays as many days after that day (the Saturday after a Friday stays the day after that
Friday wherever the Friday goes), so only a date planned on a closed day can land on one.

Everything here runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt

from servicedesk.core import clock, session
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import business_days
from servicedesk.core.store.models import DEPENDENCY_KINDS, Milestone, MilestoneDependency

FINISH_TO_START = "finish_to_start"


def current(m: Milestone) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) the customer is told now."""
    return m.actual_start or m.revised_start or m.planned_start, m.revised_end or m.planned_end


def slip(old: dt.date | None, new: dt.date | None, key: tuple | None = None) -> int:
    """How many business days a date moved from ``old`` to ``new`` (negative: earlier; 0: not at all)."""
    return business_days.business_days_apart(old, new, key) if old and new and new != old else 0


def move(day: dt.date | None, days: int, key: tuple | None = None) -> dt.date | None:
    """``day`` moved by a slip of ``days`` business days. A day the office is closed (planned there on
    purpose) moves with the last business day before it and stays as many days after it."""
    if not day or not days:
        return day
    key = key or business_days.calendar_key()
    if business_days.is_business_day(day, key):
        return business_days.shift_business_days(day, days, key)
    before = business_days.subtract_business_days(day, 1, key)
    return business_days.shift_business_days(before, days, key) + (day - before)


def carry(root: Milestone, before: tuple, after: tuple) -> list[int]:
    """Move the steps depending on ``root`` (directly or through others) by its slip from ``before``
    to ``after`` (each a (start, end) pair). Returns the ids of the steps moved."""
    moved: list[int] = []
    key = business_days.calendar_key()
    queue = [(root.id, slip(before[0], after[0], key), slip(before[1], after[1], key))]
    seen = {root.id}
    while queue:
        source, d_start, d_end = queue.pop(0)
        for link in MilestoneDependency.select().where(MilestoneDependency.depends_on == source).order_by(
                MilestoneDependency.id):
            delta = d_end if link.kind == FINISH_TO_START else d_start
            m = Milestone.get_or_none(Milestone.id == link.milestone_id)
            if not delta or m is None or m.id in seen or m.status == "done" or m.held:
                continue
            seen.add(m.id)
            start, end = current(m)
            new_start = start if m.actual_start else move(start, delta, key)
            new_end = move(end, delta, key)
            # a slip taken back never pulls a step before its own plan
            if new_start and m.planned_start and not m.actual_start and new_start < m.planned_start:
                new_start = m.planned_start
            if new_end and m.planned_end and new_end < m.planned_end:
                new_end = m.planned_end
            revised_start = None if m.actual_start or new_start == m.planned_start else new_start
            revised_end = None if new_end == m.planned_end else new_end
            Milestone.update(revised_start=revised_start, revised_end=revised_end,
                             moved_by=root.id if (revised_start or revised_end) else None,
                             version=Milestone.version + 1, changed_by=session.who(), changed_at=clock.now()).where(
                Milestone.id == m.id).execute()
            moved.append(m.id)
            queue.append((m.id, slip(start, new_start, key), slip(end, new_end, key)))
    return moved


def follow_previous(milestone_id: int, project_id: int, position: int) -> None:
    """A new step follows the step before it (finish-to-start)."""
    before = (Milestone.select(Milestone.id).where((Milestone.project == project_id) & (Milestone.position < position)
                                                  & (Milestone.id != milestone_id))
              .order_by(Milestone.position.desc(), Milestone.id.desc()).first())
    if before is not None:
        MilestoneDependency.create(milestone=milestone_id, depends_on=before.id, kind=FINISH_TO_START)


def set_dependencies(milestone_id: int, depends_on: list, kind: str = FINISH_TO_START) -> None:
    """``milestone_id`` now depends on exactly ``depends_on`` (ids, or (id, kind) pairs), each an earlier
    step of the same project."""
    m = Milestone.get_or_none(Milestone.id == milestone_id)
    if m is None:
        raise ValidationError({"depends_on": "That milestone no longer exists."})
    pairs = [(d, kind) if not isinstance(d, (tuple, list)) else tuple(d) for d in depends_on]
    problems = {}
    for other_id, link_kind in pairs:
        other = Milestone.get_or_none(Milestone.id == other_id)
        if link_kind not in DEPENDENCY_KINDS:
            problems["kind"] = f"A step follows another by: {', '.join(k.replace('_', '-') for k in DEPENDENCY_KINDS)}."
        elif other is None or other.project_id != m.project_id:
            problems["depends_on"] = "A step can only follow a step of the same project."
        elif (other.position, other.id) >= (m.position, m.id):
            problems["depends_on"] = (f"“{m.name}” can only follow a step before it; “{other.name}” comes "
                                      "after it in the project's order.")
    if problems:
        raise ValidationError(problems)
    MilestoneDependency.delete().where(MilestoneDependency.milestone == milestone_id).execute()
    for other_id, link_kind in dict(pairs).items():
        MilestoneDependency.create(milestone=milestone_id, depends_on=other_id, kind=link_kind)


def bridge(milestone_id: int) -> None:
    """Before a step is removed: the steps that followed it follow what it followed."""
    before = [(d.depends_on_id, d.kind) for d in
              MilestoneDependency.select().where(MilestoneDependency.milestone == milestone_id)]
    for link in MilestoneDependency.select().where(MilestoneDependency.depends_on == milestone_id):
        for other_id, _kind in before:
            MilestoneDependency.insert(milestone=link.milestone_id, depends_on=other_id,
                                       kind=link.kind).on_conflict_ignore().execute()


def drop_forward_links(project_id: int) -> None:
    """After the order changed: a step no longer depends on one that now comes after it."""
    order = {m.id: (m.position, m.id) for m in Milestone.select().where(Milestone.project == project_id)}
    for link in (MilestoneDependency.select().join(Milestone, on=(MilestoneDependency.milestone == Milestone.id))
                 .where(Milestone.project == project_id)):
        if order.get(link.depends_on_id, (0, 0)) >= order.get(link.milestone_id, (0, 0)):
            link.delete_instance()
