"""Message boxes that quote a name, a step, a file or what was typed exactly as it is, never read as markup
(a customer called “A & B <Pools>” is shown so, not as “A & B ” with the rest gone)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def plain_box(icon: QMessageBox.Icon, title: str, text: str,
              buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok, parent=None,
              name: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        box.setObjectName(name)
    return box


def warn(parent, title: str, text: str, name: str = "warningMessage") -> None:
    plain_box(QMessageBox.Icon.Warning, title, text, parent=parent, name=name).exec()


def inform(parent, title: str, text: str, name: str = "informationMessage") -> None:
    plain_box(QMessageBox.Icon.Information, title, text, parent=parent, name=name).exec()


def ask(parent, title: str, text: str, name: str = "question") -> bool:
    """Yes or No; True for Yes."""
    box = plain_box(QMessageBox.Icon.Question, title, text,
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent, name)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_to_save(parent, title: str, text: str, name: str) -> QMessageBox.StandardButton:
    """Before what was typed would be lost: Save, Discard or Cancel (Cancel keeps it, and where it is)."""
    return plain_box(QMessageBox.Icon.Question, title, text,
                     QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                     | QMessageBox.StandardButton.Cancel, parent, name).exec()
