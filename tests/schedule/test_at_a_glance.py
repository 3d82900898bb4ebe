"""The schedule at a glance: its legend, labelled time off, distinct colours picked with a colour picker,
a day booked beyond the working day, narrow empty weekends, the month and the agenda, and a visit
dragged against what the customer said matters."""

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLabel, QPushButton, QWidget

from servicedesk.core.services import customers, office, recurrence, scheduling, technicians
from servicedesk.core.store.models import Staff
from servicedesk.ui.schedule.board import LINE_H, NARROW_W
from servicedesk.ui.schedule.staff import TechniciansDialog
from servicedesk.ui.widgets.banner import KIND_ICONS


@pytest.fixture
def pane(pane_1366):
    o = pane_1366.office
    recurrence.create_plan(o.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                           weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1), window_start=dt.time(9),
                           window_end=dt.time(11), technician_id=o.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    pane_1366.refresh()
    return pane_1366


def choose_view(qtbot, pane, name: str):
    combo = pane.view
    combo.setFocus()
    while combo.currentData() != name:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert pane.mode == name


def dorothys(pane):
    return next(v for v in pane.board.board.visits if v.customer == "Dorothy Finch")


def test_the_legend_explains_every_glyph_and_the_bands(pane):
    legend = pane.findChild(QLabel, "boardLegend")
    assert legend.isVisible()
    text = legend.text()
    for glyph in KIND_ICONS.values():
        assert glyph in text
    for words in ("moved", "done", "cancelled", "no access", "not the customer's own technician",
                  "the technician cannot be there", "time off", "booked beyond the working day"):
        assert words in text, words


def test_time_off_is_a_labelled_band(pane):
    o = pane.office
    technicians.add_days_off(o.alex, dt.date(2026, 1, 6), dt.date(2026, 1, 7), "training")
    pane.refresh()
    lane = next(i for i, la in enumerate(pane.board.board.lanes) if la.technician_id == o.alex)
    image = pane.board.grab().toImage()
    cell = pane.board.column_rect(lane, 1)
    red_text = [QColor(image.pixel(x, y)) for x in range(int(cell.left()), int(cell.left() + 80))
                for y in range(int(cell.top()) + 6, int(cell.bottom()))]  # under the band's red top line
    assert any(c.red() > 150 and c.green() < 80 and c.blue() < 80 for c in red_text)  # "Training", in red


def test_new_technicians_get_distinct_colours_and_the_picker_changes_one(pane, qtbot):
    colours = {technicians.get(technicians.create(name)).color for name in ("Ann Lee", "Bo Diaz", "Cy Park")}
    assert len(colours) == 3 and not colours & {"#2e7d32", "#1565c0", "#ad1457", "#ef6c00"}
    dialog = TechniciansDialog(pane)
    qtbot.addWidget(dialog)
    dialog.show()
    row = next(n for n, s in enumerate(dialog.staff.rows) if s.name == "Ann Lee")
    dialog.staff_table.selectRow(row)

    def pick():
        picker = QApplication.activeModalWidget()
        assert picker.objectName() == "colourPicker"
        picker.setCurrentColor(QColor("#ad494a"))
        qtbot.mouseClick(picker.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(dialog.findChild(QPushButton, "staffColor"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveStaff"), Qt.MouseButton.LeftButton)
    assert Staff.get(Staff.name == "Ann Lee").color == "#ad494a"


def test_a_day_booked_beyond_the_working_day_is_flagged(pane):
    o = pane.office
    office.update(business_hours="Mon-Fri 8:00-17:00")
    for hour in range(7, 18, 2):  # six two-hour visits on Wednesday: 12 hours for a 9-hour day
        scheduling.book(o.hurried, dt.datetime(2026, 1, 7, hour), 120, o.alex)
    pane.refresh()
    board = pane.board
    assert board.over == {(o.alex, dt.date(2026, 1, 7)): 720}
    lane = next(i for i, la in enumerate(board.board.lanes) if la.technician_id == o.alex)
    cell = board.column_rect(lane, 2)
    flag = QPoint(int(cell.center().x()), int(cell.bottom() - LINE_H / 2))  # the row under the day's visits
    assert board.visit_at(flag) is None
    text = board.tooltip_at(flag)
    assert text.startswith("⚠ Alex Kim: 12 h booked on Jan 7, 2026; the working day is 9 h")
    image = board.grab().toImage()
    assert QColor(image.pixel(int(cell.left()) + 6, int(cell.bottom() - LINE_H / 2))).name() == "#fdecea"
    monday = board.column_rect(lane, 0)
    assert not board.tooltip_at(QPoint(int(monday.center().x()), int(monday.bottom() - LINE_H / 2))).startswith("⚠")


def test_empty_closed_weekend_days_are_narrow(pane):
    widths = [w for _x, w in pane.board.cols]
    assert widths[5] == widths[6] == NARROW_W and min(widths[:5]) > 2 * NARROW_W
    scheduling.book(pane.office.hurried, dt.datetime(2026, 1, 10, 9), 60, pane.office.alex)
    pane.refresh()
    widths = [w for _x, w in pane.board.cols]
    assert widths[5] > NARROW_W and widths[6] == NARROW_W  # a Saturday with a visit is a whole day


def test_the_month_at_a_glance_opens_a_day(pane, qtbot):
    choose_view(qtbot, pane, "month")
    month = pane.findChild(QWidget, "monthView")
    assert month.isVisible() and pane.title.text() == "January 2026"
    assert month.count(dt.date(2026, 1, 13)) == 1  # Dorothy's visit, the 2nd Tuesday
    rect = month.cell(dt.date(2026, 1, 13))
    qtbot.mouseDClick(month, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert pane.mode == "day" and pane.board.first_day == dt.date(2026, 1, 13)
    assert [v.customer for v in pane.board.board.visits] == ["Dorothy Finch"]


def test_the_agenda_lists_and_prints_the_days_visits(pane, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    customers.add_what_matters(pane.office.dorothy, "call_before", "Text me when you leave the previous job.")
    pane.day = dt.date(2026, 1, 13)
    choose_view(qtbot, pane, "agenda")
    agenda = pane.findChild(QWidget, "agendaView")
    assert agenda.isVisible()
    span = agenda.findChild(QComboBox, "agendaRange")
    span.setFocus()
    qtbot.keyClick(span, Qt.Key.Key_Down)  # the whole week
    assert pane.title.text() == "Jan 12, 2026 to Jan 18, 2026"
    html = agenda.text.toPlainText()
    assert "Dorothy Finch" in html and "12 Market Street, Riverton" in html and "Text me when you leave" in html
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "agenda.pdf"))
    agenda.print_to(printer)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "agenda.pdf").pages)
    assert "Agenda" in text and "Dorothy Finch" in text and "Sam Ortiz" in text


def test_dragging_a_visit_before_the_customers_window_warns_before_it_is_confirmed(pane, qtbot):
    customers.add_what_matters(pane.office.dorothy, "time_window", "Not before 9, the shop opens at 9.")
    pane.day = dt.date(2026, 1, 13)
    choose_view(qtbot, pane, "day")
    board = pane.board
    visit = dorothys(pane)
    lane = next(i for i, la in enumerate(board.board.lanes) if la.technician_id == pane.office.sam)
    top, height = board.lane_tops[lane]
    target = QPoint(int(board.day_x(dt.datetime(2026, 1, 13, 8))), int(top + height / 2))
    seen = {}

    def look_and_cancel():
        dialog = QApplication.activeModalWidget()
        seen["when"] = dialog.start.dateTime().toPython()
        seen["warning"] = dialog.findChild(QLabel, "assignWarning").text()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, look_and_cancel)
    start = board.rect_of(visit.id).center().toPoint()
    qtbot.mousePress(board, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(board, pos=start + QPoint(-15, 0))
    qtbot.mouseMove(board, pos=target)
    qtbot.mouseRelease(board, Qt.MouseButton.LeftButton, pos=target)
    assert seen["when"] == dt.datetime(2026, 1, 13, 8)
    seen["warning"] = seen["warning"].replace("\xa0", " ")
    assert "outside the plan's window, 9:00 AM–11:00 AM" in seen["warning"]
    assert "goes against what Dorothy Finch said: “Not before 9, the shop opens at 9.”" in seen["warning"]
