"""The customer's projects on their profile: where each stands, what comes next, anything late.

A double-click, Enter or "Open in Schedule" opens the project in the Schedule pane's Projects page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core import formatting
from servicedesk.ui.widgets.frozen_rows import RowsModel
from servicedesk.ui.widgets.id_list_model import RecordIdRole

if TYPE_CHECKING:
    from servicedesk.core.services.projects import ProjectGlance

STATUS_LABELS = {"planned": "Planned", "active": "Under way", "on_hold": "On hold", "completed": "Completed",
                 "cancelled": "Cancelled"}
LATE_COLOR = "#c62828"
LATE_NAMED = 2  # late milestones named in the row; the rest are counted


class CustomerProjectsModel(RowsModel):
    NAME, STATUS, NEXT, LATE = range(4)
    HEADERS = ("Project", "Status", "Next milestone", "Late")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.customer_id: int | None = None

    def load_rows(self) -> list:
        if not self.customer_id:
            return []
        from servicedesk.core.services import projects  # loaded with the first profile that shows them

        return projects.for_customer(self.customer_id)

    def cell(self, p: ProjectGlance, column: int) -> str:
        if column == self.NAME:
            return p.name
        if column == self.STATUS:
            return self.tr(STATUS_LABELS.get(p.status, p.status))
        if column == self.NEXT:
            if not p.next_milestone:
                return self.tr("all milestones done")
            return f"{p.next_milestone} — " + (formatting.format_date(p.next_date) if p.next_date else self.tr("no date yet"))
        if not p.late:
            return self.tr("nothing late")
        shown = ", ".join(p.late[:LATE_NAMED])
        return shown + (self.tr(" and %n more", "", len(p.late) - LATE_NAMED) if len(p.late) > LATE_NAMED else "")

    def style(self, p: ProjectGlance, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.LATE and p.late:
            return QColor(LATE_COLOR)
        return None


class CustomerProjects(QWidget):
    """The profile's Projects tab."""

    def __init__(self, navigator, parent=None):
        super().__init__(parent)
        self.navigator = navigator
        self.customer_id: int | None = None
        self.model = CustomerProjectsModel(self)
        self.table = QTableView(objectName="customerProjects")
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CustomerProjectsModel.LATE, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(objectName="customerProjectsNote")
        self.open_button = QPushButton(self.tr("Open in Schedule ▸ Projects"), objectName="openCustomerProject")
        self.open_button.clicked.connect(self.open_current)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        row = QHBoxLayout()
        row.addWidget(self.empty, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        navigator.dataChanged.connect(lambda what: self.load(self.customer_id) if what.startswith("projects") else None)

    def load(self, customer_id: int | None) -> int:
        """Show this customer's projects; returns how many there are."""
        self.customer_id = self.model.customer_id = customer_id
        self.model.load()
        count = self.model.rowCount()
        self.empty.setText(self.tr("Double-click or Enter opens the project in the Schedule pane.") if count
                           else self.tr("No projects for this customer."))
        self.open_button.setEnabled(count > 0)
        if count:
            self.table.selectRow(0)
        return count

    def open_current(self) -> None:
        index = self.table.currentIndex()
        project_id = index.data(RecordIdRole) if index.isValid() else None
        if project_id is not None:
            self.navigator.projectRequested.emit(project_id)
