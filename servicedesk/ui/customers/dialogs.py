"""Small dialogs of the Customers pane: recording what matters to a customer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from servicedesk.core.store.models import WHAT_MATTERS_KINDS
from servicedesk.ui.widgets.banner import KIND_ICONS, KIND_LABELS
from servicedesk.ui.widgets.typed_dialog import TypedDialog

KIND_HINTS = {
    "same_technician": "Who should come every time?",
    "call_before": "How long before, and on which number?",
    "time_window": "Which days or hours suit them?",
    "quiet": "What should the technician keep in mind?",
    "price_sensitive": "What did they say about price?",
    "speed_over_schedule": "What are they in a hurry for?",
    "other": "What did they say?",
}


class WhatMattersDialog(TypedDialog):
    """Kind, technician (for 'same technician') and the customer's own words; checked before it closes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("whatMattersDialog")
        self.setWindowTitle(self.tr("What matters to this customer"))
        self.kind = QComboBox(objectName="whatMattersKind")
        for kind in WHAT_MATTERS_KINDS:
            self.kind.addItem(f"{KIND_ICONS[kind]}  {self.tr(KIND_LABELS[kind])}", kind)
        self.technician = QComboBox(objectName="whatMattersTechnician")
        self.technician.addItem(self.tr("— choose —"), None)
        from servicedesk.core.services import technicians

        for tech in technicians.technicians():
            self.technician.addItem(tech.name, tech.id)
        self.words = QPlainTextEdit(objectName="whatMattersWords")
        self.words.setFixedHeight(70)
        self.words.setTabChangesFocus(True)
        self.error = QLabel(objectName="whatMattersError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("What matters"), self.kind)
        form.addRow(self.tr("Technician"), self.technician)
        form.addRow(self.tr("In their own words"), self.words)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.setMinimumWidth(440)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.technician.setEnabled(kind == "same_technician")
        self.words.setPlaceholderText(self.tr(KIND_HINTS.get(kind, "")))

    def item(self) -> dict:
        kind = self.kind.currentData()
        return {"kind": kind, "words": self.words.toPlainText().strip(),
                "technician_id": self.technician.currentData() if kind == "same_technician" else None,
                "technician": self.technician.currentText() if kind == "same_technician" else ""}

    def accept(self) -> None:
        item = self.item()
        if item["kind"] == "same_technician" and not item["technician_id"]:
            message = self.tr("Technician: choose the technician this customer wants every time.")
        elif item["kind"] == "other" and not item["words"]:
            message = self.tr("In their own words: write down what the customer said.")
        else:
            super().accept()
            return
        self.error.setText(message)
        self.error.show()
