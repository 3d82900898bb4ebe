"""A customer with a long name (an association, a trust, a couple with both surnames) keeps the window and
the visit dialogs on a 1366×768 screen, and the whole name is still there to read."""

import datetime as dt

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from servicedesk.core import clock
from servicedesk.core.services import customers, office, scheduling, technicians
from servicedesk.ui.projects.dialogs import VisitPicker
from servicedesk.ui.schedule.dialogs import AssignDialog, CompleteDialog
from tests.tools import screens
from tests.ui import layout

LONG = ("The Riverside Residents' Association of Upper Harbour Heights (north side, behind the old cannery), "
        "care of the committee secretary, Mrs. Siobhán O'Connor-Müller & Mr. Kwame Mensah-Bonsu, "
        "for the shared gardens, the bin store and the two underground car parks")


@pytest.fixture
def office_with_a_long_name(qtbot, db, db_path):
    clock.set_now(dt.datetime(2026, 12, 14, 8, 0))
    office.update(name="Evergreen Pest Care", configured=True)
    sam = technicians.create("Sam Ortiz")
    cid = customers.create(name=LONG, street="12 Market Street", city="Riverton", technician_id=sam).id
    today = scheduling.book(cid, dt.datetime(2026, 12, 14, 8, 0), technician_id=sam, service_type="Monthly service")
    scheduling.complete(today, "Checked every bait station in the bin store.")
    upcoming = scheduling.book(cid, dt.datetime(2026, 12, 21, 9, 0), technician_id=sam, service_type="Monthly service")
    window = screens.open_window(db_path)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window, cid, upcoming


def oversized(widget) -> list[str]:
    return [p for p in layout.problems(widget) if "more than" in p or "smaller than its minimum" in p]


def plain(label: QLabel) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return " ".join(document.toPlainText().split())


def test_a_long_name_keeps_the_window_on_the_screen_on_every_tab_of_the_profile(office_with_a_long_name):
    window, cid, _upcoming = office_with_a_long_name
    window.customers.show_customer(cid)
    profile = window.customers.profile
    for tab in range(profile.tabs.count()):
        profile.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert not oversized(window), (tab, oversized(window))
    title = window.findChild(QLabel, "profileName")
    assert title.text() == LONG and title.isVisible()
    assert title.height() >= 2 * title.fontMetrics().lineSpacing()  # wrapped onto lines, none of it cut off


def test_a_long_name_keeps_the_visit_dialogs_on_the_screen(qtbot, office_with_a_long_name):
    window, _cid, upcoming = office_with_a_long_name
    for dialog, heading in ((AssignDialog(upcoming, parent=window), "assignVisit"),
                            (CompleteDialog(upcoming, window), "visitHeading")):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert not oversized(dialog), (dialog.objectName(), oversized(dialog))
        assert LONG in plain(dialog.findChild(QLabel, heading))
    picker = VisitPicker(window)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    assert not oversized(picker), oversized(picker)
    assert LONG in picker.visit.itemText(0)
