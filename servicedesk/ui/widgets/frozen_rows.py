"""A table over a list of frozen rows, for the Communication pane's lists and a customer's projects.

Kept apart from the Communication pane's models so that a profile can show its projects without
loading what the queue needs.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from servicedesk.ui.widgets.id_list_model import RecordIdRole, SortRole


def tr(text: str) -> str:
    return QCoreApplication.translate("Communication", text)


class RowsModel(QAbstractTableModel):
    """A table over a list of frozen rows; subclasses give HEADERS, ``load_rows``, ``cell`` and ``row_id``."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def load_rows(self) -> list:
        raise NotImplementedError

    def cell(self, row, column: int) -> str:
        raise NotImplementedError

    def row_id(self, row) -> int:
        return row.id

    def style(self, row, column: int, role):
        return None

    def load(self) -> None:
        self.beginResetModel()
        self.rows = self.load_rows()
        self.endResetModel()

    def row_at(self, index_or_row):
        row = index_or_row.row() if isinstance(index_or_row, QModelIndex) else index_or_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell(row, index.column())
        if role == RecordIdRole:
            return self.row_id(row)
        return self.style(row, index.column(), role)
