"""A customer who cancels: no visit of theirs stays booked, no plan makes more, nothing comes back on its own."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, ics, recurrence, scheduling
from servicedesk.core.store.models import Draft, FollowUp, ServicePlan, Visit

WHY = "I can't keep showing a stranger around my stockroom every month."


def _ahead(customer_id):
    return list(Visit.select().where((Visit.customer == customer_id) & Visit.status.in_(("scheduled", "confirmed"))))


def test_cancelling_a_customer_takes_her_visits_off_the_board_and_ends_her_plans(office_db, dorothy_plan,
                                                                                  tmp_path):
    plan_id = dorothy_plan
    first = _ahead(office_db.dorothy)[0]
    scheduling.assign(first.id, office_db.alex, reason="Sam is on a course")  # a notice and a call are waiting
    assert Draft.get(Draft.visit == first.id).status == "queued"
    p = customers.get(office_db.dorothy)

    customers.save_profile(office_db.dorothy, p.version, {"status": "cancelled", "cancel_reason": WHY})

    assert _ahead(office_db.dorothy) == []
    cancelled = Visit.select().where(Visit.customer == office_db.dorothy)
    assert {v.status for v in cancelled} == {"cancelled"}
    assert all(WHY in v.status_reason for v in cancelled)
    assert customers.rows([office_db.dorothy])[0].next_visit_at is None  # the list shows no next visit
    plan = ServicePlan.get_by_id(plan_id)
    assert not plan.active and plan.ends_on == clock.today()
    assert recurrence.plans_for(office_db.dorothy) == []
    # nothing left to tell her about a visit that will not happen
    assert Draft.get(Draft.visit == first.id).status == "withdrawn"
    assert FollowUp.select().where(FollowUp.customer == office_db.dorothy, FollowUp.done_at.is_null()).count() == 0
    # the technician's calendar no longer sends anyone to her shop
    for tech in (office_db.sam, office_db.alex):
        ics.export(tech, dt.date(2026, 1, 1), dt.date(2026, 12, 31), tmp_path / "week.ics")
        assert "Dorothy" not in (tmp_path / "week.ics").read_text()
    # and generating further ahead makes nothing for her
    assert recurrence.generate(dt.date(2026, 12, 31)) == 0
    assert recurrence.generate(dt.date(2026, 12, 31), plan_id=plan_id) == 0
    assert _ahead(office_db.dorothy) == []


def test_a_plan_of_a_cancelled_customer_makes_no_visits_even_if_still_active(office_db, dorothy_plan):
    plan_id = dorothy_plan
    before = Visit.select().where(Visit.customer == office_db.dorothy).count()
    # cancelled some other way than the profile (an import, an older version): the plan was left active
    customers.Customer.update(status="cancelled", cancel_reason=WHY).where(
        customers.Customer.id == office_db.dorothy).execute()
    assert ServicePlan.get_by_id(plan_id).active
    assert recurrence.generate(dt.date(2026, 12, 31)) == 0
    assert Visit.select().where(Visit.customer == office_db.dorothy).count() == before


def test_a_customer_who_comes_back_gets_nothing_back_and_can_have_a_plan_again(office_db, dorothy_plan):
    plan_id = dorothy_plan
    p = customers.get(office_db.dorothy)
    result = customers.update(office_db.dorothy, p.version, status="cancelled", cancel_reason=WHY)
    with pytest.raises(ValidationError) as err:
        recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_date",
                               starts_on=dt.date(2026, 2, 1), technician_id=office_db.sam)
    assert "has cancelled" in err.value.problems["status"]

    customers.update(office_db.dorothy, result.version, status="active", cancel_reason="")
    recurrence.generate(dt.date(2026, 12, 31))
    assert _ahead(office_db.dorothy) == []  # her old plan stays ended, her cancelled visits stay cancelled
    assert not ServicePlan.get_by_id(plan_id).active

    again = recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_date",
                                   starts_on=dt.date(2026, 2, 1), technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    assert [v.plan_id for v in _ahead(office_db.dorothy)] == [again, again]


def test_saving_a_cancelled_customer_again_changes_nothing_more(office_db, dorothy_plan):
    p = customers.get(office_db.dorothy)
    result = customers.update(office_db.dorothy, p.version, status="cancelled", cancel_reason=WHY)
    # a visit that came in some other way (another program's visits, imported)
    later = Visit.create(customer=office_db.dorothy, technician=office_db.sam, service_type="Extra check",
                         starts_at=dt.datetime(2026, 2, 20, 10), ends_at=dt.datetime(2026, 2, 20, 11)).id
    customers.update(office_db.dorothy, result.version, status="cancelled", cancel_reason=WHY + " Really.")
    assert Visit.get_by_id(later).status == "scheduled"


def _cancel(customer_id):
    return customers.update(customer_id, customers.get(customer_id).version, status="cancelled", cancel_reason=WHY)


def test_no_visit_is_booked_for_a_customer_who_cancelled_until_she_is_active_again(office_db):
    result = _cancel(office_db.dorothy)
    before = Visit.select().count()
    with pytest.raises(ValidationError) as err:
        scheduling.book(office_db.dorothy, dt.datetime(2026, 2, 20, 10), 60, service_type="Extra check")
    assert err.value.problems == {"status": "Dorothy Finch has cancelled; set their status back to active "
                                            "before booking a visit for them."}
    assert Visit.select().count() == before
    # the same rule as a new service plan's
    with pytest.raises(ValidationError) as plan_err:
        recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_date",
                               starts_on=dt.date(2026, 2, 1), technician_id=office_db.sam)
    assert plan_err.value.problems["status"].startswith("Dorothy Finch has cancelled; set their status back")

    customers.update(office_db.dorothy, result.version, status="active", cancel_reason="")
    visit = scheduling.book(office_db.dorothy, dt.datetime(2026, 2, 20, 10), 60, service_type="Extra check")
    assert Visit.get_by_id(visit).technician_id == office_db.sam


def test_completing_the_visit_she_cancelled_after_books_no_next_one(office_db):
    this_morning = scheduling.book(office_db.dorothy, dt.datetime(2026, 1, 5, 7), 45, service_type="Rodent control")
    clock.set_now(dt.datetime(2026, 1, 5, 9))
    _cancel(office_db.dorothy)  # she pays for the visit just done, and wants no more
    assert Visit.get_by_id(this_morning).status == "scheduled"
    with pytest.raises(ValidationError) as err:
        scheduling.complete(this_morning, "Rebaited four stations", next_visit_at=dt.datetime(2026, 2, 2, 9))
    assert err.value.problems == {"next_visit_at": "Dorothy Finch has cancelled; set their status back to active "
                                                   "before booking their next visit."}
    assert Visit.get_by_id(this_morning).status == "scheduled"
    assert Visit.select().where(Visit.customer == office_db.dorothy).count() == 1

    assert scheduling.complete(this_morning, "Rebaited four stations") is None
    assert Visit.get_by_id(this_morning).status == "completed"
    assert Visit.select().where(Visit.customer == office_db.dorothy).count() == 1


def test_the_complete_dialog_says_why_it_books_no_next_visit_for_her(office_db, qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel, QPushButton

    from servicedesk.ui.schedule.dialogs import CompleteDialog

    this_morning = scheduling.book(office_db.dorothy, dt.datetime(2026, 1, 5, 7), 45, service_type="Rodent control")
    clock.set_now(dt.datetime(2026, 1, 5, 9))
    _cancel(office_db.dorothy)
    dialog = CompleteDialog(this_morning)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.work_done.setPlainText("Rebaited four stations")
    dialog.book_next.setChecked(True)
    dialog.findChild(QPushButton, "confirmComplete").click()
    error = dialog.findChild(QLabel, "completeError")
    assert error.isVisible()
    assert error.text() == ("Dorothy Finch has cancelled; set their status back to active before booking "
                            "their next visit.")
    assert dialog.result() != dialog.DialogCode.Accepted
    assert Visit.get_by_id(this_morning).status == "scheduled"
    assert Visit.select().where(Visit.customer == office_db.dorothy).count() == 1
    dialog.grab().save(str(tmp_path / "complete-cancelled.png"))

    dialog.book_next.setChecked(False)
    dialog.findChild(QPushButton, "confirmComplete").click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert Visit.get_by_id(this_morning).status == "completed"
    assert Visit.select().where(Visit.customer == office_db.dorothy).count() == 1


def test_cancelling_closes_the_calls_owed_only_to_an_active_customer_but_not_one_about_her_concern(office_db,
                                                                                                   dorothy_plan):
    from servicedesk.core.services import communication, concerns, followups

    today = clock.today()
    first = _ahead(office_db.dorothy)[0]
    check_in = followups.owed(office_db.dorothy, "first_visit", "Check in after the first visit", today,
                              visit_id=first.id)
    intro = followups.owed(office_db.dorothy, "introduction", "Introduce Alex Kim, her technician from now on", today)
    concern = concerns.raise_concern(office_db.dorothy, "Droppings behind the freezer again")
    answer = followups.owed(office_db.dorothy, "manual", "Call back about the droppings", today, concern_id=concern)
    assert {i.record_id for i in communication.follow_up_items()} >= {check_in, intro, answer}

    p = customers.get(office_db.dorothy)
    customers.save_profile(office_db.dorothy, p.version, {"status": "cancelled", "cancel_reason": WHY})

    for closed in (check_in, intro):
        f = FollowUp.get_by_id(closed)
        assert f.done_at is not None and f.outcome == "customer cancelled"
    assert FollowUp.get_by_id(answer).done_at is None
    assert {i.record_id for i in communication.follow_up_items()
            if i.customer_id == office_db.dorothy} == {answer}
