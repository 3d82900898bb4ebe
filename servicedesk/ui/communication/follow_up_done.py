"""Closing a follow-up with what came of it; when the customer says it is still not right, their
words go on the clock as a new concern in the same save, never filed away with the follow-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel

from servicedesk.core.services import followups
from servicedesk.ui.communication.dialogs import ServiceDialog, _text, reached_box


class FollowUpDoneDialog(ServiceDialog):
    def __init__(self, follow_up: followups.FollowUpInfo, parent=None):
        super().__init__(self.tr("Follow-up with %s") % follow_up.customer, "completeFollowUpDialog", parent)
        self.follow_up_id = follow_up.id
        self.show_customer(follow_up.customer_id)
        note = QLabel(follow_up.reason, objectName="followUpReasonShown")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(note)
        self.reached = reached_box()  # no answer, a voicemail, a wrong number: an attempt, not contact
        self.form.addRow(self.tr("&Reached"), self.reached)
        self.text = _text("dialogText", 4)
        self.form.addRow(self.tr("What came of it"), self.text)
        self.not_fixed = QCheckBox(self.tr("It is not fixed: record what they say is still wrong as a new concern")
                                   if follow_up.concern_id else
                                   self.tr("Something is wrong: record it as a new concern"),
                                   objectName="followUpNotFixed")
        self.form.addRow(self.not_fixed)
        self.words = _text("followUpConcernWords", 3)
        self.words.setPlaceholderText(self.tr("Write it down in the customer's own words"))
        self.form.addRow(self.tr("Their &words"), self.words)
        self.form.setRowVisible(self.words, False)
        self.not_fixed.toggled.connect(self._not_fixed)
        self.reached.currentIndexChanged.connect(lambda _i: self._reached())
        self.text.setFocus()

    def _reached(self) -> None:
        """Nobody reached: nobody said what is still wrong, and what came of it is optional."""
        reached = not self.reached.currentData()
        if not reached:
            self.not_fixed.setChecked(False)
        self.form.setRowVisible(self.not_fixed, reached)
        self.text.setPlaceholderText("" if reached else self.tr("What you tried (optional), e.g. rang the mobile twice"))
        self.refit()

    def _not_fixed(self, on: bool) -> None:
        self.form.setRowVisible(self.words, on)
        if on:
            self.words.setFocus()

    def save(self):
        return followups.complete(self.follow_up_id, self.text.toPlainText(),
                                  self.words.toPlainText() if self.not_fixed.isChecked() else None,
                                  nobody_reached=self.reached.currentData())
