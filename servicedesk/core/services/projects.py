"""Projects with milestones: planned and actual dates, delays in plain words, and the clarity check.

Whenever a milestone's planned dates change, the plan as it stood is kept as a baseline, so a
letter can say "planned 3 May, now 10 May" without anyone having to remember.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from servicedesk.core import clock, events, formatting, session
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services import conflicts, slips
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.db import for_update
from servicedesk.core.store.models import (
    MILESTONE_STATUSES,
    PROJECT_STATUSES,
    WAITING_ON,
    Customer,
    FollowUp,
    Milestone,
    MilestoneBaseline,
    Project,
    Site,
    Staff,
)
from servicedesk.core.validation import clean_text

WAITING_ON_WORDS = {
    "": "",
    "permit": "the permit",
    "inspection": "the inspection",
    "weather": "the weather",
    "materials": "materials",
    "customer_decision": "your decision",
    "crew": "the crew",
}


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    customer_id: int
    customer: str
    site_id: int | None
    name: str
    lead_id: int | None
    lead: str
    lead_phone: str
    starts_on: dt.date | None
    target_on: dt.date | None
    status: str
    last_letter_at: dt.datetime | None
    lead_left_on: dt.date | None = None  # the lead's last day, when they are leaving or have left
    lead_active: bool = True  # False once the lead no longer works here

    def lead_gone(self, as_of: dt.date) -> bool:
        """The lead no longer works here on ``as_of`` (their last day has passed, or they were marked gone)."""
        if not self.lead_id:
            return False
        return not self.lead_active or bool(self.lead_left_on and self.lead_left_on < as_of)


@dataclass(frozen=True)
class MilestoneInfo:
    id: int
    project_id: int
    position: int
    name: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    status: str
    waiting_on: str
    delay_reason: str
    revised_end: dt.date | None
    decision_needed: str
    original_end: dt.date | None  # the end date first promised (the oldest baseline, else the plan)
    original_start: dt.date | None = None
    revised_start: dt.date | None = None
    held: bool = False  # the office keeps these dates when an earlier step slips
    moved_by: int | None = None  # the milestone whose slip moved this one
    depends_on: tuple[tuple[int, str], ...] = ()  # (earlier milestone, finish_to_start | start_to_start)
    updated_at: dt.datetime | None = None  # when the office last changed anything on it

    @property
    def current_end(self) -> dt.date | None:
        """The date the customer can count on now."""
        return self.revised_end or self.planned_end

    @property
    def current_start(self) -> dt.date | None:
        """When the step starts (or started): the actual start, else the revised one, else the plan."""
        return self.actual_start or self.revised_start or self.planned_start

    @property
    def done(self) -> bool:
        return self.status == "done"

    def is_late(self, as_of: dt.date) -> bool:
        if self.done:
            return bool(self.actual_end and self.original_end and self.actual_end > self.original_end)
        if self.status == "delayed":
            return True
        if self.original_end and self.current_end and self.current_end > self.original_end:
            return True
        return bool(self.current_end and self.current_end < as_of)


# ------------------------------------------------------------------ reading

_PROJECT_SQL = (
    "SELECT p.id, p.customer_id, COALESCE(c.name, ''), p.site_id, p.name, p.lead_id, COALESCE(s.name, ''),"
    " COALESCE(s.phone, ''), p.starts_on, p.target_on, p.status, p.last_letter_at, s.left_on, s.active"
    " FROM project p LEFT JOIN customer c ON c.id = p.customer_id LEFT JOIN staff s ON s.id = p.lead_id"
)


def _as_date(value):
    return dt.date.fromisoformat(str(value)[:10]) if isinstance(value, str) else value


def _as_moment(value):
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _project_info(r) -> ProjectInfo:
    return ProjectInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _as_date(r[8]), _as_date(r[9]), r[10],
                       _as_moment(r[11]), _as_date(r[12]), r[13] is None or bool(r[13]))


def get(project_id: int) -> ProjectInfo:
    row = database.execute_sql(_PROJECT_SQL + " WHERE p.id = ?", (project_id,)).fetchone()
    if row is None:
        raise NotFound(f"Project {project_id} no longer exists.")
    return _project_info(row)


def get_many(project_ids) -> dict[int, ProjectInfo]:
    """Several projects in one statement, by id (those that no longer exist are left out)."""
    ids = sorted({int(i) for i in project_ids})
    if not ids:
        return {}
    where, params = dialect.current().one_of("p.id", ids)
    return {r[0]: _project_info(r) for r in database.execute_sql(_PROJECT_SQL + " WHERE " + where, params)}


# The projects an office works from: under way, and paused (still the customer's, shown marked as on hold)
WORKED_ON = ("active", "on_hold")


def list_projects(status: str | tuple[str, ...] | None = None, customer_id: int | None = None) -> list[ProjectInfo]:
    """Projects, active ones first; ``status`` one status or several (``WORKED_ON``), None for all."""
    where, params = [], []
    if status:
        statuses = (status,) if isinstance(status, str) else tuple(status)
        where.append(f"p.status IN ({', '.join('?' * len(statuses))})")
        params.extend(statuses)
    if customer_id:
        where.append("p.customer_id = ?")
        params.append(customer_id)
    sql = _PROJECT_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY p.status != 'active', c.sort_name, p.name"
    return [_project_info(r) for r in database.execute_sql(sql, params).fetchall()]


COUNT_SQL = "SELECT COUNT(*) FROM project WHERE customer_id = {customer}"  # {customer}: the customer's id, as SQL


def count_for_customer(customer_id: int) -> int:
    """How many projects the customer has (the profile's tab says so before the list is read)."""
    return database.execute_sql(COUNT_SQL.format(customer="?"), (customer_id,)).fetchone()[0]


def active_ids() -> list[int]:
    """Projects under way, the ones that get a weekly letter, in the order the letters print."""
    return [p.id for p in list_projects(status="active")]


def milestones(project_id: int) -> list[MilestoneInfo]:
    return milestones_of([project_id])[project_id]


def milestones_of(project_ids) -> dict[int, list[MilestoneInfo]]:
    """The milestones of each of several projects, in their order, read in three statements for them all."""
    ids = sorted({int(i) for i in project_ids})
    out: dict[int, list[MilestoneInfo]] = {i: [] for i in ids}
    if not ids:
        return out
    d = dialect.current()
    firsts = {}
    where, params = d.one_of("m.project_id", ids)
    for b in database.execute_sql(
            "SELECT b.milestone_id, b.planned_start, b.planned_end FROM milestone_baseline b"
            f" JOIN milestone m ON m.id = b.milestone_id WHERE {where} ORDER BY b.id", params):
        firsts.setdefault(b[0], (_as_date(b[1]), _as_date(b[2])))
    links: dict[int, list[tuple[int, str]]] = {}
    for milestone_id, depends_on, kind in database.execute_sql(
            "SELECT d.milestone_id, d.depends_on_id, d.kind FROM milestone_dependency d"
            f" JOIN milestone m ON m.id = d.milestone_id WHERE {where} ORDER BY d.id", params):
        links.setdefault(milestone_id, []).append((depends_on, kind))
    where, params = d.one_of("project_id", ids)
    rows = database.execute_sql(
        "SELECT id, project_id, position, name, planned_start, planned_end, actual_start, actual_end, status,"
        " waiting_on, delay_reason, revised_end, decision_needed, revised_start, held, moved_by_id, updated_at"
        f" FROM milestone WHERE {where} ORDER BY project_id, position, id", params).fetchall()
    for r in rows:
        planned_start, planned_end = _as_date(r[4]), _as_date(r[5])
        first_start, first_end = firsts.get(r[0], (None, None))
        out[r[1]].append(MilestoneInfo(
            r[0], r[1], r[2], r[3], planned_start, planned_end, _as_date(r[6]), _as_date(r[7]), r[8], r[9],
            r[10], _as_date(r[11]), r[12], first_end or planned_end, first_start or planned_start,
            _as_date(r[13]), bool(r[14]), r[15], tuple(links.get(r[0], ())), _as_moment(r[16]),
        ))
    return out


@dataclass(frozen=True)
class ProjectGlance:
    """A project as the customer's profile lists it: where it stands, what comes next, what is late."""
    id: int
    name: str
    status: str
    next_milestone: str  # the first milestone not done ("" when all are done)
    next_date: dt.date | None  # the date the customer can count on for it
    late: tuple[str, ...]  # names of the milestones late now


def for_customer(customer_id: int, as_of: dt.date | None = None) -> list[ProjectGlance]:
    """The customer's projects, those under way first, each with its next milestone and anything late."""
    as_of = as_of or clock.today()
    out = []
    for p in list_projects(customer_id=customer_id):
        items = milestones(p.id)
        upcoming = next((m for m in items if not m.done), None)
        late = tuple(m.name for m in items if not m.done and m.is_late(as_of))
        out.append(ProjectGlance(p.id, p.name, p.status, upcoming.name if upcoming else "",
                                 upcoming.current_end if upcoming else None, late))
    return out


GONE = "This step no longer exists: it was removed meanwhile (on another PC, or in another window)."


def _locked_milestone(milestone_id: int) -> Milestone:
    """The step, locked until the transaction ends (another PC's change to it waits); NotFound when removed."""
    m = for_update(Milestone.select().where(Milestone.id == milestone_id)).first()
    if m is None:
        raise NotFound(GONE)
    return m


def get_milestone(milestone_id: int) -> MilestoneInfo:
    m = Milestone.get_or_none(Milestone.id == milestone_id)
    if m is None:
        raise NotFound(GONE)
    return next(x for x in milestones(m.project_id) if x.id == milestone_id)


def baselines(milestone_id: int) -> list[tuple[dt.datetime, dt.date | None, dt.date | None, str]]:
    return [(b.recorded_at, b.planned_start, b.planned_end, b.note)
            for b in MilestoneBaseline.select().where(MilestoneBaseline.milestone == milestone_id)
            .order_by(MilestoneBaseline.id)]


# ------------------------------------------------------------------ validation helpers

def _date(value, key: str, problems: dict) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems[key] = f"“{value}” is not a date (use YYYY-MM-DD)."
        return None


PROJECT_FIELDS = ("customer_id", "site_id", "name", "lead_id", "starts_on", "target_on", "status")


def _clean_project(values: dict, current: Project | None = None) -> dict:
    """Checked values; ``current`` (when editing) supplies the dates the edit leaves as they are."""
    unknown = set(values) - set(PROJECT_FIELDS)
    if unknown:
        raise ValueError(f"unknown project fields: {sorted(unknown)}")
    problems: dict[str, str] = {}
    out: dict = {}
    if "name" in values:
        out["name"] = clean_text(values["name"]).strip()
        if not out["name"]:
            problems["name"] = "The project needs a name, such as “Pool build”."
    if "customer_id" in values:
        if not Customer.get_or_none(Customer.id == values["customer_id"]):
            problems["customer"] = "Choose the customer this project is for."
        out["customer"] = values["customer_id"]
    if "site_id" in values:
        if values["site_id"] and not Site.get_or_none(Site.id == values["site_id"]):
            problems["site"] = "That site no longer exists."
        out["site"] = values["site_id"] or None
    if "lead_id" in values:
        lead = Staff.get_or_none(Staff.id == values["lead_id"]) if values["lead_id"] else None
        if values["lead_id"] and lead is None:
            problems["lead"] = "That staff member no longer exists."
        elif lead is not None and not lead.active and (current is None or current.lead_id != lead.id):
            problems["lead"] = f"{lead.name} no longer works here: choose a lead the customer can reach."
        out["lead"] = values["lead_id"] or None
    for key in ("starts_on", "target_on"):
        if key in values:
            out[key] = _date(values[key], key, problems)
    starts, target = (out.get(k, getattr(current, k, None)) for k in ("starts_on", "target_on"))
    if starts and target and target < starts and not {"starts_on", "target_on"} & set(problems):
        problems["target_on"] = "The target completion is before the start."
    if "status" in values:
        if values["status"] not in PROJECT_STATUSES:
            problems["status"] = f"Status must be one of: {', '.join(PROJECT_STATUSES)}."
        out["status"] = values["status"]
    if problems:
        raise ValidationError(problems)
    return out


MILESTONE_FIELDS = ("name", "planned_start", "planned_end", "actual_start", "actual_end", "status",
                    "waiting_on", "delay_reason", "revised_start", "revised_end", "decision_needed", "position",
                    "held")
_DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end", "revised_start", "revised_end")


def _clean_milestone(values: dict, current: Milestone | None = None) -> dict:
    """Checked values; ``current`` (when editing) supplies the dates the edit leaves as they are."""
    unknown = set(values) - set(MILESTONE_FIELDS)
    if unknown:
        raise ValueError(f"unknown milestone fields: {sorted(unknown)}")
    problems: dict[str, str] = {}
    out: dict = {}
    for key, value in values.items():
        if key in ("name", "delay_reason", "decision_needed", "waiting_on"):
            out[key] = clean_text(value).strip()
        elif key in _DATE_FIELDS:
            out[key] = _date(value, key, problems)
        elif key == "held":
            out[key] = bool(value)
        else:
            out[key] = value
    if "name" in out and not out["name"]:
        problems["name"] = "The milestone needs a name, such as “Excavation”."
    if "status" in out and out["status"] not in MILESTONE_STATUSES:
        problems["status"] = f"Status must be one of: {', '.join(MILESTONE_STATUSES)}."
    if "waiting_on" in out and out["waiting_on"] not in WAITING_ON:
        problems["waiting_on"] = f"Waiting on must be one of: {', '.join(w for w in WAITING_ON if w)}."
    date = {k: out.get(k, getattr(current, k, None)) for k in _DATE_FIELDS}
    for start, end, what in (("planned_start", "planned_end", "planned"), ("actual_start", "actual_end", "actual"),
                             ("revised_start", "revised_end", "revised")):
        if date[start] and date[end] and date[end] < date[start] and end not in problems:
            problems[end] = f"The {what} end date is before the {what} start date."
    planned = date["planned_end"] or date["planned_start"]
    if date["revised_end"] and planned and date["revised_end"] < planned and "revised_end" not in problems:
        problems["revised_end"] = (f"The revised date ({formatting.format_date(date['revised_end'])}) is before the planned "
                                   f"{'end' if date['planned_end'] else 'start'} ({formatting.format_date(planned)}); a revised "
                                   "date moves the end later (record an early finish as the actual end).")
    if problems:
        raise ValidationError(problems)
    return out


# ------------------------------------------------------------------ writing

def create(customer_id: int, name: str, **values) -> int:
    data = _clean_project({"customer_id": customer_id, "name": name, **values})
    with transaction():
        return Project.create(**data).id


def version(project_id: int) -> int | None:
    """The project's version now: what a save names to prove it saw the latest."""
    return Project.select(Project.version).where(Project.id == project_id).scalar()


def update(project_id: int, expected_version: int | None = None, **values) -> int:
    """Save changes to a project; returns its new version.

    With ``expected_version`` (the version the person opened), a newer save from another PC is
    never overwritten: a ConflictError says who changed what and when.
    """
    before = Project.get_or_none(Project.id == project_id)
    data = _clean_project(values, before)
    with transaction():
        where = Project.id == project_id
        if expected_version is not None:
            where &= Project.version == expected_version
        stamp = {"version": Project.version + 1, "changed_by": session.who(), "changed_at": clock.now()}
        if not Project.update(**data, **stamp).where(where).execute():
            current = Project.get_or_none(Project.id == project_id)
            if current is None:
                raise NotFound(f"Project {project_id} no longer exists.")
            raise conflicts.conflict(f"The project {current.name}", current, data, current.changed_at,
                                     {"lead": "project lead", "starts_on": "starts", "target_on": "target completion"})
        after = Project.get_by_id(project_id)
        if before is not None and before.lead_id and after.lead_id and after.lead_id != before.lead_id:
            # the calls about a decision asked in a letter are the lead's: the new lead makes them
            (FollowUp.update(assigned_to=after.lead_id)
             .where((FollowUp.customer == after.customer_id) & (FollowUp.assigned_to == before.lead_id)
                    & (FollowUp.source == "letter_decision") & FollowUp.done_at.is_null()).execute())
        return after.version


def delete(project_id: int) -> None:
    with transaction():
        Project.delete().where(Project.id == project_id).execute()


def add_milestone(project_id: int, name: str, depends_on: list | None = None, **values) -> int:
    """A new step at the end of the plan (or at ``position``); it follows the step before it unless
    ``depends_on`` names the earlier steps it waits for (an empty list: none)."""
    if not Project.get_or_none(Project.id == project_id):
        raise NotFound(f"Project {project_id} no longer exists.")
    data = _clean_milestone({"name": name, **values})
    _done_with_actual_end(None, data)
    with transaction():
        if "position" not in data:
            last = Milestone.select(fn.MAX(Milestone.position)).where(Milestone.project == project_id).scalar()
            data["position"] = (last or 0) + 1
        mid = Milestone.create(project=project_id, updated_at=clock.now(), **data).id
        if depends_on is None:
            slips.follow_previous(mid, project_id, data["position"])
        else:
            slips.set_dependencies(mid, depends_on)
        return mid


def set_dependencies(milestone_id: int, depends_on: list, kind: str = "finish_to_start") -> None:
    """The earlier steps ``milestone_id`` waits for (ids, or (id, kind) pairs); an empty list: none."""
    with transaction():
        slips.set_dependencies(milestone_id, depends_on, kind)


def _done_with_actual_end(m: Milestone | None, data: dict) -> None:
    """A step is done exactly when it has an actual end: marking it done without one records today
    (or its actual start, if later) as the day it finished; typing an actual end marks it done;
    reopening a done step clears its actual end. Saying both, and that they disagree, is refused."""
    status_given, end_given = "status" in data, "actual_end" in data
    if not (status_given or end_given):
        return
    status = data["status"] if status_given else getattr(m, "status", None) or "not_started"
    end = data["actual_end"] if end_given else getattr(m, "actual_end", None)
    if status_given and end_given and status != "done" and end:
        raise ValidationError({"actual_end": "A step with an actual end is done: mark it done, or clear the "
                                             "actual end to keep it open."})
    if status == "done" and not end:
        start = data["actual_start"] if "actual_start" in data else getattr(m, "actual_start", None)
        data["actual_end"] = max(d for d in (clock.today(), start) if d)
    elif end and status != "done":
        if end_given:
            data["status"] = "done"
        else:  # reopened
            data["actual_end"] = None


def _revise_start_with_end(m: Milestone, data: dict) -> None:
    """A revised end for a step not started yet moves its start by the same slip in business days (unless a
    revised start is given; see ``slips``): the step cannot begin on its old date if it ends later for a
    reason of its own."""
    if "revised_end" not in data or "revised_start" in data or data.get("actual_start", m.actual_start):
        return
    if data["revised_end"] is None:
        data["revised_start"] = None
        return
    old_end = m.revised_end or m.planned_end
    start = m.revised_start or m.planned_start
    if old_end and start and data["revised_end"] != old_end:
        moved = slips.move(start, slips.slip(old_end, data["revised_end"]))
        if m.planned_start and moved < m.planned_start:
            moved = m.planned_start
        data["revised_start"] = None if moved == m.planned_start else moved


def _stamp_milestone() -> dict:
    return {"version": Milestone.version + 1, "changed_by": session.who(), "changed_at": clock.now()}


def _overtaken_fields(m: Milestone, data: dict, seen: dict | None, expected_version: int | None) -> list:
    """(field, theirs, yours) for each field another PC changed since the person saw it, to something
    other than what is being saved: with ``seen``, the fields whose stored value is no longer the one
    shown; with ``expected_version`` (Keep mine after a conflict), any field that differs once the
    step changed again."""
    changed = []
    moved_on = expected_version is not None and m.version != expected_version
    for key, mine in data.items():
        stored = getattr(m, key)
        if key in (seen or {}):
            try:
                shown = _clean_milestone({key: seen[key]}).get(key)
            except ValidationError:
                shown = seen[key]
            overtaken = stored != shown
        else:
            overtaken = moved_on
        if overtaken and stored != mine:
            changed.append(key)
    return conflicts.differences(m, {k: data[k] for k in changed}) if changed else []


def update_milestone(milestone_id: int, note: str = "", seen: dict | None = None,
                     expected_version: int | None = None, **values) -> list[int]:
    """Save changes; if the planned dates move, the old plan is kept as a baseline first.

    When the step's dates move, the steps after it move by the same slip (see ``slips``); returns
    the ids of the steps moved that way. ``seen`` maps a field to the value the person saw in it:
    a field another PC changed meanwhile raises ConflictError (who, what, when, the step's version
    now) and nothing is written; saving again with that ``expected_version`` writes yours over theirs.
    """
    data = _clean_milestone(values, Milestone.get_or_none(Milestone.id == milestone_id))
    with transaction():
        m = _locked_milestone(milestone_id)
        if seen or expected_version is not None:
            changed = _overtaken_fields(m, data, seen, expected_version)
            if changed:
                raise conflicts.overtaken(f"The step “{m.name}”", m.changed_by, m.changed_at, changed, m.version)
        moved = any(key in data and data[key] != getattr(m, key) for key in ("planned_start", "planned_end"))
        if moved and (m.planned_start or m.planned_end):
            MilestoneBaseline.create(milestone=m.id, recorded_at=clock.now(), planned_start=m.planned_start,
                                     planned_end=m.planned_end, note=clean_text(note))
        _done_with_actual_end(m, data)
        _revise_start_with_end(m, data)
        before = slips.current(m)
        if data:
            Milestone.update(updated_at=clock.now(), **data, **_stamp_milestone()).where(
                Milestone.id == milestone_id).execute()
        after = Milestone.get_by_id(milestone_id)
        if after.status == "done":
            return []
        return slips.carry(after, before, slips.current(after))


def delete_milestone(milestone_id: int) -> None:
    with transaction():
        _locked_milestone(milestone_id)
        slips.bridge(milestone_id)
        Milestone.delete().where(Milestone.id == milestone_id).execute()


def move_milestone(milestone_id: int, step: int) -> None:
    """Move a milestone up (-1) or down (+1) in its project's order (a step then no longer follows one
    that comes after it)."""
    with transaction():
        m = _locked_milestone(milestone_id)
        order = [x.id for x in milestones(m.project_id)]
        i = order.index(milestone_id)
        j = i + step
        if not 0 <= j < len(order):
            return
        order[i], order[j] = order[j], order[i]
        for position, mid in enumerate(order, start=1):
            Milestone.update(position=position).where(Milestone.id == mid).execute()
        slips.drop_forward_links(m.project_id)


def _letter_sent(document_id: int) -> None:
    """A timeline letter sent (not merely written) is the project's last letter: its "letter due" row clears."""
    database.execute_sql(
        "UPDATE project SET last_letter_at = (SELECT d.sent_at FROM document d WHERE d.id = ?)"
        " WHERE id = (SELECT d.project_id FROM document d WHERE d.id = ? AND d.kind = 'timeline_letter')",
        (document_id, document_id))


events.document_sent.connect(_letter_sent)
