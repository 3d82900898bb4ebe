"""A customer's service plans: add one, change one for "this visit only" or "this and future", generate visits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
)

from servicedesk.core import clock, formatting
from servicedesk.core.errors import NotFound, ServiceError
from servicedesk.core.services import customers, recurrence, scheduling, technicians, visits
from servicedesk.ui.schedule.dialogs import ErrorLabel
from servicedesk.ui.schedule.staff import table
from servicedesk.ui.schedule.tables import PlanModel
from servicedesk.ui.widgets import dates, sizing
from servicedesk.ui.widgets.banner import WhatMattersBanner
from servicedesk.ui.widgets.typed_dialog import TypedDialog

RECURRENCE_TEXT = {"weekly": "Weekly", "every_n_weeks": "Every N weeks", "monthly_weekday": "Monthly on a weekday",
                   "monthly_date": "Monthly on a date"}
WEEKS = ((1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (-1, "last"))


class PlansDialog(TypedDialog):
    def __init__(self, customer_id: int, visit_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("plansDialog")
        self.customer_id, self.visit_id = customer_id, visit_id
        self.visit = visits.detail(visit_id) if visit_id else None
        self.changed = False
        self.last_result = None
        self.setWindowTitle(self.tr("Service plans — %s") % customers.name_of(customer_id))
        banner = WhatMattersBanner(self)
        banner.set_items(customers.what_matters(customer_id))
        self.plans = PlanModel(self)
        self.plan_table = table("planTable", self.plans)
        self.plan_table.setFixedHeight(self.fontMetrics().lineSpacing() * 7)
        self.service = QLineEdit(objectName="planService")
        self.kind = QComboBox(objectName="planRecurrence")
        for key, text in RECURRENCE_TEXT.items():
            self.kind.addItem(self.tr(text), key)
        self.interval = QSpinBox(objectName="planInterval")
        self.interval.setRange(1, 52)
        self.weekday = QComboBox(objectName="planWeekday")
        for i, name in enumerate(recurrence.WEEKDAYS):
            self.weekday.addItem(self.tr(name), i)
        self.week = QComboBox(objectName="planWeek")
        for n, text in WEEKS:
            self.week.addItem(self.tr(text), n)
        self.day = QSpinBox(objectName="planDay")
        self.day.setRange(1, 31)
        self.day.setToolTip(self.tr("A day the month does not have falls on its last day"))
        self.window_start = QTimeEdit(QTime(8, 0), objectName="planWindowStart")
        self.window_end = QTimeEdit(QTime(12, 0), objectName="planWindowEnd")
        self.duration = QSpinBox(objectName="planDuration")
        self.duration.setRange(5, 720)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setValue(60)
        self.technician = QComboBox(objectName="planTechnician")
        self.technician.addItem(self.tr("Unassigned"), None)
        for t in technicians.technicians():
            self.technician.addItem(t.name, t.id)
        self.includes = QLineEdit(objectName="planIncludes")
        self.starts = QDateEdit(QDate(clock.today()), objectName="planStarts")
        self.has_end = QCheckBox(self.tr("Ends on"), objectName="planHasEnd")
        self.ends = QDateEdit(QDate(clock.today() + dt.timedelta(days=365)), objectName="planEnds")
        self.ends.setEnabled(False)
        self.has_end.toggled.connect(self.ends.setEnabled)
        for w in (self.starts, self.ends):
            w.setCalendarPopup(True)
            w.setDisplayFormat(dates.date_format())
        self.rule = QLabel(objectName="planRule")
        self.scope_this = QRadioButton(self.tr("This visit only"), objectName="scopeThis")
        self.scope_future = QRadioButton(self.tr("This and future visits"), objectName="scopeFuture")
        self.scope_future.setChecked(True)
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.scope_this)
        self.scope.addButton(self.scope_future)
        self.reason = QLineEdit(objectName="planReason")
        self.reason.setPlaceholderText(self.tr("Reason (needed when someone else than their technician goes)"))
        what, when = QFormLayout(), QFormLayout()  # side by side: the dialog fits a 768-pixel screen
        for form, rows in ((what, ((self.tr("Service"), self.service), (self.tr("Repeats"), self.kind),
                                   (self.tr("Every"), self.interval), (self.tr("Weekday"), self.weekday),
                                   (self.tr("Week of the month"), self.week),
                                   (self.tr("Day of the month"), self.day), ("", self.rule))),
                           (when, ((self.tr("Window from"), self.window_start), (self.tr("Window until"), self.window_end),
                                   (self.tr("Visit length"), self.duration), (self.tr("Technician"), self.technician),
                                   (self.tr("Includes"), self.includes), (self.tr("Starts on"), self.starts),
                                   (self.has_end, self.ends)))):
            for label, w in rows:
                form.addRow(label, w)
        form = QHBoxLayout()
        form.addLayout(what, 1)
        form.addSpacing(12)
        form.addLayout(when, 1)
        scope = QHBoxLayout()
        scope.addWidget(self.scope_this)
        scope.addWidget(self.scope_future)
        scope.addWidget(self.reason, 1)
        self.add = add = QPushButton(self.tr("Add as new plan"), objectName="addPlan")
        self.save = QPushButton(self.tr("Save changes to the chosen plan"), objectName="savePlan")
        generate = QPushButton(self.tr("Generate visits (12 weeks)"), objectName="generateVisits")
        add.clicked.connect(self.add_plan)
        self.save.clicked.connect(self.save_plan)
        generate.clicked.connect(self.generate)
        row = QHBoxLayout()
        for w in (add, self.save, generate):
            row.addWidget(w)
        row.addStretch(1)
        self.warning = QLabel(objectName="planWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)  # a line each, names and words as typed
        self.warning.setStyleSheet("color: #8a4b00;")
        self.error = ErrorLabel("planError", self)
        self.status = QLabel(objectName="planStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in (add, self.save, generate, *buttons.buttons()):
            button.setAutoDefault(False)  # Enter presses the default button, which follows what is chosen
        layout = QVBoxLayout(self)
        for item in (banner, self.plan_table, form, scope, self.warning, row, self.error, self.status, buttons):
            (layout.addLayout if isinstance(item, QHBoxLayout) else layout.addWidget)(item)
        for w in (self.kind, self.weekday, self.week):
            w.currentIndexChanged.connect(self.update_form)
        self.technician.currentIndexChanged.connect(self.reassess)
        self.scope.buttonToggled.connect(self.reassess)
        for w in (self.interval, self.day):
            w.valueChanged.connect(self.update_form)
        self.plan_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.choose(cur.row()))
        self.load()
        sizing.fit(self, 900)

    # ------------------------------------------------------------------ form
    def load(self, select: int | None = None) -> None:
        self.plans.set_rows(recurrence.plans_for(self.customer_id))
        ids = [p.id for p in self.plans.rows]
        wanted = select or (self.visit.plan_id if self.visit else None)
        row = ids.index(wanted) if wanted in ids else (0 if ids else -1)
        if row >= 0:
            self.plan_table.selectRow(row)
            self.choose(row)
        else:
            self.kind.setCurrentIndex(self.kind.findData("monthly_weekday"))
            own = scheduling.own_technician(self.customer_id)  # a first plan goes to their own technician
            if own.active:
                self.technician.setCurrentIndex(max(0, self.technician.findData(own.id)))
            self.update_form()

    def selected_plan(self):
        row = self.plan_table.currentIndex().row()
        return self.plans.rows[row] if 0 <= row < len(self.plans.rows) else None

    def choose(self, row: int) -> None:
        if not 0 <= row < len(self.plans.rows):
            return
        p = self.plans.rows[row]
        self.service.setText(p.service_type)
        self.kind.setCurrentIndex(self.kind.findData(p.recurrence))
        self.interval.setValue(p.interval or 1)
        self.weekday.setCurrentIndex(max(0, self.weekday.findData(p.weekday if p.weekday is not None else 0)))
        self.week.setCurrentIndex(max(0, self.week.findData(p.week_of_month or 1)))
        self.day.setValue(p.day_of_month or p.starts_on.day)
        self.window_start.setTime(QTime(p.window_start.hour, p.window_start.minute))
        self.window_end.setTime(QTime(p.window_end.hour, p.window_end.minute))
        self.duration.setValue(p.duration_min)
        self.technician.setCurrentIndex(max(0, self.technician.findData(p.technician_id)))
        self.includes.setText(p.includes)
        self.starts.setDate(QDate(p.starts_on))
        self.has_end.setChecked(p.ends_on is not None)
        if p.ends_on:
            self.ends.setDate(QDate(p.ends_on))
        self.update_form()
        self.keep_as_typed()  # as saved: nothing to lose

    def update_form(self) -> None:
        kind = self.kind.currentData()
        chosen = self.selected_plan() is not None
        self.save.setDefault(chosen)  # Enter changes the chosen plan; with none chosen, it adds one
        self.add.setDefault(not chosen)
        self.interval.setEnabled(kind != "weekly")
        self.weekday.setEnabled(kind != "monthly_date")
        self.week.setEnabled(kind == "monthly_weekday")
        self.day.setEnabled(kind == "monthly_date")
        plan = self.selected_plan()
        in_plan = bool(self.visit and plan and self.visit.plan_id == plan.id)
        self.scope_this.setEnabled(in_plan)
        if not in_plan:
            self.scope_future.setChecked(True)
        try:
            self.rule.setText(recurrence.describe(_Rule(**self.values())))
        except (TypeError, ValueError, IndexError):
            self.rule.clear()
        self.reassess()

    def reassess(self) -> None:
        """Warn, before saving, when the change takes the customer's own technician off their visits."""
        plan = self.selected_plan()
        technician = self.technician.currentData()
        if plan is None:
            self.warning.clear()
            return
        if self.scope_this.isChecked() and self.visit is not None:
            a = scheduling.assess(self.visit.id, technician)
        else:
            a = scheduling.assess_plan(plan.id, technician)
        lines = [f"⚠ {w}" for w in a.warnings]
        if a.needs_reason:
            lines.append(self.tr("A reason is required; the customer gets a change notice and the office a follow-up call."))
        self.warning.setText("\n".join(lines))

    def values(self) -> dict:
        kind = self.kind.currentData()
        return dict(
            service_type=self.service.text(), recurrence=kind, interval=self.interval.value(),
            weekday=self.weekday.currentData() if kind != "monthly_date" else None,
            week_of_month=self.week.currentData() if kind == "monthly_weekday" else None,
            day_of_month=self.day.value() if kind == "monthly_date" else None,
            window_start=self.window_start.time().toPython(), window_end=self.window_end.time().toPython(),
            duration_min=self.duration.value(), technician_id=self.technician.currentData(),
            includes=self.includes.text(), starts_on=self.starts.date().toPython(),
            ends_on=self.ends.date().toPython() if self.has_end.isChecked() else None,
        )

    # ------------------------------------------------------------------ operations
    def _try(self, fn, done: str) -> bool:
        self.error.hide()
        try:
            result = fn()
        except ServiceError as exc:
            self.error.show_error(exc)
            return False
        self.changed = True
        self.last_result = result
        self.status.setText(done if "%d" not in done else done % result)
        return True

    def add_plan(self) -> None:
        def add():
            plan_id = recurrence.create_plan(self.customer_id, **self.values())
            created = recurrence.generate(plan_id=plan_id)
            self.load(plan_id)
            return created

        self._try(add, self.tr("Plan added; %d visits generated."))

    def save_plan(self) -> None:
        plan = self.selected_plan()
        if plan is None:
            self.error.setText(self.tr("Choose a plan to change, or add a new one."))
            self.error.show()
            return
        values = self.values()
        if self.scope_this.isChecked():
            start = dt.datetime.combine(self.visit.starts_at.date(), values["window_start"])
            self._try(lambda: scheduling.assign(self.visit.id, values["technician_id"], self.reason.text(), start),
                      self.tr("This visit changed; the plan stays as it was."))
            return
        from_day = max(clock.today(), self.visit.starts_at.date() if self.visit and self.visit.plan_id == plan.id
                       else clock.today())
        values.pop("starts_on")

        def change():
            result = scheduling.change_plan(plan.id, from_day, self.reason.text(), **values)
            if self.visit is not None:  # the visit may belong to the new plan now, or be gone with its date
                try:
                    self.visit = visits.detail(self.visit.id)
                except NotFound:
                    self.visit = None
            self.reason.clear()
            self.load(result.plan_id)
            return result

        done = self.tr("Plan changed from %s on.") % formatting.format_date(from_day)
        if self._try(change, done) and self.last_result is not None and self.last_result.draft_id is not None:
            told = (self.tr("A change notice is queued for the customer and a follow-up call for the office.")
                    if self.last_result.follow_up_id is not None else
                    self.tr("A change notice with the new days and times is queued for the customer."))
            self.status.setText(done + " " + told)

    def generate(self) -> None:
        self._try(lambda: recurrence.generate(), self.tr("%d new visits generated."))

    def reject(self) -> None:
        """Close or Escape: a plan added or changed here is shown everywhere (the dialog is accepted)."""
        if self.changed:
            self.accept()
        else:
            super().reject()


class _Rule:
    """Just enough of a plan to describe the rule being typed."""

    def __init__(self, **values):
        self.__dict__.update(values)
