"""The main window: three panes, the menus from the action registry, and remembered geometry.

Only the Customers pane is built before the window first paints. The Schedule and
Communication panes (and their modules) are built when first shown, or when one of their
actions or a request for a visit or project needs them. Once the window has painted, the rest
of the customer list is read and today's queue counted on worker threads, the Communication
tab saying "counting…" meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from servicedesk import APP_NAME, paths, __version__
from servicedesk.core.errors import ServiceError
from servicedesk.ui import operations, settings
from servicedesk.ui.actions import MENUS, ActionId, ActionRegistry
from servicedesk.ui.customers.pane import CustomersPane
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.widgets import sizing

SCHEDULE_ACTIONS = (ActionId.WEEK_BACK, ActionId.WEEK_FORWARD, ActionId.TODAY, ActionId.ASSIGN_TECHNICIAN,
                    ActionId.COMPLETE_VISIT, ActionId.SERVICE_PLANS, ActionId.TECHNICIANS, ActionId.EXPORT_ICS,
                    ActionId.NEW_PROJECT, ActionId.PRINT_WEEK_LETTERS, ActionId.VISIT_SUMMARY)
COMMUNICATION_ACTIONS = (ActionId.LOG_INTERACTION, ActionId.NEW_CONCERN, ActionId.NEW_FOLLOW_UP)
OUTBOX_AFTER_MS = 2000  # the outbox starts sending this long after the window first shows
PAINTED_AT_LATEST_MS = 1000  # a window shown but never painted (minimised, say) starts counting after this


def _count_queue(_step) -> int:
    from servicedesk.core.services import communication

    communication.housekeeping()
    return communication.count_today()


class MainWindow(QMainWindow):
    CUSTOMERS, SCHEDULE, COMMUNICATION, REPORTS = range(4)
    figuresReady = Signal()  # every pane's figures shown: the list's count and today's queue
    firstPainted = Signal()  # the window has painted (the customer list on screen) and the event loop is idle again

    def __init__(self, database_path=None, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.database_path = database_path
        self.setWindowTitle(f"{APP_NAME} — {paths.shown(database_path)}" if database_path else APP_NAME)
        self.navigator = Navigator(self)
        self.actions_ = ActionRegistry(self)

        self.tabs = QTabWidget(objectName="paneTabs")
        self.tabs.setDocumentMode(True)
        self.customers = CustomersPane(self.actions_, self.navigator, self, hold_rest=True)
        self._panes: dict[int, QWidget] = {}
        self.tabs.addTab(self.customers, self.tr("Customers"))
        for index, title in ((self.SCHEDULE, self.tr("Schedule")), (self.COMMUNICATION, self.tr("Communication")),
                             (self.REPORTS, self.tr("Reports"))):
            holder = QWidget(objectName=f"paneHolder{index}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, title)
        self.actions_.bind_later(SCHEDULE_ACTIONS, lambda: self.schedule)
        self.actions_.bind_later(COMMUNICATION_ACTIONS, lambda: self.communication)
        self.tabs.currentChanged.connect(self._pane_shown)
        self.setCentralWidget(self.tabs)
        self._waiting = {"customers", "queue"}
        self._counting: operations.Operation | None = None
        self._count_again = False
        self._first_shown = False
        self._painted = False
        self._communication_count(None)
        if self.customers.count_known():
            self._figure_ready("customers")
        else:
            self.customers.countKnown.connect(lambda: self._figure_ready("customers"))

        self._build_menus()
        self.status = QLabel(objectName="statusText")
        self.statusBar().addPermanentWidget(self.status)
        self.navigator.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.navigator.customerRequested.connect(lambda _id: self.tabs.setCurrentIndex(self.CUSTOMERS))
        for shown_on_schedule in (self.navigator.projectRequested, self.navigator.visitRequested):
            shown_on_schedule.connect(lambda record_id, signal=shown_on_schedule: self._to_schedule(signal, record_id))
        self.navigator.dataChanged.connect(lambda _what: None if self.COMMUNICATION in self._panes
                                           else self._count_later())
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

    # -- panes built when first needed
    @property
    def schedule(self):
        return self._pane(self.SCHEDULE)

    @property
    def communication(self):
        return self._pane(self.COMMUNICATION)

    @property
    def reports(self):
        return self._pane(self.REPORTS)

    def _save_report(self) -> None:
        self.tabs.setCurrentIndex(self.REPORTS)  # shown first: it works out the report if it has none yet
        self.reports.save_pdf()

    def _application_log(self) -> None:
        self.tabs.setCurrentIndex(self.REPORTS)
        self.reports.save_application_log()

    def _pane(self, index: int):
        pane = self._panes.get(index)
        if pane is None:
            holder = self.tabs.widget(index)
            pane = self._panes[index] = self._build(index, holder)
            holder.layout().addWidget(pane)
            if holder.isVisible():  # shown now; otherwise with its tab
                pane.show()
        return pane

    def _build(self, index: int, holder: QWidget):
        if index == self.SCHEDULE:
            from servicedesk.ui.schedule.pane import SchedulePane

            return SchedulePane(self.actions_, self.navigator, holder)
        if index == self.REPORTS:
            from servicedesk.ui.reports.pane import ReportsPane

            return ReportsPane(self.actions_, self.navigator, holder)  # works its report out when first shown
        from servicedesk.ui.communication.pane import CommunicationPane

        pane = CommunicationPane(self.actions_, self.navigator, holder)
        pane.customer_source = self.customers.selected_customer_id
        pane.countChanged.connect(self._communication_count)
        if self._counting is not None:
            self._counting.cancel()
            self._counting = None
        self._communication_count(pane.queue_model.rowCount())  # the pane read its queue already
        return pane

    def _pane_shown(self, index: int) -> None:
        if index in (self.SCHEDULE, self.COMMUNICATION, self.REPORTS):
            self._pane(index)

    def _to_schedule(self, signal, record_id: int) -> None:
        if self.SCHEDULE not in self._panes:  # built now, then asked again so that it shows the record
            self._pane(self.SCHEDULE)
            signal.emit(record_id)
            return
        self.tabs.setCurrentIndex(self.SCHEDULE)

    # -- figures counted after the first paint
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._first_shown:
            self._first_shown = True
            QTimer.singleShot(PAINTED_AT_LATEST_MS, self, self._after_first_paint)  # not after the window is gone
            QTimer.singleShot(OUTBOX_AFTER_MS, self, self._start_outbox)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._first_shown and not self._painted:
            QTimer.singleShot(0, self, self._after_first_paint)  # once this paint is on the screen

    def _after_first_paint(self) -> None:
        if self._painted:
            return
        self._painted = True
        self.firstPainted.emit()
        self.customers.model.release_rest()
        self._count_later()

    def _start_outbox(self) -> None:
        """Mail goes out every minute while the window is open (reminders fall due), whether or not the
        Communication tab was opened: with a mail account set up, its pane (which sends) is built."""
        from servicedesk.core.services.mail import settings as mail_settings
        from servicedesk.core.store.db import is_read_only

        try:
            wanted = mail_settings.get().configured and not is_read_only()
        except ServiceError:
            return
        if wanted:
            self._pane(self.COMMUNICATION)

    def _count_later(self) -> None:
        if self.COMMUNICATION in self._panes:
            return
        if self._counting is not None:  # something changed while counting: count again once it is done
            self._count_again = True
            return
        self._count_again = False
        self._communication_count(None)
        self._counting = operations.run(self, _count_queue, self._counted, self._count_failed, name="countQueue")

    def _counted(self, count: int) -> None:
        if self._counting is None or self._counting.cancelled:
            return
        self._counting = None
        if self.COMMUNICATION not in self._panes:
            self._communication_count(count)
            if self._count_again:
                self._count_later()

    def _count_failed(self, exc: BaseException) -> None:
        self._counting = None
        self.tabs.setTabText(self.COMMUNICATION, self.tr("Communication"))
        self.navigator.statusMessage.emit(str(exc))
        self._figure_ready("queue")

    def _communication_count(self, count: int | None) -> None:
        """The tab's title with today's queue: "counting…" until it is known."""
        text = self.tr("Communication")
        if count is None:
            self.tabs.setTabText(self.COMMUNICATION, self.tr("%s (counting…)") % text)
            return
        self.tabs.setTabText(self.COMMUNICATION, f"{text} ({count})" if count else text)
        self._figure_ready("queue")

    def _figure_ready(self, name: str) -> None:
        if name in self._waiting:
            self._waiting.discard(name)
            if not self._waiting:
                self.figuresReady.emit()

    def figures_ready(self) -> bool:
        return not self._waiting

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ServiceDesk"),
            self.tr("<h3>ServiceDesk %s</h3><p>Customers, schedule and communication for a small "
                    "service office: every customer a person, every concern answered.</p>") % __version__,
        )

    def show_preferences(self) -> None:
        from servicedesk.ui.preferences import show_preferences

        show_preferences(self, on_saved=lambda: (self.navigator.dataChanged.emit("office"), self._start_outbox()))

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

    def confirm_close(self) -> bool:
        """Nothing typed in the window is lost by closing it: each pane holding something typed and not saved
        (a customer's profile, a project step's open cell, a template) is shown and asked about in turn: saved
        (the window stays open if the save is refused), discarded, or Cancel, which keeps the window open."""
        shown = self.tabs.currentIndex()
        panes = {self.CUSTOMERS: self.customers, **self._panes}
        for index in sorted(panes):
            pane = panes[index]
            if hasattr(pane, "has_unsaved") and pane.has_unsaved():
                self.tabs.setCurrentIndex(index)
                if not pane.confirm_leave():
                    return False
        self.tabs.setCurrentIndex(shown)  # the window remembers the pane it was left on
        return True

    def closeEvent(self, event) -> None:  # the title bar's close button, Alt+F4, File > Quit
        if not self.confirm_close():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
