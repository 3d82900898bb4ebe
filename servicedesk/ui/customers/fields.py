"""The profile's form fields: one place that knows each field's widget, label and how to read and fill it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.store.models import CHANNELS, CUSTOMER_STATUSES
from servicedesk.ui.widgets import dates

NO_DATE = QDate(1900, 1, 1)

LABELS = {
    "name": "Name",
    "company": "Company",
    "salutation": "Letters open with",
    "status": "Status",
    "cancel_reason": "Why they cancelled",
    "customer_since": "Customer since",
    "trade": "Service",
    "technician_id": "Their technician",
    "phone": "Phone",
    "email": "Email",
    "preferred_channel": "Preferred channel",
    "best_time": "Best time to reach",
    "contact_rhythm_days": "Contact every",
    "visit_reminders": "Visit reminders",
    "sms_address": "Text gateway address",
    "street": "Street",
    "street2": "Street line 2",
    "city": "City",
    "state": "State / province",
    "postcode": "Postcode",
    "country": "Country",
    "tags": "Tags",
    "reference": "Client id",
    "notes": "Notes",
    "fit_note": "Fit note",
}
CHANNEL_LABELS = {"phone": "Phone", "email": "Email", "letter": "Letter", "visit": "At the visit",
                  "in_person": "In person", "text": "Text message"}
STATUS_LABELS = {"prospect": "Prospect", "active": "Active", "paused": "Paused", "cancelled": "Cancelled"}
TRADES = ("", "pool", "pest", "cleaning")


def camel(key: str) -> str:
    head, *rest = key.removesuffix("_id").split("_")
    return "customer" + head.capitalize() + "".join(p.capitalize() for p in rest)


def _value(widget: QWidget):
    """What a field holds, as the service takes it."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QDateEdit):
        return None if widget.date() == NO_DATE else widget.date().toPython()
    if isinstance(widget, QSpinBox):
        return widget.value() or None
    return None


def set_plain_text(edit: QPlainTextEdit, text: str) -> None:
    """Show ``text`` from its start, as if just filled in; a box that shows it already and has nothing to undo is
    left as it is (laying a text out again is the dearest part of filling a form)."""
    document = edit.document()
    if edit.toPlainText() != text or document.isModified() or document.isUndoAvailable() \
            or document.isRedoAvailable():
        edit.setPlainText(text)
    else:
        cursor = edit.textCursor()
        if cursor.position() or cursor.hasSelection():
            edit.moveCursor(QTextCursor.MoveOperation.Start)


def _combo(items) -> QComboBox:
    box = QComboBox()
    for value, label in items:
        box.addItem(label, value)
    return box


class Fields(QObject):
    """Creates the widgets; ``values()`` reads them for the service, ``fill(profile)`` shows a profile."""

    changed = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        tr = self.tr
        w: dict[str, QWidget] = {}
        for key in ("name", "company", "salutation", "cancel_reason", "phone", "email", "best_time",
                    "street", "street2", "city", "state", "postcode", "country", "tags", "reference",
                    "sms_address"):
            w[key] = QLineEdit()
        w["visit_reminders"] = _combo(((True, tr("By email or text, when the office sends them")),
                                       (False, tr("None for this customer"))))
        w["status"] = _combo((s, tr(STATUS_LABELS[s])) for s in CUSTOMER_STATUSES)
        w["preferred_channel"] = _combo((c, tr(CHANNEL_LABELS[c])) for c in CHANNELS)
        w["trade"] = _combo((t, tr(t.capitalize()) if t else tr("—")) for t in TRADES)
        w["technician_id"] = QComboBox()
        since = QDateEdit()
        since.setCalendarPopup(True)
        since.setDisplayFormat(dates.date_format(weekday=False))
        since.setMinimumDate(NO_DATE)
        since.setSpecialValueText(tr("not known"))
        w["customer_since"] = since
        rhythm = QSpinBox()
        rhythm.setRange(0, 730)
        rhythm.setSuffix(tr(" days"))
        rhythm.setSpecialValueText(tr("office default"))
        w["contact_rhythm_days"] = rhythm
        w["notes"] = QPlainTextEdit()
        w["notes"].setFixedHeight(80)
        w["notes"].setTabChangesFocus(True)
        w["salutation"].setPlaceholderText(tr("Dear …"))
        w["best_time"].setPlaceholderText(tr("e.g. weekday mornings, not after 6 pm"))
        w["cancel_reason"].setPlaceholderText(tr("in the customer's words"))
        w["phone"].setPlaceholderText(tr("any formatting"))
        w["street2"].setPlaceholderText(tr("suite, unit, building"))
        w["state"].setPlaceholderText(tr("state, province, county or region"))
        w["country"].setPlaceholderText(tr("empty: the office's own country"))
        w["tags"].setPlaceholderText(tr("separated by commas"))
        w["reference"].setPlaceholderText(tr("the id from the previous program, kept for later imports"))
        w["sms_address"].setPlaceholderText(tr("for texts by email, e.g. 5550102000@txt.example.com"))
        self.widgets = w
        self.errors: dict[str, QLabel] = {}
        self._messages: set[str] = set()  # the fields whose message was shown since they were last cleared
        for key, widget in w.items():
            widget.setObjectName(camel(key))
            self.errors[key] = QLabel(objectName=camel(key) + "Error")
            self.errors[key].setWordWrap(True)
            self.errors[key].setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
            self.errors[key].hide()
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self.changed)
                widget.textEdited.connect(lambda _text, k=key: self._touched.add(k))
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._plain_changed)
            elif isinstance(widget, QComboBox):
                widget.activated.connect(self.changed)
            else:
                widget.editingFinished.connect(self._spin_changed)
        self._filling = False
        self._shown: dict = {}
        self._kinds = [(key, widget, next(k for k in (QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QSpinBox)
                                          if isinstance(widget, k))) for key, widget in w.items()]
        self._touched: set[str] = set()  # one-line fields typed in (or undone) since they were filled

    def set_technicians(self, staff) -> None:
        """The choice of technician: ``staff`` as (id, name) pairs."""
        box = self.widgets["technician_id"]
        wanted = list(staff)
        if wanted == getattr(self, "_technicians", None):
            return  # the same people: keep the list (refilling it on every profile costs a frame)
        self._technicians = wanted
        box.clear()
        box.addItem(self.tr("— none yet —"), None)
        for tech_id, name in wanted:
            box.addItem(name, tech_id)

    def row(self, key: str) -> QWidget:
        """The field with its message underneath, for a form row."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.widgets[key])
        box.addWidget(self.errors[key])
        return holder

    def label(self, key: str) -> str:
        return self.tr(LABELS[key])

    # -- reading and filling
    def values(self) -> dict:
        return {key: _value(widget) for key, widget in self.widgets.items()}

    def fill(self, values: dict) -> None:
        """Show ``values``. A field that shows its value already and was not typed in since is left as it is:
        setting a text lays it out again, the dearest part of opening a profile."""
        self._filling = True
        try:
            shown = {}
            touched = self._touched
            for key, widget, kind in self._kinds:
                value = values.get(key)
                if kind is QLineEdit:
                    text = value or ""
                    if key in touched or widget.text() != text:
                        widget.setText(text)  # its undo history goes too
                        widget.setCursorPosition(0)
                        text = widget.text()
                    shown[key] = text
                elif kind is QPlainTextEdit:
                    set_plain_text(widget, value or "")
                    shown[key] = widget.toPlainText()
                elif kind is QComboBox:
                    position = widget.findData(value)
                    if position < 0 and value:  # a value from an older list (a technician who left) stays visible
                        label = values.get("technician") if key == "technician_id" else None
                        widget.addItem(label or str(value), value)
                        position = widget.count() - 1
                    widget.setCurrentIndex(max(position, 0))
                    shown[key] = value if position >= 0 else widget.itemData(0)
                else:
                    if kind is QDateEdit:
                        date = QDate(value) if isinstance(value, dt.date) else NO_DATE
                        if widget.date() != date:
                            widget.setDate(date)
                    else:
                        widget.setValue(value or 0)
                    shown[key] = _value(widget)
            touched.clear()
            self._shown = shown
        finally:
            self._filling = False

    def changed_since_fill(self) -> bool:
        return self.values() != self._shown

    # -- messages next to the fields
    def show_message(self, key: str, text: str, warning: bool = False) -> None:
        label = self.errors[key]
        label.setText(text)
        label.setStyleSheet(f"color: {'#9a6400' if warning else '#c62828'};")
        label.setVisible(bool(text))
        self._messages.add(key)

    def clear_messages(self) -> None:
        for key in self._messages:  # only those shown: every profile opened comes here
            self.errors[key].clear()
            self.errors[key].hide()
        self._messages.clear()

    def _plain_changed(self) -> None:
        if not self._filling:
            self.changed.emit()

    def _spin_changed(self) -> None:
        if not self._filling and self.changed_since_fill():
            self.changed.emit()
