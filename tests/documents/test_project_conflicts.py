"""A project or a milestone changed on another PC since it was shown: who, what and when; nothing overwritten."""

import datetime as dt

import pytest

from servicedesk.core import clock, session
from servicedesk.core.errors import ConflictError
from servicedesk.core.services import projects, technicians
from servicedesk.core.store.models import Milestone


@pytest.fixture(autouse=True)
def _person():
    yield
    session.set_person(None)


def test_a_project_lead_changed_elsewhere_is_named_by_name(pool):
    seen = projects.version(pool.project_id)
    ana = technicians.create("Ana Ruiz", role="project_lead")
    session.set_person("Priya Shah")
    projects.update(pool.project_id, expected_version=seen, lead_id=ana)
    session.set_person("Sam Ortiz")
    with pytest.raises(ConflictError) as err:
        projects.update(pool.project_id, expected_version=seen, lead_id=None, status="on_hold")
    assert ("project lead", "Ana Ruiz", "") in err.value.differences  # names, not record numbers
    assert err.value.who.startswith("Priya Shah on ")
    projects.update(pool.project_id, expected_version=err.value.version, lead_id=None, status="on_hold")
    assert projects.get(pool.project_id).status == "on_hold" and projects.version(pool.project_id) == seen + 2


def test_a_milestone_field_changed_elsewhere_is_not_written_over(pool):
    gunite = pool.milestones["Gunite shell"]
    shown = Milestone.get_by_id(gunite)
    session.set_person("Priya Shah")
    clock.set_now(dt.datetime(2026, 11, 20, 9, 15))
    projects.update_milestone(gunite, seen={"delay_reason": shown.delay_reason}, delay_reason="Storm at the plant.")
    session.set_person("Sam Ortiz")
    clock.set_now(dt.datetime(2026, 11, 20, 9, 20))
    with pytest.raises(ConflictError) as err:
        projects.update_milestone(gunite, seen={"delay_reason": shown.delay_reason},
                                  delay_reason="The plant closed for two days.")
    exc = err.value
    assert exc.differences == (("delay reason", "Storm at the plant.", "The plant closed for two days."),)
    assert exc.who.startswith("Priya Shah on ") and exc.when == dt.datetime(2026, 11, 20, 9, 15)
    assert "The step “Gunite shell” was changed by Priya Shah" in str(exc)
    assert Milestone.get_by_id(gunite).delay_reason == "Storm at the plant."

    projects.update_milestone(gunite, expected_version=exc.version, delay_reason="The plant closed for two days.")
    after = Milestone.get_by_id(gunite)
    assert after.delay_reason == "The plant closed for two days." and after.version == exc.version + 1


def test_another_field_of_the_same_milestone_is_no_conflict(pool):
    gunite = pool.milestones["Gunite shell"]
    shown = Milestone.get_by_id(gunite)
    projects.update_milestone(gunite, seen={"status": shown.status}, status="in_progress")
    projects.update_milestone(gunite, seen={"decision_needed": shown.decision_needed},
                              decision_needed="Pick the plaster colour.")
    after = Milestone.get_by_id(gunite)
    assert (after.status, after.decision_needed) == ("in_progress", "Pick the plaster colour.")


def test_a_date_moved_by_a_slip_elsewhere_is_a_conflict_for_the_step_it_moved(pool):
    tiling = pool.milestones["Tiling and coping"]
    shown = Milestone.get_by_id(tiling)
    session.set_person("Priya Shah")
    projects.update_milestone(pool.milestones["Gunite shell"], revised_end="2026-12-14")  # carries to tiling
    moved = Milestone.get_by_id(tiling)
    assert moved.revised_end != shown.revised_end and moved.changed_by.startswith("Priya Shah")
    session.set_person("Sam Ortiz")
    with pytest.raises(ConflictError) as err:
        projects.update_milestone(tiling, seen={"revised_end": shown.revised_end}, revised_end="2026-12-24")
    assert err.value.differences[0][0] == "revised end"
    assert Milestone.get_by_id(tiling).revised_end == moved.revised_end


def test_keep_mine_over_a_step_changed_again_is_a_new_conflict(pool):
    gunite = pool.milestones["Gunite shell"]
    shown = Milestone.get_by_id(gunite).waiting_on
    projects.update_milestone(gunite, seen={"waiting_on": shown}, waiting_on="weather")
    with pytest.raises(ConflictError) as first:
        projects.update_milestone(gunite, seen={"waiting_on": shown}, waiting_on="materials")
    projects.update_milestone(gunite, seen={"waiting_on": "weather"}, waiting_on="crew")
    with pytest.raises(ConflictError):
        projects.update_milestone(gunite, expected_version=first.value.version, waiting_on="materials")
    assert Milestone.get_by_id(gunite).waiting_on == "crew"
