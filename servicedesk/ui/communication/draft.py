"""A message ready to go: copy it, hand it to the default mail program, or print it."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import communication, templates


class DraftDialog(QDialog):
    """Edit a filled template (or a queued notice) and send it the way the office likes."""

    sent = Signal()

    def __init__(self, to: str, subject: str, body: str, draft_id: int | None = None, title: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("draftDialog")
        self.setWindowTitle(title or self.tr("Message"))
        self.draft_id = draft_id
        self.to = QLineEdit(to, objectName="draftTo")
        self.subject = QLineEdit(subject, objectName="draftSubject")
        self.body = QPlainTextEdit(body, objectName="draftBody")
        self.body.setTabChangesFocus(True)
        self.note = QLabel(objectName="draftNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #a61b1b;")
        form = QFormLayout()
        form.addRow(self.tr("&To"), self.to)
        form.addRow(self.tr("S&ubject"), self.subject)
        form.addRow(self.tr("&Message"), self.body)
        buttons = QHBoxLayout()
        self.copy_button = self._button(buttons, self.tr("&Copy"), "copyDraft", self.copy)
        self.mail_button = self._button(buttons, self.tr("&Email…"), "mailDraft", self.mail)
        self.print_button = self._button(buttons, self.tr("&Print…"), "printDraft", self.print_)
        buttons.addStretch(1)
        if draft_id is not None:
            self._button(buttons, self.tr("Mark as &sent"), "markSent", self.mark_sent)
            self._button(buttons, self.tr("&Discard"), "discardDraft", self.discard)
        self._button(buttons, self.tr("Close"), "closeDraft", self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.body.textChanged.connect(self._check_gaps)
        self._check_gaps()
        self.resize(620, 480)

    def _button(self, row, text, name, slot) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _check_gaps(self) -> None:
        gaps = templates.unfilled(self.subject.text() + "\n" + self.body.toPlainText())
        self.note.setText(self.tr("Fill in before sending: %s") % ", ".join("{" + g + "}" for g in gaps)
                          if gaps else "")
        self.note.setVisible(bool(gaps))

    def text(self) -> str:
        subject = self.subject.text().strip()
        return (f"{subject}\n\n" if subject else "") + self.body.toPlainText()

    def url(self) -> str:
        return communication.mailto_url(self.to.text(), self.subject.text(), self.body.toPlainText())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def mail(self) -> None:
        QDesktopServices.openUrl(QUrl.fromEncoded(self.url().encode("ascii")))

    def print_(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setPlainText(self.text())
        document.print_(printer)

    def mark_sent(self) -> None:
        channel = "email" if self.to.text().strip() else "letter"
        self._finish(lambda: communication.mark_sent(self.draft_id, channel, subject=self.subject.text(),
                                                     body=self.body.toPlainText()))

    def discard(self) -> None:
        self._finish(lambda: communication.discard(self.draft_id))

    def _finish(self, action) -> None:
        """Run the service call; on success the message leaves the queue and the dialog closes."""
        try:
            action()
        except ServiceError as exc:
            self.note.setText(str(exc))
            self.note.show()
            return
        self.sent.emit()
        self.accept()
