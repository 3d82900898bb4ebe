"""The Schedule pane: the week's visits by day (read-only overview)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from servicedesk.core import clock
from servicedesk.core.services import visits
from servicedesk.ui.actions import ActionId
from servicedesk.ui.widgets.id_list_model import RecordIdRole


class WeekModel(QAbstractTableModel):
    HEADERS = ("When", "Customer", "Technician", "Service", "Status")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[visits.VisitRow] = []

    def load(self, start: dt.datetime, end: dt.datetime) -> None:
        self.beginResetModel()
        self.rows = visits.between(start, end)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 5:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        v = self.rows[index.row()]
        if role == RecordIdRole:
            return v.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            f"{v.starts_at:%a %d %b %H:%M}",
            v.customer,
            v.technician or self.tr("Unassigned"),
            v.service_type,
            v.status,
        )[index.column()]


class SchedulePane(QWidget):
    def __init__(self, registry, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("schedulePane")
        self.week_start = self._monday(clock.today())
        self.title = QLabel(objectName="weekTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        back = QPushButton(self.tr("◀ Previous week"), objectName="weekBack")
        forward = QPushButton(self.tr("Next week ▶"), objectName="weekForward")
        today = QPushButton(self.tr("Today"), objectName="weekToday")
        bar = QHBoxLayout()
        for w in (back, self.title, today, forward):
            bar.addWidget(w)
        bar.insertStretch(2, 1)
        self.model = WeekModel(self)
        self.table = QTableView(objectName="weekTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        back.clicked.connect(lambda: self.move(-7))
        forward.clicked.connect(lambda: self.move(7))
        today.clicked.connect(self.go_today)
        registry.bind(ActionId.WEEK_BACK, lambda: self.move(-7))
        registry.bind(ActionId.WEEK_FORWARD, lambda: self.move(7))
        registry.bind(ActionId.TODAY, self.go_today)
        self.table.doubleClicked.connect(
            lambda index: navigator.customerRequested.emit(self.model.rows[index.row()].customer_id))
        navigator.dataChanged.connect(lambda what: self.refresh() if what in ("visits", "customers") else None)
        self.refresh()

    @staticmethod
    def _monday(day: dt.date) -> dt.date:
        return day - dt.timedelta(days=day.weekday())

    def move(self, days: int) -> None:
        self.week_start += dt.timedelta(days=days)
        self.refresh()

    def go_today(self) -> None:
        self.week_start = self._monday(clock.today())
        self.refresh()

    def refresh(self) -> None:
        start = dt.datetime.combine(self.week_start, dt.time())
        self.title.setText(self.tr("Week of %s") % self.week_start.strftime("%d %B %Y"))
        self.model.load(start, start + dt.timedelta(days=7))
