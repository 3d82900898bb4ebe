"""The service plans dialog: Enter does what the chosen plan suggests, never a silent duplicate."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from servicedesk.core.services import recurrence
from servicedesk.ui.schedule.plans import PlansDialog


def open_dialog(qtbot, customer_id):
    dialog = PlansDialog(customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_saves_the_chosen_plan_instead_of_adding_another(qtbot, office_db):
    plan = recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                                  weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1),
                                  technician_id=office_db.sam)
    dialog = open_dialog(qtbot, office_db.dorothy)
    assert dialog.selected_plan().id == plan
    assert dialog.save.isDefault() and not dialog.add.isDefault()
    dialog.service.setFocus()
    dialog.service.selectAll()
    qtbot.keyClicks(dialog.service, "Rodent and insect control")
    qtbot.keyClick(dialog.service, Qt.Key.Key_Return)
    active = recurrence.plans_for(office_db.dorothy)
    assert [p.service_type for p in active] == ["Rodent and insect control"]  # changed, not duplicated
    assert "Plan changed" in dialog.findChild(QLabel, "planStatus").text()


def test_enter_adds_a_plan_when_there_is_none_to_change(qtbot, office_db):
    dialog = open_dialog(qtbot, office_db.hurried)
    assert dialog.selected_plan() is None
    assert dialog.add.isDefault() and not dialog.save.isDefault()
    dialog.service.setFocus()
    qtbot.keyClicks(dialog.service, "Quarterly treatment")
    qtbot.keyClick(dialog.service, Qt.Key.Key_Return)
    assert [p.service_type for p in recurrence.plans_for(office_db.hurried)] == ["Quarterly treatment"]
    assert dialog.save.isDefault()  # the new plan is the chosen one now


def test_changing_her_technician_in_the_plan_warns_and_asks_why(qtbot, office_db):
    from servicedesk.core.store.models import Draft, FollowUp, Visit

    plan = recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                                  weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1),
                                  window_start=dt.time(9), window_end=dt.time(12), technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    dialog = open_dialog(qtbot, office_db.dorothy)
    dialog.technician.setCurrentIndex(dialog.technician.findData(office_db.alex))
    warning = dialog.findChild(QLabel, "planWarning")
    qtbot.waitUntil(lambda: "Alex Kim is not Sam Ortiz" in warning.text())
    assert "same technician matters" in warning.text() and "A reason is required" in warning.text()
    dialog.save.click()
    error = dialog.findChild(QLabel, "planError")
    assert error.isVisible() and "needs a reason" in error.text()
    assert {v.technician_id for v in Visit.select()} == {office_db.sam}
    assert [p.id for p in recurrence.plans_for(office_db.dorothy)] == [plan]
    dialog.reason.setText("Sam is off sick this month")
    dialog.save.click()
    assert "change notice is queued" in dialog.findChild(QLabel, "planStatus").text()
    assert {v.technician_id for v in Visit.select()} == {office_db.alex}
    assert "Sam is off sick this month" in Draft.get().body
    assert FollowUp.get().source == "technician_change"


def test_moving_her_plan_to_thursdays_says_a_notice_is_queued_for_her(qtbot, office_db, tmp_path):
    from servicedesk.core.store.models import Draft, FollowUp, Visit

    recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                           weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1),
                           window_start=dt.time(9), window_end=dt.time(12), technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    dialog = open_dialog(qtbot, office_db.dorothy)
    dialog.weekday.setCurrentIndex(dialog.weekday.findData(3))
    dialog.save.click()
    status = dialog.findChild(QLabel, "planStatus")
    assert status.text().endswith("A change notice with the new days and times is queued for the customer.")
    dialog.grab().save(str(tmp_path / "plans-moved.png"))
    assert [v.starts_at.weekday() for v in Visit.select().where(Visit.status == "scheduled")] == [3, 3, 3]
    notice = Draft.get()
    assert notice.status == "queued" and "will now be on Thursday, January 8" in notice.body.replace("\u202f", " ")
    assert FollowUp.select().count() == 0


def test_a_first_plan_goes_to_the_technician_she_asked_for(qtbot, office_db):
    dialog = open_dialog(qtbot, office_db.dorothy)  # no plan yet; she said only Sam may come
    assert dialog.selected_plan() is None
    assert dialog.technician.currentData() == office_db.sam and dialog.technician.currentText() == "Sam Ortiz"
    dialog.service.setText("Rodent control")
    dialog.add.click()
    (plan,) = recurrence.plans_for(office_db.dorothy)
    assert plan.technician_id == office_db.sam


def test_a_first_plan_for_someone_with_no_technician_stays_unassigned(qtbot, office_db):
    from servicedesk.core.services import customers

    walk_in = customers.create(name="Nora Walk", street="1 Side Road", city="Riverton").id
    dialog = open_dialog(qtbot, walk_in)
    assert dialog.technician.currentData() is None and dialog.technician.currentText() == "Unassigned"


def test_escape_after_adding_a_plan_closes_the_dialog_as_close_does_so_everything_shows_the_new_visits(
        qtbot, office_db):
    dialog = open_dialog(qtbot, office_db.hurried)
    dialog.service.setFocus()
    qtbot.keyClicks(dialog.service, "Quarterly treatment")
    qtbot.keyClick(dialog.service, Qt.Key.Key_Return)
    assert [p.service_type for p in recurrence.plans_for(office_db.hurried)] == ["Quarterly treatment"]
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.keyClick(dialog.service, Qt.Key.Key_Escape)  # the plan as saved: nothing typed is lost
    assert finished.args == [1]  # accepted: the board, the list and the queue are read again
