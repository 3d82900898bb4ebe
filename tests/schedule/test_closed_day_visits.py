"""A service plan's date on which the office is closed (a public holiday, one of its own closed days) has its
visit on the day the office opens again: same time, same technician, generated once, and named as that day
wherever the customer hears of it."""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import business_days, communication, customers, office, recurrence, scheduling, \
    technicians
from servicedesk.core.store.models import Draft, ServicePlan, Visit


def fourth_thursday(office_db) -> int:
    """Dorothy's monthly rodent control with Sam on the 4th Thursday at 09:00: Thanksgiving in November, and
    24 December, a day the office closes, in December."""
    clock.set_now(dt.datetime(2026, 11, 16, 8, 0))  # a Monday
    office.update(closed_days=("2026-12-24",))
    return recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                                  weekday=3, week_of_month=4, starts_on=dt.date(2026, 11, 1),
                                  window_start=dt.time(9), window_end=dt.time(11), duration_min=60,
                                  technician_id=office_db.sam)


def booked(plan_id=None):
    query = Visit.select().where(Visit.status.in_(("scheduled", "confirmed")))
    if plan_id is not None:
        query = query.where(Visit.plan == plan_id)
    return [(v.occurrence, v.starts_at, v.technician_id) for v in query.order_by(Visit.starts_at)]


def test_a_visit_on_thanksgiving_or_a_closed_day_is_on_the_next_day_the_office_is_open(office_db):
    plan_id = fourth_thursday(office_db)
    assert recurrence.generate(dt.date(2027, 1, 31)) == 3
    assert booked(plan_id) == [
        (dt.date(2026, 11, 26), dt.datetime(2026, 11, 27, 9), office_db.sam),  # Thanksgiving: the Friday
        (dt.date(2026, 12, 24), dt.datetime(2026, 12, 28, 9), office_db.sam),  # closed, then Christmas and a weekend
        (dt.date(2027, 1, 28), dt.datetime(2027, 1, 28, 9), office_db.sam),
    ]
    assert not any(business_days.holiday_or_closed(start.date()) for _o, start, _t in booked(plan_id))
    assert communication.closed_day_items() == []  # nothing booked on a closed day for the desk to sort out
    assert customers.rows([office_db.dorothy])[0].next_visit_at == dt.datetime(2026, 11, 27, 9)


def test_generating_again_makes_nothing_and_a_visit_moved_by_hand_stays_where_it_was_put(office_db):
    plan_id = fourth_thursday(office_db)
    recurrence.generate(dt.date(2027, 1, 31))
    friday = Visit.get((Visit.plan == plan_id) & (Visit.occurrence == dt.date(2026, 11, 26))).id
    scheduling.reschedule(friday, dt.datetime(2026, 11, 30, 10), "She is away on the Friday")
    ServicePlan.update(generated_until=None).where(ServicePlan.id == plan_id).execute()  # as a PC that never did
    assert recurrence.generate(dt.date(2027, 1, 31)) == 0
    assert recurrence.generate_for([plan_id], dt.date(2027, 1, 31)) == 0
    assert [start for _o, start, _t in booked(plan_id)] == [
        dt.datetime(2026, 11, 30, 10), dt.datetime(2026, 12, 28, 9), dt.datetime(2027, 1, 28, 9)]


def test_a_plan_change_carries_the_moved_visit_over_and_its_notice_names_the_day_it_takes_place(office_db):
    plan_id = fourth_thursday(office_db)
    recurrence.generate(dt.date(2027, 1, 31))
    result = scheduling.change_plan(plan_id, clock.today(), "Sam starts his round later now",
                                    window_start=dt.time(13), window_end=dt.time(15))
    assert [(o, start) for o, start, _t in booked()] == [
        (dt.date(2026, 11, 26), dt.datetime(2026, 11, 27, 13)), (dt.date(2026, 12, 24), dt.datetime(2026, 12, 28, 13)),
        (dt.date(2027, 1, 28), dt.datetime(2027, 1, 28, 13))]
    body = Draft.get_by_id(result.draft_id).body
    assert "visit on Friday, November 27 will now be at 1:00\u00a0PM" in body
    assert "Monday, December 28 at 1:00\u00a0PM" in body
    assert "November 26" not in body and "December 24" not in body


def test_a_plan_changed_onto_a_holiday_books_the_next_open_day_and_says_so(office_db):
    plan_id = fourth_thursday(office_db)
    recurrence.generate(dt.date(2026, 12, 31))
    sent = scheduling.change_plan(plan_id, clock.today(), week_of_month=3)  # the 3rd Thursday: 19 November
    communication.mark_sent(sent.draft_id, "letter")
    # and back to the 4th: Thanksgiving and the closed 24 December, so the visits are on the days the office opens
    result = scheduling.change_plan(sent.plan_id, clock.today(), week_of_month=4)
    assert [start for _o, start, _t in booked()][:2] == [dt.datetime(2026, 11, 27, 9), dt.datetime(2026, 12, 28, 9)]
    body = Draft.get_by_id(result.draft_id).body
    assert "visit on Thursday, November 19 at 9:00\u00a0AM will now be on Friday, November 27 at 9:00\u00a0AM" in body
    assert "Monday, December 28 at 9:00\u00a0AM instead of Thursday, December 17 at 9:00\u00a0AM" in body
    assert "November 26" not in body and "December 24" not in body


def test_a_technician_off_on_the_day_it_moves_to_keeps_the_visit_and_the_desk_is_told(office_db):
    plan_id = fourth_thursday(office_db)
    technicians.add_time_off(office_db.sam, dt.datetime(2026, 11, 27), dt.datetime(2026, 11, 28), "other")
    recurrence.generate(dt.date(2026, 11, 30))
    assert booked(plan_id) == [(dt.date(2026, 11, 26), dt.datetime(2026, 11, 27, 9), office_db.sam)]
    rows = communication.absent_items()
    assert [r.record_id for r in rows] == [Visit.get(Visit.plan == plan_id).id]
    assert "Sam Ortiz is off (other) on Fri, Nov 27" in rows[0].why


def test_a_technician_who_left_before_the_day_it_moves_to_leaves_it_unassigned(office_db):
    plan_id = fourth_thursday(office_db)
    technicians.mark_leaving(office_db.sam, dt.date(2026, 11, 26))  # his last day is Thanksgiving itself
    recurrence.generate(dt.date(2026, 11, 30))
    assert booked(plan_id) == [(dt.date(2026, 11, 26), dt.datetime(2026, 11, 27, 9), None)]


def test_a_closure_nearer_the_next_date_than_its_own_leaves_that_date_to_the_next_visit(office_db):
    clock.set_now(dt.datetime(2026, 11, 16, 8, 0))
    # the office closes from Monday 14 to Friday 25 December (and Christmas Day is a holiday anyway)
    office.update(closed_days=tuple((dt.date(2026, 12, 14) + dt.timedelta(days=n)).isoformat() for n in range(12)))
    weekly = recurrence.create_plan(office_db.dorothy, service_type="Cleaning", recurrence="weekly", weekday=1,
                                    starts_on=dt.date(2026, 11, 16), window_start=dt.time(9), window_end=dt.time(11),
                                    duration_min=60, technician_id=office_db.sam)
    monthly = recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_date",
                                     day_of_month=15, starts_on=dt.date(2026, 11, 1), window_start=dt.time(13),
                                     window_end=dt.time(15), duration_min=60, technician_id=office_db.sam)
    recurrence.generate(dt.date(2027, 1, 20))
    weeks = [start for _o, start, _t in booked(weekly)]
    # Tuesdays 15 and 22 December would both be on Monday 28 December, the day before the 29th's own visit:
    # the 29th serves; no two visits in one week
    assert [s for s in weeks if dt.date(2026, 12, 1) < s.date() < dt.date(2027, 1, 10)] == [
        dt.datetime(2026, 12, 8, 9), dt.datetime(2026, 12, 29, 9), dt.datetime(2027, 1, 5, 9)]
    # a month's visit closed for a fortnight is still nearer its own date: on the day the office opens
    assert [start for _o, start, _t in booked(monthly)] == [dt.datetime(2026, 12, 28, 13), dt.datetime(2027, 1, 15, 13)]
    assert recurrence.generate(dt.date(2027, 1, 20)) == 0
