"""Changing a service plan "this and future" under the rule of assigning a visit: the customer's own
technician is taken off only with a reason, the customer hears it from the office first, the change
is in the history and the month's report, and visits already booked keep their time."""

import datetime as dt

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import recurrence, scheduling
from servicedesk.core.services.reports import continuity_figures
from servicedesk.core.services.reports.period import Month
from servicedesk.core.store.models import Draft, FollowUp, ServicePlan, Visit, VisitChange


def dorothys_plan(office_db):
    plan_id = recurrence.create_plan(office_db.dorothy, service_type="Rodent control",
                                     recurrence="monthly_weekday", weekday=1, week_of_month=2,
                                     starts_on=dt.date(2026, 1, 1), window_start=dt.time(9), window_end=dt.time(12),
                                     duration_min=45, technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 4, 30))
    booked = [v.id for v in Visit.select().where(Visit.plan == plan_id).order_by(Visit.starts_at)]
    # the February visit was booked at a quarter past, as the customer asked on the phone
    Visit.update(starts_at=dt.datetime(2026, 2, 10, 9, 15), ends_at=dt.datetime(2026, 2, 10, 10)).where(
        Visit.id == booked[1]).execute()
    return plan_id, booked


def test_taking_her_technician_off_the_plan_needs_a_reason_and_changes_nothing_without_one(office_db):
    plan_id, booked = dorothys_plan(office_db)
    warned = scheduling.assess_plan(plan_id, office_db.alex)
    assert warned.needs_reason
    assert any("Alex Kim is not Sam Ortiz" in w and "same technician matters" in w for w in warned.warnings)
    assert not scheduling.assess_plan(plan_id, office_db.sam).needs_reason
    with pytest.raises(ValidationError) as err:
        scheduling.change_plan(plan_id, dt.date(2026, 2, 10), technician_id=office_db.alex)
    assert "needs a reason" in err.value.problems["reason"]
    assert ServicePlan.select().count() == 1
    assert {Visit.get_by_id(v).technician_id for v in booked} == {office_db.sam}
    assert (Draft.select().count(), FollowUp.select().count(), VisitChange.select().count()) == (0, 0, 0)


def test_with_a_reason_the_customer_is_told_and_the_change_recorded(office_db):
    plan_id, booked = dorothys_plan(office_db)
    result = scheduling.change_plan(plan_id, dt.date(2026, 2, 10), "Sam is training new staff in February",
                                    technician_id=office_db.alex)
    later = [Visit.get_by_id(v) for v in booked[1:]]
    assert [v.plan_id for v in later] == [result.plan_id] * 3  # the same visits, not new ones
    assert [v.technician_id for v in later] == [office_db.alex] * 3
    assert Visit.get_by_id(booked[0]).technician_id == office_db.sam  # before the change: untouched
    assert later[0].starts_at == dt.datetime(2026, 2, 10, 9, 15)  # a booked time stays as booked
    assert [v.starts_at.time() for v in later[1:]] == [dt.time(9), dt.time(9)]
    notice = Draft.get_by_id(result.draft_id)
    assert notice.status == "queued" and notice.visit_id == booked[1]
    assert "Alex Kim instead of Sam Ortiz" in notice.body
    assert "Sam is training new staff in February" in notice.body
    call = FollowUp.get_by_id(result.follow_up_id)
    assert call.source == "technician_change" and "Alex Kim replaces Sam Ortiz" in call.reason
    assert Draft.select().count() == 1 and FollowUp.select().count() == 1
    history = VisitChange.select().order_by(VisitChange.id)
    assert [(c.visit_id, c.old_technician_id, c.new_technician_id, c.reason) for c in history] == [
        (v, office_db.sam, office_db.alex, "Sam is training new staff in February") for v in booked[1:]]
    report = continuity_figures.changes(Month(2026, 1))
    assert [(r[3], r[4], r[5]) for r in report] == [
        (office_db.sam, office_db.alex, "Sam is training new staff in February")] * 3


def test_giving_the_plan_back_to_her_technician_needs_no_reason(office_db):
    plan_id, booked = dorothys_plan(office_db)
    first = scheduling.change_plan(plan_id, dt.date(2026, 2, 10), "Sam is away", technician_id=office_db.alex)
    back = scheduling.change_plan(first.plan_id, dt.date(2026, 3, 10), technician_id=office_db.sam)
    assert [Visit.get_by_id(v).technician_id for v in booked] == [office_db.sam, office_db.alex, office_db.sam,
                                                                 office_db.sam]
    assert back.draft_id is None and back.follow_up_id is None


def test_a_plan_window_that_moves_moves_only_the_visits_outside_it(office_db):
    plan_id, booked = dorothys_plan(office_db)
    scheduling.change_plan(plan_id, dt.date(2026, 2, 10), window_start=dt.time(9, 15), window_end=dt.time(12))
    assert [Visit.get_by_id(v).starts_at.time() for v in booked[1:]] == [dt.time(9, 15)] * 3
    assert Visit.select().where(Visit.status == "scheduled").count() == 4  # nothing doubled, nothing lost


def _plain(text):
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _waiting():
    return list(Draft.select().where(Draft.status == "queued").order_by(Draft.id))


def test_a_later_window_that_moves_her_booked_visits_tells_her_once_with_each_new_time(office_db):
    plan_id, booked = dorothys_plan(office_db)
    result = scheduling.change_plan(plan_id, dt.date(2026, 2, 10), window_start=dt.time(10), window_end=dt.time(12))
    assert [Visit.get_by_id(v).starts_at for v in booked[1:]] == [
        dt.datetime(2026, 2, 10, 10), dt.datetime(2026, 3, 10, 10), dt.datetime(2026, 4, 14, 10)]
    [notice] = _waiting()  # one notice for the customer, however many visits moved
    assert notice.id == result.draft_id and notice.visit_id == booked[1] and notice.template == "change_notice"
    first = VisitChange.get(VisitChange.visit == booked[1])
    assert notice.change_id == first.id
    body = _plain(notice.body)
    assert body.startswith("Dear Dorothy,")
    assert ("your Rodent control visit on Tuesday, February 10 will now be at 10:00 AM instead of 9:15 AM, "
            "with Sam Ortiz as planned.") in body
    assert ("The visits after it move too: Tuesday, March 10 at 10:00 AM instead of 9:00 AM; "
            "Tuesday, April 14 at 10:00 AM instead of 9:00 AM.") in body
    assert "Why:" not in body
    assert FollowUp.select().count() == 0  # her own technician still comes: no call is owed
    assert result.follow_up_id is None

    # moved again on the board before the notice went: still one notice, told from what she was told
    scheduling.reschedule(booked[1], dt.datetime(2026, 2, 11, 10), "She asked for the Wednesday")
    [again] = _waiting()
    assert again.visit_id == booked[1] and again.change_id == first.id
    assert "Tuesday, February 10 at 9:15 AM will now be on Wednesday, February 11 at 10:00 AM" in _plain(again.body)


def test_a_new_weekday_for_her_plan_tells_her_the_new_days_and_never_doubles_a_visit(office_db):
    plan_id, booked = dorothys_plan(office_db)
    result = scheduling.change_plan(plan_id, dt.date(2026, 2, 10), "Sam now does Riverton on Thursdays",
                                    weekday=3)
    ahead = list(Visit.select().where(Visit.status == "scheduled", Visit.starts_at >= dt.datetime(2026, 2, 1))
                 .order_by(Visit.starts_at))
    assert [v.starts_at for v in ahead] == [dt.datetime(2026, 2, 12, 9), dt.datetime(2026, 3, 12, 9),
                                            dt.datetime(2026, 4, 9, 9)]
    assert set(result.changed_visits) == {v.id for v in ahead}
    # each Thursday keeps the Tuesday it took over in its history
    assert [(c.old_starts_at, c.new_starts_at) for c in VisitChange.select().order_by(VisitChange.new_starts_at)] == [
        (dt.datetime(2026, 2, 10, 9, 15), dt.datetime(2026, 2, 12, 9)),
        (dt.datetime(2026, 3, 10, 9), dt.datetime(2026, 3, 12, 9)),
        (dt.datetime(2026, 4, 14, 9), dt.datetime(2026, 4, 9, 9))]
    [notice] = _waiting()
    assert notice.visit_id == ahead[0].id
    body = _plain(notice.body)
    assert ("your Rodent control visit on Tuesday, February 10 at 9:15 AM will now be on Thursday, February 12 "
            "at 9:00 AM, with Sam Ortiz as planned.") in body
    assert ("The visits after it move too: Thursday, March 12 at 9:00 AM instead of Tuesday, March 10 at 9:00 AM; "
            "Thursday, April 9 at 9:00 AM instead of Tuesday, April 14 at 9:00 AM.") in body
    assert "Why: Sam now does Riverton on Thursdays" in body

    # changed once more before the notice went: the first notice gives way, one tells from the Tuesdays
    again = scheduling.change_plan(result.plan_id, dt.date(2026, 2, 10), weekday=2)
    ahead = list(Visit.select().where(Visit.status == "scheduled", Visit.starts_at >= dt.datetime(2026, 2, 1))
                 .order_by(Visit.starts_at))
    assert [v.starts_at.date() for v in ahead] == [dt.date(2026, 2, 11), dt.date(2026, 3, 11), dt.date(2026, 4, 8)]
    [latest] = _waiting()
    assert latest.id == again.draft_id and Draft.get_by_id(result.draft_id).status == "withdrawn"
    assert ("Tuesday, February 10 at 9:15 AM will now be on Wednesday, February 11 at 9:00 AM"
            in _plain(latest.body))


def test_a_plan_change_that_moves_nothing_booked_tells_her_nothing(office_db):
    plan_id, booked = dorothys_plan(office_db)
    result = scheduling.change_plan(plan_id, dt.date(2026, 2, 10), window_end=dt.time(11),
                                    includes="Bait stations and the back store room")
    assert [Visit.get_by_id(v).starts_at.time() for v in booked[1:]] == [dt.time(9, 15), dt.time(9), dt.time(9)]
    assert result.draft_id is None and result.changed_visits == ()
    assert (Draft.select().count(), FollowUp.select().count(), VisitChange.select().count()) == (0, 0, 0)


def test_a_new_window_then_a_new_weekday_leaves_one_visit_a_month(office_db):
    plan_id, booked = dorothys_plan(office_db)
    first = scheduling.change_plan(plan_id, dt.date(2026, 2, 10), window_start=dt.time(10), window_end=dt.time(12))
    scheduling.change_plan(first.plan_id, dt.date(2026, 2, 10), weekday=3)
    ahead = Visit.select().where(Visit.status == "scheduled", Visit.starts_at >= dt.datetime(2026, 2, 1))
    assert sorted(v.starts_at for v in ahead) == [dt.datetime(2026, 2, 12, 10), dt.datetime(2026, 3, 12, 10),
                                                  dt.datetime(2026, 4, 9, 10)]
    [notice] = _waiting()
    assert "Tuesday, February 10 at 9:15 AM will now be on Thursday, February 12 at 10:00 AM" in _plain(notice.body)
