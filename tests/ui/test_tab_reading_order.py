"""Tab goes through a dialog in reading order: the order a person fills it, the buttons as they stand."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.tools import screens


def _tab_stops(qtbot, dialog, first_name: str, count: int) -> list[str]:
    """The names of the widgets Tab stops at, from where the dialog puts the cursor (a date's parts count once)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    assert QApplication.focusWidget().objectName() == first_name
    stops: list[str] = []
    while len(stops) < count:
        widget = QApplication.focusWidget()
        name = widget.objectName() or widget.text()
        if not stops or stops[-1] != name:
            stops.append(name)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return stops


def test_running_late_tabs_from_the_minutes_through_the_words_to_send_copy_and_cancel(demo_window, qtbot):
    dialog = screens.DIALOGS["running-late"](demo_window)
    qtbot.waitExposed(dialog)
    assert _tab_stops(qtbot, dialog, "lateMinutes", 6) == ["lateMinutes", "lateText", "lateSend", "lateCopy",
                                                           "Cancel", "lateMinutes"]
    screens.close(dialog, demo_window)


def test_assign_starts_at_the_suggestions_and_tabs_down_the_form_to_its_buttons(demo_window, qtbot):
    dialog = screens.DIALOGS["assign"](demo_window)
    qtbot.waitExposed(dialog)
    assert _tab_stops(qtbot, dialog, "proposalTable", 8) == [
        "proposalTable", "technicianCombo", "visitStart", "changeReason", "makeRegular", "confirmAssign", "Cancel",
        "proposalTable"]
    screens.close(dialog, demo_window)
