"""Sending a written document: it counts as sent only once it goes out.

A letter, visit summary or notice written as a PDF is archived, not sent. This dialog asks how
it goes to the customer: printed (through the print preview; closing the preview without
printing sends nothing), handed over, posted or emailed, by the person at the desk. Only then
is it on the customer's history, counted as contact, and a "letter due" row cleared
(``contact.send_documents``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import contact, technicians
from servicedesk.ui import settings


def _office_first():
    return sorted(technicians.list_staff(), key=lambda s: (s.role == "technician", s.name))


def desk_staff_id() -> int | None:
    """The person at the desk: the one chosen last time, else the first of the office; nobody only
    when the office has no staff at all."""
    from servicedesk.ui.communication.dialogs import desk_default

    return desk_default(_office_first())


class SendDialog(QDialog):
    """Print the document, or say it was handed over, posted or emailed; or leave it unsent."""

    sent = Signal(str)  # how it went out

    def __init__(self, document_ids: list[int], path: Path, what: str, parent=None, draft_id: int | None = None):
        super().__init__(parent)
        self.setObjectName("sendDialog")
        self.setWindowTitle(self.tr("Send %s") % what)
        self.document_ids = list(document_ids)
        self.path = Path(path)
        self.draft_id = draft_id
        self.how: str | None = None
        intro = QLabel(self.tr("%s is written and archived, but not sent. It goes on the customer's history, "
                               "counts as contact and clears what was due only once it goes out. "
                               "How does it go?") % (what[:1].upper() + what[1:]), objectName="sendIntro")
        intro.setWordWrap(True)
        self.desk = QComboBox(objectName="sendBy")
        people = _office_first()
        if not people:  # an office without staff yet: nobody to name
            self.desk.addItem(self.tr("—"), None)
        for person in people:
            self.desk.addItem(person.name, person.id)
        self.desk.setCurrentIndex(max(0, self.desk.findData(desk_staff_id())))
        by = QHBoxLayout()
        by.addWidget(QLabel(self.tr("Sent by:")))
        by.addWidget(self.desk, 1)
        self.error = QLabel(objectName="sendError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a61b1b;")
        self.error.hide()
        buttons = QHBoxLayout()
        for text, name, slot in ((self.tr("&Print…"), "sendPrint", self.print_),
                                 (self.tr("&Handed over"), "sendHandedOver", lambda: self.mark("handed_over")),
                                 (self.tr("P&osted"), "sendPosted", lambda: self.mark("posted")),
                                 (self.tr("&Emailed"), "sendEmailed", lambda: self.mark("emailed"))):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        later = QPushButton(self.tr("&Not sent yet"), objectName="sendLater")
        later.setToolTip(self.tr("Keep it in the archive unsent; nothing is cleared"))
        later.clicked.connect(self.reject)
        buttons.addWidget(later)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(by)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(560, 160)

    def print_(self) -> None:
        """The print preview; only printing from it sends the document."""
        from servicedesk.ui import printing

        if printing.preview_and_print(self, self.path):
            self.mark("printed")

    def mark(self, how: str) -> None:
        staff_id = self.desk.currentData()
        try:
            if self.draft_id is not None and len(self.document_ids) == 1:
                contact.send_document(self.document_ids[0], how, staff_id, draft_id=self.draft_id)
            else:
                contact.send_documents(self.document_ids, how, staff_id)
        except ServiceError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        if staff_id is not None:
            settings.set_preference("lastStaff", staff_id)
        self.how = how
        self.sent.emit(how)
        self.accept()
