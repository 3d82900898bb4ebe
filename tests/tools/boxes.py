"""Answering the next message box as a person would: read it, then click one of its buttons."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

LOOKS = 300  # how often to look for the box before giving up on it (so it never answers a later test's box)


def answer_next(button: QMessageBox.StandardButton) -> list[tuple[str, str, object]]:
    """Once the next message box shows, note its (title, text, text format) and click ``button`` in it.
    Call before doing what shows the box; the list fills when the box is answered."""
    boxes = []

    def answer(looks: int = 0):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            if looks < LOOKS:  # not shown yet; a box that never comes is left for the test to find missing
                QTimer.singleShot(10, lambda: answer(looks + 1))
            return
        boxes.append((box.windowTitle(), box.text(), box.textFormat()))
        box.button(button).click()

    QTimer.singleShot(0, answer)
    return boxes
