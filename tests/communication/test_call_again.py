"""A follow-up that reached nobody is a promise not kept yet: the office calls again, or stops on purpose."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import communication, concerns, customers, followups, history, interactions, technicians
from servicedesk.core.store.models import FollowUp

from .conftest import at


@pytest.fixture
def walter(db):
    clock.set_now(at(17, 9))  # Tuesday 17 November 2026
    rosa = technicians.create("Rosa Delgado", role="office")
    cid = customers.create(name="Walter Grimes", customer_since=dt.date(2026, 8, 10)).id
    return {"id": cid, "rosa": rosa}


def _queue(cid):
    return [i.why for i in communication.follow_up_items() if i.customer_id == cid]


def test_a_follow_up_nobody_answered_is_called_again_the_next_business_day(walter):
    cid = walter["id"]
    clock.set_now(at(24, 9))  # Tuesday; Thursday 26 is Thanksgiving
    concern = concerns.raise_concern(cid, "The carpet in the hall still smells damp.", raised_at=at(24, 9))
    concerns.acknowledge(concern, walter["rosa"], at=at(24, 10))
    asked = concerns.resolve(concern, "Ran the dehumidifier another day", walter["rosa"])
    FollowUp.update(assigned_to=walter["rosa"]).where(FollowUp.id == asked).execute()
    first = followups.get(asked)

    clock.set_now(at(25, 16))  # Wednesday afternoon: rang, nobody answered
    followups.complete(asked, "", nobody_reached="no_answer")

    again = followups.again_of(asked)
    assert again is not None and again.done_at is None
    assert again.due_on == dt.date(2026, 11, 27)  # the next business day: Friday, after Thanksgiving
    assert (again.customer_id, again.reason, again.source, again.concern_id, again.promise_id) == (
        cid, first.reason, "concern_resolved", concern, asked)
    assert FollowUp.get_by_id(again.id).assigned_to_id == walter["rosa"]
    assert [f.id for f in followups.for_customer(cid)] == [again.id]  # the promise is still open
    clock.set_now(at(27, 9))
    assert _queue(cid) == [f"Follow-up due today (1 attempt, no answer since Wednesday): {first.reason}"]


def test_each_call_again_names_the_first_promise_and_the_queue_says_how_often_nobody_answered(walter):
    cid = walter["id"]
    asked = followups.create(cid, dt.date(2026, 11, 17), "Ask whether the Thursday cleans suit him")
    followups.complete(asked, "", nobody_reached="no_answer")  # Tuesday
    clock.set_now(at(18, 11))
    second = followups.again_of(asked)
    assert second.due_on == dt.date(2026, 11, 18)
    followups.complete(second.id, "Rang the landline too", nobody_reached="no_answer", again_on=dt.date(2026, 11, 23))
    third = followups.again_of(second.id)
    assert (third.due_on, third.promise_id) == (dt.date(2026, 11, 23), asked)

    clock.set_now(at(23, 8, 30))  # Monday
    assert _queue(cid) == ["Follow-up due today (2 attempts, no answer since Tuesday): "
                           "Ask whether the Thursday cleans suit him"]
    followups.complete(third.id, "", nobody_reached="voicemail")
    clock.set_now(at(24, 8, 30))
    assert _queue(cid) == ["Follow-up due today (3 attempts, nobody reached since Tue, Nov 17 — last: voicemail left): "
                           "Ask whether the Thursday cleans suit him"]
    clock.set_now(at(26, 8, 30))  # Thanksgiving: due on Tuesday, so Tuesday and Wednesday went by without it
    assert _queue(cid)[0].startswith("Follow-up 2 business days overdue (3 attempts, nobody reached since Tue, Nov 17")
    last = followups.for_customer(cid)[0]
    assert ("Attempts before", "3") in history.detail("follow_up", last.id)

    followups.complete(last.id, "Spoke with Walter: Thursdays are fine")  # reached: nothing more to call about
    assert followups.for_customer(cid) == [] and followups.again_of(last.id) is None
    assert _queue(cid) == []


def test_stopping_is_a_choice_with_its_reason_kept_on_the_history(walter):
    cid = walter["id"]
    asked = followups.create(cid, dt.date(2026, 11, 17), "Ask whether the Thursday cleans suit him")
    for bad, field in (({"stop_trying": "  "}, "stop_trying"),
                       ({"stop_trying": "Moved away", "again_on": dt.date(2026, 11, 18)}, "again_on"),
                       ({"again_on": dt.date(2026, 11, 16)}, "again_on")):
        with pytest.raises(ValidationError) as err:
            followups.complete(asked, "", nobody_reached="wrong_number", **bad)
        assert field in err.value.problems
    with pytest.raises(ValidationError) as err:
        followups.complete(asked, "All fine", again_on=dt.date(2026, 11, 18))  # reached: there is no next call
    assert "was reached" in err.value.problems["again_on"]
    assert followups.get(asked).done_at is None and FollowUp.select().count() == 1  # nothing changed

    followups.complete(asked, "The number rings a dental practice", nobody_reached="wrong_number",
                       stop_trying="No other number on file; he will hear from Sam at Thursday's visit")
    stopped = followups.get(asked)
    assert stopped.stopped_trying == "No other number on file; he will hear from Sam at Thursday's visit"
    assert followups.for_customer(cid) == [] and FollowUp.select().count() == 1
    item = history.timeline(cid)[0]
    assert item.title == "Follow-up attempt — wrong number, stopped trying"
    assert item.text == ("Stopped trying: No other number on file; he will hear from Sam at Thursday's visit — "
                         "Ask whether the Thursday cleans suit him")
    assert ("Stopped trying", "No other number on file; he will hear from Sam at Thursday's visit") in \
        history.detail("follow_up", asked)


def test_a_logged_call_that_reached_nobody_calls_the_follow_up_it_was_about_again(walter):
    cid = walter["id"]
    concern = concerns.raise_concern(cid, "The windows were left streaky.", raised_at=at(17, 9))
    concerns.acknowledge(concern, walter["rosa"], at=at(17, 10))
    asked = concerns.resolve(concern, "Cleaned the windows again", walter["rosa"])
    clock.set_now(at(20, 10))  # Friday
    logged = interactions.log(cid, "phone", "out", "Rang about the windows", concern_id=concern,
                              closes_follow_ups=[asked], nobody_reached="no_answer")
    again = followups.again_of(asked)
    assert again.due_on == dt.date(2026, 11, 23) and again.concern_id == concern
    assert logged.follow_up_id == again.id and [f.id for f in followups.for_customer(cid)] == [again.id]
    clock.set_now(at(23, 10))
    logged = interactions.log(cid, "phone", "out", "", concern_id=concern, closes_follow_ups=[again.id],
                              nobody_reached="voicemail", follow_up_on=dt.date(2026, 11, 25))
    third = followups.again_of(again.id)
    assert logged.follow_up_id == third.id and third.due_on == dt.date(2026, 11, 25)
    assert [f.id for f in followups.for_customer(cid)] == [third.id]  # the day chosen is the call again, once


def test_a_call_again_about_a_new_technician_is_the_one_still_owed_before_the_visit(walter):
    from servicedesk.core.store.models import Customer, Visit, VisitChange

    sam = technicians.create("Sam Ortiz")
    priya = technicians.create("Priya Shah")
    Customer.update(technician=sam).where(Customer.id == walter["id"]).execute()
    starts = at(26, 9)
    visit = Visit.create(customer=walter["id"], technician=priya, service_type="Deep clean", starts_at=starts,
                         ends_at=starts + dt.timedelta(hours=2), status="scheduled").id
    VisitChange.create(visit=visit, changed_at=at(17, 9), old_technician=sam, new_technician=priya,
                       old_starts_at=starts, new_starts_at=starts, reason="Sam is on a course")
    call = followups.after_technician_change(visit)
    followups.complete(call, "", nobody_reached="no_answer")
    again = followups.again_of(call)
    assert again.visit_id == visit and followups.owed_for_visit(visit)
    assert followups.after_technician_change(visit) == again.id
    assert followups.sweep(days=14) == []
