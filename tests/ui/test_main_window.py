"""The main window opens with its three panes, menus from the registry, and remembers its size."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTableView, QWidget

from servicedesk.ui.actions import SPECS, ActionId
from servicedesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db, db_path):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.show()
    return w


def test_three_panes_with_stable_names_each_built_when_first_shown(window):
    assert window.objectName() == "mainWindow"
    assert window.findChild(QWidget, "customersPane") is not None
    assert window.findChild(QWidget, "schedulePane") is None and window.findChild(QWidget, "communicationPane") is None
    window.tabs.setCurrentIndex(window.SCHEDULE)
    window.tabs.setCurrentIndex(window.COMMUNICATION)
    for name in ("customersPane", "schedulePane", "communicationPane"):
        assert window.findChild(QWidget, name) is not None, name
    assert window.findChild(QWidget, "communicationPane").isVisible()
    assert [window.tabs.tabText(i).split(" (")[0] for i in range(3)] == ["Customers", "Schedule", "Communication"]


def test_the_communication_tab_says_counting_until_the_queue_is_counted_after_the_first_paint(qtbot, demo_db,
                                                                                              db_path):
    from servicedesk.core.services import communication

    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert w.tabs.tabText(w.COMMUNICATION) == "Communication (counting…)"
    with qtbot.waitSignal(w.figuresReady, timeout=30_000):
        w.show()
    waiting = len(communication.today_queue())
    assert waiting > 0 and w.tabs.tabText(w.COMMUNICATION) == f"Communication ({waiting})"
    assert w.findChild(QWidget, "communicationPane") is None  # counted without building the pane
    assert w.customers.count_label.text() == f"{w.customers.model.rowCount()} customers"


def test_the_rest_of_the_list_and_the_queue_are_read_once_the_window_has_painted(qtbot, db, db_path, monkeypatch):
    from PySide6.QtCore import QEvent, QObject

    from servicedesk.core.services import customers
    from servicedesk.ui import operations
    from servicedesk.ui.customers.model import CustomerListModel

    for i in range(CustomerListModel.WINDOW + 50):
        customers.create(name=f"Customer {i:03}")
    paints = []

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                paints.append(watched)
            return False

    started = []  # (what, paints of the window so far)
    real_run = operations.run
    monkeypatch.setattr(operations, "run", lambda parent, work, *args, name="", **kw: (
        started.append((name, len(paints))), real_run(parent, work, *args, name=name, **kw))[1])
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    painted = Painted(w)
    w.installEventFilter(painted)
    assert w.customers.model.rowCount() == CustomerListModel.WINDOW  # the first screenful, at once
    assert w.customers.count_label.text() == "counting…"
    with qtbot.waitSignal(w.figuresReady, timeout=30_000):
        w.show()
    assert sorted(name for name, _ in started) == ["countQueue", "listIds"]
    assert all(seen > 0 for _, seen in started)  # neither read beside the window before it was painted
    assert w.customers.count_label.text() == f"{CustomerListModel.WINDOW + 50} customers"
    assert w.customers.model.rowCount() == CustomerListModel.WINDOW + 50


def test_an_action_of_a_pane_not_built_yet_builds_it_and_runs_once(window, qtbot):
    assert window.findChild(QWidget, "communicationPane") is None
    window.findChild(QAction, ActionId.LOG_INTERACTION.value).trigger()
    pane = window.findChild(QWidget, "communicationPane")
    assert pane is not None and pane.dialog is not None and pane.dialog.objectName() == "logInteractionDialog"
    dialogs = [w for w in pane.findChildren(QWidget, "logInteractionDialog") if w.isVisible()]
    assert len(dialogs) == 1
    pane.dialog.reject()


def test_communication_tab_counts_the_queue_and_the_board_is_read_when_first_shown(window, qtbot):
    waiting = window.communication.queue_model.rowCount()
    assert waiting > 0 and window.tabs.tabText(window.COMMUNICATION) == f"Communication ({waiting})"
    assert window.tabs.currentIndex() == window.CUSTOMERS
    assert window.schedule.board.board is None or not window.schedule.board.board.visits  # not read yet
    window.tabs.setCurrentIndex(window.SCHEDULE)
    qtbot.waitUntil(lambda: window.schedule.board.board is not None and len(window.schedule.board.board.visits) > 0)
    assert window.schedule.title.text().startswith("Week of ")


def test_every_action_is_reachable_by_object_name(window):
    for action_id in SPECS:
        action = window.findChild(QAction, action_id.value)
        assert action is not None, action_id
    assert window.findChild(QAction, ActionId.FIND.value).shortcut().toString() == "Ctrl+F"
    menus = [m.title().replace("&", "") for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))]
    for expected in ("File", "Edit", "View", "Customer", "Schedule", "Help"):
        assert expected in menus


def test_find_focuses_search_and_typing_filters(window, qtbot):
    window.findChild(QAction, ActionId.FIND.value).trigger()
    search = window.findChild(QWidget, "customerSearch")
    table = window.findChild(QTableView, "customerTable")
    assert search.hasFocus()
    everyone = table.model().rowCount()
    qtbot.keyClicks(search, "Dorothy")
    qtbot.waitUntil(lambda: table.model().rowCount() < everyone or everyone <= 1)
    names = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert names and all("Dorothy" in n for n in names)


def test_choosing_a_customer_shows_the_what_matters_banner(window, qtbot):
    search = window.findChild(QWidget, "customerSearch")
    qtbot.keyClicks(search, "Dorothy")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    banner = window.findChild(QWidget, "whatMattersBanner")
    qtbot.waitUntil(banner.isVisible)
    assert "Same technician every time" in banner.text()


def test_window_size_is_remembered(qtbot, demo_db, db_path):
    first = MainWindow(db_path)
    qtbot.addWidget(first)
    first.resize(700, 520)
    first.close()
    second = MainWindow(db_path)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 520)


def test_first_start_opens_maximised_and_the_state_is_remembered(qtbot, demo_db, db_path):
    from servicedesk.ui.widgets import sizing

    first = MainWindow(db_path)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert first.isMaximized()
    area = sizing.available(first)
    assert area.contains(first.geometry())  # the status bar is on the screen
    assert first.statusBar().isVisible()
    first.close()
    second = MainWindow(db_path)
    qtbot.addWidget(second)
    second.show()
    assert second.isMaximized()  # left maximised, opens maximised
    second.showNormal()
    second.resize(900, 600)
    second.close()
    third = MainWindow(db_path)
    qtbot.addWidget(third)
    third.show()
    assert not third.isMaximized() and (third.width(), third.height()) == (900, 600)


def test_a_window_remembered_from_a_larger_screen_is_fitted_to_this_one(qtbot, demo_db, db_path):
    from servicedesk.ui.widgets import sizing

    big = MainWindow(db_path)
    qtbot.addWidget(big)
    big.setWindowState(Qt.WindowState.WindowNoState)
    area = sizing.available(big)
    big.setGeometry(area.x() + 40, area.y() + 40, area.width() + 500, area.height() + 300)
    big.close()
    again = MainWindow(db_path)
    qtbot.addWidget(again)
    assert area.contains(again.geometry())


def test_the_new_parts_have_stable_names(window):
    from PySide6.QtWidgets import QComboBox, QLabel

    for index in (window.SCHEDULE, window.COMMUNICATION):  # each pane is built when first shown
        window.tabs.setCurrentIndex(index)

    for name, kind in (("queueCustomerPanel", QWidget), ("queueFilter", QComboBox), ("boardLegend", QLabel),
                       ("monthView", QWidget), ("agendaView", QWidget)):
        found = window.findChildren(kind, name)
        assert len(found) == 1, name


def test_no_two_entries_of_a_menu_share_an_underlined_letter(window):
    from PySide6.QtWidgets import QMenu

    for menu in [window.menuBar()] + window.menuBar().findChildren(QMenu):
        letters = {}
        for action in menu.actions():
            text = action.text()
            at = text.find("&")
            if action.isSeparator() or at < 0:
                continue
            letter = text[at + 1].lower()
            assert letter not in letters, f"{menu.title() or 'menu bar'}: {letters.get(letter)} and {text} on Alt+{letter}"
            letters[letter] = text
