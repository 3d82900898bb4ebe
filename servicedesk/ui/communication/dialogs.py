"""Keyboard-first dialogs: log an interaction, record a concern, set a follow-up, answer a record.

Each dialog gathers plain values and hands them to one service call. A ``ServiceError`` is
shown inside the dialog, which stays open with everything typed, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core import clock
from servicedesk.core.errors import ConflictError, ServiceError
from servicedesk.core import formatting
from servicedesk.core.services import business_days, concerns, customers, followups, interactions, technicians
from servicedesk.core.store.models import CHANNELS, CONCERN_CATEGORIES, MOODS, SEVERITIES
from servicedesk.ui import settings
from servicedesk.ui.widgets import dates, sizing
from servicedesk.ui.widgets.banner import WhatMattersBanner
from servicedesk.ui.widgets.typed_dialog import TypedDialog, not_typing

CHANNEL_LABELS = {"phone": "Phone", "email": "Email", "letter": "Letter", "visit": "At a visit",
                  "in_person": "In person", "text": "Text message"}
MOOD_LABELS = {"": "Nothing notable", "happy": "Happy", "neutral": "Neutral", "worried": "Worried",
               "upset": "Upset", "angry": "Angry"}
SEVERITY_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}
PICK_LIMIT = 15


DESK_ORDER = ("office", "owner", "project_lead")  # who answers the phone, most likely first


def desk_default(staff) -> int | None:
    """Who is at the desk: the person chosen last time, else the first of the office (never nobody)."""
    ids = [s.id for s in staff]
    last = settings.preference("lastStaff")
    if last and str(last).isdigit() and int(last) in ids:
        return int(last)
    at_desk = sorted(staff, key=lambda s: (DESK_ORDER.index(s.role) if s.role in DESK_ORDER else len(DESK_ORDER),
                                            s.name))
    return at_desk[0].id if at_desk else None


def reach_text(channel: str, best_time: str) -> str:
    """How the customer likes to be reached, in words: "Prefers a text message · best time: before 10 am"."""
    translate = QCoreApplication.translate
    way = translate("Communication", CHANNEL_LABELS.get(channel, channel or "phone"))
    text = translate("Communication", "Prefers: %1").replace("%1", way)
    if best_time.strip():
        text += " · " + translate("Communication", "best time: %1").replace("%1", best_time.strip())
    return text


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: dt.date, name: str = "followUpDate") -> QDateEdit:
    edit = QDateEdit(_qdate(day), objectName=name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(dates.date_format())
    return edit


def py_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def closed_day_note(day: dt.date) -> str:
    """On a day the office is closed, that it is, and the day a follow-up set for it will be due ("" when open)."""
    closed = business_days.closed_on(day)
    if closed is None:
        return ""
    holiday, opens = closed
    translate = QCoreApplication.translate
    year = day.year != clock.today().year or opens.year != day.year
    text = (translate("Communication", "The office is closed on %1 (%2): the follow-up will be due on %3.")
            .replace("%2", holiday) if holiday else
            translate("Communication", "The office is closed on %1: the follow-up will be due on %3."))
    return text.replace("%1", formatting.format_weekday(day, year)).replace("%3", formatting.format_weekday(opens, year))


class ClosedDayNote(QLabel):
    """Beside a follow-up's date: on a day the office is closed, says so and which day it will be due instead.
    The day is kept as chosen (the office may well call on a Saturday); lateness counts from the day it opens."""

    shownChanged = Signal()  # the note appeared or went: the dialog makes room for it

    def __init__(self, edit: QDateEdit, parent: QWidget, name: str = "followUpClosedNote"):
        super().__init__(parent, objectName=name)
        self.edit = edit
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color: #8a5300;")
        self.hide()
        edit.dateChanged.connect(lambda _d: self.refresh())
        self.refresh()

    def refresh(self, shown: bool = True) -> None:
        text = closed_day_note(py_date(self.edit.date())) if shown else ""
        if text != self.text():
            self.setText(text)
            self.setVisible(bool(text))
            self.shownChanged.emit()


def reached_words() -> dict[str, str]:
    """Whether a call reached the customer, in words; anything but the first is only an attempt, never contact."""
    translate = QCoreApplication.translate
    return {"": translate("Communication", "Yes, we reached them"),
            "no_answer": translate("Communication", "No answer"),
            "voicemail": translate("Communication", "Left a voicemail"),
            "wrong_number": translate("Communication", "Wrong number")}


def reached_box() -> QComboBox:
    return _combo("reached", list(reached_words().items()))


def _combo(name: str, items) -> QComboBox:
    box = QComboBox(objectName=name)
    for value, label in items:
        box.addItem(label, value)
    return box


def _category_box() -> QComboBox:
    """What a concern is about, starting on "Something else": no concern is filed under the timeline unasked."""
    translate = QCoreApplication.translate
    box = _combo("concernCategory", [(c, translate("Communication", concerns.CATEGORY_WORDS[c]).capitalize())
                                     for c in CONCERN_CATEGORIES])
    box.setCurrentIndex(box.findData("other"))
    return box


def _text(name: str, lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit(objectName=name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class CustomerPicker(QWidget):
    """Type a few letters of a name, phone or street; the best matches are offered below."""

    customerChanged = Signal(int)

    def __init__(self, customer_id: int | None = None, parent=None):
        super().__init__(parent)
        self.line = QLineEdit(objectName="customerPickerSearch")
        self.line.setPlaceholderText(self.tr("Type a name, phone number or street…"))
        not_typing(self.line)  # a search: Escape never asks about it
        self.choice = QComboBox(objectName="customerPickerChoice")
        self.choice.setMinimumContentsLength(28)
        self.choice.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Up/Down in the search line walk it; Tab moves on
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.line)
        box.addWidget(self.choice)
        self.line.textEdited.connect(self.search)
        self.choice.currentIndexChanged.connect(lambda _i: self.customerChanged.emit(self.customer_id() or 0))
        self.setFocusProxy(self.line)
        self.line.installEventFilter(self)
        if customer_id:
            self.set_customer(customer_id)

    def eventFilter(self, watched, event) -> bool:
        """Up and Down in the search line walk through the matches."""
        if watched is self.line and event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Up,
                                                                                              Qt.Key.Key_Down):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.choice.setCurrentIndex(max(0, min(self.choice.count() - 1, self.choice.currentIndex() + step)))
            return True
        return super().eventFilter(watched, event)

    def search(self, text: str) -> None:
        ids = customers.search_ids(text)[:PICK_LIMIT] if text.strip() else []
        self.choice.blockSignals(True)
        self.choice.clear()
        for row in customers.rows(ids):
            self.choice.addItem(f"{row.name} — {row.company}" if row.company else row.name, row.id)
        if text.strip() and not ids:
            self.choice.addItem(self.tr("Nobody matches “%s”") % text, None)
        self.choice.blockSignals(False)
        self.customerChanged.emit(self.customer_id() or 0)

    def set_customer(self, customer_id: int) -> None:
        name = customers.name_of(customer_id)
        self.line.setText(name)
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(name, customer_id)
        self.choice.blockSignals(False)
        self.customerChanged.emit(customer_id)

    def customer_id(self) -> int | None:
        return self.choice.currentData()


class ServiceDialog(TypedDialog):
    """A form whose Save runs one service call; Ctrl+Return saves from anywhere.

    On top, the what-matters banner of the customer the dialog is about (``show_customer``).
    """

    def __init__(self, title: str, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.banner = WhatMattersBanner(self, "dialogWhatMatters")
        self.reach = QLabel(objectName="dialogReach")  # the number to ring and how they like to be reached
        self.reach.setWordWrap(True)
        self.reach.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reach.hide()
        self.form = QFormLayout()
        self.error = QLabel(objectName="dialogError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a61b1b; font-weight: 600;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save  (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.reach)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        self.result_value = None
        self._sized = False
        self.preferred_channel: str | None = None

    WIDTH = 560  # wide enough for the banner and the customer's words to read as sentences

    def show_customer(self, customer_id: int | None) -> None:
        self.banner.set_customer(customer_id or None, goals=True)  # a concern is often about what was agreed
        self.preferred_channel = None
        try:
            p = customers.get(customer_id) if customer_id else None
        except ServiceError:
            p = None
        if p is not None:
            self.preferred_channel = p.preferred_channel
            phone = f"☎ {p.phone}" if p.phone else self.tr("no phone number on file")
            self.reach.setText(f"{phone} · {reach_text(p.preferred_channel, p.best_time)}")
        self.reach.setVisible(p is not None)
        self.refit()  # another customer chosen in an open dialog: make room for their banner

    def refit(self) -> None:
        """Something shown in the open dialog grew or went: it fits its content again (not before it is sized)."""
        if self._sized:
            sizing.fit(self, self.width())

    def showEvent(self, event) -> None:
        if not self._sized:  # sized once every row is in place, never before
            self._sized = True
            sizing.fit(self, self.WIDTH)
        super().showEvent(event)

    def follow_picker(self, picker: "CustomerPicker") -> None:
        """Keep the banner on whichever customer the picker holds."""
        picker.customerChanged.connect(self.show_customer)
        self.show_customer(picker.customer_id())

    def save(self):
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self.save()
        except ConflictError as exc:
            self.conflicted(exc)
            return
        except ServiceError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.refit()  # the message takes room of its own, not the form's
            return
        super().accept()

    def conflicted(self, exc: ConflictError) -> None:
        """Another PC changed the record since this dialog opened (dialogs that can offer a choice say more)."""
        self.error.setText(str(exc))
        self.error.show()


class LogInteractionDialog(ServiceDialog):
    NEW_CONCERN = -1

    def __init__(self, customer_id: int | None = None, concern_id: int | None = None, direction: str = "in",
                 parent=None):
        super().__init__(self.tr("Log an interaction"), "logInteractionDialog", parent)
        self.picker = CustomerPicker(parent=self)
        self.channel = _combo("channel", [(c, self.tr(CHANNEL_LABELS[c])) for c in CHANNELS])
        self.direction = _combo("direction", [("in", self.tr("They contacted us")),
                                              ("out", self.tr("We contacted them"))])
        self.direction.setCurrentIndex(1 if direction == "out" else 0)
        self.reached = reached_box()
        people = sorted(technicians.list_staff(), key=lambda s: (s.role == "technician", s.name))
        self.staff = _combo("staff", [(None, self.tr("—"))] + [(s.id, s.name) for s in people])
        chosen = desk_default(people)
        if chosen is not None:
            self.staff.setCurrentIndex(self.staff.findData(chosen))
        self.summary = _text("summary")
        self.summary.setPlaceholderText(self.tr("What was said, in a sentence or two"))
        self.mood = _combo("mood", [(m, self.tr(MOOD_LABELS[m])) for m in MOODS])
        self.concern = QComboBox(objectName="concernLink")
        self.acknowledges = QCheckBox(self.tr("This acknowledges the concern (we told them we are on it)"),
                                      objectName="acknowledges")
        self.closes = QCheckBox(objectName="closesFollowUp")  # the call back owed on the same concern
        self.closes_ids: list[int] = []
        self.concern_words = _text("concernWords", 2)
        self.concern_words.setPlaceholderText(self.tr("The concern in the customer's own words"))
        self.category = _category_box()
        self.severity = _combo("concernSeverity", [(s, self.tr(SEVERITY_LABELS[s])) for s in SEVERITIES])
        self.severity.setCurrentIndex(1)
        self.follow_up = QCheckBox(self.tr("Call again on"), objectName="followUpSet")
        self.follow_up_on = date_edit(concerns.add_business_days(clock.today(), 2))
        self.follow_up_reason = QLineEdit(objectName="followUpReason")
        self.follow_up_reason.setPlaceholderText(self.tr("About what (optional)"))
        self.follow_up_note = ClosedDayNote(self.follow_up_on, self)
        line = QHBoxLayout()
        line.addWidget(self.follow_up)
        line.addWidget(self.follow_up_on)
        line.addWidget(self.follow_up_reason, 1)
        follow = QVBoxLayout()
        follow.addLayout(line)
        follow.addWidget(self.follow_up_note)
        self.follow_up_note.shownChanged.connect(self.refit)

        f = self.form
        f.addRow(self.tr("&Customer"), self.picker)
        f.addRow(self.tr("C&hannel"), self.channel)
        f.addRow(self.tr("&Direction"), self.direction)
        f.addRow(self.tr("&Reached"), self.reached)
        f.addRow(self.tr("&Who"), self.staff)
        f.addRow(self.tr("&Summary"), self.summary)
        f.addRow(self.tr("&Mood"), self.mood)
        f.addRow(self.tr("C&oncern"), self.concern)
        f.addRow("", self.acknowledges)
        f.addRow("", self.closes)
        f.addRow(self.tr("Their &words"), self.concern_words)
        f.addRow(self.tr("About"), self.category)
        f.addRow(self.tr("Severity"), self.severity)
        f.addRow(self.tr("Follow-up"), follow)
        self.follow_up_on.dateChanged.connect(lambda _d: self.follow_up.setChecked(True))
        self.follow_up_reason.textEdited.connect(lambda _t: self.follow_up.setChecked(True))
        self.follow_up.toggled.connect(self.follow_up_note.refresh)
        self.follow_up_note.refresh(self.follow_up.isChecked())
        self.reached.currentIndexChanged.connect(lambda _i: self._concern_mode())
        self.picker.customerChanged.connect(lambda _id: self._load_concerns())
        self.follow_picker(self.picker)
        self.picker.customerChanged.connect(lambda _id: self._prefer_channel())
        self.concern.currentIndexChanged.connect(lambda _i: self._concern_mode())
        self.direction.currentIndexChanged.connect(lambda _i: self._concern_mode())
        if customer_id:
            self.picker.set_customer(customer_id)
        self._prefer_channel()
        self._load_concerns(concern_id)
        (self.channel if customer_id else self.picker).setFocus()

    def _prefer_channel(self) -> None:
        """The way the customer likes to be reached comes first (a text before 10 am, say)."""
        if self.preferred_channel and self.channel.findData(self.preferred_channel) >= 0:
            self.channel.setCurrentIndex(self.channel.findData(self.preferred_channel))

    def _load_concerns(self, select: int | None = None) -> None:
        self.concern.blockSignals(True)
        self.concern.clear()
        self.concern.addItem(self.tr("No concern"), None)
        self.concern.addItem(self.tr("Open a new concern…"), self.NEW_CONCERN)
        customer_id = self.picker.customer_id()
        if customer_id:
            for c in concerns.list_concerns(open_only=True, customer_id=customer_id):
                state = self.tr("waiting") if c.acknowledged_at is None else self.tr("acknowledged")
                self.concern.addItem(f"{c.about.capitalize()} ({state}): {c.words[:60]}", c.id)
        if select is not None and self.concern.findData(select) >= 0:
            self.concern.setCurrentIndex(self.concern.findData(select))
        self.concern.blockSignals(False)
        self._concern_mode()

    def _concern_mode(self) -> None:
        linked = self.concern.currentData()
        new = linked == self.NEW_CONCERN
        for widget in (self.concern_words, self.category, self.severity):
            widget.setEnabled(new)
            self.form.setRowVisible(widget, new)
        waiting = False
        if linked not in (None, self.NEW_CONCERN):
            waiting = concerns.get(linked).acknowledged_at is None
        reached = not self.reached.currentData()  # nobody reached: nobody heard we are on it, nothing is answered
        self.summary.setPlaceholderText(self.tr("What was said, in a sentence or two") if reached else
                                        self.tr("What you tried (optional), e.g. rang the mobile twice"))
        self.acknowledges.setEnabled(waiting and reached)
        self.form.setRowVisible(self.acknowledges, linked not in (None, self.NEW_CONCERN))
        self.acknowledges.setChecked(waiting and reached and self.direction.currentData() == "out")
        owed = interactions.answers(self.picker.customer_id(), linked) \
            if linked not in (None, self.NEW_CONCERN) and reached else []
        self.closes_ids = [f.id for f in owed]
        if owed:
            self.closes.setText(self.tr("This call answers the follow-up owed: “%s” — close it")
                                % owed[0].reason[:90] if len(owed) == 1
                                else self.tr("This call answers the %d follow-ups owed on this concern — close them")
                                % len(owed))
        self.closes.setChecked(bool(owed))
        self.form.setRowVisible(self.closes, bool(owed))

    def save(self):
        customer_id = self.picker.customer_id()
        if not customer_id:
            raise ServiceError(self.tr("Choose the customer first: type a few letters of their name."))
        linked = self.concern.currentData()
        new = None
        if linked == self.NEW_CONCERN:
            new = interactions.NewConcern(self.concern_words.toPlainText(),
                                          self.category.currentData(), self.severity.currentData())
            linked = None
        staff_id = self.staff.currentData()
        logged = interactions.log(
            customer_id, self.channel.currentData(), self.direction.currentData(), self.summary.toPlainText(),
            staff_id=staff_id, mood=self.mood.currentData(), concern_id=linked, new_concern=new,
            acknowledges=self.acknowledges.isChecked() and self.acknowledges.isEnabled(),
            follow_up_on=py_date(self.follow_up_on.date()) if self.follow_up.isChecked() else None,
            follow_up_reason=self.follow_up_reason.text(),
            closes_follow_ups=self.closes_ids if self.closes.isChecked() else (),
            nobody_reached=self.reached.currentData(),
        )
        if staff_id is not None:
            settings.set_preference("lastStaff", staff_id)
        return logged


class ConcernDialog(ServiceDialog):
    def __init__(self, customer_id: int | None = None, parent=None):
        super().__init__(self.tr("Record a concern"), "newConcernDialog", parent)
        self.picker = CustomerPicker(customer_id, self)
        self.channel = _combo("channel", [(c, self.tr(CHANNEL_LABELS[c])) for c in CHANNELS])
        self.words = _text("concernWords", 4)
        self.words.setPlaceholderText(self.tr("Write it down in the customer's own words"))
        self.category = _category_box()
        self.severity = _combo("concernSeverity", [(s, self.tr(SEVERITY_LABELS[s])) for s in SEVERITIES])
        self.severity.setCurrentIndex(1)
        for label, widget in ((self.tr("&Customer"), self.picker), (self.tr("C&hannel"), self.channel),
                              (self.tr("Their &words"), self.words), (self.tr("&About"), self.category),
                              (self.tr("&Severity"), self.severity)):
            self.form.addRow(label, widget)
        self.follow_picker(self.picker)
        (self.words if customer_id else self.picker).setFocus()

    def save(self):
        if not self.picker.customer_id():
            raise ServiceError(self.tr("Choose the customer who raised the concern."))
        return concerns.raise_concern(self.picker.customer_id(), self.words.toPlainText(),
                                      self.category.currentData(), self.severity.currentData(),
                                      self.channel.currentData())


class FollowUpDialog(ServiceDialog):
    def __init__(self, customer_id: int | None = None, parent=None):
        super().__init__(self.tr("Set a follow-up"), "newFollowUpDialog", parent)
        self.picker = CustomerPicker(customer_id, self)
        self.due_on = date_edit(concerns.add_business_days(clock.today(), 1))
        self.due_note = ClosedDayNote(self.due_on, self)
        self.due_on.setSizePolicy(QSizePolicy.Policy.Fixed, self.due_on.sizePolicy().verticalPolicy())  # never jumps
        due = QHBoxLayout()
        due.addWidget(self.due_on)
        due.addWidget(self.due_note, 1)
        self.due_note.shownChanged.connect(self.refit)
        due_label = QLabel(self.tr("&Due"))
        due_label.setBuddy(self.due_on)
        self.reason = QLineEdit(objectName="followUpReason")
        self.reason.setPlaceholderText(self.tr("What to ask or tell them"))
        self.form.addRow(self.tr("&Customer"), self.picker)
        self.form.addRow(due_label, due)
        self.form.addRow(self.tr("&About"), self.reason)
        self.follow_picker(self.picker)
        (self.reason if customer_id else self.picker).setFocus()

    def save(self):
        if not self.picker.customer_id():
            raise ServiceError(self.tr("Choose the customer to follow up with."))
        return followups.create(self.picker.customer_id(), py_date(self.due_on.date()), self.reason.text())


class TextDialog(ServiceDialog):
    """One piece of text for one service call: a resolution, a follow-up's outcome."""

    def __init__(self, title: str, name: str, prompt: str, action, context: str = "", parent=None,
                 customer_id: int | None = None):
        super().__init__(title, name, parent)
        self.show_customer(customer_id)
        if context:
            note = QLabel(context)
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            self.form.addRow(note)
        self.text = _text("dialogText", 4)
        self.form.addRow(prompt, self.text)
        self.action = action
        self.text.setFocus()

    def save(self):
        return self.action(self.text.toPlainText())
