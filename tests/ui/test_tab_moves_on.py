"""Tab always moves on to the next field: never round a table's cells, never a tab into a note."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTableView, QWidget

from tests.tools import screens


def _tab_from(qtbot, widget) -> QWidget:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_from_the_customer_list_tab_goes_on_to_the_profile(demo_window, qtbot):
    screens.PANES["customers"](demo_window)
    table = demo_window.findChild(QTableView, "customerTable")
    demo_window.customers.search.setFocus()
    qtbot.keyClick(demo_window.customers.search, Qt.Key.Key_Down)  # into the list, as a person would
    assert QApplication.focusWidget() is table
    after = _tab_from(qtbot, table)
    assert after is not table
    assert demo_window.customers.splitter.widget(1).isAncestorOf(after) or after.objectName() == "customerColumns"


@pytest.mark.parametrize("name, table", [("assign", "proposalTable"), ("technicians", "staffTable"),
                                         ("service-plans", "planTable")])
def test_tab_leaves_a_dialogs_table(demo_window, qtbot, name, table):
    dialog = screens.DIALOGS[name](demo_window)
    qtbot.waitExposed(dialog)
    view = dialog.findChild(QTableView, table)
    assert view.model().rowCount() > 0
    assert _tab_from(qtbot, view) is not view
    screens.close(dialog, demo_window)


def test_tab_leaves_the_notes_of_the_profile_and_of_what_matters(demo_window, qtbot):
    screens.PANES["customers"](demo_window)  # Dorothy's details
    profile = demo_window.customers.profile
    boxes = []
    for tab in (0, 3):  # the details (their notes), the fit check (its note)
        profile.tabs.setCurrentIndex(tab)
        shown = [b for b in profile.findChildren(QPlainTextEdit) if b.isVisible() and not b.isReadOnly()]
        assert shown, tab
        for box in shown:
            before = box.toPlainText()
            moved = _tab_from(qtbot, box) is not box
            typed = box.toPlainText()
            if typed != before:
                box.setPlainText(before)
                profile.show_customer(profile.customer_id)  # nothing left unsaved to ask about on closing
            assert moved and typed == before  # no tab character typed into it
        boxes += shown
    assert "fitNote" in [b.objectName() for b in boxes]
    dialog = screens.DIALOGS["what-matters"](demo_window)
    words = dialog.findChild(QPlainTextEdit, "whatMattersWords")
    assert _tab_from(qtbot, words) is not words
    assert words.toPlainText() == ""
    screens.close(dialog, demo_window)
