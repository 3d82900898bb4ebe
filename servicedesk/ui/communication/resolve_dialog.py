"""Resolving a concern: what was done, in a sentence; a resolution saved meanwhile on another PC is
shown with who and when, and nothing typed here is lost whichever way is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from servicedesk.core.errors import ConflictError
from servicedesk.core.services import concerns
from servicedesk.ui.communication.dialogs import ServiceDialog, _text
from servicedesk.ui.widgets.conflict import ConflictPanel


class ResolveDialog(ServiceDialog):
    def __init__(self, concern: concerns.ConcernInfo, parent=None, staff_id: int | None = None):
        super().__init__(self.tr("Resolve %s's concern") % concern.customer, "resolveConcernDialog", parent)
        self.show_customer(concern.customer_id)
        note = QLabel(f"“{concern.words}”")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(note)
        self.text = _text("dialogText", 4)
        self.form.addRow(self.tr("What was done"), self.text)
        self.conflict = ConflictPanel(self)
        self.layout().insertWidget(self.layout().indexOf(self.error), self.conflict)
        self.conflict.reloadRequested.connect(self.reload)
        self.conflict.keepRequested.connect(self.keep_mine)
        self.concern_id, self.version = concern.id, concern.version  # the version this dialog was opened on
        self.staff_id = staff_id  # who is at the desk: the acknowledger too, when nobody had acknowledged it
        self.over_theirs = False  # True once theirs was shown here: a save then goes over it knowingly
        self.mine = ""
        self.text.setFocus()

    def save(self):
        return concerns.resolve(self.concern_id, self.text.toPlainText(), self.staff_id, expected_version=self.version,
                                over_theirs=self.over_theirs)

    def conflicted(self, exc: ConflictError) -> None:
        self.error.hide()
        self.mine = self.text.toPlainText()  # what this save tried to write: kept whatever is chosen
        self.conflict.show_conflict(exc)

    def reload(self) -> None:
        """Their resolution in the form (a save now amends it); what was typed here kept below to copy."""
        info = concerns.get(self.concern_id)
        self.text.setPlainText(info.resolution)
        self.version, self.over_theirs = info.version, True
        self.conflict.show_reloaded(self.mine)

    def keep_mine(self) -> None:
        """Save what was typed here over theirs, knowingly; a newer change meanwhile is shown again."""
        self.version, self.over_theirs = self.conflict.error.version, True
        self.text.setPlainText(self.mine)
        self.accept()
