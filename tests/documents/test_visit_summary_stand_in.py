"""A visit summary from someone other than the customer's own technician says plainly who came and why."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import customers, documents, office, scheduling, technicians

from tests.documents.pdf import text_of


@pytest.fixture
def dorothy(db):
    clock.set_now(dt.datetime(2026, 1, 5, 8, 0))
    office.update(name="Green Leaf Pest Control", phone="+1 555-010-2000", owner_name="Maria Keller",
                  configured=True)
    sam = technicians.create("Sam Ortiz")
    kevin = technicians.create("Kevin Lee")
    cid = customers.create(name="Dorothy Finch", company="Finch's Gifts", street="12 Market Street",
                           city="Riverton", salutation="Dear Dorothy", trade="pest", technician_id=sam).id
    customers.add_what_matters(cid, "same_technician", "Are you the one doing the service?", sam)
    visit = scheduling.book(cid, dt.datetime(2026, 1, 13, 9), 60, service_type="Monthly rodent control")
    return {"customer": cid, "sam": sam, "kevin": kevin, "visit": visit}


def _summary_of(visit_id, tmp_path=None):
    clock.set_now(dt.datetime(2026, 1, 13, 12, 0))
    scheduling.complete(visit_id, "Rebaited the four stations in the back store room.")
    generated = documents.generate_visit_summary(visit_id)
    if tmp_path is not None:
        (tmp_path / "summary.pdf").write_bytes(generated.path.read_bytes())
    return text_of(generated.path)


def test_the_summary_says_who_came_in_place_of_her_technician_and_why(dorothy, tmp_path):
    scheduling.assign(dorothy["visit"], dorothy["kevin"], "off sick")
    text = _summary_of(dorothy["visit"], tmp_path)
    assert "Technician Kevin Lee" in text
    assert "Kevin Lee came in place of Sam Ortiz (off sick). Sam Ortiz remains your technician." in text


def test_her_own_technician_needs_no_word(dorothy):
    text = _summary_of(dorothy["visit"])
    assert "Technician Sam Ortiz" in text
    assert "in place of" not in text and "remains your technician" not in text


def test_a_visit_booked_with_someone_else_gives_the_reason_it_was_booked_with(dorothy):
    visit = scheduling.book(dorothy["customer"], dt.datetime(2026, 1, 13, 14), 45, dorothy["kevin"],
                            service_type="Extra check", reason="Sam is on a course that afternoon")
    text = _summary_of(visit)
    assert ("Kevin Lee came in place of Sam Ortiz (Sam is on a course that afternoon). Sam Ortiz remains your "
            "technician.") in text


def test_a_technician_who_has_left_is_never_said_to_remain(dorothy):
    scheduling.assign(dorothy["visit"], dorothy["kevin"], "off sick")
    clock.set_now(dt.datetime(2026, 1, 12, 17, 0))
    technicians.mark_leaving(dorothy["sam"], dt.date(2026, 1, 9))
    text = _summary_of(dorothy["visit"])
    assert "Kevin Lee came in place of Sam Ortiz (off sick). Sam Ortiz no longer works with us." in text
    assert "remains your technician" not in text


def test_a_technician_who_is_leaving_is_said_to_be_leaving(dorothy):
    scheduling.assign(dorothy["visit"], dorothy["kevin"], "off sick")
    technicians.mark_leaving(dorothy["sam"], dt.date(2026, 1, 30))
    text = _summary_of(dorothy["visit"])
    assert ("Kevin Lee came in place of Sam Ortiz (off sick). Sam Ortiz is leaving us; their last day is "
            "Friday, January 30.") in text
    assert "remains your technician" not in text


def test_her_own_technician_handed_over_after_the_visit_is_not_said_to_have_come_in_place_of_his_successor(dorothy):
    from servicedesk.core.services import handover

    clock.set_now(dt.datetime(2026, 1, 13, 12, 0))
    scheduling.complete(dorothy["visit"], "Rebaited the four stations in the back store room.")
    technicians.mark_leaving(dorothy["sam"], dt.date(2026, 1, 16))  # Sam's last day is that Friday
    [h] = handover.open_handovers()
    handover.confirm(h.id, dorothy["customer"], dorothy["kevin"])
    text = text_of(documents.generate_visit_summary(dorothy["visit"]).path)
    assert "Technician Sam Ortiz" in text
    assert "in place of" not in text
    assert ("Sam Ortiz is leaving us; their last day is Friday, January 16. Kevin Lee is your technician from now "
            "on.") in text
    clock.set_now(dt.datetime(2026, 1, 20, 9, 0))  # printed again once he has gone
    text = text_of(documents.generate_visit_summary(dorothy["visit"]).path)
    assert "Sam Ortiz no longer works with us. Kevin Lee is your technician from now on." in text


def test_her_technicians_last_day_is_the_day_of_her_visit_and_the_next_one_is_not_promised_with_him(dorothy):
    following = scheduling.book(dorothy["customer"], dt.datetime(2026, 2, 10, 9), 60,
                                service_type="Monthly rodent control")  # booked with Sam, weeks ago
    clock.set_now(dt.datetime(2026, 1, 13, 8, 0))
    technicians.mark_leaving(dorothy["sam"], dt.date(2026, 1, 13))  # he tells the office that morning
    text = _summary_of(dorothy["visit"])
    assert "Technician Sam Ortiz" in text
    assert "Sam Ortiz is leaving us; their last day is Tuesday, January 13." in text
    assert "Your next visit Tuesday, February 10, 9:00 AM, technician to be confirmed (Monthly rodent control)" in text
    assert "with Sam Ortiz" not in text
    assert scheduling.own_technician(dorothy["customer"]).id == dorothy["sam"]  # nobody has taken over yet
    assert following
