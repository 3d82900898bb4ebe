"""Small table models for the schedule's dialogs: proposals, plans, staff, time off, products applied."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from servicedesk.core import formatting
from servicedesk.ui.widgets.id_list_model import RecordIdRole


def tr(text: str) -> str:
    return QCoreApplication.translate("Schedule", text)


class RowsModel(QAbstractTableModel):
    """A read-only table over a short list of dataclasses; COLUMNS are (header, function of the row)."""

    COLUMNS: tuple = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.COLUMNS):
            return tr(self.COLUMNS[section][0])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or index.column() >= len(self.COLUMNS):
            return None
        row = self.rows[index.row()]
        if role == RecordIdRole:
            return getattr(row, "id", index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(self.COLUMNS[index.column()][1](row))
        return None


def _when(d) -> str:
    return formatting.format_moment(d, year=True) if d else ""


def _away(a, end: int) -> str:
    """Whole days off as their first and last day; part of a day with its times."""
    days = formatting.whole_days(a.starts_at, a.ends_at)
    if days is not None:
        return formatting.format_short_day(days[end], year=True)
    return _when(a.ends_at if end else a.starts_at)


class ProposalModel(RowsModel):
    COLUMNS = (
        ("Choice", lambda p: {"keep": tr("Own technician, as planned"), "same_technician": tr("Same technician, other day"),
                              "substitute": tr("Someone else, same slot")}.get(p.kind, p.kind)),
        ("Technician", lambda p: p.technician),
        ("When", lambda p: _when(p.starts_at)),
        ("Why", lambda p: p.why),
    )


class PlanModel(RowsModel):
    COLUMNS = (
        ("Service", lambda p: p.service_type),
        ("Rule", lambda p: p.rule_text),
        ("Window", lambda p: f"{formatting.format_time(p.window_start)}–{formatting.format_time(p.window_end)}"),
        ("Technician", lambda p: p.technician or tr("Unassigned")),
        ("From", lambda p: formatting.format_date(p.starts_on)),
        ("Until", lambda p: formatting.format_date(p.ends_on) if p.ends_on else ""),
    )


class StaffModel(RowsModel):
    COLUMNS = (
        ("Name", lambda s: s.name),
        ("Role", lambda s: tr(s.role.replace("_", " "))),
        ("Phone", lambda s: s.phone),
        ("Skills", lambda s: s.skills),
        ("Active", lambda s: tr("yes") if s.active else tr("no")),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 0 \
                and 0 <= index.row() < len(self.rows):
            from PySide6.QtGui import QColor

            return QColor(self.rows[index.row()].color)
        return super().data(index, role)


class TimeOffModel(RowsModel):
    COLUMNS = (
        ("From", lambda a: _away(a, 0)),
        ("Until", lambda a: _away(a, 1)),
        ("Reason", lambda a: tr(a.reason)),
        ("Note", lambda a: a.note),
    )


class TypedRowsModel(QAbstractTableModel):
    """Rows the office types in, one text per column (products applied, pesticide applications, readings)."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None, headers: tuple[str, ...] | None = None):
        super().__init__(parent)
        self.headers = tuple(headers or self.HEADERS)
        self.rows: list[list[str]] = []

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.headers)):
            return tr(self.headers[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if (not index.isValid() or not (0 <= index.row() < len(self.rows))
                or not 0 <= index.column() < len(self.headers)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[index.row()][index.column()]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return False
        self.rows[index.row()][index.column()] = str(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def add(self, *values: str) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append([*values, *("",) * (len(self.headers) - len(values))][:len(self.headers)])
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def filled(self) -> list[tuple[str, ...]]:
        """The rows with anything typed in them."""
        return [tuple(r) for r in self.rows if any(x.strip() for x in r)]


class ProductsModel(TypedRowsModel):
    """Products applied at a visit, typed in by the office: name, amount, location."""

    HEADERS = ("Product", "Amount", "Where")

    def products(self) -> list[tuple[str, str, str]]:
        return self.filled()
