"""The main window: three panes, the menus from the action registry, and remembered geometry."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget

from servicedesk import APP_NAME, paths, __version__
from servicedesk.ui import settings
from servicedesk.ui.actions import MENUS, ActionId, ActionRegistry
from servicedesk.ui.communication.pane import CommunicationPane
from servicedesk.ui.customers.pane import CustomersPane
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.reports.pane import ReportsPane
from servicedesk.ui.schedule.pane import SchedulePane
from servicedesk.ui.widgets import sizing


class MainWindow(QMainWindow):
    CUSTOMERS, SCHEDULE, COMMUNICATION, REPORTS = range(4)

    def __init__(self, database_path=None, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.database_path = database_path
        self.setWindowTitle(f"{APP_NAME} — {paths.shown(database_path)}" if database_path else APP_NAME)
        self.navigator = Navigator(self)
        self.actions_ = ActionRegistry(self)

        self.tabs = QTabWidget(objectName="paneTabs")
        self.tabs.setDocumentMode(True)
        self.customers = CustomersPane(self.actions_, self.navigator, self)
        self.schedule = SchedulePane(self.actions_, self.navigator, self)
        self.communication = CommunicationPane(self.actions_, self.navigator, self)
        self.reports = ReportsPane(self.actions_, self.navigator, self)  # works its report out when first shown
        self.tabs.addTab(self.customers, self.tr("Customers"))
        self.tabs.addTab(self.schedule, self.tr("Schedule"))
        self.tabs.addTab(self.communication, self.tr("Communication"))
        self.tabs.addTab(self.reports, self.tr("Reports"))
        self.setCentralWidget(self.tabs)
        self.communication.customer_source = self.customers.selected_customer_id
        self.communication.countChanged.connect(self._communication_count)
        self._communication_count(self.communication.queue_model.rowCount())  # the pane read its queue already

        self._build_menus()
        self.status = QLabel(objectName="statusText")
        self.statusBar().addPermanentWidget(self.status)
        self.navigator.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.navigator.customerRequested.connect(lambda _id: self.tabs.setCurrentIndex(self.CUSTOMERS))
        for shown_on_schedule in (self.navigator.projectRequested, self.navigator.visitRequested):
            shown_on_schedule.connect(lambda _id: self.tabs.setCurrentIndex(self.SCHEDULE))
        self.status.setText(self.tr("Database: %s") % (paths.shown(database_path) if database_path else ""))
        self.restore_state()

    # -- menus and actions
    def _build_menus(self) -> None:
        a = self.actions_
        a.bind(ActionId.QUIT, self.close)
        a.bind(ActionId.ABOUT, self.show_about)
        a.bind(ActionId.PREFERENCES, self.show_preferences)
        a.bind(ActionId.SHOW_CUSTOMERS, lambda: self.tabs.setCurrentIndex(self.CUSTOMERS))
        a.bind(ActionId.SHOW_SCHEDULE, lambda: self.tabs.setCurrentIndex(self.SCHEDULE))
        a.bind(ActionId.SHOW_COMMUNICATION, lambda: self.tabs.setCurrentIndex(self.COMMUNICATION))
        a.bind(ActionId.SHOW_REPORTS, lambda: self.tabs.setCurrentIndex(self.REPORTS))
        a.bind(ActionId.SAVE_REPORT, self._save_report)
        a.bind(ActionId.APPLICATION_LOG, self._application_log)
        a.bind(ActionId.REFRESH, lambda: self.navigator.dataChanged.emit("all"))
        titles = {"File": "&File", "Edit": "&Edit", "View": "&View", "Customer": "&Customer",
                  "Schedule": "&Schedule", "Help": "&Help"}
        for menu_name in MENUS:
            menu = self.menuBar().addMenu(self.tr(titles[menu_name]))
            menu.setObjectName(f"menu{menu_name}")
            for action in a.in_menu(menu_name):
                if action.objectName() in (ActionId.QUIT.value, ActionId.PREFERENCES.value):
                    menu.addSeparator()
                menu.addAction(action)
            self.addActions(a.in_menu(menu_name))

    def _save_report(self) -> None:
        self.tabs.setCurrentIndex(self.REPORTS)  # shown first: it works out the report if it has none yet
        self.reports.save_pdf()

    def _application_log(self) -> None:
        self.tabs.setCurrentIndex(self.REPORTS)
        self.reports.save_application_log()

    def _communication_count(self, count: int) -> None:
        text = self.tr("Communication")
        self.tabs.setTabText(self.COMMUNICATION, f"{text} ({count})" if count else text)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ServiceDesk"),
            self.tr("<h3>ServiceDesk %s</h3><p>Customers, schedule and communication for a small "
                    "service office: every customer a person, every concern answered.</p>") % __version__,
        )

    def show_preferences(self) -> None:
        from servicedesk.ui.preferences import show_preferences

        show_preferences(self, on_saved=lambda: self.navigator.dataChanged.emit("office"))

    # -- window state
    def restore_state(self) -> None:
        geometry = settings.load_state("geometry")
        area = sizing.available(self)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            pass  # as it was left, maximised or not (Qt fits a window from a larger screen to this one)
        else:  # the first start: the whole screen the taskbar leaves, status bar in sight
            self.setGeometry(area.adjusted(0, sizing.TITLE_BAR, 0, 0))
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        split = settings.load_state("customersSplitter")
        if isinstance(split, QByteArray):
            self.customers.splitter.restoreState(split)
        columns = settings.load_state("customerColumns")
        if isinstance(columns, QByteArray):
            self.customers.table.horizontalHeader().restoreState(columns)
        tab = settings.load_state("tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))

    def save_state(self) -> None:
        settings.save_state("geometry", self.saveGeometry())
        settings.save_state("customersSplitter", self.customers.splitter.saveState())
        settings.save_state("customerColumns", self.customers.table.horizontalHeader().saveState())
        settings.save_state("tab", self.tabs.currentIndex())

    def closeEvent(self, event) -> None:
        if not self.customers.profile.confirm_leave():  # unsaved changes to a customer: ask first
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
