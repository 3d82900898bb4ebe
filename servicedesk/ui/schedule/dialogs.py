"""Dialogs for one visit: assign (continuity-aware) and complete."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core import formatting
from servicedesk.core.errors import ServiceError, ValidationError
from servicedesk.core.services import continuity, customers, matters_check, scheduling, technicians, trade_records, visits
from servicedesk.ui.schedule.tables import ProductsModel, ProposalModel
from servicedesk.ui.schedule.trade_form import TradeRecordForm
from servicedesk.ui.widgets import dates, sizing
from servicedesk.ui.widgets.banner import WhatMattersBanner
from servicedesk.ui.widgets.typed_dialog import TypedDialog


def to_qdt(value: dt.datetime) -> QDateTime:
    return QDateTime(value)


def from_qdt(value: QDateTime) -> dt.datetime:
    return value.toPython().replace(second=0, microsecond=0)


class ErrorLabel(QLabel):
    """Where a dialog says, in plain words, what stopped it. Nothing is saved while it shows."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.hide()

    def show_error(self, exc: Exception) -> None:
        self.setText("\n".join(exc.problems.values()) if isinstance(exc, ValidationError) else str(exc))
        self.show()


def continuity_text(customer_id: int, own: scheduling.OwnTechnician) -> str:
    fig = continuity.figure(customer_id, 10)
    text = fig.describe()
    if fig.visits and own.name:
        text += f", {round(fig.own_share * 100)}% with {own.name}"
    return text


def visit_heading(d) -> str:
    return (f"<b>{html.escape(d.customer)}</b> · {html.escape(d.service_type)}<br>"
            f"{html.escape(formatting.format_datetime(d.starts_at, 'full'))}–{html.escape(formatting.format_time(d.ends_at))}"
            + (f" · {html.escape(d.address)}" if d.address else ""))


class AssignDialog(TypedDialog):
    """Who goes, and when. Anyone but the customer's own technician needs a reason the customer will hear."""

    def __init__(self, visit_id: int, technician_id=None, starts_at: dt.datetime | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Assign technician"))
        self.visit_id = visit_id
        self.result_: scheduling.ChangeResult | None = None
        d = visits.detail(visit_id)
        self.detail = d
        self.own = scheduling.own_technician(d.customer_id)
        heading = sizing.wrap(QLabel(visit_heading(d), objectName="assignVisit"))
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.banner = WhatMattersBanner(self)
        self.banner.set_items(customers.what_matters(d.customer_id))
        figure = QLabel(objectName="continuityFigure")
        figure.setTextFormat(Qt.TextFormat.PlainText)  # it names their technician as typed
        figure.setText(self.tr("Continuity: %s") % continuity_text(d.customer_id, self.own))
        self.proposals = ProposalModel(self)
        self.proposals.set_rows(scheduling.proposals(visit_id))
        self.table = QTableView(objectName="proposalTable")
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
        self.table.setModel(self.proposals)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + 6 * self.table.verticalHeader().defaultSectionSize() + 4)
        self.technician = QComboBox(objectName="technicianCombo")
        self.technician.addItem(self.tr("Unassigned"), None)
        for t in technicians.technicians():
            mark = " ★" if t.id == self.own.id else ""
            self.technician.addItem(t.name + mark, t.id)
        self.start = QDateTimeEdit(objectName="visitStart")
        self.start.setDisplayFormat(dates.datetime_format())
        self.start.setCalendarPopup(True)
        self.reason = QLineEdit(objectName="changeReason")
        self.reason.setPlaceholderText(self.tr("Why — the customer will read this in the change notice"))
        self.make_regular = QCheckBox(self.tr("Make this their regular technician from now on"),
                                      objectName="makeRegular")
        self.warning = QLabel(objectName="assignWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)  # a line each, names and words as typed
        self.warning.setStyleSheet("color: #8a4b00;")
        self.warning.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.error = ErrorLabel("assignError", self)
        form = QFormLayout()
        form.addRow(self.tr("Technician"), self.technician)
        form.addRow(self.tr("When"), self.start)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.make_regular)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confirm change"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("confirmAssign")
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (heading, self.banner, figure, QLabel(self.tr("Suggestions, best first for this customer:"))):
            layout.addWidget(w)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self._message_area())
        layout.addWidget(buttons)
        self.technician.setCurrentIndex(max(0, self.technician.findData(
            technician_id if technician_id is not None or starts_at is not None else d.technician_id)))
        self.start.setDateTime(to_qdt(starts_at or d.starts_at))
        self.technician.currentIndexChanged.connect(self.reassess)
        self.start.dateTimeChanged.connect(self.reassess)
        # only a proposal the user picks fills the form (focus alone must not change what was chosen)
        self.table.clicked.connect(lambda index: self.take(index.row()))
        self.table.activated.connect(lambda index: self.take(index.row()))
        # Tab in reading order, the order the form is filled: a suggestion, then who, when, why, and the buttons
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        chain = (self.table, self.technician, self.start, self.reason, self.make_regular, buttons.button(ok),
                 buttons.button(cancel))
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        self.table.setFocus()
        self.reassess()
        sizing.fit(self, 760)

    MESSAGE_LINES = 5

    def _message_area(self) -> QScrollArea:
        """Warnings and errors in room kept for them, so nothing moves under the mouse when one appears."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.warning)
        box.addWidget(self.error)
        box.addStretch(1)
        area = QScrollArea(objectName="assignMessages")
        area.setWidget(holder)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # words to read, no stop for Tab
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFixedHeight(self.fontMetrics().lineSpacing() * self.MESSAGE_LINES + 6)
        return area

    def take(self, row: int) -> None:
        """Fill the form from the proposal in ``row``."""
        if 0 <= row < len(self.proposals.rows):
            p = self.proposals.rows[row]
            self.technician.setCurrentIndex(max(0, self.technician.findData(p.technician_id)))
            self.start.setDateTime(to_qdt(p.starts_at))

    def reassess(self) -> None:
        start = from_qdt(self.start.dateTime())
        a = scheduling.assess(self.visit_id, self.technician.currentData(), start)
        lines = [f"⚠ {w}" for w in a.warnings]
        lines += [f"⚠ {w}" for w in matters_check.warnings(self.visit_id, start)]  # what the customer said
        if a.needs_reason:
            lines.append(self.tr("A reason is required; the customer gets a change notice and the office a follow-up call."))
        self.warning.setText("\n".join(lines))
        self.reason.setEnabled(True)

    def confirm(self) -> None:
        try:
            self.result_ = scheduling.assign(self.visit_id, self.technician.currentData(), self.reason.text(),
                                             from_qdt(self.start.dateTime()), self.make_regular.isChecked())
        except ServiceError as exc:
            self.error.show_error(exc)
            return
        self.accept()


class CompleteDialog(TypedDialog):
    """What was done at the visit: pest offices must log every product applied, how much and where."""

    def __init__(self, visit_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("completeDialog")
        self.setWindowTitle(self.tr("Complete visit"))
        self.visit_id = visit_id
        d = visits.detail(visit_id)
        self.work_done = QPlainTextEdit(objectName="workDone")
        self.findings = QPlainTextEdit(objectName="findings")
        self.recommendations = QPlainTextEdit(objectName="recommendations")
        for w in (self.work_done, self.findings, self.recommendations):
            w.setTabChangesFocus(True)
            w.setFixedHeight(64)
        self.products = ProductsModel(self)
        self.product_table = QTableView(objectName="productsTable")
        self.product_table.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
        self.product_table.setModel(self.products)
        self.product_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.product_table.verticalHeader().hide()
        self.product_table.setFixedHeight(110)
        add = QPushButton(self.tr("Add product"), objectName="addProduct")
        remove = QPushButton(self.tr("Remove product"), objectName="removeProduct")
        add.clicked.connect(self._add_product)
        remove.clicked.connect(lambda: self.products.remove(self.product_table.currentIndex().row()))
        own = scheduling.own_technician(d.customer_id)
        self.book_next = QCheckBox(self.tr("Book the next one with %1 on").replace("%1", own.name) if own.active
                                   else self.tr("Book the next one (technician to be chosen) on"),
                                   objectName="bookNext")
        self.next_at = QDateTimeEdit(objectName="nextVisit")
        self.next_at.setDisplayFormat(dates.datetime_format())
        self.next_at.setCalendarPopup(True)
        self.next_at.setDateTime(to_qdt(d.starts_at + dt.timedelta(days=14)))
        self.next_at.setEnabled(False)
        self.book_next.toggled.connect(self.next_at.setEnabled)
        self.error = ErrorLabel("completeError", self)
        form = QFormLayout()
        form.addRow(self.tr("Work done"), self.work_done)
        form.addRow(self.tr("Findings"), self.findings)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.trade = TradeRecordForm(trade_records.trade_of(visit_id), form)
        if self.trade.applications is None:  # pest control records each product as an application instead
            form.addRow(self.tr("Products applied"), self.product_table)
            form.addRow("", row)
        else:
            for w in (self.product_table, add, remove):
                w.hide()
        form.addRow(self.tr("Recommendations"), self.recommendations)
        next_row = QHBoxLayout()
        next_row.addWidget(self.book_next)
        next_row.addWidget(self.next_at, 1)
        form.addRow(self.tr("Next visit"), next_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Complete visit"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("confirmComplete")
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        heading = QLabel(visit_heading(d) + "<br>" + html.escape(d.technician or self.tr("Unassigned")),
                         objectName="visitHeading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        sizing.wrap(heading)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760 if self.trade.applications is not None else 600, 560)

    def _add_product(self) -> None:
        self.products.add()
        index = self.products.index(len(self.products.rows) - 1, 0)
        self.product_table.setCurrentIndex(index)
        self.product_table.edit(index)

    def confirm(self) -> None:
        try:
            scheduling.complete(self.visit_id, self.work_done.toPlainText(), self.findings.toPlainText(),
                                self.products.products(), self.recommendations.toPlainText(),
                                from_qdt(self.next_at.dateTime()) if self.book_next.isChecked() else None,
                                readings=self.trade.readings(), applications=self.trade.applications_typed())
        except ServiceError as exc:
            self.error.show_error(exc)
            return
        self.accept()
