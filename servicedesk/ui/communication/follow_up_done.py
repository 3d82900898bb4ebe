"""Closing a follow-up with what came of it; when the customer says it is still not right, their
words go on the clock as a new concern in the same save, never filed away with the follow-up.

When nobody was reached the promise is not kept: the office calls again (the next business day unless
another day is chosen), or stops trying on purpose, saying why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from servicedesk.core import formatting
from servicedesk.core.services import followups
from servicedesk.core.store.models import MOODS
from servicedesk.ui.communication.dialogs import (
    MOOD_LABELS,
    ClosedDayNote,
    ServiceDialog,
    _combo,
    _text,
    date_edit,
    py_date,
    reached_box,
)


class FollowUpDoneDialog(ServiceDialog):
    def __init__(self, follow_up: followups.FollowUpInfo, parent=None, staff_id: int | None = None):
        super().__init__(self.tr("Follow-up with %s") % follow_up.customer, "completeFollowUpDialog", parent)
        self.follow_up_id = follow_up.id
        self.customer = follow_up.customer
        self.staff_id = staff_id  # the person at the desk made the call
        self.show_customer(follow_up.customer_id)
        note = QLabel(follow_up.reason, objectName="followUpReasonShown")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(note)
        tried = followups.attempts_before([(follow_up.id, follow_up.promise_id)]).get(follow_up.id)
        if tried is not None:  # whoever calls knows they may get the voicemail again
            before = QLabel(self.tr("Tried before: %s") % tried.words(), objectName="followUpAttemptsShown")
            before.setWordWrap(True)
            before.setStyleSheet("color: #8a5300;")
            self.form.addRow(before)
        self.reached = reached_box()  # no answer, a voicemail, a wrong number: an attempt, not contact
        self.form.addRow(self.tr("&Reached"), self.reached)
        self.text = _text("dialogText", 4)
        self.form.addRow(self.tr("What came of it"), self.text)
        self.mood = _combo("followUpMood", [(m, self.tr(MOOD_LABELS[m])) for m in MOODS])  # as when a call is logged
        self.form.addRow(self.tr("&Mood"), self.mood)
        self.not_fixed = QCheckBox(self.tr("It is not fixed: record what they say is still wrong as a new concern")
                                   if follow_up.concern_id else
                                   self.tr("Something is wrong: record it as a new concern"),
                                   objectName="followUpNotFixed")
        self.form.addRow(self.not_fixed)
        self.words = _text("followUpConcernWords", 3)
        self.words.setPlaceholderText(self.tr("Write it down in the customer's own words"))
        self.form.addRow(self.tr("Their &words"), self.words)
        self.form.setRowVisible(self.words, False)
        self.next = self._next_call()
        self.form.addRow(self.tr("Next"), self.next)
        self.form.setRowVisible(self.next, False)
        self.not_fixed.toggled.connect(self._not_fixed)
        self.reached.currentIndexChanged.connect(lambda _i: self._reached())
        self.text.setFocus()

    def _next_call(self) -> QWidget:
        """Nobody reached: call again on a day (the next business day), or stop trying and say why."""
        self.call_again = QRadioButton(self.tr("Call &again on"), objectName="followUpCallAgain")
        self.again_on = date_edit(followups.next_try_on(), "followUpAgainOn")
        self.again_note = ClosedDayNote(self.again_on, self, "followUpAgainClosedNote")
        self.again_note.shownChanged.connect(self.refit)
        self.stop = QRadioButton(self.tr("&Stop trying, because"), objectName="followUpStopTrying")
        self.stop_reason = QLineEdit(objectName="followUpStopReason")
        self.stop_reason.setPlaceholderText(self.tr("e.g. disconnected, and no other number on file"))
        choice = QButtonGroup(self)
        choice.addButton(self.call_again)
        choice.addButton(self.stop)
        self.call_again.setChecked(True)
        self.again_on.dateChanged.connect(lambda _d: self.call_again.setChecked(True))
        self.stop_reason.textEdited.connect(lambda _t: self.stop.setChecked(True))
        self.stop.toggled.connect(lambda on: on and self.stop_reason.setFocus())
        box = QWidget(objectName="followUpNext")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.call_again, 0, 0)
        grid.addWidget(self.again_on, 0, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.again_note, 1, 1)  # a closed day: which day it will be due instead
        grid.addWidget(self.stop, 2, 0)
        grid.addWidget(self.stop_reason, 2, 1)
        grid.setColumnStretch(1, 1)
        return box

    def _reached(self) -> None:
        """Nobody reached: nobody said what is still wrong, what came of it is optional, and the call is owed again."""
        reached = not self.reached.currentData()
        if not reached:
            self.not_fixed.setChecked(False)
            self.mood.setCurrentIndex(0)
        self.form.setRowVisible(self.not_fixed, reached)
        self.form.setRowVisible(self.mood, reached)  # nobody reached, nobody to hear
        self.form.setRowVisible(self.next, not reached)
        self.text.setPlaceholderText("" if reached else self.tr("What you tried (optional), e.g. rang the mobile twice"))
        self.refit()

    def _not_fixed(self, on: bool) -> None:
        self.form.setRowVisible(self.words, on)
        self.refit()  # room for their words, the customer's banner still in view
        if on:
            self.words.setFocus()

    def done_message(self) -> str:
        """What the status bar says once it is saved: a new concern, the next call, or that the office stopped."""
        if self.result_value:
            return self.tr("A new concern is on the clock for %s.") % self.customer
        if not self.reached.currentData():
            return ""
        if self.stop.isChecked():
            return self.tr("Stopped trying to reach %s; the history keeps why.") % self.customer
        return self.tr("Nobody reached: %1 is called again on %2.").replace("%1", self.customer).replace(
            "%2", formatting.format_weekday(py_date(self.again_on.date())))

    def save(self):
        nobody = self.reached.currentData()
        stopping = bool(nobody) and self.stop.isChecked()
        return followups.complete(self.follow_up_id, self.text.toPlainText(),
                                  self.words.toPlainText() if self.not_fixed.isChecked() else None,
                                  nobody_reached=nobody,
                                  again_on=py_date(self.again_on.date()) if nobody and not stopping else None,
                                  stop_trying=self.stop_reason.text() if stopping else None,
                                  mood="" if nobody else self.mood.currentData(), staff_id=self.staff_id)
