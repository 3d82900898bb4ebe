"""The hand-over dialog: a technician leaving (or away for long), their customers worked through one by one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from servicedesk.core import formatting
from servicedesk.core.errors import ServiceError
from servicedesk.core.services import handover
from servicedesk.core.services.health_rules import day_words
from servicedesk.ui.schedule.dialogs import ErrorLabel
from servicedesk.ui.schedule.tables import RowsModel


def tr(text: str) -> str:
    return QCoreApplication.translate("Schedule", text)


def _next(i: handover.Item) -> str:
    return f"{day_words(i.next_visit)} {formatting.format_time(i.next_visit)}" if i.next_visit else tr("none booked")


def wait_words(wait) -> str:
    """The choice of waiting for the technician, as the desk reads it."""
    words = (tr("Wait for %1: move the visit to %2 (after %1 is back)") if len(wait.moves) == 1
             else tr("Wait for %1: move the %3 visits to %2 (after %1 is back)"))
    return words.replace("%1", wait.technician).replace("%2", wait.slots()).replace("%3", str(len(wait.moves)))


def _proposed(i: handover.Item) -> str:
    if i.waits:
        return tr("Wait for %1 — %2").replace("%1", i.wait.technician).replace("%2", i.wait.slots())
    if i.waited:
        return tr("Wait for %1").replace("%1", i.successor)
    return i.proposed or tr("nobody free")


def _why(i: handover.Item) -> str:
    if i.waits:
        other = tr("else %1 (%2)").replace("%1", i.proposed).replace("%2", i.why) if i.proposed else ""
        return "; ".join(filter(None, (i.wait.why(), other)))
    if i.waited:
        return tr("their own technician, after the return")
    return "; ".join(filter(None, (i.why, i.no_wait)))


def _handed_to(i: handover.Item) -> str:
    if i.confirmed_at is None:
        return ""
    return tr("✓ waits for %1").replace("%1", i.successor) if i.waited else f"✓ {i.successor}"


class HandoverModel(RowsModel):
    COLUMNS = (
        ("Customer", lambda i: i.customer),
        ("Same technician matters", lambda i: "★ " + tr("yes") if i.wants_same else ""),
        ("What names them", lambda i: i.names),
        ("Next visit", _next),
        ("Proposed", _proposed),
        ("Why", _why),
        ("Handed to", _handed_to),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.row() < len(self.rows):
            row = self.rows[index.row()]
            if row.confirmed_at:
                return QBrush(QColor("#e8f3e8"))
            if row.wants_same:
                return QBrush(QColor("#fdf0d5"))
        return super().data(index, role)


class HandoverDialog(QDialog):
    """Every customer of the hand-over with the successor proposed; confirm one by one or all at once."""

    def __init__(self, handover_id: int, staff_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.handover_id = handover_id
        self.staff_id = staff_id  # the person at the desk, recorded on each confirmation
        info = handover.get(handover_id)
        self.setWindowTitle(self.tr("Hand-over — %s") % info.staff)
        self.heading = QLabel(objectName="handoverHeading")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        explain = QLabel(self.tr(
            "Confirming a customer moves their plan, their visits and their “same technician” preference to "
            "the successor (the old preference stays in their history) and owes them a personal call "
            "introducing the new technician before the next visit. ★ marks customers who said the same "
            "technician matters: call them first. A project they lead passes to the successor, who becomes "
            "the person the customer's letters name.") if info.kind == "leaving" else self.tr(
            "Confirming a customer gives the successor only their visits while %1 is away; their plan, their "
            "technician and their “same technician” preference stay with %1. It owes them a personal call "
            "introducing who comes instead before the visit. ★ marks customers who said the same technician "
            "matters: call them first. For them, waiting for %1 is proposed first: move their visit to a day %1 is "
            "back that suits what they said (they are sent a change notice, and no introduction is owed)."
        ).replace("%1", info.staff), objectName="handoverExplain")
        explain.setWordWrap(True)
        self.model = HandoverModel(self)
        self.table = QTableView(objectName="handoverTable")
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)  # why: the rest of the width, in full on hover
        header.setStretchLastSection(False)
        self.successor = QComboBox(objectName="handoverSuccessor")
        self.successor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.people = handover.successors(handover_id)  # who can take over, for every customer
        self.error = ErrorLabel("handoverError", self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("For the selected customer:")))
        row.addWidget(self.successor)
        self.confirm_one = QPushButton(self.tr("&Confirm this customer"), objectName="confirmHandover")
        self.confirm_every = QPushButton(self.tr("Confirm &all as proposed"), objectName="confirmAllHandover")
        close = QPushButton(self.tr("Close"), objectName="closeHandover")
        self.confirm_one.clicked.connect(self.confirm_selected)
        self.confirm_every.clicked.connect(self.confirm_all)
        close.clicked.connect(self.accept)
        row.addWidget(self.confirm_one)
        row.addStretch(1)
        row.addWidget(self.confirm_every)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._chosen(cur.row()))
        self.load()
        self.resize(1240, 560)

    def load(self, keep: int | None = None) -> None:
        info = handover.get(self.handover_id)
        self.model.set_rows(handover.items(self.handover_id))
        done = info.total - info.waiting
        self.heading.setText(self.tr("%s — %d of %d customers handed over") % (info.describe(), done, info.total))
        self.confirm_every.setEnabled(info.waiting > 0)
        ids = [i.customer_id for i in self.model.rows]
        waiting = [n for n, i in enumerate(self.model.rows) if i.confirmed_at is None]
        row = ids.index(keep) if keep in ids else (waiting[0] if waiting else 0)
        if self.model.rows:
            self.table.selectRow(row)
            self._chosen(row)

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            item = self.model.rows[row]
            self.successor.clear()
            waits = item.waits and item.confirmed_at is None
            if waits or item.waited:  # keeping their technician comes first
                self.successor.addItem(wait_words(item.wait) if waits else _handed_to(item), handover.WAIT)
                self.successor.insertSeparator(1)
            for staff_id, name in self.people:
                self.successor.addItem(self.tr("Hand to %s") % name, staff_id)
            chosen = handover.WAIT if waits or item.waited else (item.successor_id or item.proposed_id)
            self.successor.setCurrentIndex(max(0, self.successor.findData(chosen)))
            self.confirm_one.setEnabled(item.confirmed_at is None)

    def current(self) -> handover.Item | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def confirm_selected(self) -> None:
        item = self.current()
        if item is None:
            return
        choice = self.successor.currentData()
        if choice == handover.WAIT:
            self._try(lambda: handover.wait_for(self.handover_id, item.customer_id, self.staff_id))
        else:
            self._try(lambda: handover.confirm(self.handover_id, item.customer_id, choice, self.staff_id))

    def confirm_all(self) -> None:
        self._try(lambda: handover.confirm_all(self.handover_id, self.staff_id))

    def _try(self, action) -> None:
        self.error.hide()
        item = self.current()
        try:
            action()
        except ServiceError as exc:
            self.error.show_error(exc)
            return
        self.load(item.customer_id if item else None)
