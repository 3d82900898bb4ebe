"""Follow-ups set by hand and owed automatically, each owed once."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, followups, technicians
from servicedesk.core.store.models import FollowUp, VisitChange

from .conftest import MONDAY, at, visit


@pytest.fixture
def office_day(db):
    clock.set_now(MONDAY)
    sam = technicians.create("Sam Ortiz")
    priya = technicians.create("Priya Shah")
    ruth = customers.create(name="Ruth Cole", technician_id=sam).id
    return {"sam": sam, "priya": priya, "ruth": ruth}


def test_manual_follow_up_validated(office_day):
    with pytest.raises(ValidationError) as err:
        followups.create(office_day["ruth"], "next tuesday", " ")
    assert set(err.value.problems) == {"due_on", "reason"}
    with pytest.raises(ValidationError) as err:
        followups.create(office_day["ruth"], dt.date(2026, 11, 20), "Call back")
    assert "past" in err.value.problems["due_on"]
    fid = followups.create(office_day["ruth"], "2026-11-24", "Call back about the gate code")
    assert followups.get(fid).due_on == dt.date(2026, 11, 24)
    assert FollowUp.select().count() == 1


def test_owed_is_idempotent_per_source_and_record(office_day):
    ruth = office_day["ruth"]
    v = visit(ruth, office_day["priya"], at(25, 9), status="scheduled")
    first = followups.after_technician_change(v)
    assert followups.after_technician_change(v) == first
    assert followups.owed(ruth, "technician_change", "other words", dt.date(2026, 12, 1), visit_id=v) == first
    info = followups.get(first)
    # the visit is ahead: a call the business day before, so she hears of the new face from us first
    assert info.due_on == dt.date(2026, 11, 24)
    assert info.reason.startswith("Call before Priya Shah's visit on Wed, Nov 25: Priya Shah replaces Sam Ortiz")
    # a different record or source is a different follow-up
    other = visit(ruth, office_day["priya"], at(2, 9, month=12), status="scheduled")
    assert followups.after_technician_change(other) != first
    assert followups.owed(ruth, "first_visit", "Check in", dt.date(2026, 11, 30), visit_id=v) != first
    assert FollowUp.select().count() == 3
    # a change noticed only after the visit asks how it went
    past = visit(ruth, office_day["priya"], at(20, 9), status="scheduled")
    after = followups.get(followups.after_technician_change(past))
    assert after.due_on == MONDAY.date() and after.reason.startswith("Ask how the visit with Priya Shah on Fri, Nov 20")


def test_first_visit_check_in_only_after_the_first(office_day):
    ruth = office_day["ruth"]
    first = visit(ruth, office_day["sam"], at(19, 9))
    second = visit(ruth, office_day["sam"], at(20, 9))
    fid = followups.after_first_visit(first)
    assert fid is not None and followups.get(fid).due_on == dt.date(2026, 11, 23)
    assert "first visit" in followups.get(fid).reason
    assert followups.after_first_visit(second) is None
    assert followups.after_first_visit(first) == fid


def test_decision_letter_follow_up(office_day):
    fid = followups.after_decision_letter(office_day["ruth"], "the tile colour", dt.date(2026, 11, 20))
    info = followups.get(fid)
    assert (info.source, info.due_on, info.reason) == (
        "letter_decision", dt.date(2026, 11, 25), "Ask for their decision: the tile colour (letter of Nov 20)")
    assert followups.after_decision_letter(office_day["ruth"], "the tile colour", dt.date(2026, 11, 20)) == fid
    followups.complete(fid, "She is still thinking")
    assert followups.after_decision_letter(office_day["ruth"], "the tile colour", dt.date(2026, 11, 20)) == fid
    # next week's letter asks again: a follow-up for that letter
    assert followups.after_decision_letter(office_day["ruth"], "the tile colour", dt.date(2026, 11, 27)) != fid


def test_complete_needs_an_outcome_and_happens_once(office_day):
    fid = followups.create(office_day["ruth"], MONDAY.date(), "Call")
    with pytest.raises(ValidationError):
        followups.complete(fid, "")
    followups.complete(fid, "All fine")
    assert followups.get(fid).outcome == "All fine"
    with pytest.raises(ValidationError):
        followups.complete(fid, "again")
    assert followups.due() == []


def test_unknown_source_refused(office_day):
    with pytest.raises(ValidationError):
        followups.owed(office_day["ruth"], "horoscope", "Call", MONDAY.date())


def test_sweep_owes_what_was_recorded_elsewhere_once(office_day):
    from servicedesk.core.store.models import Concern, Document, Milestone, Project

    ruth, sam, priya = office_day["ruth"], office_day["sam"], office_day["priya"]
    first = visit(ruth, sam, at(18, 9))  # her first visit, completed on the board
    moved = visit(ruth, priya, at(26, 9), status="scheduled")
    VisitChange.create(visit=moved, changed_at=at(20, 9), old_technician=sam, new_technician=priya,
                       old_starts_at=at(26, 9), new_starts_at=at(26, 9), reason="Sam is ill")
    fixed = Concern.create(customer=ruth, words="Ants in the shed", raised_at=at(16, 9), acknowledged_at=at(16, 10),
                           resolved_at=at(18, 9), resolution="Treated the shed")
    project = Project.create(customer=ruth, name="Garden room", status="active")
    Milestone.create(project=project, name="Tiling", decision_needed="Choose the tile colour")
    Milestone.create(project=project, name="Roof", decision_needed="Flat or pitched", status="done")
    Document.create(customer=ruth, project=project, kind="timeline_letter", path="x.pdf", sha256="0",
                    created_at=at(19, 16), sent_at=at(20, 16), sent_how="posted")
    Document.create(customer=ruth, project=project, kind="timeline_letter", path="z.pdf", sha256="2",
                    created_at=at(20, 16))  # written, never sent: owes nothing
    Document.create(customer=ruth, kind="visit_summary", path="y.pdf", sha256="1", created_at=at(20, 16))

    assert followups.sweep() == []  # a database never swept looks back one day only
    made = followups.sweep(days=14)
    got = {(f.source, f.visit_id, f.concern_id): f for f in map(followups.get, made)}
    assert set(got) == {("first_visit", first, None), ("technician_change", moved, None),
                        ("concern_resolved", None, fixed.id), ("letter_decision", None, None)}
    assert got[("letter_decision", None, None)].reason == \
        "Ask for their decision: Tiling: Choose the tile colour (letter of Nov 20)"
    assert got[("concern_resolved", None, fixed.id)].due_on == dt.date(2026, 11, 23)
    assert followups.sweep(days=14) == []
    # owed late, a follow-up is due now rather than born overdue
    late = visit(customers.create(name="Late Starter").id, sam, at(2, 9))
    assert followups.get(followups.after_first_visit(late)).due_on == MONDAY.date()
    # a change back to her own technician owes nothing
    back = visit(ruth, sam, at(3, 9, month=12), status="scheduled")
    VisitChange.create(visit=back, changed_at=at(23, 8), old_technician=priya, new_technician=sam)
    assert followups.sweep() == []
    # ...while a new stranger since the last sweep owes one
    other = visit(ruth, priya, at(10, 9, month=12), status="scheduled")
    VisitChange.create(visit=other, changed_at=at(23, 8), old_technician=sam, new_technician=priya)
    ahead = visit(ruth, priya, at(17, 9, month=12), status="scheduled")
    VisitChange.create(visit=ahead, changed_at=at(16, 9, month=12), old_technician=sam, new_technician=priya)
    assert [followups.get(f).visit_id for f in followups.sweep()] == [other]  # not the one dated ahead


def test_second_change_before_the_call_rewords_it_and_a_later_change_owes_a_new_call(office_day):
    from servicedesk.core.services import scheduling

    ruth = office_day["ruth"]
    lee = technicians.create("Lee Wong")
    v = visit(ruth, office_day["sam"], at(25, 9), status="scheduled")
    first = scheduling.assign(v, office_day["priya"], reason="Sam is on a course").follow_up_id
    second = scheduling.assign(v, lee, reason="Priya is needed on an emergency").follow_up_id
    assert second == first  # one call owed, saying the latest news
    assert "Lee Wong replaces Sam Ortiz" in followups.get(first).reason
    assert FollowUp.select().where(FollowUp.source == "technician_change").count() == 1
    followups.complete(first, "Told her Lee comes on Wednesday")
    third = scheduling.assign(v, office_day["priya"], reason="Lee is off sick").follow_up_id
    assert third != first and "Priya Shah replaces Sam Ortiz" in followups.get(third).reason
    assert followups.get(first).reason.startswith("Call before Lee Wong")  # the call made stays as it was


def test_the_mood_of_a_follow_up_call_is_on_her_history_and_in_her_health(office_day):
    from servicedesk.core.services import health, interactions
    from servicedesk.core.store.models import Customer

    ruth = office_day["ruth"]
    interactions.log(ruth, "phone", "in", "Pleased with the visit", mood="happy", occurred_at=at(20, 10))
    fid = followups.create(ruth, MONDAY.date(), "Ask whether the gate is fixed")
    for bad in ({"mood": "furious"}, {"mood": "angry", "nobody_reached": "voicemail"}):
        with pytest.raises(ValidationError) as err:
            followups.complete(fid, "Rang her", **bad)
        assert "mood" in err.value.problems
    assert followups.get(fid).done_at is None and len(interactions.recent(ruth)) == 1  # nothing saved
    followups.complete(fid, "The gate still sticks; she is cross", mood="angry", staff_id=office_day["priya"])
    call = interactions.recent(ruth, 1)[0]
    assert (call.summary, call.mood, call.staff, call.direction) == (
        "Follow-up call: The gate still sticks; she is cross", "angry", "Priya Shah", "out")
    assert [r.text for r in health.assess(ruth).reasons] == ["angry on the phone on Mon, Nov 23"]
    assert Customer.get_by_id(ruth).health_score == 85


def test_a_follow_up_closed_without_a_mood_adds_no_call_to_the_history(office_day):
    from servicedesk.core.services import interactions

    fid = followups.create(office_day["ruth"], MONDAY.date(), "Call")
    followups.complete(fid, "All fine")
    assert interactions.recent(office_day["ruth"]) == []
