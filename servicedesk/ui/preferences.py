"""Edit > Preferences: the office's details, as asked on first start, and how the office works."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QTabWidget

from servicedesk.core.errors import ServiceError, ValidationError

from servicedesk.core.services import office as office_service
from servicedesk.core.services.recurrence import WEEKDAYS
from servicedesk.ui.mail_settings import MailSettingsForm
from servicedesk.ui.office_form import OfficeDialog
from servicedesk.ui.office_server import OfficeServerGroup

# The working settings, by the office setting each one edits (the form's own are in office_form).
WORK_FIELDS = {"ack_target_days": "ackTarget", "resolve_target_days": "resolveTarget",
               "contact_rhythm_days": "contactRhythm", "letter_weekday": "letterWeekday",
               "values": "fitCheckValues", "holiday_region": "holidayRegion", "closed_days": "closedDays",
               "vague_reasons": "vagueReasons", "defensive_phrases": "defensivePhrases"}


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
        self.ack = _spin("ackTarget", 1, 30, "")
        self.resolve = _spin("resolveTarget", 1, 120, "")
        self.rhythm = _spin("contactRhythm", 7, 730, self.tr(" days"))
        for spin in (self.ack, self.resolve):  # "1 business day", "5 business days"
            spin.valueChanged.connect(lambda n, box=spin: box.setSuffix(self.tr(" business day(s)", "", n)))
        self.letter_day = QComboBox(objectName="letterWeekday")
        for day in WEEKDAYS:
            self.letter_day.addItem(self.tr(day))
        self.fit_values = QPlainTextEdit(objectName="fitCheckValues")
        self.fit_values.setTabChangesFocus(True)
        self.fit_values.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.fit_values.setPlaceholderText(self.tr("One per line, e.g. We keep the same technician for a customer"))
        self.holiday_region = QLineEdit(objectName="holidayRegion")
        self.holiday_region.setPlaceholderText(self.tr("State or region code, e.g. TX (the country's holidays apply "
                                                       "anyway)"))
        self.closed_days = QLineEdit(objectName="closedDays")
        self.closed_days.setPlaceholderText(self.tr("YYYY-MM-DD, YYYY-MM-DD, …"))
        work = QGroupBox(self.tr("How the office works"), objectName="officeWork")
        form = QFormLayout(work)
        form.addRow(self.tr("Acknowledge a &concern within:"), self.ack)
        form.addRow(self.tr("Resol&ve a concern within:"), self.resolve)
        form.addRow(self.tr("Call a customer not heard from for:"), self.rhythm)
        form.addRow(self.tr("Weekly &letters go out on:"), self.letter_day)
        form.addRow(self.tr("&Values for the fit check:"), self.fit_values)
        form.addRow(self.tr("Public &holidays of the state or region:"), self.holiday_region)
        form.addRow(self.tr("The office's own closed &days:"), self.closed_days)
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
        self.mail = MailSettingsForm(self)
        self.pages = QTabWidget(objectName="preferencesPages")
        self.layout().removeWidget(self.form)
        self.pages.addTab(self.form, self.tr("Office"))
        self.pages.addTab(work, self.tr("How the office works"))
        self.pages.addTab(plain, self.tr("Plain words"))
        self.work_page, self.plain_page = work, plain
        self.pages.addTab(self.mail, self.tr("Mail"))
        self.office_server = OfficeServerGroup(self)  # this PC's own choice: kept in its settings, not the data
        self.pages.addTab(self.office_server, self.tr("Office server"))
        self.layout().insertWidget(self.layout().indexOf(self.buttons), self.pages)
        self.form.layout().removeWidget(self.form.problems)  # below the pages: seen whichever page is open
        self.layout().insertWidget(self.layout().indexOf(self.buttons), self.form.problems)
        office = office_service.get()
        self.vague.setPlainText("\n".join(office.vague_reasons))
        self.defensive.setPlainText("\n".join(office.defensive_phrases))
        self.ack.setValue(office.ack_target_days)
        for spin in (self.ack, self.resolve):
            spin.setSuffix(self.tr(" business day(s)", "", spin.value()))
        self.resolve.setValue(office.resolve_target_days)
        self.rhythm.setValue(office.contact_rhythm_days)
        self.letter_day.setCurrentIndex(office.letter_weekday)
        self.fit_values.setPlainText("\n".join(office.values))
        self.holiday_region.setText(office.holiday_region)
        self.closed_days.setText(", ".join(office.closed_days))

    def _list_box(self, name: str, hint: str) -> QPlainTextEdit:
        box = QPlainTextEdit(objectName=name)
        box.setTabChangesFocus(True)
        box.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        box.setPlaceholderText(hint)
        return box

    def _page_of(self, problems: dict):
        """The page holding the first field with a problem: the office's form, its working settings or its words."""
        if set(problems) - set(WORK_FIELDS):
            return self.form
        if set(problems) & {"vague_reasons", "defensive_phrases"}:
            return self.plain_page
        return self.work_page

    def extra_changes(self) -> dict:
        return {"ack_target_days": self.ack.value(), "resolve_target_days": self.resolve.value(),
                "contact_rhythm_days": self.rhythm.value(), "letter_weekday": self.letter_day.currentIndex(),
                "values": self.fit_values.toPlainText(), "holiday_region": self.holiday_region.text(),
                "closed_days": self.closed_days.text(), "vague_reasons": self.vague.toPlainText(),
                "defensive_phrases": self.defensive.toPlainText()}

    def accept(self) -> None:
        """Every page is checked first, so that nothing is stored when any page has a problem."""
        problem = self.office_server.problem()
        if problem:
            self.office_server.result.setText(problem)
            self.pages.setCurrentWidget(self.office_server)
            return
        try:
            self.mail.prepared()
        except ValidationError:
            self.pages.setCurrentWidget(self.mail)
            return
        try:
            office_service.check({**self.form.values(), **self.extra_changes()})
        except ValidationError as exc:
            self.pages.setCurrentWidget(self._page_of(exc.problems))
            self.form.show_problems(exc.problems)
            return
        try:
            self.mail.save()
        except ServiceError:
            self.pages.setCurrentWidget(self.mail)
            return
        self.office_server.save()
        super().accept()


def show_preferences(parent=None, on_saved=None) -> bool:
    """Open the dialog; True (and ``on_saved()`` called) when the office's details were saved."""
    dialog = PreferencesDialog(parent)
    saved = dialog.exec() == PreferencesDialog.DialogCode.Accepted
    if saved and on_saved is not None:
        on_saved()
    return saved
