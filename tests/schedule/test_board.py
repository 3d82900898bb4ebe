"""The Schedule pane as the desk uses it: the board, its navigation and its dialogs."""

import datetime as dt
import os
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMainWindow, QPushButton, QWidget

from servicedesk import paths
from servicedesk.core import clock
from servicedesk.core.services import business_days, recurrence, scheduling, technicians, visits
from servicedesk.core.store.models import Draft, FollowUp, PestApplication, ServicePlan, Visit
from servicedesk.ui.actions import ActionId, ActionRegistry
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.schedule import tables
from servicedesk.ui.schedule.board import LANE_W
from servicedesk.ui.schedule.dialogs import AssignDialog, CompleteDialog
from servicedesk.ui.schedule.export import ExportDialog
from servicedesk.ui.schedule.pane import SchedulePane
from servicedesk.ui.schedule.plans import PlansDialog
from servicedesk.ui.schedule.staff import TechniciansDialog


@pytest.fixture
def pane(qtbot, office_db):
    recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                           weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1), window_start=dt.time(9),
                           window_end=dt.time(11), technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 6, 30))
    window = QMainWindow()
    qtbot.addWidget(window)
    registry = ActionRegistry(window)
    p = SchedulePane(registry, Navigator(window))
    p.registry, p.keep_window = registry, window
    p.office = office_db
    window.setCentralWidget(p)
    window.resize(1300, 800)
    window.show()
    return p


def dorothys_visit(pane):
    return next(v for v in pane.board.board.visits if v.customer == "Dorothy Finch")


def test_board_objects_have_stable_names(pane):
    for name in ("dispatchBoard", "weekForward", "weekBack", "assignTechnician", "weekToday", "viewMode"):
        assert pane.findChild(QWidget, name) is not None, name


def test_week_back_forward_and_today_load_only_the_visible_week(pane, qtbot):
    title = pane.findChild(QLabel, "weekTitle")
    assert title.text() == "Week of January 5, 2026"
    assert pane.board.board.visits == ()
    qtbot.mouseClick(pane.findChild(QPushButton, "weekForward"), Qt.MouseButton.LeftButton)
    assert title.text() == "Week of January 12, 2026"
    assert (pane.board.board.start, pane.board.board.end) == (dt.datetime(2026, 1, 12), dt.datetime(2026, 1, 19))
    assert [(v.customer, v.starts_at) for v in pane.board.board.visits] == [
        ("Dorothy Finch", dt.datetime(2026, 1, 13, 9))]
    assert dorothys_visit(pane).technician == "Sam Ortiz"
    pane.registry[ActionId.WEEK_FORWARD].trigger()
    assert title.text() == "Week of January 19, 2026" and pane.board.board.visits == ()
    pane.registry[ActionId.WEEK_BACK].trigger()
    pane.registry[ActionId.WEEK_BACK].trigger()
    assert title.text() == "Week of January 5, 2026"
    pane.registry[ActionId.WEEK_FORWARD].trigger()
    pane.registry[ActionId.TODAY].trigger()
    assert title.text() == "Week of January 5, 2026"
    pane.set_mode("day")
    assert title.text() == "Monday, January 5, 2026"
    pane.registry[ActionId.WEEK_FORWARD].trigger()
    assert title.text() == "Tuesday, January 6, 2026"


def test_assign_a_stranger_through_the_dialog(pane, qtbot):
    o = pane.office
    technicians.add_days_off(o.sam, dt.date(2026, 1, 13), dt.date(2026, 1, 13), "sick")
    pane.move(1)
    visit = dorothys_visit(pane)
    assert visit.conflict == "off (sick)"
    qtbot.mouseClick(pane.board, Qt.MouseButton.LeftButton, pos=pane.board.rect_of(visit.id).center().toPoint())
    assert pane.board.selected == visit.id
    assert "Dorothy Finch" in pane.findChild(QLabel, "visitDetail").text()
    seen = {}

    def drive():
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = type(dialog).__name__
        seen["banner"] = dialog.banner.isVisible() and dialog.banner.text()
        seen["continuity"] = dialog.findChild(QLabel, "continuityFigure").text()
        first = dialog.proposals.index(0, 0)
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.table.visualRect(dialog.proposals.index(1, 1)).center())
        seen["picked"] = (dialog.technician.currentData(), dialog.start.dateTime().toPython())
        seen["first"] = (first.data(), dialog.proposals.index(0, 1).data(), dialog.proposals.index(0, 2).data())
        dialog.technician.setCurrentIndex(dialog.technician.findData(o.alex))
        seen["warning"] = dialog.findChild(QLabel, "assignWarning").text()
        if os.environ.get("SCHEDULE_SHOTS"):
            QApplication.processEvents()
            dialog.grab().save(os.path.join(os.environ["SCHEDULE_SHOTS"], "assign.png"))
        dialog.findChild(QPushButton, "confirmAssign").click()
        seen["error"] = dialog.findChild(QLabel, "assignError").text()
        seen["still_open"] = dialog.isVisible()
        dialog.reason.setText("Sam is off sick; Alex knows the shop")
        dialog.findChild(QPushButton, "confirmAssign").click()

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(pane.findChild(QPushButton, "assignTechnician"), Qt.MouseButton.LeftButton)
    assert seen["dialog"] == "AssignDialog"
    assert "Same technician every time (Sam Ortiz)" in seen["banner"]
    assert seen["continuity"] == "Continuity: No completed visits yet"
    assert seen["first"] == ("Same technician, other day", "Sam Ortiz", "Mon, Jan 12, 2026, 9:00\u00a0AM")
    assert seen["picked"] == (o.sam, dt.datetime(2026, 1, 14, 9))  # clicking a suggestion fills the form
    assert "Alex Kim is not Sam Ortiz" in seen["warning"]
    assert "needs a reason" in seen["error"] and seen["still_open"]
    assert Visit.get_by_id(visit.id).technician_id == o.alex
    assert Draft.select().where(Draft.status == "queued").count() == 1
    assert FollowUp.select().where(FollowUp.source == "technician_change").count() == 1
    assert dorothys_visit(pane).technician == "Alex Kim"  # the board reloaded


def test_dropping_a_visit_on_another_lane_asks_through_the_dialog(pane, qtbot):
    o = pane.office
    pane.move(1)
    visit = dorothys_visit(pane)
    lane = next(i for i, la in enumerate(pane.board.board.lanes) if la.technician_id == o.jo)
    target = pane.board.column_rect(lane, 2).center()  # Jo's lane, Wednesday
    assert pane.board.target_at(target, visit.id) == (o.jo, dt.datetime(2026, 1, 14, 9))
    seen = {}

    def cancel():
        dialog = QApplication.activeModalWidget()
        seen["tech"] = dialog.technician.currentData()
        seen["when"] = dialog.start.dateTime().toPython()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, cancel)
    start = pane.board.rect_of(visit.id).center().toPoint()
    qtbot.mousePress(pane.board, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(pane.board, pos=start + QPoint(20, 10))
    qtbot.mouseMove(pane.board, pos=target.toPoint())
    qtbot.mouseRelease(pane.board, Qt.MouseButton.LeftButton, pos=target.toPoint())
    assert seen == {"tech": o.jo, "when": dt.datetime(2026, 1, 14, 9)}
    assert Visit.get_by_id(visit.id).technician_id == o.sam  # cancelled: nothing changed


def test_keyboard_selects_visits(pane, qtbot):
    pane.move(1)
    pane.board.setFocus()
    qtbot.keyClick(pane.board, Qt.Key.Key_Right)
    assert pane.board.selected == dorothys_visit(pane).id


def test_complete_dialog(pane, qtbot):
    pane.move(1)
    visit = dorothys_visit(pane)
    clock.set_now(dt.datetime(2026, 1, 13, 12))
    dialog = CompleteDialog(visit.id)
    qtbot.addWidget(dialog)
    dialog.findChild(QPushButton, "confirmComplete").click()
    assert "Describe the work done." in dialog.findChild(QLabel, "completeError").text()
    assert Visit.get_by_id(visit.id).status == "scheduled"
    dialog.work_done.setPlainText("Inspected, rebaited four stations")
    # a pest visit records each product as a pesticide application, by the licensed technician
    dialog.findChild(QPushButton, "applicationsTableAdd").click()
    model = dialog.trade.applications
    for col, text in enumerate(("House mice", "Bait blocks", "12455-79", "4", "blocks", "Back store room")):
        assert model.setData(model.index(0, col), text)
    if os.environ.get("SCHEDULE_SHOTS"):
        dialog.show()
        dialog.grab().save(os.path.join(os.environ["SCHEDULE_SHOTS"], "complete.png"))
    dialog.findChild(QPushButton, "confirmComplete").click()
    assert "has no applicator licence number" in dialog.findChild(QLabel, "completeError").text()
    technicians.update(visit.technician_id, licence_number="TX-0654321")
    dialog.findChild(QPushButton, "confirmComplete").click()
    assert dialog.result() == dialog.DialogCode.Accepted
    d = visits.detail(visit.id)
    assert d.status == "completed"
    assert [(a.product, a.amount, a.unit, a.licence_number) for a in PestApplication.select()] == [
        ("Bait blocks", 4.0, "blocks", "TX-0654321")]


def test_technicians_dialog_adds_time_off_and_refuses_overlap(office_db, qtbot):
    dialog = TechniciansDialog()
    qtbot.addWidget(dialog)
    names = [dialog.staff.index(r, 0).data() for r in range(dialog.staff.rowCount())]
    assert names == ["Alex Kim", "Jo Banks", "Lee Hart", "Sam Ortiz"]
    dialog.staff_table.selectRow(3)
    assert dialog.name.text() == "Sam Ortiz"
    dialog.findChild(QPushButton, "addTimeOff").click()
    assert dialog.absences.rowCount() == 1
    dialog.findChild(QPushButton, "addTimeOff").click()
    assert "overlaps time off already recorded" in dialog.findChild(QLabel, "staffError").text()
    assert dialog.absences.rowCount() == 1
    if os.environ.get("SCHEDULE_SHOTS"):
        dialog.show()
        dialog.grab().save(os.path.join(os.environ["SCHEDULE_SHOTS"], "staff.png"))
    dialog.name.setText("Sam Ortiz-Lee")
    dialog.findChild(QPushButton, "saveStaff").click()
    assert technicians.get(office_db.sam).name == "Sam Ortiz-Lee"


def test_export_dialog_writes_a_calendar(pane, qtbot, tmp_path):
    dialog = ExportDialog(pane.office.sam, dt.date(2026, 1, 5))
    qtbot.addWidget(dialog)
    dialog.last.setDate(dt.date(2026, 2, 28))
    dialog.path.setText(str(tmp_path / "sam.ics"))
    dialog.save()
    assert "2 visits for Sam Ortiz" in dialog.written
    events = [c for c in Calendar.from_ical((tmp_path / "sam.ics").read_bytes()).walk() if c.name == "VEVENT"]
    assert [e.decoded("dtstart") for e in events] == [dt.datetime(2026, 1, 13, 9), dt.datetime(2026, 2, 10, 9)]


def test_export_dialog_suggests_a_file_that_can_be_written_whatever_the_technicians_name(pane, qtbot):
    technicians.update(pane.office.sam, name="Sam Ortiz (Pest/Wildlife): North*")
    dialog = ExportDialog(pane.office.sam, dt.date(2026, 1, 5))
    qtbot.addWidget(dialog)
    dialog.last.setDate(dt.date(2026, 2, 28))
    suggested = Path(dialog.path.text())
    assert suggested.parent == Path(paths.data_dir()) and suggested.suffix == ".ics"
    assert suggested.name == "sam-ortiz-pest-wildlife-north.ics"
    dialog.save()
    assert "2 visits for Sam Ortiz (Pest/Wildlife): North*" in dialog.written
    assert suggested.exists()


def test_plans_dialog_adds_a_plan_and_changes_this_and_future(pane, qtbot):
    o = pane.office
    pane.move(1)
    visit = dorothys_visit(pane)
    dialog = PlansDialog(o.dorothy, visit.id)
    qtbot.addWidget(dialog)
    assert dialog.plans.rowCount() == 1 and dialog.plans.index(0, 1).data() == "Monthly on the 2nd Tuesday"
    assert dialog.scope_this.isEnabled()
    dialog.service.setText("Outdoor bait stations")
    dialog.kind.setCurrentIndex(dialog.kind.findData("every_n_weeks"))
    dialog.interval.setValue(4)
    dialog.weekday.setCurrentIndex(2)
    assert dialog.findChild(QLabel, "planRule").text() == "Every 4 weeks on Wednesday"
    dialog.findChild(QPushButton, "addPlan").click()
    assert "visits generated" in dialog.findChild(QLabel, "planStatus").text()
    assert ServicePlan.select().count() == 2
    if os.environ.get("SCHEDULE_SHOTS"):
        dialog.show()
        dialog.grab().save(os.path.join(os.environ["SCHEDULE_SHOTS"], "plans.png"))
    # back to the monthly plan: from the chosen visit on, it moves to the 3rd Tuesday
    dialog.load(visit_plan := Visit.get_by_id(visit.id).plan_id)
    dialog.week.setCurrentIndex(dialog.week.findData(3))
    dialog.scope_future.setChecked(True)
    dialog.findChild(QPushButton, "savePlan").click()
    assert dialog.findChild(QLabel, "planError").isHidden()
    assert recurrence.get(visit_plan).ends_on == dt.date(2026, 1, 12)
    feb = visits.between(dt.datetime(2026, 2, 1), dt.datetime(2026, 3, 1))
    assert [(v.service_type, v.starts_at.date()) for v in feb if v.service_type == "Rodent control"] == [
        ("Rodent control", dt.date(2026, 2, 17))]


def test_models_pass_the_model_tester(office_db, qtmodeltester):
    technicians.add_days_off(office_db.sam, dt.date(2026, 1, 13), dt.date(2026, 1, 13), "sick")
    plan = recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                                  weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1),
                                  technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    first = Visit.select().order_by(Visit.starts_at).first().id
    for model, rows in (
        (tables.ProposalModel(), scheduling.proposals(first)),
        (tables.PlanModel(), recurrence.plans_for(office_db.dorothy)),
        (tables.StaffModel(), technicians.list_staff(active_only=False)),
        (tables.TimeOffModel(), technicians.time_off(office_db.sam, dt.datetime(2026, 1, 1), dt.datetime(2026, 2, 1))),
    ):
        model.set_rows(rows)
        assert model.rowCount() == len(rows) > 0
        qtmodeltester.check(model)
    assert plan
    products = tables.ProductsModel()
    products.add("Bait blocks", "4", "Back room")
    products.add()
    qtmodeltester.check(products)
    assert products.products() == [("Bait blocks", "4", "Back room")]


def test_visit_tooltip_shows_what_matters_and_continuity(pane):
    o = pane.office
    technicians.add_days_off(o.sam, dt.date(2026, 1, 13), dt.date(2026, 1, 13), "sick")
    pane.move(1)
    tip = pane.board.tooltip(dorothys_visit(pane).id)
    assert "Dorothy Finch" in tip and "Same technician every time" in tip
    assert "No completed visits yet" in tip and "off (sick)" in tip


def test_a_visit_booked_on_a_day_the_office_is_closed_is_marked(pane):
    from servicedesk.core.services import office

    office.update(closed_days=["2026-01-13"])  # the office's own day off, the day of Dorothy's visit
    pane.move(1)
    visit = dorothys_visit(pane)
    assert visit.closed == business_days.OWN_CLOSED_DAY
    assert "Booked on a day the office is closed" in pane.board.tooltip(visit.id)
    pane.board.select(visit.id)
    assert "Booked on a day the office is closed" in pane.detail.text()
    pane.move(1)  # the week of Martin Luther King Jr. Day: the day is closed, no visit on it
    assert [(d, "Luther King" in name) for d, name in pane.board.board.closed] == [(dt.date(2026, 1, 19), True)]
    office.update(closed_days=[])
    pane.move(-1)
    assert dorothys_visit(pane).closed == ""
    assert "closed" not in pane.board.tooltip(dorothys_visit(pane).id)


def test_the_day_view_of_a_closed_day_is_shaded_all_day(pane, qtbot):
    from servicedesk.core.services import office

    pane.set_mode("day")
    pane.board.load(dt.date(2026, 1, 13), "day")
    noon = dt.datetime(2026, 1, 13, 12)

    def at_noon():
        image = pane.board.grab().toImage()
        return image.pixelColor(int(pane.board.day_x(noon)), int(pane.board.lane_tops[1][0] + 2))

    open_colour = at_noon()
    office.update(closed_days=["2026-01-13"])
    pane.board.load(dt.date(2026, 1, 13), "day")
    assert at_noon().lightness() < open_colour.lightness()  # the hours the office would work are shaded too
    office.update(closed_days=[])
    pane.board.load(dt.date(2026, 1, 13), "day")
    assert at_noon() == open_colour
