"""Impossible dates and negative durations in every service that takes them.

Each gives a ValidationError naming the field with a plain message, and nothing changes: the rows
and values read before the attempt are exactly those read after it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import concerns, customers, projects, recurrence, scheduling, technicians

TABLES = ("project", "milestone", "milestone_baseline", "service_plan", "visit", "visit_change", "time_off",
          "concern", "follow_up", "draft")


def _state(db) -> dict:
    """Every row of the tables these services write, as stored."""
    con = sqlite3.connect(db.database)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    finally:
        con.close()


def _refused(db, call, fields: set[str]) -> str:
    before = _state(db)
    with pytest.raises(ValidationError) as info:
        call()
    problems = info.value.problems
    assert set(problems) == fields
    for message in problems.values():  # plain words, no Python leaking through
        assert message.strip().endswith((".", ")")) and "Traceback" not in message
        assert "datetime." not in message and "None" not in message and "Error" not in message
    assert _state(db) == before
    return " ".join(problems.values())


@pytest.fixture
def office(db):
    clock.set_now(dt.datetime(2026, 5, 4, 9))  # a Monday
    sam = technicians.create("Sam Ortiz")
    cid = customers.create(name="Dorothy Gale", street="1 Farm Road", technician_id=sam).id
    pid = projects.create(cid, "Pool build", starts_on="2026-05-10", target_on="2026-08-01")
    mid = projects.add_milestone(pid, "Excavation", planned_start="2026-06-01", planned_end="2026-06-10")
    visit = scheduling.book(cid, dt.datetime(2026, 5, 12, 9), 60)
    return {"db": db, "sam": sam, "customer": cid, "project": pid, "milestone": mid, "visit": visit}


# ------------------------------------------------------------------ projects and milestones

@pytest.mark.parametrize("values, fields", [
    ({"starts_on": "2026-05-10", "target_on": "2026-05-01"}, {"target_on"}),
    ({"starts_on": "2026-02-30"}, {"starts_on"}),
    ({"target_on": "31/12/2026"}, {"target_on"}),
])
def test_a_new_project_with_impossible_dates(office, values, fields):
    _refused(office["db"], lambda: projects.create(office["customer"], "Spa", **values), fields)


@pytest.mark.parametrize("values, fields", [
    ({"target_on": "2026-05-01"}, {"target_on"}),  # before the stored start
    ({"starts_on": "2026-09-01"}, {"target_on"}),  # after the stored target
    ({"starts_on": "yesterday"}, {"starts_on"}),
])
def test_editing_a_project_into_impossible_dates(office, values, fields):
    _refused(office["db"], lambda: projects.update(office["project"], **values), fields)


@pytest.mark.parametrize("values, fields", [
    ({"planned_start": "2026-06-10", "planned_end": "2026-06-01"}, {"planned_end"}),
    ({"actual_start": "2026-06-10", "actual_end": "2026-06-09"}, {"actual_end"}),
    ({"planned_start": "2026-06-01", "planned_end": "2026-06-10", "revised_end": "2026-06-05"}, {"revised_end"}),
    ({"planned_start": "2026-06-01", "revised_end": "2026-05-20"}, {"revised_end"}),
    ({"planned_start": "2026-13-01"}, {"planned_start"}),
    ({"revised_end": "0000-00-00"}, {"revised_end"}),
])
def test_a_new_milestone_with_impossible_dates(office, values, fields):
    _refused(office["db"], lambda: projects.add_milestone(office["project"], "Tiling", **values), fields)


@pytest.mark.parametrize("values, fields", [
    ({"planned_end": "2026-05-30"}, {"planned_end"}),  # before the stored planned start
    ({"planned_start": "2026-06-11"}, {"planned_end"}),  # after the stored planned end
    ({"actual_start": "2026-06-05", "actual_end": "2026-06-02"}, {"actual_end"}),
    ({"revised_end": "2026-06-09"}, {"revised_end"}),  # before the stored planned end
    ({"status": "delayed", "revised_end": "2026-06-02", "delay_reason": "rain"}, {"revised_end"}),
])
def test_editing_a_milestone_into_impossible_dates(office, values, fields):
    text = _refused(office["db"], lambda: projects.update_milestone(office["milestone"], note="moved", **values),
                    fields)
    assert "before" in text


def test_a_revised_date_after_the_plan_is_kept(office):
    projects.update_milestone(office["milestone"], status="delayed", revised_end="2026-06-20", delay_reason="Rain.")
    assert projects.get_milestone(office["milestone"]).current_end == dt.date(2026, 6, 20)


# ------------------------------------------------------------------ service plans

PLAN = {"service_type": "Quarterly pest treatment", "recurrence": "monthly_weekday", "weekday": 1,
        "week_of_month": 2, "starts_on": dt.date(2026, 6, 1)}


@pytest.mark.parametrize("changes, fields", [
    ({"ends_on": dt.date(2026, 5, 31)}, {"ends_on"}),
    ({"ends_on": "2026-02-30"}, {"ends_on"}),
    ({"starts_on": "2026-13-01"}, {"starts_on"}),
    ({"starts_on": None}, {"starts_on"}),
    ({"duration_min": 0}, {"duration_min"}),
    ({"duration_min": -30}, {"duration_min"}),
    ({"duration_min": "abc"}, {"duration_min"}),
    ({"duration_min": 1.5}, {"duration_min"}),
    ({"duration_min": 13 * 60}, {"duration_min"}),
    ({"recurrence": "every_n_weeks", "interval": 0}, {"interval"}),
    ({"recurrence": "every_n_weeks", "interval": -2}, {"interval"}),
    ({"recurrence": "every_n_weeks", "interval": "two"}, {"interval"}),
    ({"week_of_month": 7}, {"week_of_month"}),
    ({"week_of_month": 0}, {"week_of_month"}),
    ({"weekday": 7}, {"weekday"}),
    ({"recurrence": "monthly_date", "day_of_month": 32}, {"day_of_month"}),
    ({"recurrence": "monthly_date", "day_of_month": 0}, {"day_of_month"}),
    ({"recurrence": "monthly_date", "day_of_month": -1}, {"day_of_month"}),
    ({"window_start": dt.time(12), "window_end": dt.time(8)}, {"window_end"}),
    ({"window_start": dt.time(9), "window_end": dt.time(9)}, {"window_end"}),
])
def test_impossible_service_plans(office, changes, fields):
    _refused(office["db"], lambda: recurrence.create_plan(office["customer"], **{**PLAN, **changes}), fields)


def test_changing_a_plan_from_a_day_into_an_impossible_one_changes_nothing(office):
    plan = recurrence.create_plan(office["customer"], **PLAN)
    recurrence.generate(dt.date(2026, 12, 31), plan_id=plan)
    _refused(office["db"], lambda: recurrence.change_from(plan, dt.date(2026, 9, 1), duration_min=0,
                                                          interval=-1, recurrence="every_n_weeks"),
             {"duration_min", "interval"})


# ------------------------------------------------------------------ time off

@pytest.mark.parametrize("hours", [-8, 0])
def test_time_off_that_ends_before_it_starts(office, hours):
    start = dt.datetime(2026, 6, 1, 8)
    _refused(office["db"], lambda: technicians.add_time_off(office["sam"], start, start + dt.timedelta(hours=hours)),
             {"ends_at"})


def test_days_off_that_end_before_they_start(office):
    text = _refused(office["db"], lambda: technicians.add_days_off(office["sam"], dt.date(2026, 6, 5),
                                                                   dt.date(2026, 6, 1)), {"ends_at"})
    assert "must end after it starts" in text


# ------------------------------------------------------------------ visits

@pytest.mark.parametrize("when, words", [
    (dt.datetime(2026, 5, 1, 9), "into the past"),
    ("2026-02-30 09:00", "is not a date and time"),
    ("next Tuesday", "is not a date and time"),
    (dt.date(2026, 5, 20), "is not a date and time"),
])
def test_rescheduling_a_visit_to_an_impossible_time(office, when, words):
    text = _refused(office["db"], lambda: scheduling.reschedule(office["visit"], when, "customer asked"),
                    {"starts_at"})
    assert words in text


@pytest.mark.parametrize("minutes", [0, -15, 4])
def test_booking_a_visit_of_no_length(office, minutes):
    _refused(office["db"], lambda: scheduling.book(office["customer"], dt.datetime(2026, 5, 20, 9), minutes),
             {"duration_min"})


def test_booking_a_visit_in_the_past(office):
    _refused(office["db"], lambda: scheduling.book(office["customer"], dt.datetime(2026, 4, 30, 9), 60),
             {"starts_at"})


def test_the_next_visit_cannot_come_before_the_one_completed(office):
    clock.set_now(dt.datetime(2026, 5, 12, 16))
    _refused(office["db"], lambda: scheduling.complete(office["visit"], "Done", next_visit_at=dt.datetime(2026, 5, 1)),
             {"next_visit_at"})


# ------------------------------------------------------------------ concerns

@pytest.fixture
def concern(office):
    return concerns.raise_concern(office["customer"], "The gate was left open.", raised_at=dt.datetime(2026, 5, 3, 15))


def test_a_concern_resolved_before_it_was_raised(office, concern):
    text = _refused(office["db"], lambda: concerns.resolve(concern, "Spoke to Sam.", at=dt.datetime(2026, 5, 2)),
                    {"resolved_at"})
    assert "before it was raised" in text


def test_a_concern_acknowledged_before_it_was_raised(office, concern):
    _refused(office["db"], lambda: concerns.acknowledge(concern, at=dt.datetime(2026, 5, 3, 14, 59)),
             {"acknowledged_at"})


def test_a_concern_raised_in_the_future(office):
    _refused(office["db"], lambda: concerns.raise_concern(office["customer"], "Noise.",
                                                          raised_at=dt.datetime(2026, 5, 5)), {"raised_at"})
