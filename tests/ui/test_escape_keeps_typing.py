"""Escape closes a dialog at once when nothing was typed in it, and asks first when something was."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from tests.tools import screens

# a dialog of the window, and the field a person types into first
TYPED = {
    "log-interaction": "summary",
    "record-concern": "concernWords",
    "set-follow-up": "followUpReason",
    "resolve-concern": "dialogText",
    "complete-visit": "workDone",
    "what-matters": "whatMattersWords",
    "project": "projectName",
    "change-notice": "draftBody",
    "preferences": "officeName",
    "first-start": "officeName",
    "technicians": "staffPhone",
    "service-plans": "planService",
}


def _question(dialog):
    return dialog.findChild(QMessageBox, "discardTypedQuestion")


def _type(qtbot, field, text):
    field.setFocus()
    if isinstance(field, QLineEdit):
        field.end(False)
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize("name", sorted(TYPED))
def test_escape_after_typing_asks_and_keeps_the_text_unless_told_to_lose_it(demo_window, qtbot, name):
    dialog = screens.DIALOGS[name](demo_window)
    qtbot.waitExposed(dialog)
    field = dialog.findChild(QWidget, TYPED[name])
    assert field is not None, TYPED[name]
    _type(qtbot, field, " Gate code 4412")
    typed = field.text() if isinstance(field, QLineEdit) else field.toPlainText()

    qtbot.keyClick(field, Qt.Key.Key_Escape)
    question = _question(dialog)
    assert question is not None and question.isVisible()
    assert question.text() == "Close and lose what you typed?"
    qtbot.keyClick(question, Qt.Key.Key_Return)  # Enter keeps it, as Escape does
    qtbot.waitUntil(lambda: not question.isVisible())
    assert dialog.isVisible()
    assert (field.text() if isinstance(field, QLineEdit) else field.toPlainText()) == typed

    qtbot.keyClick(field, Qt.Key.Key_Escape)
    question = _question(dialog)
    with qtbot.waitSignal(dialog.finished) as finished:
        next(b for b in question.buttons() if b.text() == "&Lose it").click()
    assert finished.args[0] in (0, 1) and not dialog.isVisible()
    screens.close(dialog, demo_window)


@pytest.mark.parametrize("name", ["log-interaction", "preferences", "project", "what-matters"])
def test_escape_with_nothing_typed_closes_at_once(demo_window, qtbot, name):
    dialog = screens.DIALOGS[name](demo_window)
    qtbot.waitExposed(dialog)
    field = dialog.findChild(QWidget, TYPED[name])
    field.setFocus()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert _question(dialog) is None and not dialog.isVisible()
    screens.close(dialog, demo_window)


def test_typing_in_a_search_is_nothing_to_lose(demo_window, qtbot):
    dialog = screens.DIALOGS["record-concern"](demo_window)
    qtbot.waitExposed(dialog)
    search = dialog.findChild(QLineEdit, "customerPickerSearch")
    _type(qtbot, search, "x")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert _question(dialog) is None
    screens.close(dialog, demo_window)
