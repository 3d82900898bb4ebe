"""What counts as contact, once: the last-contact column, health's rhythm and the queue agree."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import communication, contact, customers, health, office, technicians
from servicedesk.core.store.models import Customer, Document, Draft, Interaction

from .conftest import MONDAY, visit


@pytest.fixture
def quiet(db):
    clock.set_now(MONDAY)
    office.update(contact_rhythm_days=45)
    sam = technicians.create("Sam Ortiz")
    desk = technicians.create("Rosa Delgado", role="office")
    cid = customers.create(name="Walter Grimes", customer_since=dt.date(2026, 8, 10), technician_id=sam).id
    return {"id": cid, "sam": sam, "desk": desk}


def queue_rows(cid):
    return [(i.kind, i.why) for i in communication.today_queue() if i.customer_id == cid]


def test_completed_visits_are_contact(quiet):
    for month in (8, 9, 10):
        visit(quiet["id"], quiet["sam"], dt.datetime(2026, month, 20, 9))
    visit(quiet["id"], quiet["sam"], dt.datetime(2026, 10, 21, 9), status="cancelled")  # not contact
    customers.refresh_summary([quiet["id"]])
    assert Customer.get_by_id(quiet["id"]).last_contact_at == dt.datetime(2026, 10, 20, 9)
    assert health.assess(quiet["id"]).reasons == ()
    assert queue_rows(quiet["id"]) == []


def test_queue_and_health_agree_at_the_line(quiet):
    contact.record(quiet["id"], "phone", "Quarterly check-in", when=dt.datetime(2026, 10, 9, 8, 0))
    clock.set_now(dt.datetime(2026, 11, 23, 9, 0))  # 45 days and an hour: within the rhythm for both
    assert health.assess(quiet["id"]).reasons == () and queue_rows(quiet["id"]) == []
    clock.set_now(dt.datetime(2026, 11, 24, 7, 0))  # 46 days: beyond it for both
    assert [r.text for r in health.assess(quiet["id"]).reasons] == ["no contact for 46 days"]
    assert queue_rows(quiet["id"]) == [("not_contacted", "No contact for 46 days (usual rhythm: every 45 days)")]


def test_never_contacted_counts_from_becoming_a_customer_in_both(quiet):
    clock.set_now(dt.datetime(2026, 9, 24, 9))  # 45 days after 10 August
    assert health.assess(quiet["id"]).reasons == () and queue_rows(quiet["id"]) == []
    clock.set_now(dt.datetime(2026, 9, 25, 9))
    assert [r.text for r in health.assess(quiet["id"]).reasons] == [
        "no contact since becoming a customer 46 days ago"]
    assert queue_rows(quiet["id"])[0][0] == "not_contacted"


def test_a_paused_customer_has_no_rhythm_anywhere(quiet):
    Customer.update(status="paused").where(Customer.id == quiet["id"]).execute()
    assert health.assess(quiet["id"]).reasons == () and queue_rows(quiet["id"]) == []


def test_a_queued_message_is_contact_only_once_sent_by_the_desk(quiet):
    draft = communication.queue_draft(quiet["id"], "Change to your visit", "Dear Walter, ...")
    assert Customer.get_by_id(quiet["id"]).last_contact_at is None
    communication.mark_sent(draft, "email", staff_id=quiet["desk"])
    logged = Interaction.get()
    assert (logged.staff_id, logged.channel, logged.summary) == (quiet["desk"], "email", "Sent: Change to your visit")
    assert Draft.get_by_id(draft).status == "sent"
    assert Customer.get_by_id(quiet["id"]).last_contact_at == MONDAY
    with pytest.raises(ValidationError):
        communication.mark_sent(draft, "email")
    assert Interaction.select().count() == 1


def test_sending_a_document_names_how_and_is_refused_twice(quiet):
    doc = Document.create(customer=quiet["id"], kind="visit_summary", title="Visit summary — Walter Grimes",
                          path="a.pdf", sha256="0", created_at=MONDAY)
    with pytest.raises(ValidationError) as bad:
        contact.send_document(doc.id, "faxed")
    assert "printed, handed over, posted, emailed" in bad.value.problems["how"]
    assert Interaction.select().count() == 0
    contact.send_document(doc.id, "handed_over", quiet["desk"])
    assert Interaction.get().summary == "Visit summary — Walter Grimes — handed over"
    with pytest.raises(ValidationError):
        contact.send_document(doc.id, "posted")
    assert Interaction.select().count() == 1


def test_acknowledging_resolving_and_closing_the_follow_up_of_a_concern_are_contact(quiet):
    from servicedesk.core.services import concerns, followups

    cid = quiet["id"]  # never contacted since 10 August
    concern = concerns.raise_concern(cid, "The new schedule clashes with my opening hours.",
                                     raised_at=dt.datetime(2026, 11, 20, 9))
    assert Customer.get_by_id(cid).last_contact_at is None
    concerns.acknowledge(concern, quiet["desk"], at=dt.datetime(2026, 11, 20, 11))
    assert Customer.get_by_id(cid).last_contact_at == dt.datetime(2026, 11, 20, 11)
    follow_up = concerns.resolve(concern, "Moved her visits to Tuesday evenings", quiet["desk"])
    assert Customer.get_by_id(cid).last_contact_at == MONDAY
    clock.set_now(dt.datetime(2027, 1, 4, 10))  # the follow-up was due before Christmas
    followups.complete(follow_up, "Rang her: the new schedule suits her fine")
    assert Customer.get_by_id(cid).last_contact_at == dt.datetime(2027, 1, 4, 10)
    assert [k for k, _ in queue_rows(cid)] == []
    assert not any("contact" in r.text for r in health.assess(cid).reasons)


def _history_titles(cid):
    from servicedesk.core.services import history

    return [item.title for item in history.timeline(cid)]


def test_a_call_that_reached_nobody_stays_an_attempt_and_is_not_contact(quiet):
    from servicedesk.core.services import interactions

    cid = quiet["id"]
    contact.record(cid, "phone", "Quarterly check-in", when=dt.datetime(2026, 10, 1, 10))  # 53 days ago
    silent = [("not_contacted", "No contact for 53 days (usual rhythm: every 45 days)")]
    assert queue_rows(cid) == silent
    for why in ("no_answer", "voicemail", "wrong_number"):
        interactions.log(cid, "phone", "out", "", staff_id=quiet["desk"], nobody_reached=why)
    assert Customer.get_by_id(cid).last_contact_at == dt.datetime(2026, 10, 1, 10)
    assert [r.text for r in health.assess(cid).reasons] == ["no contact for 53 days"]
    assert Customer.get_by_id(cid).health_score == health.assess(cid).score == 85
    assert queue_rows(cid) == silent
    assert _history_titles(cid)[:3] == ["Call to the customer — attempt, wrong number",
                                        "Call to the customer — attempt, voicemail left",
                                        "Call to the customer — attempt, no answer"]
    assert [i.summary for i in interactions.recent(cid, 1)] == ["Wrong number"]

    interactions.log(cid, "phone", "out", "Spoke with Walter: all fine", staff_id=quiet["desk"])
    assert Customer.get_by_id(cid).last_contact_at == MONDAY
    assert queue_rows(cid) == [] and health.assess(cid).reasons == ()


def test_closing_a_follow_up_that_reached_nobody_keeps_the_silence(quiet):
    from servicedesk.core.services import followups, history

    cid = quiet["id"]  # never contacted since 10 August: 105 days
    clock.set_now(dt.datetime(2026, 11, 20, 9))
    follow_up = followups.create(cid, dt.date(2026, 11, 20), "Ask how the new schedule works for him")
    clock.set_now(MONDAY)
    followups.complete(follow_up, "", nobody_reached="voicemail")
    done = followups.get(follow_up)
    assert (done.done_at, done.outcome, done.nobody_reached) == (MONDAY, "Voicemail left", "voicemail")
    assert Customer.get_by_id(cid).last_contact_at is None
    assert [r.text for r in health.assess(cid).reasons] == ["no contact since becoming a customer 105 days ago"]
    # the follow-up is off today's queue (it is called again tomorrow), the silence is not
    assert [k for k, _ in queue_rows(cid)] == ["not_contacted"]
    assert _history_titles(cid) == ["Follow-up due", "Follow-up attempt — voicemail left"]
    assert ("Nobody reached", "Voicemail left (an attempt, not contact)") in history.detail("follow_up", follow_up)


def test_an_attempt_cannot_acknowledge_a_concern_nor_hear_what_is_still_wrong(quiet):
    from servicedesk.core.services import concerns, followups, interactions

    cid = quiet["id"]
    concern = concerns.raise_concern(cid, "The windows were left streaky.", raised_at=dt.datetime(2026, 11, 20, 9))
    with pytest.raises(ValidationError) as bad:
        interactions.log(cid, "phone", "out", "Rang back", concern_id=concern, acknowledges=True,
                         nobody_reached="no_answer")
    assert "has not heard" in bad.value.problems["acknowledges"]
    with pytest.raises(ValidationError) as bad:
        interactions.log(cid, "phone", "out", "Rang", nobody_reached="busy")
    assert "no answer, voicemail left, wrong number" in bad.value.problems["nobody_reached"]
    assert Interaction.select().count() == 0 and concerns.get(concern).acknowledged_at is None

    concerns.acknowledge(concern, quiet["desk"], at=dt.datetime(2026, 11, 20, 10))
    follow_up = concerns.resolve(concern, "Cleaned the windows again", quiet["desk"])
    resolved = Customer.get_by_id(cid).last_contact_at
    with pytest.raises(ValidationError) as bad:
        followups.complete(follow_up, "", still_wrong="Still streaky", nobody_reached="no_answer")
    assert "Nobody was reached" in bad.value.problems["still_wrong"]
    clock.set_now(dt.datetime(2026, 11, 27, 10))
    logged = interactions.log(cid, "phone", "out", "Rang about the windows", concern_id=concern,
                              closes_follow_ups=[follow_up], nobody_reached="no_answer")
    closed = followups.get(follow_up)
    assert closed.nobody_reached == "no_answer" and closed.outcome.startswith("Not reached on")
    assert logged.interaction_id and Customer.get_by_id(cid).last_contact_at == resolved
