"""The Communication pane: today's queue of who is waiting for the office (read-only overview)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from servicedesk.core.services import communication
from servicedesk.ui.widgets.id_list_model import RecordIdRole


class QueueModel(QAbstractTableModel):
    HEADERS = ("Why", "Customer", "Since")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[communication.QueueItem] = []

    def load(self) -> None:
        self.beginResetModel()
        self.items = communication.unacknowledged_concerns() + communication.open_follow_ups()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        item = self.items[index.row()]
        if role == RecordIdRole:
            return item.record_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        kind = self.tr("Concern not acknowledged") if item.kind == "concern" else self.tr("Follow-up due")
        return (f"{kind}: {item.why}", item.customer, str(item.since or ""))[index.column()]


class CommunicationPane(QWidget):
    countChanged = Signal(int)

    def __init__(self, registry, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("communicationPane")
        title = QLabel(self.tr("Today's queue"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.model = QueueModel(self)
        self.table = QTableView(objectName="todayQueue")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table)
        self.table.doubleClicked.connect(
            lambda index: navigator.customerRequested.emit(self.model.items[index.row()].customer_id))
        navigator.dataChanged.connect(lambda _what: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.model.load()
        self.table.resizeColumnToContents(0)
        self.countChanged.emit(len(self.model.items))
