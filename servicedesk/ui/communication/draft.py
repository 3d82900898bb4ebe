"""A message ready to go: copy it, hand it to the default mail program, or print it.

A queued change notice can also be written as a letter (PDF) through ``documents``; it leaves the
queue and goes on the customer's history once it is printed, handed over, posted or emailed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
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
from servicedesk.core.services import communication, customers, templates
from servicedesk.ui.communication.dialogs import reach_text
from servicedesk.ui.widgets.banner import WhatMattersBanner
from servicedesk.ui.widgets.typed_dialog import TypedDialog


class DraftDialog(TypedDialog):
    """Edit a filled template (or a queued notice) and send it the way the office likes."""

    sent = Signal()

    def __init__(self, to: str, subject: str, body: str, draft_id: int | None = None, title: str = "", parent=None,
                 customer_id: int | None = None, visit_id: int | None = None):
        super().__init__(parent)
        self.setObjectName("draftDialog")
        self.setWindowTitle(title or self.tr("Message"))
        self.draft_id = draft_id
        self.customer_id = customer_id
        self.visit_id = visit_id  # a change notice's visit: the notice can be printed as a letter
        self.banner = WhatMattersBanner(self, "dialogWhatMatters")
        self.banner.set_customer(customer_id)
        self.reach = QLabel(objectName="dialogReach")  # how the customer likes to hear from the office
        self.reach.setWordWrap(True)
        self.reach.setVisible(customer_id is not None)
        if customer_id is not None:
            person = customers.get(customer_id)
            phone = f"☎ {person.phone}" if person.phone else self.tr("no phone number on file")
            self.reach.setText(f"{phone} · {reach_text(person.preferred_channel, person.best_time)}")
        self.to = QLineEdit(to, objectName="draftTo")
        self.subject = QLineEdit(subject, objectName="draftSubject")
        self.body = QPlainTextEdit(body, objectName="draftBody")
        self.body.setTabChangesFocus(True)
        self.note = QLabel(objectName="draftNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #a61b1b;")
        form = QFormLayout()
        form.addRow(self.tr("&To"), self.to)
        form.addRow(self.tr("S&ubject"), self.subject)
        form.addRow(self.tr("&Message"), self.body)
        buttons = QHBoxLayout()
        self.copy_button = self._button(buttons, self.tr("&Copy"), "copyDraft", self.copy)
        self.mail_button = self._button(buttons, self.tr("&Email…"), "mailDraft", self.mail)
        self.mail_button.setToolTip(self.tr("Open it in your own mail program"))
        if customer_id is not None:
            self.outbox_button = self._button(buttons, self.tr("Send &by email"), "emailDraft", self.send_by_email)
            self.outbox_button.setToolTip(self.tr("Send it from the office's mail account (Outbox); it counts as "
                                                  "contact once the server accepts it"))
        self.print_button = self._button(buttons, self.tr("&Print…"), "printDraft", self.print_)
        self.notice_button = None
        if draft_id is not None and visit_id is not None:
            self.notice_button = self._button(buttons, self.tr("Print &notice (PDF)…"), "printNotice",
                                              self.print_notice)
            self.notice_button.setToolTip(self.tr("Write it as a letter on the office's paper; once printed, "
                                                  "handed over or posted it leaves the queue"))
        buttons.addStretch(1)
        if draft_id is not None:
            phoned = self._button(buttons, self.tr("Told by p&hone"), "markPhoned", lambda: self.mark_sent("phone"))
            phoned.setToolTip(self.tr("You read it to them on the phone: it leaves the queue as a call"))
            self._button(buttons, self.tr("Mark as &sent"), "markSent", self.mark_sent)
            self._button(buttons, self.tr("&Discard"), "discardDraft", self.discard)
        self._button(buttons, self.tr("Close"), "closeDraft", self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.reach)
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

    def print_notice(self):
        """Write the notice as edited on the office's paper, then ask how it goes out.

        It leaves the queue (and counts as contact) only once printed, handed over, posted or
        emailed; left unsent, it stays in the queue.
        """
        from servicedesk.core.services import documents  # PDF making loads when first needed
        from servicedesk.ui.sending import SendDialog

        try:
            generated = documents.generate_change_notice(self.visit_id, self.subject.text(),
                                                         self.body.toPlainText(), draft_id=self.draft_id)
        except ServiceError as exc:
            self.note.setText(str(exc))
            self.note.show()
            return None
        self.send_dialog = SendDialog([generated.id], generated.path, self.tr("the change notice"), self,
                                      draft_id=self.draft_id)
        self.send_dialog.sent.connect(lambda _how: self._finish(lambda: None))
        self.send_dialog.rejected.connect(lambda: (self.note.setText(
            self.tr("The notice is written but not sent: it stays in the queue.")), self.note.show()))
        self.send_dialog.open()
        return self.send_dialog

    def send_by_email(self) -> None:
        from servicedesk.core.services.mail import rules

        self._finish(lambda: rules.template_message(self.customer_id, self.to.text(), self.subject.text(),
                                                    self.body.toPlainText(), self.draft_id))

    def mark_sent(self, channel: str = "") -> None:
        """It went out: by ``channel``, else by email when it has an address, by letter when not."""
        from servicedesk.ui.sending import desk_staff_id

        channel = channel or ("email" if self.to.text().strip() else "letter")
        self._finish(lambda: communication.mark_sent(self.draft_id, channel, staff_id=desk_staff_id(),
                                                     subject=self.subject.text(), body=self.body.toPlainText()))

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
