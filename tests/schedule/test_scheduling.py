"""Continuity-aware assignment, time off, the visit lifecycle and the continuity figure."""

import datetime as dt

import pytest

from servicedesk.core import clock, events
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import continuity, customers, recurrence, scheduling, technicians, visits
from servicedesk.core.store.models import Draft, FollowUp, ProductApplied, Visit, VisitChange


def monthly(office_db, customer=None, tech=None):
    plan_id = recurrence.create_plan(customer or office_db.dorothy, service_type="Rodent control",
                                     recurrence="monthly_weekday", weekday=1, week_of_month=2,
                                     starts_on=dt.date(2026, 1, 1), window_start=dt.time(9), window_end=dt.time(11),
                                     duration_min=60, technician_id=tech or office_db.sam)
    recurrence.generate(dt.date(2026, 12, 31))
    return [v.id for v in Visit.select().where(Visit.plan == plan_id).order_by(Visit.starts_at)]


# ------------------------------------------------------------------ time off

def test_time_off_overlap_is_checked_on_the_whole_interval(office_db):
    technicians.add_days_off(office_db.sam, dt.date(2026, 2, 9), dt.date(2026, 2, 13), "vacation")
    # starts before and ends after the recorded week: its start alone would not clash
    with pytest.raises(ValidationError) as err:
        technicians.add_days_off(office_db.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "training")
    assert "overlaps time off already recorded" in str(err.value)
    with pytest.raises(ValidationError):  # part of a day inside the week
        technicians.add_time_off(office_db.sam, dt.datetime(2026, 2, 11, 13), dt.datetime(2026, 2, 11, 15), "sick")
    # the day after is free, and a part-day absence is only part of the day
    technicians.add_time_off(office_db.sam, dt.datetime(2026, 2, 14, 8), dt.datetime(2026, 2, 14, 12), "sick")
    assert technicians.is_off(office_db.sam, dt.datetime(2026, 2, 14, 9), dt.datetime(2026, 2, 14, 10))
    assert not technicians.is_off(office_db.sam, dt.datetime(2026, 2, 14, 13), dt.datetime(2026, 2, 14, 14))
    assert len(technicians.time_off(office_db.sam, dt.datetime(2026, 2, 1), dt.datetime(2026, 3, 1))) == 2


def test_staff_edit_names_every_problem(office_db):
    with pytest.raises(ValidationError) as err:
        technicians.update(office_db.jo, name=" ", color="green")
    assert set(err.value.problems) == {"name", "color"}
    technicians.update(office_db.jo, name="Jo Banks-Reed", phone="555 0100", color="#123456")
    assert technicians.get(office_db.jo).name == "Jo Banks-Reed"
    assert technicians.find_by_name("jo b").id == office_db.jo


# ------------------------------------------------------------------ continuity-aware assignment

def test_anyone_else_needs_a_reason_and_nothing_changes_without_one(office_db):
    first = monthly(office_db)[0]
    assessment = scheduling.assess(first, office_db.alex)
    assert assessment.needs_reason
    assert any("Sam Ortiz" in w and "same technician matters" in w for w in assessment.warnings)
    with pytest.raises(ValidationError) as err:
        scheduling.assign(first, office_db.alex, reason="  ")
    assert "needs a reason" in err.value.problems["reason"]
    assert Visit.get_by_id(first).technician_id == office_db.sam
    assert VisitChange.select().count() == Draft.select().count() == FollowUp.select().count() == 0
    assert not scheduling.assess(first, office_db.sam).needs_reason


def test_a_confirmed_change_queues_a_notice_and_a_follow_up(office_db):
    first = monthly(office_db)[0]  # Tuesday 13 January 09:00
    result = scheduling.assign(first, office_db.alex, reason="Sam is on a training course")
    visit = Visit.get_by_id(first)
    assert visit.technician_id == office_db.alex
    change = VisitChange.get_by_id(result.change_id)
    assert (change.old_technician_id, change.new_technician_id) == (office_db.sam, office_db.alex)
    draft = Draft.get_by_id(result.draft_id)
    assert draft.status == "queued" and draft.template == "change_notice" and draft.customer_id == office_db.dorothy
    assert "Dear Dorothy" in draft.body and "Alex Kim instead of Sam Ortiz" in draft.body
    assert "Sam is on a training course" in draft.body and "Maria Keller" in draft.body
    follow = FollowUp.get_by_id(result.follow_up_id)
    assert follow.source == "technician_change" and follow.due_on == dt.date(2026, 1, 12)
    assert "Alex Kim" in follow.reason


def test_a_failure_mid_change_leaves_everything_as_before(office_db, monkeypatch):
    first = monthly(office_db)[0]

    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    events.customers_changed.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            scheduling.assign(first, office_db.alex, reason="Sam is sick")
    finally:
        events.customers_changed.disconnect(broken)
    assert Visit.get_by_id(first).technician_id == office_db.sam
    assert VisitChange.select().count() == Draft.select().count() == FollowUp.select().count() == 0


def test_a_technician_who_is_off_cannot_be_sent(office_db):
    first = monthly(office_db)[0]
    technicians.add_days_off(office_db.alex, dt.date(2026, 1, 12), dt.date(2026, 1, 16), "vacation")
    with pytest.raises(ValidationError) as err:
        scheduling.assign(first, office_db.alex, reason="Sam is sick")
    assert "Alex Kim is off (vacation)" in err.value.problems["technician"]


def test_when_their_technician_is_off_the_nearest_free_days_come_before_substitutes(office_db):
    first = monthly(office_db)[0]  # Tue 13 Jan
    technicians.add_days_off(office_db.sam, dt.date(2026, 1, 13), dt.date(2026, 1, 14), "sick")
    props = scheduling.proposals(first)
    kinds = [p.kind for p in props]
    assert "keep" not in kinds
    assert kinds[:5] == ["same_technician"] * 5
    assert [p.starts_at for p in props[:3]] == [dt.datetime(2026, 1, 12, 9), dt.datetime(2026, 1, 15, 9),
                                                dt.datetime(2026, 1, 16, 9)]  # weekend skipped
    assert all(p.technician_id == office_db.sam for p in props[:5])
    assert {p.technician_id for p in props if p.kind == "substitute"} == {office_db.alex, office_db.jo, office_db.lee}
    # taking the first proposal: same person, another day; the customer still hears about the new day
    best = props[0]
    result = scheduling.assign(first, best.technician_id, starts_at=best.starts_at)
    assert Visit.get_by_id(first).starts_at == dt.datetime(2026, 1, 12, 9)
    assert result.draft_id and result.follow_up_id is None
    assert "Monday, January 12" in Draft.get_by_id(result.draft_id).body


def test_a_customer_who_wants_the_day_gets_a_substitute_first(office_db):
    clock.set_now(dt.datetime(2026, 1, 5, 8))
    visit = scheduling.book(office_db.hurried, dt.datetime(2026, 1, 14, 10), 60)
    assert Visit.get_by_id(visit).technician_id == office_db.alex
    technicians.add_days_off(office_db.alex, dt.date(2026, 1, 14), dt.date(2026, 1, 14), "sick")
    props = scheduling.proposals(visit)
    assert props[0].kind == "substitute" and props[0].starts_at == dt.datetime(2026, 1, 14, 10)
    assert props[-1].kind == "same_technician" and props[-1].technician_id == office_db.alex


def test_familiar_substitutes_rank_before_strangers(office_db):
    ids = monthly(office_db)
    clock.set_now(dt.datetime(2026, 2, 10, 12))
    scheduling.assign(ids[1], office_db.lee, reason="Sam at the dentist")
    scheduling.complete(ids[1], "Checked and rebaited all stations")
    technicians.add_days_off(office_db.sam, dt.date(2026, 3, 3), dt.date(2026, 3, 17), "vacation")
    subs = [p for p in scheduling.proposals(ids[2]) if p.kind == "substitute"]
    assert subs[0].technician_id == office_db.lee and subs[0].familiar_visits == 1
    assert "already served them 1 time" in subs[0].why


# ------------------------------------------------------------------ lifecycle

def test_cancel_needs_a_reason(office_db):
    first = monthly(office_db)[0]
    with pytest.raises(ValidationError):
        scheduling.cancel(first, "")
    scheduling.cancel(first, "Shop closed for refurbishment")
    v = Visit.get_by_id(first)
    assert (v.status, v.status_reason) == ("cancelled", "Shop closed for refurbishment")
    with pytest.raises(ValidationError):
        scheduling.assign(first, office_db.sam)


def test_reschedule_keeps_the_original_slot_in_the_history(office_db):
    first = monthly(office_db)[0]
    scheduling.confirm(first)
    scheduling.reschedule(first, dt.datetime(2026, 1, 15, 14), "Dorothy has a delivery on Tuesday")
    v = Visit.get_by_id(first)
    assert v.starts_at == dt.datetime(2026, 1, 15, 14) and v.ends_at == dt.datetime(2026, 1, 15, 15)
    assert v.status == "scheduled"  # a moved visit needs confirming again
    d = visits.detail(first)
    assert d.changes and "Tue, Jan 13, 9:00\u00a0AM" in d.changes[0] and "Thu, Jan 15, 2:00\u00a0PM" in d.changes[0]
    row = visits.board(dt.datetime(2026, 1, 12), dt.datetime(2026, 1, 19)).visits[0]
    assert row.moved and row.matters == ("same_technician",)


def test_the_board_lists_visits_by_time_then_by_the_customers_surname(office_db):
    zoe = customers.create(name="Zoe Abbott", street="1 Elm Row", city="Riverton", technician_id=office_db.lee).id
    adam = customers.create(name="Adam Young", street="2 Elm Row", city="Riverton", technician_id=office_db.jo).id
    nine, eight = dt.datetime(2026, 1, 7, 9), dt.datetime(2026, 1, 7, 8)
    booked = [scheduling.book(adam, nine), scheduling.book(office_db.hurried, nine), scheduling.book(zoe, nine),
              scheduling.book(adam, eight)]
    board = visits.board(dt.datetime(2026, 1, 5), dt.datetime(2026, 1, 12))
    assert [(v.starts_at, v.customer) for v in board.visits] == [
        (eight, "Adam Young"), (nine, "Zoe Abbott"), (nine, "Hank Rush"), (nine, "Adam Young")]
    assert {v.id for v in board.visits} == set(booked)
    by_customer = {v.customer: v for v in board.visits}
    assert by_customer["Zoe Abbott"].own_technician_id == office_db.lee and by_customer["Zoe Abbott"].matters == ()
    assert by_customer["Hank Rush"].matters == ("speed_over_schedule",)
    assert not any(v.moved for v in board.visits)


def test_complete_records_products_and_a_first_visit_follow_up(office_db):
    ids = monthly(office_db)
    clock.set_now(dt.datetime(2026, 1, 13, 12))
    with pytest.raises(ValidationError) as err:
        scheduling.complete(ids[0], "", products=[("Bait blocks", "", "Back store room")])
    assert set(err.value.problems) == {"work_done", "product_1"}
    with pytest.raises(ValidationError):
        scheduling.complete(ids[1], "Too early")
    scheduling.complete(ids[0], "Inspected and baited", findings="Droppings behind the shelving",
                        products=[("Bait blocks", "4 blocks", "Back store room")],
                        recommendations="Keep the back door closed")
    d = visits.detail(ids[0])
    assert d.status == "completed" and d.products == (("Bait blocks", "4 blocks", "Back store room"),)
    assert ProductApplied.select().count() == 1
    firsts = list(FollowUp.select().where(FollowUp.source == "first_visit"))
    assert len(firsts) == 1 and firsts[0].due_on == dt.date(2026, 1, 15)
    clock.set_now(dt.datetime(2026, 2, 10, 12))
    scheduling.complete(ids[1], "Rebaited")
    assert FollowUp.select().where(FollowUp.source == "first_visit").count() == 1


def test_no_access(office_db):
    first = monthly(office_db)[0]
    scheduling.no_access(first, "Shop shut, nobody answered")
    assert Visit.get_by_id(first).status == "no_access"


# ------------------------------------------------------------------ continuity figure

def test_continuity_figure(office_db):
    ids = monthly(office_db)
    for n, (visit, tech) in enumerate(zip(ids[:4], (office_db.sam, office_db.alex, office_db.sam, office_db.jo))):
        clock.set_now(Visit.get_by_id(visit).starts_at + dt.timedelta(hours=3))
        if tech != office_db.sam:
            scheduling.assign(visit, tech, reason=f"cover {n}")
        scheduling.complete(visit, "Serviced")
    fig = continuity.figure(office_db.dorothy, 10)
    assert (fig.visits, fig.technicians, fig.own_share) == (4, 3, 0.5)
    assert fig.describe() == "3 technicians in the last 4 visits"
    assert continuity.figure(office_db.dorothy, 2).technicians == 2


def test_a_change_made_meanwhile_by_someone_else_is_not_overwritten(office_db, monkeypatch):
    from servicedesk.core.errors import ConflictError

    first = monthly(office_db)[0]
    stale = Visit.get_by_id(first)
    scheduling.assign(first, office_db.jo, reason="Sam is on a course")  # another desk, a moment earlier
    monkeypatch.setattr(scheduling, "_visit", lambda _id: stale)  # this desk still holds the visit as it was
    with pytest.raises(ConflictError):
        scheduling.assign(first, office_db.alex, reason="Sam is sick")
    assert Visit.get_by_id(first).technician_id == office_db.jo
    assert VisitChange.select().count() == Draft.select().count() == 1


def test_confirming_an_unchanged_visit_needs_no_reason(office_db):
    first = monthly(office_db)[0]
    scheduling.assign(first, office_db.jo, reason="Sam is on a course")
    assert scheduling.assign(first, office_db.jo).change_id is None
    assert VisitChange.select().count() == 1


def test_other_days_with_her_technician_are_days_she_said_she_would_take_first(office_db):
    visit_id = monthly(office_db)[0]  # Tuesday 13 January, 09:00, Sam
    customers.add_what_matters(office_db.dorothy, "time_window", "Tuesdays only, not before 9, never Saturdays")
    technicians.add_days_off(office_db.sam, dt.date(2026, 1, 13), dt.date(2026, 1, 13), "sick")
    days = [p for p in scheduling.proposals(visit_id) if p.kind == "same_technician"]
    assert [p.starts_at for p in days[:2]] == [dt.datetime(2026, 1, 6, 9), dt.datetime(2026, 1, 20, 9)]
    assert all(p.technician_id == office_db.sam for p in days)
    later = days[2:]
    assert later and all(p.starts_at.weekday() != 1 and p.why.startswith("against their own words") for p in later)


def test_a_visit_cannot_be_moved_to_an_hour_of_today_already_gone_by(office_db):
    first = monthly(office_db)[0]  # Tuesday 13 January at 09:00
    clock.set_now(dt.datetime(2026, 1, 13, 8, 30))
    with pytest.raises(ValidationError) as err:
        scheduling.reschedule(first, dt.datetime(2026, 1, 13, 7, 30), "Dorothy opens early")
    assert err.value.problems["starts_at"] == ("A visit cannot be moved into the past: Tuesday, January 13, "
                                               "7:30\u00a0AM has already gone by.")
    with pytest.raises(ValidationError) as earlier:  # an earlier day is refused by the same rule, in the same words
        scheduling.assign(first, office_db.sam, starts_at=dt.datetime(2026, 1, 12, 10))
    assert earlier.value.problems["starts_at"].startswith("A visit cannot be moved into the past: Monday, January 12")
    v = Visit.get_by_id(first)
    assert v.starts_at == dt.datetime(2026, 1, 13, 9) and not VisitChange.select().exists()
    scheduling.reschedule(first, dt.datetime(2026, 1, 13, 11), "Dorothy opens late")  # later today is fine
    assert Visit.get_by_id(first).starts_at == dt.datetime(2026, 1, 13, 11)


def test_a_plan_that_ends_sooner_says_which_visits_no_longer_take_place_and_nothing_else(office_db):
    monthly(office_db)  # the 2nd Tuesday of every month at 09:00, with Sam
    plan_id = Visit.select().first().plan_id
    result = scheduling.change_plan(plan_id, clock.today(), "You asked to stop after March",
                                    ends_on=dt.date(2026, 3, 31))
    body = Draft.get_by_id(result.draft_id).body
    assert "as planned" not in body and "January 13" not in body  # the next visit is not what changed
    assert ("We want you to hear this from us first: your rodent control plan now ends on Tuesday, March 31, so "
            "your visits on Tuesday, April 14 at 9:00\u00a0AM;") in body
    assert "Tuesday, December 8 at 9:00\u00a0AM no longer take place." in body
    assert "Why: You asked to stop after March" in body
    assert Draft.select().where(Draft.status == "queued").count() == 1


def test_a_plan_moved_to_fewer_dates_names_the_visits_taken_away_without_a_new_end(office_db):
    ids = monthly(office_db)
    plan_id = Visit.get_by_id(ids[0]).plan_id
    result = scheduling.change_plan(plan_id, dt.date(2026, 2, 1), "Every other month is enough", interval=2)
    body = Draft.get_by_id(result.draft_id).body
    assert "as planned" not in body and "plan now ends" not in body
    assert "your rodent control visits on Tuesday, March 10 at 9:00\u00a0AM; Tuesday, May 12 at 9:00\u00a0AM;" in body
