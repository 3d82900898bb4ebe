"""Service plans turn into visits: the right dates, month ends, DST, and never twice."""

import datetime as dt

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import recurrence, visits
from servicedesk.core.store.models import ServicePlan, Visit


def plan(**kw):
    values = dict(service_type="Rodent control", recurrence="monthly_weekday", interval=1, weekday=1,
                  week_of_month=2, day_of_month=None, starts_on=dt.date(2026, 1, 1), ends_on=None)
    values.update(kw)
    return ServicePlan(**values)


def test_monthly_on_the_second_tuesday():
    days = recurrence.occurrences(plan(), dt.date(2026, 1, 1), dt.date(2026, 4, 30))
    assert days == [dt.date(2026, 1, 13), dt.date(2026, 2, 10), dt.date(2026, 3, 10), dt.date(2026, 4, 14)]
    assert recurrence.describe(plan()) == "Monthly on the 2nd Tuesday"


def test_monthly_on_the_last_friday():
    days = recurrence.occurrences(plan(weekday=4, week_of_month=-1), dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert days == [dt.date(2026, 1, 30), dt.date(2026, 2, 27), dt.date(2026, 3, 27)]


def test_weekly_and_every_four_weeks():
    weekly = plan(recurrence="weekly", weekday=0, starts_on=dt.date(2026, 1, 5))
    assert recurrence.occurrences(weekly, dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == [
        dt.date(2026, 1, 5), dt.date(2026, 1, 12), dt.date(2026, 1, 19), dt.date(2026, 1, 26)]
    four = plan(recurrence="every_n_weeks", interval=4, weekday=2, starts_on=dt.date(2026, 1, 7))
    assert recurrence.occurrences(four, dt.date(2026, 1, 1), dt.date(2026, 4, 30)) == [
        dt.date(2026, 1, 7), dt.date(2026, 2, 4), dt.date(2026, 3, 4), dt.date(2026, 4, 1), dt.date(2026, 4, 29)]
    assert recurrence.describe(four) == "Every 4 weeks on Wednesday"


def test_the_31st_falls_on_the_last_day_of_shorter_months():
    p = plan(recurrence="monthly_date", day_of_month=31, starts_on=dt.date(2026, 1, 31))
    days = recurrence.occurrences(p, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert days == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30),
                    dt.date(2026, 5, 31), dt.date(2026, 6, 30)]
    leap = plan(recurrence="monthly_date", day_of_month=30, starts_on=dt.date(2028, 1, 30))
    assert recurrence.occurrences(leap, dt.date(2028, 2, 1), dt.date(2028, 3, 31)) == [
        dt.date(2028, 2, 29), dt.date(2028, 3, 30)]


def test_plan_end_is_respected():
    p = plan(ends_on=dt.date(2026, 2, 28))
    assert recurrence.occurrences(p, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == [
        dt.date(2026, 1, 13), dt.date(2026, 2, 10)]


def _weekly_plan(office_db, **kw):
    values = dict(service_type="Rodent control", recurrence="weekly", weekday=0, starts_on=dt.date(2026, 1, 5),
                  window_start=dt.time(9, 0), window_end=dt.time(11, 0), duration_min=45,
                  technician_id=office_db.sam)
    values.update(kw)
    return recurrence.create_plan(office_db.dorothy, **values)


def test_generation_is_idempotent(office_db):
    plan_id = _weekly_plan(office_db)
    first = recurrence.generate(dt.date(2026, 3, 29))
    assert first == 12  # Mondays 5 Jan .. 23 Mar
    assert recurrence.generate(dt.date(2026, 3, 29)) == 0
    assert Visit.select().where(Visit.plan == plan_id).count() == 12
    assert recurrence.get(plan_id).generated_until == dt.date(2026, 3, 29)
    # a longer horizon adds only the new dates
    assert recurrence.generate(dt.date(2026, 4, 12)) == 2


def test_generated_visits_show_as_the_customers_next_visit_and_leave_the_rest_of_the_list_as_it_was(office_db):
    from servicedesk.core import clock
    from servicedesk.core.services import customers, interactions
    from servicedesk.core.store.models import Customer

    interactions.log(office_db.dorothy, "phone", "in", "Asked about the spring treatment.")
    clock.set_now(dt.datetime(2026, 1, 5, 10, 0))  # Monday's 9:00 visit has begun: the next is the 12th
    before = Customer.get_by_id(office_db.dorothy)
    assert before.next_visit_at is None and before.last_contact_at is not None
    _weekly_plan(office_db)
    assert recurrence.generate(dt.date(2026, 1, 25)) == 3
    after = Customer.get_by_id(office_db.dorothy)
    assert str(after.next_visit_at)[:16] == "2026-01-12 09:00"
    assert (after.last_contact_at, after.open_concerns) == (before.last_contact_at, before.open_concerns)
    customers.refresh_summary([office_db.dorothy])  # the full recount finds nothing stale
    again = Customer.get_by_id(office_db.dorothy)
    assert (again.next_visit_at, again.last_contact_at, again.open_concerns) == (
        after.next_visit_at, after.last_contact_at, after.open_concerns)


def test_a_cancelled_or_moved_visit_is_not_generated_again(office_db):
    from servicedesk.core.services import scheduling

    _weekly_plan(office_db)
    recurrence.generate(dt.date(2026, 1, 25))
    first, second = [v.id for v in visits.between(dt.datetime(2026, 1, 5), dt.datetime(2026, 1, 13))]
    scheduling.cancel(first, "Shop closed for stocktaking")
    scheduling.reschedule(second, dt.datetime(2026, 1, 13, 9, 0), "Dorothy asked for Tuesday")
    assert recurrence.generate(dt.date(2026, 1, 25)) == 0
    assert Visit.select().count() == 3


def test_a_plan_across_daylight_saving_keeps_its_wall_clock_time(office_db):
    _weekly_plan(office_db, weekday=4, starts_on=dt.date(2026, 3, 1))  # US DST starts Sunday 8 March 2026
    recurrence.generate(dt.date(2026, 3, 31))
    rows = visits.between(dt.datetime(2026, 3, 1), dt.datetime(2026, 4, 1))
    assert [v.starts_at.date().day for v in rows] == [6, 13, 20, 27]
    assert {(v.starts_at.time(), v.ends_at.time()) for v in rows} == {(dt.time(9, 0), dt.time(9, 45))}


def test_bad_plan_names_every_problem(office_db):
    with pytest.raises(ValidationError) as err:
        recurrence.create_plan(office_db.dorothy, service_type=" ", recurrence="monthly_weekday", weekday=1,
                               week_of_month=7, starts_on=dt.date(2026, 2, 1), ends_on=dt.date(2026, 1, 1),
                               window_start=dt.time(12), window_end=dt.time(9))
    assert set(err.value.problems) == {"service_type", "week_of_month", "ends_on", "window_end"}
    assert ServicePlan.select().count() == 0


def test_this_and_future_changes_the_rule_from_that_visit_on(office_db):
    plan_id = _weekly_plan(office_db)
    recurrence.generate(dt.date(2026, 2, 28))
    new_id = recurrence.change_from(plan_id, dt.date(2026, 2, 1), weekday=2, window_start=dt.time(14, 0),
                                    window_end=dt.time(16, 0))
    rows = visits.between(dt.datetime(2026, 1, 1), dt.datetime(2026, 3, 1))
    old = [v.starts_at for v in rows if v.starts_at < dt.datetime(2026, 2, 1)]
    new = [v.starts_at for v in rows if v.starts_at >= dt.datetime(2026, 2, 1)]
    # Monday 19 January is Martin Luther King Jr. Day: that week's visit is on the Tuesday
    assert old == [dt.datetime(2026, 1, d, 9) for d in (5, 12, 20, 26)]
    assert new == [dt.datetime(2026, 2, d, 14) for d in (4, 11, 18, 25)]
    assert recurrence.get(plan_id).ends_on == dt.date(2026, 1, 31)
    assert recurrence.get(new_id).rule_text == "Weekly on Wednesday"
    assert recurrence.generate(dt.date(2026, 2, 28)) == 0
