"""Technicians and their time off: whole days or part of a day, overlaps refused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from servicedesk.core import clock
from servicedesk.core.errors import ServiceError
from servicedesk.core.services import handover, technicians
from servicedesk.core.store.models import STAFF_ROLES, TIME_OFF_REASONS
from servicedesk.ui.schedule.dialogs import ErrorLabel, from_qdt, to_qdt
from servicedesk.ui.widgets import sizing
from servicedesk.ui.schedule.tables import StaffModel, TimeOffModel
from servicedesk.ui.widgets import dates
from servicedesk.ui.widgets.colour_button import ColourButton
from servicedesk.ui.widgets.typed_dialog import TypedDialog


def table(name: str, model) -> QTableView:
    view = QTableView(objectName=name)
    view.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


class TechniciansDialog(TypedDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("techniciansDialog")
        self.setWindowTitle(self.tr("Technicians and time off"))
        self.staff_id: int | None = None
        self.staff = StaffModel(self)
        self.staff_table = table("staffTable", self.staff)
        self.staff_table.setMinimumHeight(240)
        self.staff_table.setWordWrap(False)
        header = self.staff_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the skills take what is left
        self.name = QLineEdit(objectName="staffName")
        self.role = QComboBox(objectName="staffRole")
        for role in STAFF_ROLES:
            self.role.addItem(self.tr(role.replace("_", " ")), role)
        self.phone = QLineEdit(objectName="staffPhone")
        self.skills = QLineEdit(objectName="staffSkills")
        self.licence = QLineEdit(objectName="staffLicence")
        self.licence.setPlaceholderText(self.tr("Pesticide applicator licence, printed with what they apply"))
        self.color = ColourButton("staffColor", self.tr("The technician's colour on the board"), self)
        self.active = QCheckBox(self.tr("Works here"), objectName="staffActive")
        new = QPushButton(self.tr("New"), objectName="newStaff")
        save = QPushButton(self.tr("Save"), objectName="saveStaff")
        new.clicked.connect(self.new_staff)
        save.clicked.connect(self.save_staff)
        staff_form = QFormLayout()
        for label, w in ((self.tr("Name"), self.name), (self.tr("Role"), self.role), (self.tr("Phone"), self.phone),
                         (self.tr("Skills"), self.skills), (self.tr("Applicator licence no."), self.licence),
                         (self.tr("Calendar colour"), self.color)):
            staff_form.addRow(label, w)
        staff_form.addRow("", self.active)
        row = QHBoxLayout()
        row.addWidget(new)
        row.addWidget(save)
        row.addStretch(1)
        staff_form.addRow("", row)
        self.last_day = QDateEdit(objectName="staffLastDay")
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("ddd dd MMM yyyy")
        self.last_day.setDate(clock.today() + dt.timedelta(days=14))
        leaving = QPushButton(self.tr("Mark as &leaving"), objectName="markLeaving")
        leaving.setToolTip(self.tr("Their last day: every customer whose plan, preference or visits name them "
                                   "is handed over to someone else"))
        leaving.clicked.connect(self.mark_leaving)
        self.handover_button = QPushButton(self.tr("&Hand-over…"), objectName="openHandover")
        self.handover_button.clicked.connect(lambda: self.open_handover())
        row = QHBoxLayout()
        row.addWidget(self.last_day)
        row.addWidget(leaving)
        row.addWidget(self.handover_button)
        row.addStretch(1)
        staff_form.addRow(self.tr("Last day"), row)

        self.absences = TimeOffModel(self)
        self.off_table = table("timeOffTable", self.absences)
        start = dt.datetime.combine(clock.today() + dt.timedelta(days=1), dt.time(8))
        self.off_from = QDateTimeEdit(to_qdt(start), objectName="offFrom")
        self.off_to = QDateTimeEdit(to_qdt(start + dt.timedelta(hours=9)), objectName="offTo")
        for w in (self.off_from, self.off_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat(dates.datetime_format())
        self.reason = QComboBox(objectName="offReason")
        for r in TIME_OFF_REASONS:
            self.reason.addItem(self.tr(r), r)
        self.note = QLineEdit(objectName="offNote")
        add = QPushButton(self.tr("Add time off"), objectName="addTimeOff")
        remove = QPushButton(self.tr("Remove"), objectName="removeTimeOff")
        add.clicked.connect(self.add_time_off)
        remove.clicked.connect(self.remove_time_off)
        off_form = QFormLayout()
        off_form.addRow(self.tr("From"), self.off_from)
        off_form.addRow(self.tr("Until"), self.off_to)
        off_form.addRow(self.tr("Reason"), self.reason)
        off_form.addRow(self.tr("Note"), self.note)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        off_form.addRow("", row)
        self.error = ErrorLabel("staffError", self)

        people = QGroupBox(self.tr("Staff"))
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.staff_table)
        people_layout.addLayout(staff_form)
        away = QGroupBox(self.tr("Time off"))
        away_layout = QVBoxLayout(away)
        away_layout.addWidget(self.off_table)
        away_layout.addLayout(off_form)
        columns = QHBoxLayout()
        columns.addWidget(people, 1)
        columns.addWidget(away, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.staff_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.choose(cur.row()))
        self.load()
        sizing.fit(self, 980)

    def load(self, select: int | None = None) -> None:
        self.staff.set_rows(technicians.list_staff(active_only=False))
        ids = [s.id for s in self.staff.rows]
        row = ids.index(select) if select in ids else (0 if ids else -1)
        if row >= 0:
            self.staff_table.selectRow(row)
            self.choose(row)

    def choose(self, row: int) -> None:
        if not 0 <= row < len(self.staff.rows):
            return
        s = self.staff.rows[row]
        self.staff_id = s.id
        self.name.setText(s.name)
        self.role.setCurrentIndex(max(0, self.role.findData(s.role)))
        self.phone.setText(s.phone)
        self.skills.setText(s.skills)
        self.licence.setText(s.licence_number)
        self.color.set_colour(s.color)
        self.active.setChecked(s.active)
        self.handover_button.setEnabled(bool(handover.open_handovers(s.id)))
        self.load_absences()
        self.keep_as_typed()  # as saved: nothing to lose

    def load_absences(self) -> None:
        if self.staff_id is None:
            self.absences.set_rows([])
            return
        start = dt.datetime.combine(clock.today() - dt.timedelta(days=30), dt.time())
        self.absences.set_rows(technicians.time_off(self.staff_id, start, start + dt.timedelta(days=400)))

    def new_staff(self) -> None:
        self.staff_id = None
        self.staff_table.clearSelection()
        for w in (self.name, self.phone, self.skills, self.licence):
            w.clear()
        self.color.set_colour(technicians.next_colour())  # one no colleague at work has
        self.role.setCurrentIndex(self.role.findData("technician"))
        self.active.setChecked(True)
        self.absences.set_rows([])
        self.keep_as_typed()
        self.name.setFocus()

    def _try(self, fn) -> bool:
        self.error.hide()
        try:
            fn()
        except ServiceError as exc:
            self.error.show_error(exc)
            return False
        return True

    def save_staff(self) -> None:
        values = dict(name=self.name.text(), role=self.role.currentData(), phone=self.phone.text(),
                      skills=self.skills.text(), color=self.color.colour(), licence_number=self.licence.text())

        def save():
            if self.staff_id is None:
                self.staff_id = technicians.create(**values)
            else:
                technicians.update(self.staff_id, **values)
            current = technicians.get(self.staff_id)
            if current.active != self.active.isChecked():
                technicians.set_active(self.staff_id, self.active.isChecked(),
                                       None if self.active.isChecked() else clock.today())
                gone.append(not self.active.isChecked())

        gone: list[bool] = []
        if self._try(save):
            self.load(self.staff_id)
            if any(gone):
                self.open_handover()

    def mark_leaving(self) -> None:
        if self.staff_id is None:
            return
        last = self.last_day.date()
        day = dt.date(last.year(), last.month(), last.day())
        if self._try(lambda: technicians.mark_leaving(self.staff_id, day)):
            self.load(self.staff_id)
            self.open_handover()

    def open_handover(self):
        """The selected technician's open hand-over, if there is one."""
        from servicedesk.ui.schedule.handover import HandoverDialog
        from servicedesk.ui.sending import desk_staff_id

        found = handover.open_handovers(self.staff_id) if self.staff_id is not None else []
        if not found:
            return None
        self.handover_dialog = HandoverDialog(found[-1].id, desk_staff_id(), self)
        self.handover_dialog.open()
        return self.handover_dialog

    def add_time_off(self) -> None:
        if self.staff_id is None:
            self.error.setText(self.tr("Save the staff member first."))
            self.error.show()
            return
        if self._try(lambda: technicians.add_time_off(self.staff_id, from_qdt(self.off_from.dateTime()),
                                                      from_qdt(self.off_to.dateTime()), self.reason.currentData(),
                                                      self.note.text())):
            self.note.clear()
            self.load_absences()
            self.handover_button.setEnabled(bool(handover.open_handovers(self.staff_id)))
            self.open_handover()  # away for more than a week: their customers are handed over

    def remove_time_off(self) -> None:
        row = self.off_table.currentIndex().row()
        if 0 <= row < len(self.absences.rows):
            technicians.remove_time_off(self.absences.rows[row].id)
            self.load_absences()
