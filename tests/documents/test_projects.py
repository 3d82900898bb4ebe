"""Projects and milestones: baselines when plans move, input checked, and the clarity check's rules."""

import datetime as dt

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import clarity, projects
from servicedesk.core.store.models import Milestone, Project, Staff

from tests.documents.conftest import LETTER_DAY


def test_a_moved_plan_keeps_the_old_dates_as_a_baseline(pool):
    gunite = projects.get_milestone(pool.milestones["Gunite shell"])
    assert gunite.original_end == dt.date(2026, 12, 3)
    assert gunite.planned_end == dt.date(2026, 12, 8)
    assert gunite.current_end == dt.date(2026, 12, 10)
    history = projects.baselines(gunite.id)
    assert [(b[1], b[2], b[3]) for b in history] == [
        (dt.date(2026, 11, 30), dt.date(2026, 12, 3), "gunite crew double-booked")]


def test_saving_without_moving_dates_adds_no_baseline(pool):
    mid = pool.milestones["Tiling and coping"]
    projects.update_milestone(mid, planned_end="2026-12-11", delay_reason="")
    assert projects.baselines(mid) == []


def test_bad_milestone_input_names_every_problem_and_changes_nothing(pool):
    mid = pool.milestones["Fill and start-up"]
    with pytest.raises(ValidationError) as caught:
        projects.update_milestone(mid, name=" ", planned_start="2026-12-20", planned_end="2026-12-14",
                                  status="finished", revised_end="soon")
    assert set(caught.value.problems) == {"name", "planned_end", "status", "revised_end"}
    assert Milestone.get_by_id(mid).name == "Fill and start-up"
    assert projects.baselines(mid) == []


def test_project_needs_a_name_and_a_real_customer(db):
    with pytest.raises(ValidationError) as caught:
        projects.create(999, "  ")
    assert set(caught.value.problems) == {"name", "customer"}
    assert Project.select().count() == 0


def test_milestones_can_be_reordered(pool):
    first = pool.milestones["Design and permit"]
    projects.move_milestone(first, +1)
    names = [m.name for m in projects.milestones(pool.project_id)]
    assert names[:2] == ["Excavation", "Design and permit"]


def test_the_pool_build_passes_the_clarity_check(pool):
    assert clarity.clarity_check(pool.project_id, LETTER_DAY) == []


def test_clarity_upcoming_milestone_without_a_date(pool):
    mid = projects.add_milestone(pool.project_id, "Fence and safety cover")
    problems = clarity.clarity_check(pool.project_id, LETTER_DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("no_date", mid)]
    assert "Fence and safety cover" in problems[0].message


def test_clarity_delayed_milestone_without_a_reason(pool):
    projects.update_milestone(pool.milestones["Gunite shell"], delay_reason="")
    problems = clarity.clarity_check(pool.project_id, LETTER_DAY)
    assert [p.rule for p in problems] == ["delay_unexplained"]
    assert "reason" in problems[0].message


def test_clarity_delayed_milestone_without_a_revised_date(pool):
    projects.update_milestone(pool.milestones["Gunite shell"], revised_end=None)
    problems = clarity.clarity_check(pool.project_id, LETTER_DAY)
    assert [p.rule for p in problems] == ["delay_unexplained"]
    assert "revised date" in problems[0].message


def test_clarity_overdue_milestone_counts_as_delayed(pool):
    # Steel and plumbing was due 25 November; a week later it is still not done and nobody said why.
    problems = clarity.clarity_check(pool.project_id, dt.date(2026, 11, 27))
    assert [(p.rule, p.milestone_id) for p in problems] == [
        ("delay_unexplained", pool.milestones["Steel and plumbing"])]


def test_clarity_letter_without_a_named_contact(pool):
    projects.update(pool.project_id, lead_id=None)
    problems = clarity.clarity_check(pool.project_id, LETTER_DAY)
    assert [p.rule for p in problems] == ["no_contact"]


def test_clarity_contact_without_a_direct_phone(pool):
    Staff.update(phone="").where(Staff.id == pool.lead_id).execute()
    problems = clarity.clarity_check(pool.project_id, LETTER_DAY)
    assert [p.rule for p in problems] == ["no_contact"]
    assert "Marek Kowalski" in problems[0].message


def test_clarity_a_step_whose_status_and_actual_end_disagree(pool):
    """Steps saved before a done step always had its actual end (or imported so) are named."""
    Milestone.update(actual_end=None).where(Milestone.id == pool.milestones["Excavation"]).execute()
    Milestone.update(actual_end=dt.date(2026, 11, 19)).where(
        Milestone.id == pool.milestones["Steel and plumbing"]).execute()
    messages = {p.message for p in clarity.clarity_check(pool.project_id, LETTER_DAY) if p.rule == "done_undated"}
    assert messages == {"“Excavation” is marked done but has no actual end: give the day it finished.",
                        "“Steel and plumbing” has an actual end but is not marked done: mark it done, or clear "
                        "the actual end."}
