"""Edit > Preferences: the office's details, as asked on first start, and how the office works."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QSpinBox

from servicedesk.core.services import office as office_service
from servicedesk.core.services.recurrence import WEEKDAYS
from servicedesk.ui.office_form import OfficeDialog

# The working settings, by the office setting each one edits (the form's own are in office_form).
WORK_FIELDS = {"ack_target_days": "ackTarget", "resolve_target_days": "resolveTarget",
               "contact_rhythm_days": "contactRhythm", "letter_weekday": "letterWeekday",
               "values": "fitCheckValues", "vague_reasons": "vagueReasons",
               "defensive_phrases": "defensivePhrases"}


def _spin(name: str, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox(objectName=name)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    return spin


class PreferencesDialog(OfficeDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.intro.setText(self.tr("Your office as it appears on letters and visit summaries. "
                                   "The region sets how dates, times and numbers are written."))
        self.ok_button.setText(self.tr("Save"))
        days = self.tr(" business day(s)")
        self.ack = _spin("ackTarget", 1, 30, days)
        self.resolve = _spin("resolveTarget", 1, 120, days)
        self.rhythm = _spin("contactRhythm", 7, 730, self.tr(" days"))
        self.letter_day = QComboBox(objectName="letterWeekday")
        for day in WEEKDAYS:
            self.letter_day.addItem(self.tr(day))
        self.fit_values = QPlainTextEdit(objectName="fitCheckValues")
        self.fit_values.setTabChangesFocus(True)
        self.fit_values.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.fit_values.setPlaceholderText(self.tr("One per line, e.g. We keep the same technician for a customer"))
        work = QGroupBox(self.tr("How the office works"), objectName="officeWork")
        form = QFormLayout(work)
        form.addRow(self.tr("Acknowledge a &concern within:"), self.ack)
        form.addRow(self.tr("Resol&ve a concern within:"), self.resolve)
        form.addRow(self.tr("Call a customer not heard from for:"), self.rhythm)
        form.addRow(self.tr("Weekly &letters go out on:"), self.letter_day)
        form.addRow(self.tr("&Values for the fit check:"), self.fit_values)
        self.layout().insertWidget(self.layout().indexOf(self.buttons), work)
        self.vague = self._list_box("vagueReasons", self.tr("One per line, e.g. unforeseen circumstances"))
        self.defensive = self._list_box("defensivePhrases",
                                        self.tr("One per line: phrase = plainer wording, e.g. "
                                                "obviously = leave it out"))
        plain = QGroupBox(self.tr("Plain words to customers"), objectName="plainWords")
        words = QFormLayout(plain)
        words.addRow(QLabel(self.tr("The clarity check refuses a delay reason that names no cause, and any "
                                    "letter, notice or template with a defensive phrase, naming the phrase "
                                    "and the plainer wording."), wordWrap=True))
        words.addRow(self.tr("Delay reasons that say &nothing:"), self.vague)
        words.addRow(self.tr("&Defensive phrases:"), self.defensive)
        self.layout().insertWidget(self.layout().indexOf(self.buttons), plain)
        office = office_service.get()
        self.vague.setPlainText("\n".join(office.vague_reasons))
        self.defensive.setPlainText("\n".join(office.defensive_phrases))
        self.ack.setValue(office.ack_target_days)
        self.resolve.setValue(office.resolve_target_days)
        self.rhythm.setValue(office.contact_rhythm_days)
        self.letter_day.setCurrentIndex(office.letter_weekday)
        self.fit_values.setPlainText("\n".join(office.values))

    def _list_box(self, name: str, hint: str) -> QPlainTextEdit:
        box = QPlainTextEdit(objectName=name)
        box.setTabChangesFocus(True)
        box.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        box.setPlaceholderText(hint)
        return box

    def extra_changes(self) -> dict:
        return {"ack_target_days": self.ack.value(), "resolve_target_days": self.resolve.value(),
                "contact_rhythm_days": self.rhythm.value(), "letter_weekday": self.letter_day.currentIndex(),
                "values": self.fit_values.toPlainText(), "vague_reasons": self.vague.toPlainText(),
                "defensive_phrases": self.defensive.toPlainText()}


def show_preferences(parent=None, on_saved=None) -> bool:
    """Open the dialog; True (and ``on_saved()`` called) when the office's details were saved."""
    dialog = PreferencesDialog(parent)
    saved = dialog.exec() == PreferencesDialog.DialogCode.Accepted
    if saved and on_saved is not None:
        on_saved()
    return saved
