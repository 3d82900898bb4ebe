"""The clarity check: what would make a project's letter vague, wrong or defensive, in plain words.

Each problem names the step (or the text) and what to fix. A letter with problems is held back
unless the office prints it anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, formatting
from servicedesk.core.services import decisions, office, projects, templates, wording
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


STALE_AFTER_DAYS = 14  # a step under way with no word from the office for longer is stale
LETTER_TEMPLATES = ("letter_opening", "letter_contact", "letter_contact_office", "letter_quiet_week", "letter_closing")


@dataclass(frozen=True)
class LetterWording:
    """What every weekly letter is written and checked with: the office and its letter templates."""
    office: office.Office
    templates: dict[str, templates.TemplateText]
    defensive: tuple[tuple[str, tuple[wording.Found, ...]], ...] = ()  # (template name, what sounds defensive)


def letter_wording() -> LetterWording:
    """The office and its letter templates as they are now, their wording checked for defensive
    phrases once (a week's letters read and check them once)."""
    o = office.get()
    texts = {key: templates.get(key) for key in LETTER_TEMPLATES}
    found = tuple((t.name, tuple(wording.defensive(t.body, o.defensive_phrases))) for t in texts.values())
    return LetterWording(o, texts, tuple((name, hits) for name, hits in found if hits))


def _decision_problems(project_id: int, m: MilestoneInfo, as_of: dt.date) -> list[Problem]:
    """A decision asked for too late: after the step needing it starts, or leaving less lead time
    than the letter itself says the choice needs."""
    by = decisions.deadline(m.decision_needed, as_of)
    if by is None:
        return []
    lead = decisions.lead_days(m.decision_needed) or 0
    started = m.actual_start is not None
    limit, what = (m.current_end, "finish") if started else (m.current_start, "start")
    if limit is None:
        return []
    ready = by + dt.timedelta(days=lead)
    if ready <= limit:
        return []
    asked = formatting.format_weekday(by)
    if lead:
        latest = limit - dt.timedelta(days=lead)
        sooner = (f"ask for it by {_day(latest)}" if latest >= as_of
                  else f"move “{m.name}” to {_day(ready)} or later")
        text = (f"The decision for “{m.name}” is asked by {asked} and, as the letter says, needs {lead} days "
                f"after that, so it is ready {_day(ready)}; but “{m.name}” is due to {what} {_day(limit)}: "
                f"{sooner}, or give the step a revised date.")
    else:
        text = (f"The decision for “{m.name}” is asked by {asked}, after the step is due to {what} "
                f"({_day(limit)}): ask for it by {_day(limit)}, or give the step a revised date.")
    return [Problem(project_id, "decision_too_late", text, m.id)]


def _waiting_problems(project_id: int, m: MilestoneInfo, as_of: dt.date) -> list[Problem]:
    """A step the letter would show as waiting on the customer without saying what for, a decision
    asked by a day already past, or a step due to have started that has not, shown as if on time."""
    out = []
    if m.waiting_on == "customer_decision" and not m.decision_needed.strip():
        out.append(Problem(project_id, "decision_unsaid",
                           f"“{m.name}” is waiting on the customer's decision, but the decision is not written: "
                           "say what they need to choose and by when (Decision needed), or change what the "
                           "step is waiting on.", m.id))
    by = decisions.deadline(m.decision_needed, as_of) if m.decision_needed else None
    if by is not None and by < as_of:
        out.append(Problem(project_id, "decision_past",
                           f"The decision for “{m.name}” is asked by {formatting.format_weekday(by)}, which has "
                           "passed: ask for it by a day still ahead (and move the step if the choice now "
                           "comes too late), or clear it if the customer has already chosen.", m.id))
    start = m.revised_start or m.planned_start
    if m.status == "not_started" and m.actual_start is None and start is not None and start < as_of:
        out.append(Problem(project_id, "start_past",
                           f"“{m.name}” was due to start {_day(start)} and has not started: record the day it "
                           "started, or give it a revised start and say why it moved.", m.id))
    return out


def _defensive(project_id: int, where: str, text: str, phrases, milestone_id=None) -> list[Problem]:
    return _sounds_defensive(project_id, where, wording.defensive(text, phrases), milestone_id)


def _sounds_defensive(project_id: int, where: str, found, milestone_id=None) -> list[Problem]:
    if not found:
        return []
    return [Problem(project_id, "defensive", f"{where} sounds defensive: {wording.describe(list(found))}.",
                    milestone_id)]


def problems_of(project: ProjectInfo, items: list[MilestoneInfo], as_of: dt.date,
                settings: LetterWording | None = None) -> list[Problem]:
    """The clarity check of a project and its milestones already read (and of the letters' wording:
    ``settings``, read now unless given)."""
    project_id = project.id
    settings = settings or letter_wording()
    o = settings.office
    by_id = {m.id: m for m in items}
    problems: list[Problem] = []
    for m in items:
        if m.done and not m.actual_end:
            problems.append(Problem(project_id, "done_undated", f"“{m.name}” is marked done but has no actual end: "
                                    "give the day it finished.", m.id))
        elif m.actual_end and not m.done:
            problems.append(Problem(project_id, "done_undated", f"“{m.name}” has an actual end but is not marked "
                                    "done: mark it done, or clear the actual end.", m.id))
        if m.done:
            continue
        if not m.current_end:
            problems.append(Problem(project_id, "no_date", f"“{m.name}” has no date: give it a planned end "
                                    "so the customer knows when to expect it.", m.id))
            continue
        problems += _order_problems(project_id, m, by_id)
        if m.revised_end and m.revised_end < as_of:
            problems.append(Problem(project_id, "revised_past",
                                    f"“{m.name}” was revised to {_day(m.revised_end)}, which has passed, and it "
                                    "is not done: give it a new revised date, or mark it done.", m.id))
        if m.is_late(as_of):
            missing = []
            moved_by_a_step = not m.delay_reason and m.moved_by in by_id  # that step's reason tells why
            if not moved_by_a_step and not reason_for(m, by_id):
                missing.append("a plain reason for the delay")
            if not m.revised_end:
                missing.append("a revised date")
            if missing:
                problems.append(Problem(project_id, "delay_unexplained",
                                        f"“{m.name}” is late: add {' and '.join(missing)}.", m.id))
            elif m.status == "delayed" and m.original_end and m.current_end <= m.original_end:
                # "planned December 10, now December 10" tells the customer nothing
                problems.append(Problem(project_id, "delay_unexplained",
                                        f"“{m.name}” is marked delayed but still ends {_day(m.original_end)}, as "
                                        "first planned: give the later date it will now end, or set its status "
                                        "back if it will still finish then.", m.id))
        if m.delay_reason and wording.is_vague(m.delay_reason, o.vague_reasons):
            problems.append(Problem(project_id, "vague_reason",
                                    f"The delay reason for “{m.name}” (“{m.delay_reason}”) does not say what "
                                    "happened: name the cause, what the new date depends on, and who is "
                                    "doing what, for example “The county inspector cancelled Tuesday's "
                                    "visit; the next free slot is Friday, and we pour the next day.”", m.id))
        problems += _defensive(project_id, f"The delay reason for “{m.name}”", m.delay_reason,
                               o.defensive_phrases, m.id)
        problems += _waiting_problems(project_id, m, as_of)
        if m.decision_needed:
            problems += _decision_problems(project_id, m, as_of)
            problems += _defensive(project_id, f"The decision asked for “{m.name}”", m.decision_needed,
                                   o.defensive_phrases, m.id)
        last_word = max((d for d in (m.updated_at.date() if m.updated_at else None, m.actual_start) if d),
                        default=None)
        if m.status == "in_progress" and last_word and (as_of - last_word).days > STALE_AFTER_DAYS:
            problems.append(Problem(project_id, "stale",
                                    f"“{m.name}” has been under way with no update since {_day(last_word)}: "
                                    "say where it stands, or mark it done.", m.id))
    for name, found in settings.defensive:
        problems += _sounds_defensive(project_id, f"The letter's wording “{name}”", found)
    if not project.lead_id:
        problems.append(Problem(project_id, "no_contact", "The project has no lead: name the person the "
                                "customer can call."))
    elif project.lead_gone(as_of):
        last = f" (last day {_day(project.lead_left_on)})" if project.lead_left_on else ""
        problems.append(Problem(project_id, "lead_gone",
                                f"{project.lead}, the lead of “{project.name}”, no longer works here{last}: "
                                "hand the project to a colleague (Schedule > Technicians > Hand-over…) or choose "
                                "a new lead in Edit project…, so the letter names someone the customer can call."))
    elif not project.lead_phone.strip():
        problems.append(Problem(project_id, "no_contact", f"{project.lead} has no direct phone number: add "
                                "one so the customer can call them."))
    return problems
