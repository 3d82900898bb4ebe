"""A service plan changed "from this date on" before it has started, or twice on the same day: it keeps
the day the customer agreed to start, and the plan shown is the one in force, never one that ends
before it starts."""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import recurrence, scheduling
from servicedesk.core.store.models import Visit


def weekly_from(office_db, first: dt.date) -> int:
    plan_id = recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="weekly",
                                     weekday=first.weekday(), starts_on=first, window_start=dt.time(9),
                                     window_end=dt.time(11), duration_min=45, technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    return plan_id


def days(office_db) -> list[tuple[dt.date, dt.time]]:
    return [(v.starts_at.date(), v.starts_at.time()) for v in Visit.select().where(
        (Visit.customer == office_db.dorothy) & Visit.status.in_(("scheduled", "confirmed"))).order_by(Visit.starts_at)]


def test_a_plan_that_starts_next_month_changed_today_still_starts_next_month(office_db):
    plan_id = weekly_from(office_db, dt.date(2026, 2, 2))  # agreed on the phone today, Monday 5 January
    assert days(office_db)[0] == (dt.date(2026, 2, 2), dt.time(9))
    new_id = scheduling.change_plan(plan_id, clock.today(), window_start=dt.time(13), window_end=dt.time(15)).plan_id
    assert recurrence.get(new_id).starts_on == dt.date(2026, 2, 2)
    booked = days(office_db)
    assert booked[0] == (dt.date(2026, 2, 2), dt.time(13))  # no visit in January she never agreed to
    assert len(booked) == len({d for d, _t in booked}) == 9  # every Monday from 2 February to 30 March, once
    assert [p.id for p in recurrence.plans_for(office_db.dorothy)] == [new_id]


def test_a_plan_changed_twice_the_same_day_shows_one_plan(office_db):
    plan_id = weekly_from(office_db, dt.date(2026, 1, 5))
    first = scheduling.change_plan(plan_id, dt.date(2026, 1, 12), weekday=2).plan_id
    second = scheduling.change_plan(first, dt.date(2026, 1, 12), weekday=3).plan_id
    shown = recurrence.plans_for(office_db.dorothy)
    assert [(p.id, p.rule_text) for p in shown] == [(plan_id, "Weekly on Monday"), (second, "Weekly on Thursday")]
    assert all(p.ends_on is None or p.ends_on >= p.starts_on for p in recurrence.plans_for(
        office_db.dorothy, include_ended=True) if p.active)
    booked = days(office_db)
    assert booked[:3] == [(dt.date(2026, 1, 5), dt.time(9)), (dt.date(2026, 1, 15), dt.time(9)),
                          (dt.date(2026, 1, 22), dt.time(9))]
    assert len(booked) == len({d for d, _t in booked})


def test_ending_a_plan_leaves_no_visit_of_it_after_its_last_day_even_one_moved_by_hand(office_db):
    from servicedesk.core.store.models import Draft

    plan_id = weekly_from(office_db, dt.date(2026, 1, 5))
    moved = Visit.get((Visit.plan == plan_id) & (Visit.occurrence == dt.date(2026, 1, 26))).id
    scheduling.reschedule(moved, dt.datetime(2026, 1, 27, 9), "She asked for the Tuesday")
    result = scheduling.change_plan(plan_id, clock.today(), ends_on=dt.date(2026, 1, 18))
    assert days(office_db) == [(dt.date(2026, 1, 5), dt.time(9)), (dt.date(2026, 1, 12), dt.time(9))]
    assert (Visit.get_by_id(moved).status, Visit.get_by_id(moved).status_reason) == (
        "cancelled", "The service plan ended on Jan 18, 2026.")
    queued = [d.body for d in Draft.select().where(Draft.status == "queued")]
    assert len(queued) == 1 and Draft.get_by_id(result.draft_id).status == "queued"
    # the move to Tuesday was never sent: she hears that the Monday she knows of is no longer a visit
    assert "Monday, January 26 at 9:00\u00a0AM" in queued[0] and "January 27" not in queued[0]
