"""The small things that annoy every day: plural words, the office's dates, sensible defaults, an empty
office's guidance and a calm "nobody is waiting"."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QSpinBox, QWidget

from servicedesk.core import clock
from servicedesk.core.services import customers, office, scheduling, technicians
from servicedesk.ui.actions import ActionId, ActionRegistry
from servicedesk.ui.app import demo_choice_box
from servicedesk.ui.communication.pane import CommunicationPane
from servicedesk.ui.main_window import MainWindow
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.preferences import PreferencesDialog


@pytest.fixture
def empty_office(qtbot, db, db_path):
    clock.set_now(dt.datetime(2026, 1, 5, 9))
    office.update(name="New Leaf Cleaning", configured=True)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_counts_read_as_words_not_as_s_in_brackets(qtbot, empty_office):
    pane = empty_office.customers
    count = pane.findChild(QLabel, "customerCount")
    assert count.text() == "0 customers"
    customers.create(name="Ada Byrne")
    empty_office.navigator.dataChanged.emit("all")
    qtbot.waitUntil(lambda: count.text() == "1 customer")
    customers.create(name="Ben Ochoa")
    empty_office.navigator.dataChanged.emit("all")
    qtbot.waitUntil(lambda: count.text() == "2 customers")
    assert QApplication.translate("ClarityDialog", "%n letter(s) would leave the customer guessing. Fix them "
                                  "first, or print anyway if you are sure.", "", 1).startswith("1 letter would")


def test_an_empty_office_is_told_what_to_do_first_and_nobody_waiting_is_calm(empty_office):
    guide = empty_office.findChild(QLabel, "customersGuide")
    assert guide.isVisible() and "New Customer" in guide.text() and "Import Customers" in guide.text()
    empty_office.tabs.setCurrentIndex(empty_office.SCHEDULE)
    assert empty_office.findChild(QLabel, "scheduleGuide").isVisible()
    empty_office.tabs.setCurrentIndex(empty_office.COMMUNICATION)
    start = empty_office.findChild(QLabel, "startHere")
    assert start.text().startswith("Nobody is waiting. Once your customers are in")
    assert "#e6f4ea" in start.styleSheet() and "#fde2e1" not in start.styleSheet()  # green, not the red alarm
    technicians.create("Rosa Alvarez")
    empty_office.navigator.dataChanged.emit("all")
    empty_office.tabs.setCurrentIndex(empty_office.SCHEDULE)
    assert not empty_office.findChild(QLabel, "scheduleGuide").isVisible()


def test_a_new_customer_starts_with_a_clean_history_tab(qtbot, empty_office):
    ada = customers.create(name="Ada Byrne").id
    from servicedesk.core.services import interactions

    interactions.log(ada, "phone", "in", "Asked for a quote")
    pane = empty_office.customers
    pane.show_customer(ada)
    tabs = pane.profile.tabs
    assert tabs.tabText(4) == "History (1)"
    empty_office.actions_[ActionId.NEW_CUSTOMER].trigger()
    assert tabs.tabText(4) == "History"


def test_sensible_defaults(qtbot, db):
    clock.set_now(dt.datetime(2026, 1, 5, 9))
    tech = technicians.create("Sam Ortiz")
    desk = technicians.create("Sophie Turner", role="office")
    ada = customers.create(name="Ada Byrne").id
    host = QWidget()
    qtbot.addWidget(host)
    pane = CommunicationPane(ActionRegistry(host), Navigator(host), host)
    assert pane.desk.currentData() == desk  # not "—": calls are never logged by nobody
    dialog = pane.log_interaction(ada)
    assert dialog.staff.currentData() == desk
    dialog.reject()
    concern = pane.new_concern(ada)
    assert concern.category.currentData() == "other"  # "Something else", not "the timeline"
    concern.reject()
    pane.desk.setCurrentIndex(pane.desk.findData(tech))
    again = CommunicationPane(ActionRegistry(host), Navigator(host), host)
    assert again.desk.currentData() == tech  # remembered
    box = demo_choice_box(host)
    assert box.defaultButton().text() == "Start empty"  # Enter never fills a real office with examples


def test_preferences_count_business_days_in_words(qtbot, db):
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    ack = dialog.findChild(QSpinBox, "ackTarget")
    assert ack.text() == "1 business day"
    ack.setFocus()
    qtbot.keyClick(ack, Qt.Key.Key_Up)
    assert ack.text() == "2 business days"


def test_print_preview_opens_readable(qtbot, demo_db):
    from servicedesk.core.services import documents, projects
    from servicedesk.ui import printing

    path = documents.generate_timeline_letter(projects.active_ids()[0], override_clarity=True).path
    dialog = printing.preview_dialog(None, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    assert preview.zoomFactor() > 0.8  # not the 40 % thumbnail
    zoom = dialog.findChild(QComboBox)
    assert zoom is None or not zoom.currentText().startswith("40")


def test_the_visit_details_use_the_offices_date_format(qtbot, db):
    from PySide6.QtWidgets import QMainWindow

    from servicedesk.ui.schedule.pane import SchedulePane

    clock.set_now(dt.datetime(2026, 1, 5, 9))
    office.update(locale="en_GB", region="GB")
    sam = technicians.create("Sam Ortiz")
    ada = customers.create(name="Ada Byrne", technician_id=sam).id
    visit = scheduling.book(ada, dt.datetime(2026, 1, 7, 14, 30), 60, sam)
    window = QMainWindow()
    qtbot.addWidget(window)
    pane = SchedulePane(ActionRegistry(window), Navigator(window))
    window.setCentralWidget(pane)
    window.show()
    pane.show_visit_on_board(visit)
    detail = pane.findChild(QLabel, "visitDetail").text()
    assert "7 Jan 2026, 14:30–15:30" in detail.replace("\u00a0", " ")
