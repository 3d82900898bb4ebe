"""A change notice reads naturally in every case: only the technician, only the day, only the time, several."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import communication, documents, recurrence, scheduling, technicians
from servicedesk.core.store.models import Visit
from tests.documents.pdf import text_of


@pytest.fixture
def booked(office_db):
    """Dorothy's visit on Tuesday, January 13, 2026 at 9:00 AM with Sam Ortiz."""
    recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                           weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1), window_start=dt.time(9),
                           window_end=dt.time(11), duration_min=60, technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 1, 31))
    return Visit.get(Visit.customer == office_db.dorothy).id


def notice(result) -> str:
    body = communication.draft(result.draft_id).body
    sentence = body.split("We want you to hear this from us first: ")[1].split("\n")[0]
    pdf = text_of(documents.generate_change_notice(result.visit_id).path).replace(" 2026", "")
    assert " ".join(sentence.split()) in " ".join(pdf.split())  # the printed letter says the same (with the year)
    return sentence


def test_only_the_technician(office_db, booked):
    result = scheduling.assign(booked, office_db.alex, reason="Sam is on a course")
    assert notice(result) == ("your Rodent control visit on Tuesday, January 13 at 9:00\u00a0AM will be done by "
                              "Alex Kim instead of Sam Ortiz, at the same time.")


def test_only_the_day(office_db, booked):
    result = scheduling.reschedule(booked, dt.datetime(2026, 1, 15, 9), "The road is closed on Tuesday")
    assert notice(result) == ("your Rodent control visit on Tuesday, January 13 at 9:00\u00a0AM will now be on "
                              "Thursday, January 15 at 9:00\u00a0AM, with Sam Ortiz as planned.")


def test_only_the_time(office_db, booked):
    result = scheduling.assign(booked, office_db.sam, starts_at=dt.datetime(2026, 1, 13, 14))
    assert notice(result) == ("your Rodent control visit on Tuesday, January 13 will now be at 2:00\u00a0PM instead of "
                              "9:00\u00a0AM, with Sam Ortiz as planned.")


def test_several_changes(office_db, booked):
    technicians.add_days_off(office_db.sam, dt.date(2026, 1, 12), dt.date(2026, 1, 16), "vacation")
    result = scheduling.assign(booked, office_db.jo, reason="Sam is away that week",
                               starts_at=dt.datetime(2026, 1, 14, 11))
    assert notice(result) == ("your Rodent control visit on Tuesday, January 13 at 9:00\u00a0AM will now be on "
                              "Wednesday, January 14 at 11:00\u00a0AM, with Jo Banks instead of Sam Ortiz.")


def test_never_x_instead_of_x(office_db, booked):
    for text in (notice(scheduling.assign(booked, office_db.alex, reason="Sam is ill")),
                 notice(scheduling.reschedule(booked, dt.datetime(2026, 1, 16, 10), "Alex is ill"))):
        assert "Alex Kim instead of Alex Kim" not in text and "9:00\u00a0AM will now be on Tuesday, January 13 at 9:00\u00a0AM" \
            not in text


def test_a_notice_with_no_reason_says_no_bare_why(office_db, booked):
    body = communication.draft(scheduling.reschedule(booked, dt.datetime(2026, 1, 16, 9)).draft_id).body
    assert "with Sam Ortiz as planned" in body
    assert "Why" not in body
    pdf = text_of(documents.generate_change_notice(booked).path)
    assert "Why" not in pdf and "—" not in pdf


def test_staffing_a_visit_nobody_was_named_for_is_no_change_to_announce(office_db, booked):
    from servicedesk.core.services import customers, templates
    from servicedesk.core.store.models import Customer, WhatMatters

    # Dorothy's technician is not set and her visit has nobody on it yet
    WhatMatters.delete().where(WhatMatters.customer == office_db.dorothy).execute()
    Customer.update(technician=None).where(Customer.id == office_db.dorothy).execute()
    Visit.update(technician=None).where(Visit.id == booked).execute()
    assert customers.get(office_db.dorothy).technician == ""

    result = scheduling.assign(booked, office_db.alex)
    assert (result.draft_id, result.follow_up_id) == (None, None)
    # moved on top of it, the notice names who comes without an "instead of" nobody
    moved = scheduling.reschedule(booked, dt.datetime(2026, 1, 15, 9))
    body = communication.draft(moved.draft_id).body
    assert "with Alex Kim" in body and "instead of" not in body and "technician planned" not in body
    assert templates.change_words("pest", dt.datetime(2026, 1, 13, 9), dt.datetime(2026, 1, 13, 9), "",
                                  "Alex Kim").endswith("will be done by Alex Kim.")
