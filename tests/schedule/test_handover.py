"""Sam leaves with a dozen customers: each is proposed a successor, confirmed, introduced; nothing is lost."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import communication, customers, handover, recurrence, scheduling, technicians
from servicedesk.core.store.models import FollowUp, ServicePlan, Visit, VisitChange


def _plan(customer_id, tech, weekday):
    return recurrence.create_plan(customer_id, service_type="Monthly pest", recurrence="monthly_weekday",
                                  weekday=weekday, week_of_month=2, starts_on=dt.date(2026, 1, 1),
                                  window_start=dt.time(9), window_end=dt.time(11), duration_min=60,
                                  technician_id=tech)


@pytest.fixture
def sams_round(office_db):
    """Sam serves Dorothy and eleven more; four of them have met Jo, two said Sam matters."""
    o = office_db
    people = [o.dorothy]
    for n in range(11):
        people.append(customers.create(name=f"Customer {n:02d}", street=f"{n} Elm Street", technician_id=o.sam).id)
    for cid in people[1:3]:
        customers.add_what_matters(cid, "same_technician", "Sam knows the dog", o.sam)
    for n, cid in enumerate(people):
        _plan(cid, o.sam, (n + 1) % 5)  # Dorothy on Tuesdays
    for cid in people[3:7]:  # Jo stood in for Sam once
        Visit.create(customer=cid, technician=o.jo, service_type="Monthly pest", status="completed",
                     starts_at=dt.datetime(2025, 12, 1, 9), ends_at=dt.datetime(2025, 12, 1, 10))
    recurrence.generate(dt.date(2026, 3, 31))
    return people


def test_sam_leaving_hands_over_a_dozen_customers(office_db, sams_round):
    o, people = office_db, sams_round
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.mark_leaving(o.sam, dt.date(2026, 1, 30))
    [h] = handover.open_handovers()
    assert h.describe() == "Sam Ortiz leaves (last day Fri, Jan 30)" and (h.waiting, h.total) == (12, 12)

    listed = handover.items(h.id)
    assert [i.customer_id for i in listed[:3]] == sorted(people[:3], key=lambda c: [
        i.next_visit for i in listed if i.customer_id == c][0])  # those who said Sam matters come first
    assert all(i.wants_same for i in listed[:3]) and not any(i.wants_same for i in listed[3:])
    by_customer = {i.customer_id: i for i in listed}
    assert {by_customer[c].proposed for c in people[3:7]} == {"Jo Banks"}  # someone they already know
    assert by_customer[people[3]].why == "already knows them: 1 visit"
    strangers = [by_customer[c] for c in people if c not in people[3:7]]
    assert {i.proposed for i in strangers} == {"Alex Kim", "Jo Banks", "Lee Hart"}  # spread, not all on one
    assert by_customer[o.dorothy].names == "regular technician, preference, plan, 2 visits"

    # until handed over, the queue says so for each customer
    rows = [q for q in communication.today_queue() if q.kind == "handover"]
    assert len(rows) == 12 and {q.customer_id for q in rows} == set(people)
    dorothy_row = next(q for q in rows if q.customer_id == o.dorothy)
    assert dorothy_row.why.startswith("Hand-over: Sam Ortiz leaves (last day Fri, Jan 30); choose who takes over")
    assert dorothy_row.why.endswith("; they said the same technician matters")

    # while the hand-over waits, plans never generate a visit for Sam after his last day
    recurrence.generate(dt.date(2026, 5, 31))
    may = Visit.select().where((Visit.occurrence >= dt.date(2026, 4, 1)) & Visit.plan.is_null(False))
    assert may.count() == 24 and all(v.technician_id is None for v in may)

    # Dorothy, confirmed on her own with Alex rather than the proposal
    intro = handover.confirm(h.id, o.dorothy, o.alex, staff_id=o.lee)
    call = FollowUp.get_by_id(intro)
    first_after = Visit.select().where((Visit.customer == o.dorothy) & (Visit.starts_at > dt.datetime(2026, 1, 31))
                                       ).order_by(Visit.starts_at).first()
    assert call.source == "introduction" and call.due_on == dt.date(2026, 2, 9)  # the business day before
    assert call.reason.startswith("Introduce Alex Kim before the next visit: Sam Ortiz is leaving (last day Fri, Jan 30);"
                                  " Alex Kim takes over.")  # said on Jan 19: he is still at work
    assert first_after.technician_id == o.alex and first_after.starts_at == dt.datetime(2026, 2, 10, 9)
    assert VisitChange.get(VisitChange.visit == first_after.id).reason == ("Sam Ortiz is leaving (last day Fri, Jan 30);"
                                                                           " Alex Kim takes over")
    assert Visit.get((Visit.customer == o.dorothy) & (Visit.starts_at == dt.datetime(2026, 1, 13, 9))
                     ).technician_id == o.sam  # what he did stays his
    assert ServicePlan.get(ServicePlan.customer == o.dorothy).technician_id == o.alex
    assert [(w.technician, w.words) for w in customers.preference_history(o.dorothy)] == [
        ("Sam Ortiz", "Are you the one doing the service?"), ("Alex Kim", "Are you the one doing the service?")]
    assert scheduling.own_technician(o.dorothy).id == o.alex
    assert o.dorothy not in {q.customer_id for q in communication.today_queue() if q.kind == "handover"}
    with pytest.raises(ValidationError):
        handover.confirm(h.id, o.dorothy, o.jo)

    # everyone else at once, as proposed
    owed = handover.confirm_all(h.id, staff_id=o.lee)
    assert len(owed) == 11 and handover.open_handovers() == []
    assert [q for q in communication.today_queue() if q.kind == "handover"] == []
    assert Visit.select().where((Visit.technician == o.sam) & (Visit.starts_at > dt.datetime(2026, 1, 31))).count() == 0
    assert ServicePlan.select().where(ServicePlan.technician == o.sam).count() == 0
    assert FollowUp.select().where(FollowUp.source == "introduction").count() == 12
    for c in people[3:7]:
        assert customers.get(c).technician_id == o.jo


def test_a_week_away_is_no_hand_over_but_three_weeks_are(office_db, sams_round):
    o, people = office_db, sams_round
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.alex, dt.date(2026, 1, 26), dt.date(2026, 2, 1), "vacation")  # seven days
    assert handover.open_handovers() == []
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    assert h.kind == "away" and h.describe() == "Sam Ortiz is away Mon, Feb 2 – Fri, Feb 20"
    listed = handover.items(h.id)
    assert len(listed) == 12 and all(i.names.endswith("1 visit") for i in listed)
    assert [i.customer_id for i in listed if i.waits] == people[:3]  # those who said Sam matters wait for him
    handover.confirm_all(h.id)
    # only the visits of the absence moved; the plans, preferences and regular technician stay Sam's
    assert ServicePlan.select().where(ServicePlan.technician == o.sam).count() == 12
    assert customers.get(people[1]).technician_id == o.sam
    assert scheduling.own_technician(people[1]).id == o.sam
    away = Visit.select().where((Visit.starts_at >= dt.datetime(2026, 2, 2)) & (Visit.starts_at < dt.datetime(2026, 2, 21)))
    assert away.count() == 9 and all(v.technician_id not in (o.sam, None) for v in away)
    waited = Visit.select().where(Visit.customer.in_(people[:3]) & (Visit.occurrence.between(
        dt.date(2026, 2, 2), dt.date(2026, 2, 20))))  # the day he is back, one after the other in their window
    assert sorted((v.starts_at, v.technician_id) for v in waited) == [
        (dt.datetime(2026, 2, 23, 9), o.sam), (dt.datetime(2026, 2, 23, 10), o.sam), (dt.datetime(2026, 2, 23, 11), o.sam)]
    assert Visit.select().where((Visit.technician == o.sam) & (Visit.starts_at >= dt.datetime(2026, 3, 1))).count() == 12


def test_the_hand_over_dialog_from_the_technicians_dialog(office_db, sams_round, qtbot):
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtWidgets import QDateEdit, QPushButton

    from servicedesk.ui.schedule.staff import TechniciansDialog

    o = office_db
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    dialog = TechniciansDialog()
    qtbot.addWidget(dialog)
    dialog.load(o.sam)
    dialog.findChild(QDateEdit, "staffLastDay").setDate(QDate(2026, 1, 30))
    qtbot.mouseClick(dialog.findChild(QPushButton, "markLeaving"), Qt.MouseButton.LeftButton)
    shown = dialog.handover_dialog
    assert shown.isVisible()
    assert shown.heading.text() == "Sam Ortiz leaves (last day Fri, Jan 30) — 0 of 12 customers handed over"
    assert shown.model.rowCount() == 12
    first = shown.model.rows[0]
    assert first.wants_same and shown.model.index(0, 1).data() == "★ yes"
    shown.successor.setCurrentIndex(shown.successor.findData(o.lee))
    qtbot.mouseClick(shown.confirm_one, Qt.MouseButton.LeftButton)
    assert customers.get(first.customer_id).technician_id == o.lee
    assert shown.heading.text().endswith("1 of 12 customers handed over")
    assert shown.model.index(11, 6).data() == "✓ Lee Hart"  # done ones go to the bottom
    qtbot.mouseClick(shown.confirm_every, Qt.MouseButton.LeftButton)
    assert shown.heading.text().endswith("12 of 12 customers handed over") and not shown.confirm_every.isEnabled()


def test_a_customer_handed_over_while_their_technician_is_away_is_owed_one_call_not_two(office_db, sams_round):
    o = office_db
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    handover.confirm(h.id, o.dorothy, o.jo)
    communication.housekeeping()  # the queue, looked at just after, sweeps what just happened
    clock.set_now(dt.datetime(2026, 2, 9, 8))  # the day before her visit with Jo
    communication.housekeeping()  # and again the next time it is looked at
    calls = FollowUp.select().where(FollowUp.customer == o.dorothy)
    assert [(f.source, f.reason.split(":")[0]) for f in calls] == [("introduction", "Introduce Jo Banks before the next visit")]
    rows = [q for q in communication.today_queue() if q.customer_id == o.dorothy and q.kind == "follow_up"]
    assert len(rows) == 1 and "Introduce Jo Banks" in rows[0].why
    # a later change of the same visit, to someone else again, is a change of its own and owes its call
    scheduling.assign(Visit.get((Visit.customer == o.dorothy) & (Visit.technician == o.jo)).id, o.lee,
                      reason="Jo is needed elsewhere")
    assert FollowUp.select().where((FollowUp.customer == o.dorothy)
                                   & (FollowUp.source == "technician_change")).count() == 1


def test_her_visit_moved_to_a_day_her_technician_is_back_takes_her_out_of_the_hand_over(office_db, sams_round):
    o = office_db
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    assert h.total == 12
    visit = Visit.get((Visit.customer == o.dorothy) & (Visit.starts_at > dt.datetime(2026, 2, 2)))
    scheduling.assign(visit.id, o.sam, "", dt.datetime(2026, 2, 24, 9))  # Sam, the week he is back
    assert o.dorothy not in {i.customer_id for i in handover.items(h.id)}
    assert handover.get(h.id).total == 11 and not handover.get(h.id).closed
    assert not [q for q in communication.today_queue() if q.customer_id == o.dorothy and q.kind == "handover"]
    assert not FollowUp.select().where((FollowUp.customer == o.dorothy) & (FollowUp.source == "introduction")).exists()
    handover.confirm_all(h.id)  # the others go to colleagues; Sam keeps her
    assert handover.get(h.id).closed and Visit.get_by_id(visit.id).technician_id == o.sam


def test_the_last_customer_waiting_kept_with_their_technician_closes_the_hand_over(office_db):
    o = office_db
    recurrence.create_plan(o.dorothy, service_type="Monthly pest", recurrence="monthly_weekday", weekday=1,
                           week_of_month=2, starts_on=dt.date(2026, 1, 1), window_start=dt.time(9),
                           window_end=dt.time(11), technician_id=o.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    visit = Visit.get((Visit.customer == o.dorothy) & (Visit.starts_at > dt.datetime(2026, 2, 2)))
    scheduling.assign(visit.id, o.sam, "", dt.datetime(2026, 2, 23, 9))
    assert handover.open_handovers() == [] and handover.get(h.id).closed


def test_the_hand_over_dialog_for_an_absence_says_only_the_visits_of_the_absence_move(office_db, sams_round, qtbot):
    from PySide6.QtWidgets import QLabel

    from servicedesk.ui.schedule.handover import HandoverDialog

    o = office_db
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    dialog = HandoverDialog(h.id)
    qtbot.addWidget(dialog)
    dialog.show()
    said = dialog.findChild(QLabel, "handoverExplain").text()
    assert "moves their plan" not in said
    assert "their plan, their technician and their “same technician” preference stay with Sam Ortiz" in said
    assert "move their visit to a day Sam Ortiz is back" in said
    technicians.mark_leaving(o.alex, dt.date(2026, 1, 30))
    leaving = HandoverDialog(handover.open_handovers(o.alex)[0].id)
    qtbot.addWidget(leaving)
    assert "moves their plan, their visits" in leaving.findChild(QLabel, "handoverExplain").text()


def test_no_visit_is_booked_with_a_technician_after_their_last_day(office_db):
    technicians.mark_leaving(office_db.sam, dt.date(2026, 1, 5))  # he leaves today
    last_hour = scheduling.book(office_db.dorothy, dt.datetime(2026, 1, 5, 16, 0), technician_id=office_db.sam)
    assert Visit.get_by_id(last_hour).technician_id == office_db.sam  # today is still his
    before = Visit.select().count()
    with pytest.raises(ValidationError) as refused:
        scheduling.book(office_db.dorothy, dt.datetime(2026, 1, 6, 9, 0), technician_id=office_db.sam)
    assert refused.value.problems == {"technician": "Sam Ortiz no longer works here after Monday, January 5."}
    with pytest.raises(ValidationError) as refused:
        scheduling.book(office_db.dorothy, dt.datetime(2026, 1, 6, 9, 0), technician_id=999)
    assert refused.value.problems["technician"] == "That technician no longer exists."
    assert Visit.select().count() == before


def test_a_customer_confirmed_at_another_desk_says_to_whom_by_whom_and_when(office_db, sams_round):
    """Two desks work through the same hand-over: the second to confirm Dorothy is told what the first did, and
    nothing of theirs is written (her visits stay with the first choice)."""
    o = office_db
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.mark_leaving(o.sam, dt.date(2026, 1, 30))
    [h] = handover.open_handovers()
    maria = technicians.create("Maria Keller", role="owner")
    handover.confirm(h.id, o.dorothy, o.jo, staff_id=maria)
    clock.set_now(dt.datetime(2026, 1, 19, 9, 5))
    with pytest.raises(ValidationError) as twice:
        handover.confirm(h.id, o.dorothy, o.alex)
    assert " ".join(twice.value.problems["customer"].split()) == (
        "Dorothy Finch was already handed over to Jo Banks, by Maria Keller (Mon, Jan 19, 9:00 AM).")
    assert {v.technician_id for v in Visit.select().where(
        (Visit.customer == o.dorothy) & (Visit.starts_at > dt.datetime(2026, 1, 30)))} == {o.jo}
    with pytest.raises(ValidationError) as waiting:
        handover.wait_for(h.id, o.dorothy)
    assert waiting.value.problems["customer"].startswith("Dorothy Finch was already handed over to Jo Banks")


def test_a_wish_that_named_the_technician_who_left_keeps_her_words_and_says_whom_they_were_about(office_db, qtbot):
    from servicedesk.ui.widgets.banner import WhatMattersBanner

    o = office_db
    kate = customers.create(name="Kate Moss", street="9 Elm Street", technician_id=o.sam).id
    customers.add_what_matters(kate, "same_technician", "Only Sam, please", o.sam)
    _plan(kate, o.sam, 2)
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.mark_leaving(o.sam, dt.date(2026, 1, 30))
    [h] = handover.open_handovers()
    handover.confirm(h.id, kate, o.jo, staff_id=o.lee)
    handover.confirm(h.id, o.dorothy, o.alex, staff_id=o.lee)

    [wish] = [w for w in customers.what_matters(kate) if w.kind == "same_technician"]
    assert (wish.technician, wish.words) == ("Jo Banks", "Only Sam, please (said about Sam Ortiz)")
    assert customers.said_about(wish.words) == ("Only Sam, please", "Sam Ortiz")
    assert [(w.technician, w.words) for w in customers.preference_history(kate)] == [
        ("Sam Ortiz", "Only Sam, please"), ("Jo Banks", "Only Sam, please (said about Sam Ortiz)")]
    # words that name nobody read as well for the new technician, and stay as she said them
    assert [w.words for w in customers.what_matters(o.dorothy) if w.kind == "same_technician"] == [
        "Are you the one doing the service?"]

    banner = WhatMattersBanner()  # what the receptionist reads wherever Kate appears
    qtbot.addWidget(banner)
    banner.set_customer(kate)
    assert "Same technician every time (Jo Banks) — “Only Sam, please” (said about Sam Ortiz)" in banner.text()

    # Jo hands her over in turn: her words still say whom they were about, once
    technicians.mark_leaving(o.jo, dt.date(2026, 3, 31))
    [h2] = [x for x in handover.open_handovers() if x.id != h.id] or handover.open_handovers()
    handover.confirm(h2.id, kate, o.alex, staff_id=o.lee)
    [wish] = [w for w in customers.what_matters(kate) if w.kind == "same_technician"]
    assert (wish.technician, wish.words) == ("Alex Kim", "Only Sam, please (said about Sam Ortiz)")
