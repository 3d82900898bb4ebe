"""Table models for projects and their milestones. The milestone table edits through the service."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from servicedesk.core import clock, formatting
from servicedesk.core.errors import ConflictError, ServiceError
from servicedesk.core.services import projects
from servicedesk.ui.widgets.id_list_model import RecordIdRole, SortRole

DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole


def short_day(value) -> str:
    return formatting.format_date(value) if value else ""


class ProjectListModel(QAbstractTableModel):
    """The office's projects (a few dozen at most), active ones first."""

    CUSTOMER, NAME, LEAD, STATUS, LAST_LETTER = range(5)
    HEADERS = ("Customer", "Project", "Lead", "Status", "Last letter")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[projects.ProjectInfo] = []
        self.status_filter: tuple[str, ...] | None = projects.WORKED_ON  # paused ones stay, marked on hold

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = projects.list_projects(status=self.status_filter)
        self.endResetModel()

    def row_of(self, project_id: int) -> int:
        return next((i for i, p in enumerate(self.rows) if p.id == project_id), -1)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=DISPLAY):
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p = self.rows[index.row()]
        if role == RecordIdRole:
            return p.id
        if role in (DISPLAY, SortRole):
            return (p.customer, p.name, p.lead or self.tr("no lead"), p.status.replace("_", " "),
                    short_day(p.last_letter_at))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.LEAD and not p.lead:
            return QColor("#a04a1c")
        if role == Qt.ItemDataRole.ForegroundRole and p.status == "on_hold":
            return QColor("#7a6a2a")  # paused: still the customer's project, marked apart from the ones under way
        if role == Qt.ItemDataRole.FontRole and p.status == "on_hold":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and p.status == "on_hold":
            return self.tr("On hold: paused, still the customer's project; no weekly letter while it is paused")
        return None


class MilestoneModel(QAbstractTableModel):
    """One project's milestones; edits go straight to ``projects.update_milestone``.

    A rejected edit changes nothing and is announced through ``problem`` for the view to show; a
    field another PC changed since the rows were read is announced through ``conflict``.
    """

    problem = Signal(str)
    changed = Signal()
    conflict = Signal(object, int, dict, str)  # ConflictError, milestone id, the change not written, its column

    COLUMNS = (
        ("Milestone", "name"), ("Planned start", "planned_start"), ("Planned end", "planned_end"),
        ("Actual start", "actual_start"), ("Actual end", "actual_end"), ("Status", "status"),
        ("Waiting on", "waiting_on"), ("Revised start", "revised_start"), ("Revised end", "revised_end"),
        ("Delay reason (customer sees it)", "delay_reason"), ("Decision needed", "decision_needed"),
        ("Follows", "depends_on"), ("Hold dates", "held"),
    )
    DATE_KEYS = {"planned_start", "planned_end", "actual_start", "actual_end", "revised_start", "revised_end"}
    STATUS, WAITING_ON, FOLLOWS, HELD = 5, 6, 11, 12

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project_id: int | None = None
        self.rows: list[projects.MilestoneInfo] = []

    def load(self, project_id: int | None) -> None:
        self.beginResetModel()
        self.project_id = project_id
        self.rows = projects.milestones(project_id) if project_id else []
        self.endResetModel()

    def reload(self) -> None:
        self.load(self.project_id)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section][0])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == self.HELD:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def earlier(self, row: int) -> list[tuple[int, str]]:
        """(id, name) of the steps before ``row``: the ones it may follow."""
        return [(m.id, m.name) for m in self.rows[:row]]

    def _follows(self, m) -> str:
        names = {x.id: x.name for x in self.rows}
        return ", ".join(names.get(other, "?") + ("" if kind == "finish_to_start" else self.tr(" (same start)"))
                         for other, kind in m.depends_on)

    def data(self, index, role=DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        m = self.rows[index.row()]
        key = self.COLUMNS[index.column()][1]
        value = getattr(m, key)
        if role == RecordIdRole:
            return m.id
        if key == "held":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if m.held else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Keep this step's dates when an earlier step slips")
            return None
        if key == "depends_on":
            if role == EDIT:
                return m.depends_on[0][0] if m.depends_on else 0
            return self._follows(m) if role in (DISPLAY, SortRole) else None
        if role == EDIT:
            return value.isoformat() if isinstance(value, dt.date) else value
        if role == Qt.ItemDataRole.ToolTipRole and key in ("revised_start", "revised_end") and m.moved_by and value:
            cause = next((x.name for x in self.rows if x.id == m.moved_by), "")
            return self.tr("Moved with “%s”, which it follows") % cause
        if role in (DISPLAY, SortRole):
            if key in self.DATE_KEYS:
                return short_day(value)
            if key in ("status", "waiting_on"):
                return value.replace("_", " ")
            return value
        if role == Qt.ItemDataRole.ForegroundRole and key == "status" and m.is_late(clock.today()):
            return QColor("#a04a1c")
        if role == Qt.ItemDataRole.ToolTipRole and key == "planned_end" and m.original_end != m.planned_end:
            return self.tr("First planned for %s") % short_day(m.original_end)
        return None

    def setData(self, index, value, role=EDIT):
        if not index.isValid() or role not in (EDIT, Qt.ItemDataRole.CheckStateRole):
            return False
        if (role == Qt.ItemDataRole.CheckStateRole) != (index.column() == self.HELD):
            return False
        m = self.rows[index.row()]
        key = self.COLUMNS[index.column()][1]
        value = (value or "").strip() if isinstance(value, str) else value
        try:
            if key == "depends_on":
                projects.set_dependencies(m.id, [value] if value else [])
                changes = {}
            elif key == "held":
                changes = {"held": Qt.CheckState(value) == Qt.CheckState.Checked}
            else:
                changes = {key: value if value != "" or key not in self.DATE_KEYS else None}
            if changes:  # what this row showed: a field changed meanwhile on another PC is not written over
                projects.update_milestone(m.id, seen={key: getattr(m, key)}, **changes)
        except ConflictError as exc:
            self.conflict.emit(exc, m.id, changes, self.tr(self.COLUMNS[index.column()][0]))
            return False
        except ServiceError as exc:
            self.problem.emit(str(exc))
            return False
        self.refresh_after_change()
        return True

    def keep_mine(self, milestone_id: int, changes: dict, version: int) -> None:
        """After a conflict: save this change over the other PC's, as long as the step is still at ``version``."""
        projects.update_milestone(milestone_id, expected_version=version, **changes)
        self.refresh_after_change()

    def refresh_after_change(self) -> None:
        # a slip carries to the steps after it: show them as they are now
        self.rows = projects.milestones(self.project_id)
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.changed.emit()
