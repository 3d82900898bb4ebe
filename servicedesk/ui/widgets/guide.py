"""A note that tells a new office what to do first, where an empty pane would say nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class Guide(QLabel):
    def __init__(self, text: str, name: str, parent=None):
        super().__init__(text, parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setStyleSheet(f"QLabel#{name} {{ background: #e8f0fe; border: 1px solid #a8c7fa;"
                           " border-radius: 6px; padding: 8px; }")
        self.hide()
