"""A dialog that never throws away what was typed in it on Escape without asking first.

What the text fields held when the dialog was first shown is remembered; Escape with nothing
changed closes it as any dialog does, Escape after typing asks "Close and lose what you typed?"
(Enter or Escape there keeps the dialog open). Cancel, a deliberate click, closes it at once.
A search field (``not_typing``) holds no work of its own and is left out.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDialog, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit

NOT_TYPING = "notTyping"


def tr(text: str) -> str:
    return QCoreApplication.translate("TypedDialog", text)  # one context for every dialog built on it


def not_typing(widget) -> None:
    """A field whose text is no work of the person's (a search): Escape never asks about it."""
    widget.setProperty(NOT_TYPING, True)


def _text(widget) -> str | None:
    if widget.property(NOT_TYPING):
        return None
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly() or isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            return None
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
        return widget.toPlainText()
    return None


class TypedDialog(QDialog):
    """A QDialog whose Escape asks before losing typed text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._as_shown: dict[int, str] | None = None
        self.discard_question: QMessageBox | None = None

    def _texts(self) -> dict[int, str]:
        found = {}
        for widget in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit) + \
                self.findChildren(QTextEdit):
            text = _text(widget)
            if text is not None:
                found[id(widget)] = text
        return found

    def keep_as_typed(self) -> None:
        """What the fields hold now is nothing to lose (just saved, or just loaded from a record)."""
        self._as_shown = self._texts()

    def typed_something(self) -> bool:
        before = self._as_shown or {}
        return any(text.strip() != before.get(key, "").strip() for key, text in self._texts().items())

    def showEvent(self, event) -> None:
        if self._as_shown is None:  # what it was opened with, filled in by the office or the program
            self.keep_as_typed()
        super().showEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                and self.typed_something():
            event.accept()
            self.ask_before_discarding()
            return
        super().keyPressEvent(event)

    def ask_before_discarding(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                          tr("Close and lose what you typed?"), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("discardTypedQuestion")
        discard = box.addButton(tr("&Lose it"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(tr("&Keep typing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter, like Escape, keeps what was typed
        box.setEscapeButton(keep)
        box.finished.connect(lambda _code: self.reject() if box.clickedButton() is discard else None)
        box.finished.connect(box.deleteLater)
        self.discard_question = box
        box.open()
        return box
