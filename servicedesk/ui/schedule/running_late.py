"""“Running late…” from the board: the customer hears it at once, by email or text, or is called."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout,
)

from servicedesk.core.errors import ServiceError
from servicedesk.core.services.mail import rules


class RunningLateDialog(QDialog):
    def __init__(self, visit_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("runningLateDialog")
        self.setWindowTitle(self.tr("Running late"))
        self.visit_id = visit_id
        self.minutes = QSpinBox(objectName="lateMinutes")
        self.minutes.setRange(5, 240)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(15)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.how = QLabel(objectName="lateHow", wordWrap=True)
        self.how.setTextFormat(Qt.TextFormat.PlainText)  # it names the customer as typed
        self.text = QPlainTextEdit(objectName="lateText", readOnly=True)
        self.problem = QLabel(objectName="lateProblem", wordWrap=True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox()  # its buttons made in the order they stand, which Tab follows
        self.send_button = self.buttons.addButton(self.tr("&Send now"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("lateSend")
        copy = QPushButton(self.tr("&Copy"), objectName="lateCopy")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        self.buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Late by about:"), self.minutes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.how)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.minutes.valueChanged.connect(self._preview)
        self._preview()
        self.resize(520, 360)

    def _preview(self) -> None:
        reach, text = rules.running_late_preview(self.visit_id, self.minutes.value())
        self.text.setPlainText(text)
        if reach.channel == "email":
            how = self.tr("Goes to %1 by email (%2), at once.").replace("%1", reach.name).replace("%2", reach.address)
        elif reach.channel == "text" and reach.address:
            how = self.tr("Goes to %1 as a text message, at once.").replace("%1", reach.name)
        elif reach.channel == "text":
            how = self.tr("%1 prefers texts: it waits in the Outbox to be copied to the office's phone.").replace(
                "%1", reach.name)
        else:
            how = self.tr("%1 prefers %2: call them%3. The words are here to read out.").replace(
                "%1", reach.name).replace("%2", self.tr(rules.CHANNEL_WORDS.get(reach.preferred, reach.preferred))
                                          ).replace("%3", f" on {reach.phone}" if reach.phone else "")
        self.how.setText(how)
        self.send_button.setEnabled(reach.channel is not None)

    def accept(self) -> None:
        try:
            rules.running_late(self.visit_id, self.minutes.value())
        except ServiceError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()
