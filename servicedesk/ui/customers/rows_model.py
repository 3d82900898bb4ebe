"""Small editable tables for the profile (sites, contacts, goals, what matters): rows of plain dicts.

The rows are the form's copy: nothing reaches the database until the profile is saved, and
then all of them go in the same transaction as the rest of the profile.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from servicedesk.core import formatting
from servicedesk.ui.widgets.id_list_model import RecordIdRole


class RowsModel(QAbstractTableModel):
    """``columns``: (key, header, editable). ``labels`` turns a stored value into words for display."""

    edited = Signal()

    def __init__(self, columns, labels=None, parent=None):
        super().__init__(parent)
        self.columns = tuple(columns)
        self.labels = labels or {}
        self.rows: list[dict] = []

    def set_rows(self, rows) -> None:
        rows = [dict(r) for r in rows]
        if not rows and not self.rows:
            return  # empty before and after (most customers' contacts and goals): nothing to show anew
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def append(self, row: dict) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(dict(row))
        self.endInsertRows()
        self.edited.emit()
        return position

    def remove(self, position: int) -> None:
        if 0 <= position < len(self.rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self.rows[position]
            self.endRemoveRows()
            self.edited.emit()

    # -- Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                return self.tr(self.columns[section][1])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.columns[index.column()][2] else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()][0]
        if role == RecordIdRole:
            return row.get("id")
        if role == Qt.ItemDataRole.EditRole:
            return str(row.get(key) or "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row.get(key)
            if key in self.labels:
                return self.labels[key](row)
            if isinstance(value, dt.date):
                return formatting.format_date(value)
            return "" if value is None else str(value)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.columns[index.column()][2]:
            return False
        key = self.columns[index.column()][0]
        if self.rows[index.row()].get(key) == value:
            return False
        self.rows[index.row()][key] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.edited.emit()
        return True
