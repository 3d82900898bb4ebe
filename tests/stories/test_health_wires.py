"""Every service that changes what a customer's health depends on rescores the customer as it happens."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import contact, customers, documents, followups, health, office, scheduling, technicians
from servicedesk.core.store.models import Customer, Visit

from .conftest import MONDAY, stored_score


@pytest.fixture
def ruth(db):
    clock.set_now(MONDAY)
    office.update(name="Keller Pest Control", contact_rhythm_days=45)
    sam, priya = technicians.create("Sam Ortiz"), technicians.create("Priya Shah")
    cid = customers.create(name="Ruth Cole", customer_since=dt.date(2026, 11, 2), technician_id=sam).id
    earlier = Visit.create(customer=cid, technician=sam, starts_at=dt.datetime(2026, 11, 10, 9),
                           ends_at=dt.datetime(2026, 11, 10, 10), status="completed", work_done="Baited the shed")
    planned = scheduling.book(cid, dt.datetime(2026, 11, 26, 9), technician_id=sam, service_type="Monthly pest")
    health.recompute([cid])
    assert stored_score(cid) == 100
    return {"id": cid, "sam": sam, "priya": priya, "earlier": earlier.id, "planned": planned}


CHANGES = {
    "assign": (lambda r: scheduling.assign(r["planned"], r["priya"], reason="Sam is ill"),
               "1 technician change this month"),
    "reschedule": (lambda r: scheduling.reschedule(r["planned"], dt.datetime(2026, 11, 27, 9), "Gate locked"),
                   "1 reschedule this month"),
    "cancel": (lambda r: scheduling.cancel(r["planned"], "They are away"), "1 cancellation this month"),
    "no_access": (lambda r: scheduling.no_access(r["planned"], "Nobody home"), "1 cancellation this month"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_to_a_visit_rescores_at_once(ruth, change):
    act, reason = CHANGES[change]
    act(ruth)
    assert [r.text for r in health.assess(ruth["id"]).reasons] == [reason]
    assert stored_score(ruth["id"]) == 95


def test_completing_a_visit_by_someone_new_rescores(ruth):
    customers.add_what_matters(ruth["id"], "same_technician", "Sam knows where the traps are", ruth["sam"])
    visit = scheduling.book(ruth["id"], dt.datetime(2026, 11, 24, 9), technician_id=ruth["priya"],
                            reason="Sam is on a course")
    clock.set_now(dt.datetime(2026, 11, 24, 11))
    scheduling.complete(visit, "Sprayed the perimeter")
    assert [r.text for r in health.assess(ruth["id"]).reasons] == [
        "2 technicians in their last 2 visits; they said the same technician matters"]
    assert stored_score(ruth["id"]) == 90


def test_a_new_follow_up_rewrites_a_stale_score(ruth):
    Customer.update(health_score=40).where(Customer.id == ruth["id"]).execute()  # drifted, say by an old import
    followups.create(ruth["id"], dt.date(2026, 11, 25), "Bring the gate code")
    assert stored_score(ruth["id"]) == 100


def test_a_document_counts_as_contact_once_sent_not_when_written(ruth):
    clock.set_now(dt.datetime(2027, 1, 4, 9))  # nobody has spoken to her since her visit on 10 November
    health.recompute([ruth["id"]])
    assert stored_score(ruth["id"]) == 85
    written = documents.generate_visit_summary(ruth["earlier"])
    assert [r.text for r in health.assess(ruth["id"]).reasons] == ["no contact for 55 days"]
    assert stored_score(ruth["id"]) == 85
    contact.send_document(written.id, "posted", ruth["priya"])
    assert health.assess(ruth["id"]).reasons == () and stored_score(ruth["id"]) == 100


def test_the_demo_scores_everyone_the_way_the_application_does(demo_db):
    ids = [c.id for c in Customer.select(Customer.id)]
    scores = health.assess_many(ids)
    assert {i: stored_score(i) for i in ids} == {i: scores[i].score for i in ids}
    assert min(scores.values(), key=lambda h: h.score).customer_id == Customer.get(Customer.name == "Dorothy Finch").id


def test_saving_the_profile_rescores_with_its_rhythm(ruth):
    clock.set_now(dt.datetime(2026, 12, 27, 9))  # 47 days since her visit, nobody called
    health.recompute([ruth["id"]])
    assert stored_score(ruth["id"]) == 85
    profile = customers.get(ruth["id"])
    customers.save_profile(ruth["id"], profile.version, {"name": profile.name, "contact_rhythm_days": 90})
    assert stored_score(ruth["id"]) == 100


def test_customers_entered_or_imported_from_long_ago_are_scored_at_once(db):
    from servicedesk.core.services import imports

    clock.set_now(MONDAY)
    office.update(contact_rhythm_days=45)
    typed = customers.create(name="Walter Old", customer_since=dt.date(2026, 8, 1)).id
    plan = imports.read_text("Name,Customer since\nIrene Longago,2025-01-15\nNew Neighbour,2026-11-20\n")
    imported = imports.run(plan).ids
    assert [stored_score(i) for i in (typed, *imported)] == [75, 75, 100]
    assert health.assess(imported[0]).reasons[0].text.startswith("no contact since becoming a customer")
