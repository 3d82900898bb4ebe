"""One registry of every action: id, text, shortcut, menu and objectName.

Panes bind handlers with ``registry.bind(ActionId.X, handler)``; an action with no handler
stays disabled, so nothing in the menus pretends to work.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


def tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


class ActionId(str, Enum):
    NEW_CUSTOMER = "actionNewCustomer"
    IMPORT_CUSTOMERS = "actionImportCustomers"
    IMPORT_VISITS = "actionImportVisits"
    EXPORT_CUSTOMERS = "actionExportCustomers"
    PRINT_WEEK_LETTERS = "actionPrintWeekLetters"
    BACKUP = "actionBackup"
    RESTORE = "actionRestore"
    QUIT = "actionQuit"
    FIND = "actionFind"
    SAVE = "actionSave"
    PREFERENCES = "actionPreferences"
    SHOW_CUSTOMERS = "actionShowCustomers"
    SHOW_SCHEDULE = "actionShowSchedule"
    SHOW_COMMUNICATION = "actionShowCommunication"
    SHOW_REPORTS = "actionShowReports"
    SAVE_REPORT = "actionSaveReport"
    APPLICATION_LOG = "actionApplicationLog"
    REFRESH = "actionRefresh"
    ADD_WHAT_MATTERS = "actionAddWhatMatters"
    LOG_INTERACTION = "actionLogInteraction"
    NEW_CONCERN = "actionNewConcern"
    NEW_FOLLOW_UP = "actionNewFollowUp"
    WEEK_BACK = "actionWeekBack"
    WEEK_FORWARD = "actionWeekForward"
    TODAY = "actionToday"
    ASSIGN_TECHNICIAN = "actionAssignTechnician"
    COMPLETE_VISIT = "actionCompleteVisit"
    SERVICE_PLANS = "actionServicePlans"
    TECHNICIANS = "actionTechnicians"
    EXPORT_ICS = "actionExportIcs"
    NEW_PROJECT = "actionNewProject"
    VISIT_SUMMARY = "actionVisitSummary"
    ABOUT = "actionAbout"


@dataclass(frozen=True)
class Spec:
    text: str
    menu: str
    shortcut: QKeySequence.StandardKey | str | None = None


SPECS: dict[ActionId, Spec] = {
    ActionId.NEW_CUSTOMER: Spec("&New Customer…", "File", QKeySequence.StandardKey.New),
    ActionId.IMPORT_CUSTOMERS: Spec("&Import Customers…", "File"),
    ActionId.IMPORT_VISITS: Spec("Import &Visits…", "File"),
    ActionId.EXPORT_CUSTOMERS: Spec("&Export Customers…", "File"),
    ActionId.PRINT_WEEK_LETTERS: Spec("Print This &Week's Letters…", "File", "Ctrl+Shift+P"),
    ActionId.SAVE_REPORT: Spec("Save Monthly Re&port as PDF…", "File"),
    ActionId.APPLICATION_LOG: Spec("Pesticide &Application Log…", "File"),
    ActionId.BACKUP: Spec("&Back Up Now", "File"),
    ActionId.RESTORE: Spec("&Restore from Backup…", "File"),
    ActionId.QUIT: Spec("&Quit", "File", QKeySequence.StandardKey.Quit),
    ActionId.FIND: Spec("&Find Customer", "Edit", QKeySequence.StandardKey.Find),
    ActionId.SAVE: Spec("&Save", "Edit", QKeySequence.StandardKey.Save),
    ActionId.PREFERENCES: Spec("&Preferences…", "Edit", QKeySequence.StandardKey.Preferences),
    ActionId.SHOW_CUSTOMERS: Spec("&Customers", "View", "Ctrl+1"),
    ActionId.SHOW_SCHEDULE: Spec("&Schedule", "View", "Ctrl+2"),
    ActionId.SHOW_COMMUNICATION: Spec("C&ommunication", "View", "Ctrl+3"),
    ActionId.SHOW_REPORTS: Spec("&Reports", "View", "Ctrl+4"),
    ActionId.REFRESH: Spec("Re&fresh", "View", QKeySequence.StandardKey.Refresh),
    ActionId.ADD_WHAT_MATTERS: Spec("Add What &Matters…", "Customer", "Ctrl+M"),
    ActionId.LOG_INTERACTION: Spec("&Log Interaction…", "Customer", "Ctrl+L"),
    ActionId.NEW_CONCERN: Spec("Record a &Concern…", "Customer", "Ctrl+K"),
    ActionId.NEW_FOLLOW_UP: Spec("Set a &Follow-up…", "Customer", "Ctrl+U"),
    ActionId.WEEK_BACK: Spec("Previous &Week", "Schedule", "Alt+Left"),
    ActionId.WEEK_FORWARD: Spec("&Next Week", "Schedule", "Alt+Right"),
    ActionId.TODAY: Spec("&Today", "Schedule", "Ctrl+T"),
    ActionId.ASSIGN_TECHNICIAN: Spec("&Assign Technician…", "Schedule", "Ctrl+Shift+A"),
    ActionId.COMPLETE_VISIT: Spec("&Complete Visit…", "Schedule", "Ctrl+Shift+C"),
    ActionId.SERVICE_PLANS: Spec("Service &Plans…", "Schedule"),
    ActionId.TECHNICIANS: Spec("T&echnicians and Time Off…", "Schedule"),
    ActionId.EXPORT_ICS: Spec("Export Technician's Schedule (.ics)…", "Schedule"),
    ActionId.NEW_PROJECT: Spec("New P&roject…", "Schedule"),
    ActionId.VISIT_SUMMARY: Spec("Visit &Summary (PDF)…", "Schedule"),
    ActionId.ABOUT: Spec("&About ServiceDesk", "Help"),
}

MENUS = ("File", "Edit", "View", "Customer", "Schedule", "Help")


class ActionRegistry(QObject):
    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._actions: dict[ActionId, QAction] = {}
        self._handlers: dict[ActionId, object] = {}
        self._later: dict[ActionId, object] = {}
        for action_id, spec in SPECS.items():
            action = QAction(tr(spec.text), parent)
            action.setObjectName(action_id.value)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.setEnabled(False)
            self._actions[action_id] = action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def bind(self, action_id: ActionId, handler) -> QAction:
        action = self._actions[action_id]
        stub = self._later.pop(action_id, None)
        if stub is not None:  # the pane that owns it is built now: its handler replaces the stand-in
            action.triggered.disconnect(stub)
        action.triggered.connect(lambda _checked=False: handler())
        self._handlers[action_id] = handler
        action.setEnabled(True)
        return action

    def bind_later(self, action_ids, build) -> None:
        """Actions of a pane not built yet: the first use builds it (which binds them) and then runs the action."""
        for action_id in action_ids:
            def stand_in(_checked=False, action_id=action_id):
                build()
                handler = self._handlers.get(action_id)
                if handler is not None:
                    handler()

            self._later[action_id] = stand_in
            self._actions[action_id].triggered.connect(stand_in)
            self._actions[action_id].setEnabled(True)

    def in_menu(self, menu: str) -> list[QAction]:
        return [self._actions[a] for a, spec in SPECS.items() if spec.menu == menu]

    def all(self) -> list[QAction]:
        return list(self._actions.values())
