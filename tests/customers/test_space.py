"""Screens that use a 1366-pixel screen: the profile's share and tabs, the list's columns, the history's
detail pane and icons, and the Projects page's columns and timeline."""

import datetime as dt

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QToolButton

from servicedesk.core.services import customers, interactions
from servicedesk.ui.customers.model import CustomerListModel
from servicedesk.ui.projects.models import MilestoneModel, ProjectListModel
from tests.tools import screens


@pytest.fixture
def window(demo_window):
    return demo_window


def in_sight(table: QTableView, column: int) -> bool:
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(column)
    return not header.isSectionHidden(column) and left >= 0 and \
        left + header.sectionSize(column) <= table.viewport().width() + 1


def test_the_profile_has_the_larger_share_and_its_tabs_fit(window):
    pane = window.customers
    pane.show_customer(customers.search_ids("Dorothy")[0])
    QApplication.processEvents()
    assert pane.profile.width() > pane.table.width()
    bar = pane.profile.tabs.tabBar()
    pane.profile.tabs.setTabText(4, "History (1234)")  # a long-standing customer
    assert sum(bar.tabSizeHint(i).width() for i in range(bar.count())) <= bar.width()
    assert pane.table.horizontalScrollBar().maximum() == 0  # every column of the list in sight
    assert all(in_sight(pane.table, c) for c in (CustomerListModel.NAME, CustomerListModel.TOWN,
                                                  CustomerListModel.HEALTH))
    widest = max(pane.table.fontMetrics().horizontalAdvance(text) for text in ("● Good (100)", "● Watch (75)", "● At risk (55)"))
    assert pane.table.horizontalHeader().sectionSize(CustomerListModel.HEALTH) >= widest + 8  # the badge whole


def test_the_list_can_show_phone_and_street_to_tell_namesakes_apart(window, qtbot):
    table = window.customers.table
    model = table.model()
    assert not table.isColumnHidden(CustomerListModel.TOWN)
    assert table.isColumnHidden(CustomerListModel.PHONE) and table.isColumnHidden(CustomerListModel.STREET)
    button = window.findChild(QToolButton, "customerColumns")

    def tick_phone():
        menu = QApplication.activePopupWidget()
        names = [a.text() for a in menu.actions()]
        for _ in range(names.index("Phone") + 1):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, tick_phone)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not table.isColumnHidden(CustomerListModel.PHONE))
    phones = [model.index(r, CustomerListModel.PHONE).data() for r in range(5)]
    assert all(phones) and all(c.isdigit() or c in " ()-+." for p in phones for c in p)
    window.close()  # the choice is kept with the window
    again = screens.open_window(window.database_path)
    qtbot.addWidget(again)
    assert not again.customers.table.isColumnHidden(CustomerListModel.PHONE)


def test_history_shows_the_right_icon_and_the_chosen_record_in_full(window, qtbot):
    dorothy = customers.search_ids("Dorothy")[0]
    interactions.log(dorothy, "text", "in", "Texted: fine for Tuesday at 9", occurred_at=dt.datetime(2026, 6, 9, 15, 10))
    pane = window.customers
    pane.show_customer(dorothy)
    pane.profile.tabs.setCurrentIndex(4)
    view = pane.profile.history
    titles = [view.model().index(r, 1).data() for r in range(view.model().rowCount())]
    assert "☎  Call from the customer" in titles and "✆  Text message from the customer" in titles
    assert not any(t.startswith("✉  Call") for t in titles)
    row = titles.index("✆  Text message from the customer")
    view.scrollTo(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(row, 1)).center())
    text = window.findChild(QLabel, "historyDetailPane").text()
    assert "Texted: fine for Tuesday at 9" in text
    assert "Jun 9, 2026, 3:10" in text and "From the customer" in text  # the office's way, in words
    assert "2026-06-09 15:10:00" not in text and ">In<" not in text


def test_projects_show_the_delay_reason_status_and_last_letter_at_1366(window):
    window.tabs.setCurrentIndex(window.SCHEDULE)
    window.schedule.pages.setCurrentIndex(1)
    QApplication.processEvents()
    view = window.schedule.projects
    keys = [key for _title, key in MilestoneModel.COLUMNS]
    for key in ("name", "status", "planned_end", "revised_end", "delay_reason"):
        assert in_sight(view.milestones, keys.index(key)), key
    for column in (ProjectListModel.NAME, ProjectListModel.STATUS, ProjectListModel.LAST_LETTER):
        assert in_sight(view.list, column), column
    strip = view.timeline
    widest = max(strip.fontMetrics().horizontalAdvance(m.name) for m in strip.items)
    assert strip.label_width() >= widest  # the milestones' names are whole
    legend = window.findChild(QLabel, "projectTimelineLegend").text()
    for words in ("done", "delayed", "not started", "the first plan", "today"):
        assert words in legend
