"""The clarity check: what would make a project's letter vague, wrong or defensive, in plain words.

Each problem names the step (or the text) and what to fix. A letter with problems is held back
unless the office prints it anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, formatting
from servicedesk.core.services import projects
from servicedesk.core.services.projects import MilestoneInfo, ProjectInfo


@dataclass(frozen=True)
class Problem:
    project_id: int
    rule: str  # no_date, delay_unexplained, out_of_order, no_contact, ...
    message: str
    milestone_id: int | None = None


def clarity_check(project_id: int, as_of: dt.date | None = None) -> list[Problem]:
    """What would make this week's letter vague: every problem, in plain words; empty means clear."""
    as_of = as_of or clock.today()
    return problems_of(projects.get(project_id), projects.milestones(project_id), as_of)


def reason_for(m: MilestoneInfo, by_id: dict[int, MilestoneInfo]) -> str:
    """Why ``m`` is late: its own reason, else the reason of the step whose slip moved it."""
    if m.delay_reason:
        return m.delay_reason
    cause = by_id.get(m.moved_by) if m.moved_by else None
    return cause.delay_reason if cause is not None else ""


def _day(value: dt.date) -> str:
    return formatting.format_day(value, year=False)


def _order_problems(project_id: int, m: MilestoneInfo, by_id: dict[int, MilestoneInfo]) -> list[Problem]:
    """A step dated before the step it follows has finished (or, start-to-start, started)."""
    out = []
    start = m.current_start
    for other_id, kind in m.depends_on:
        other = by_id.get(other_id)
        if other is None or start is None:
            continue
        if kind == "start_to_start":
            limit, what = other.current_start, "starts"
        else:
            limit, what = (other.actual_end if other.done else other.current_end), "ends"
        if limit and start < limit:
            hold = " or stop holding its dates" if m.held else ""
            out.append(Problem(project_id, "out_of_order",
                               f"“{m.name}” starts {_day(start)}, before “{other.name}”, which it follows, {what} "
                               f"{_day(limit)}: move it to {_day(limit)} or later{hold}.", m.id))
    return out


def problems_of(project: ProjectInfo, items: list[MilestoneInfo], as_of: dt.date) -> list[Problem]:
    """The clarity check of a project and its milestones already read."""
    project_id = project.id
    by_id = {m.id: m for m in items}
    problems: list[Problem] = []
    for m in items:
        if m.done:
            continue
        if not m.current_end:
            problems.append(Problem(project_id, "no_date", f"“{m.name}” has no date: give it a planned end "
                                    "so the customer knows when to expect it.", m.id))
            continue
        problems += _order_problems(project_id, m, by_id)
        if m.is_late(as_of):
            missing = []
            moved_by_a_step = not m.delay_reason and m.moved_by in by_id  # that step's reason tells why
            if not moved_by_a_step and not reason_for(m, by_id):
                missing.append("a plain reason for the delay")
            if not m.revised_end or m.revised_end < as_of:
                missing.append("a revised date" if not m.revised_end else "a revised date that is not already past")
            if missing:
                problems.append(Problem(project_id, "delay_unexplained",
                                        f"“{m.name}” is late: add {' and '.join(missing)}.", m.id))
    if not project.lead_id:
        problems.append(Problem(project_id, "no_contact", "The project has no lead: name the person the "
                                "customer can call."))
    elif not project.lead_phone.strip():
        problems.append(Problem(project_id, "no_contact", f"{project.lead} has no direct phone number: add "
                                "one so the customer can call them."))
    return problems
