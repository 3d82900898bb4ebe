"""The Communication pane: who is waiting for the office, first thing first.

Today's queue opens on top with a one-line "start here"; beside it the concerns with their
clocks, the customers at risk, and the message templates. Double-clicking a row opens the
customer; Enter (or "Do it") acts on the record itself: acknowledge a concern by logging the
call back, send or print a queued notice, close a follow-up, open a project for its letter.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core import clock, formatting, session
from servicedesk.core.errors import ConflictError, ServiceError
from servicedesk.core.services import communication, concerns, customers, followups, health, technicians, templates
from servicedesk.ui import settings
from servicedesk.ui.actions import ActionId
from servicedesk.ui.communication.dialogs import (
    ConcernDialog,
    desk_default,
    FollowUpDialog,
    LogInteractionDialog,
    date_edit,
    py_date,
)
from servicedesk.ui.communication.draft import DraftDialog
from servicedesk.ui.communication.follow_up_done import FollowUpDoneDialog
from servicedesk.ui.communication.customer_panel import CustomerPanel
from servicedesk.ui.communication.models import QUEUE_FILTERS, AtRiskModel, ConcernModel, QueueModel
from servicedesk.ui.communication.models import tr as queue_tr
from servicedesk.ui.communication.outbox_tab import OutboxTab
from servicedesk.ui.communication.resolve_dialog import ResolveDialog
from servicedesk.ui.communication.snooze_dialog import SnoozeDialog
from servicedesk.ui.communication.templates_editor import TemplatesEditor
from servicedesk.ui.widgets.conflict import ConflictDialog

REPORT_DAYS = 30
ROWS_MEASURED = 60
MOST_CHARACTERS = 40  # the widest a column of names or dates grows, in average characters


def _table(name: str, model, stretch: int) -> QTableView:
    table = QTableView(objectName=name)
    table.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.setAlternatingRowColors(False)
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(ROWS_MEASURED)  # a long list is sized from its first rows only
    # a name typed as one endless word is cut short rather than pushing the other columns out of sight;
    # the stretched column takes the rest of the width all the same
    header.setMaximumSectionSize(table.fontMetrics().averageCharWidth() * MOST_CHARACTERS)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # two lines a row: no measuring thousands of rows
    rows.setDefaultSectionSize(table.fontMetrics().lineSpacing() * 2 + 8)
    return table


def _button(text: str, name: str, slot, row: QHBoxLayout) -> QPushButton:
    button = QPushButton(text, objectName=name)
    button.clicked.connect(slot)
    row.addWidget(button)
    return button


class CommunicationPane(QWidget):
    countChanged = Signal(int)

    def __init__(self, registry, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("communicationPane")
        self.navigator = navigator
        self.current_customer: int | None = navigator.last_customer  # the customer last opened anywhere
        # Whoever shows a customer (the Customers pane's profile) may offer it: () -> id or None.
        self.customer_source = None
        self.dialog = None  # the dialog open now, for whoever wants to drive it

        self.title = QLabel(objectName="queueTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.start_here = QLabel(objectName="startHere")
        self.start_here.setWordWrap(True)
        self.start_here.setTextFormat(Qt.TextFormat.PlainText)
        self.start_state = ""
        actions = QHBoxLayout()
        _button(self.tr("&Log interaction…  Ctrl+L"), "logInteraction", lambda: self.log_interaction(), actions)
        _button(self.tr("Record a &concern…  Ctrl+K"), "newConcern", lambda: self.new_concern(), actions)
        _button(self.tr("Set a &follow-up…  Ctrl+U"), "newFollowUp", lambda: self.new_follow_up(), actions)
        actions.addStretch(1)
        self.desk = QComboBox(objectName="deskStaff")
        self.desk.setToolTip(self.tr("Who is at the desk: recorded on what you log and acknowledge"))
        actions.addWidget(QLabel(self.tr("At the desk:")))
        actions.addWidget(self.desk)
        self._load_desk()
        self.desk.currentIndexChanged.connect(self._desk_changed)

        self.tabs = QTabWidget(objectName="communicationTabs")
        self.tabs.addTab(self._queue_tab(), self.tr("Today"))
        self.tabs.addTab(self._concerns_tab(), self.tr("Concerns"))
        self.tabs.addTab(self._risk_tab(), self.tr("At risk"))
        self.templates = TemplatesEditor(navigator, self)
        self.tabs.addTab(self.templates, self.tr("Templates"))
        self.outbox = OutboxTab(navigator, _table, self)
        self.tabs.addTab(self.outbox, self.tr("Outbox"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.start_here)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)

        registry.bind(ActionId.LOG_INTERACTION, lambda: self.log_interaction())
        registry.bind(ActionId.NEW_CONCERN, lambda: self.new_concern())
        registry.bind(ActionId.NEW_FOLLOW_UP, lambda: self.new_follow_up())
        navigator.customerRequested.connect(self._remember_customer)
        navigator.dataChanged.connect(lambda _what: self.refresh())
        self.refresh()

    # -- building the tabs
    def _queue_tab(self) -> QWidget:
        self.queue_model = QueueModel(self)
        self.queue_model.grouped = settings.preference("queueGrouped", "true") in (True, "true")
        self.queue = _table("todayQueue", self.queue_model, QueueModel.WHY)
        self.queue.doubleClicked.connect(lambda index: self._open_customer(self.queue_model.row_at(index)))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.queue, activated=self.handle_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.queue.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_at_hand())
        self.queue_filter = QComboBox(objectName="queueFilter")
        self.queue_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.queue_group = QCheckBox(self.tr("Each customer's rows together (one call)"), objectName="queueGroup")
        self.queue_group.setChecked(self.queue_model.grouped)
        self.queue_filter.currentIndexChanged.connect(lambda _i: self._queue_view_changed())
        self.queue_group.toggled.connect(lambda _on: self._queue_view_changed())
        shown = QHBoxLayout()
        label = QLabel(self.tr("&Show:"))
        label.setBuddy(self.queue_filter)
        shown.addWidget(label)
        shown.addWidget(self.queue_filter)
        shown.addWidget(self.queue_group)
        shown.addStretch(1)
        row = QHBoxLayout()
        _button(self.tr("&Do it…  (Enter)"), "handleItem", self.handle_current, row)
        _button(self.tr("Open the c&ustomer"), "openCustomer",
                lambda: self._open_customer(self.queue_model.row_at(self.queue.currentIndex())), row)
        _button(self.tr("&Put off…"), "snoozeRow", self.snooze_current, row)
        row.addStretch(1)
        left = self._tab(self.queue, row)
        left.layout().insertLayout(0, shown)
        left.layout().setContentsMargins(0, 0, 0, 0)
        self.at_hand = CustomerPanel(self)
        split = QSplitter(Qt.Orientation.Horizontal, objectName="queueSplitter")
        split.addWidget(left)
        split.addWidget(self.at_hand)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([900, 380])
        tab = QWidget()
        QVBoxLayout(tab).addWidget(split)
        return tab

    def _concerns_tab(self) -> QWidget:
        self.concern_model = ConcernModel(self)
        self.concern_table = _table("concernList", self.concern_model, ConcernModel.WORDS)
        self.concern_table.doubleClicked.connect(
            lambda index: self._open_customer(self.concern_model.row_at(index)))
        row = QHBoxLayout()
        _button(self.tr("&Acknowledge"), "acknowledgeConcern", self.acknowledge_current, row)
        _button(self.tr("&Resolve…"), "resolveConcern", self.resolve_current, row)
        _button(self.tr("A&pology letter…"), "apologyDraft", self.apology_current, row)
        self.show_resolved = QCheckBox(self.tr("Show resolved"), objectName="showResolved")
        self.show_resolved.toggled.connect(self._toggle_resolved)
        row.addWidget(self.show_resolved)
        row.addStretch(1)
        self.report = QLabel(objectName="concernReport")
        self.report.setWordWrap(True)
        self.report_day = clock.today()  # the day the period last ended on, while it follows the days
        self.report_from = date_edit(self.report_day - dt.timedelta(days=REPORT_DAYS - 1), "reportFrom")
        self.report_to = date_edit(self.report_day, "reportTo")
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Report from")))
        period.addWidget(self.report_from)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.report_to)
        period.addWidget(self.report, 1)
        for edit in (self.report_from, self.report_to):
            edit.dateChanged.connect(lambda _d: self.report.setText(self._report_text()))
        tab = self._tab(self.concern_table, row)
        tab.layout().addLayout(period)
        return tab

    def _risk_tab(self) -> QWidget:
        self.risk_model = AtRiskModel(self)
        self.risk_table = _table("atRiskList", self.risk_model, AtRiskModel.REASONS)
        self.risk_table.doubleClicked.connect(lambda index: self._open_customer(self.risk_model.row_at(index)))
        self.risk_note = QLabel(objectName="atRiskNote")
        row = QHBoxLayout()
        _button(self.tr("&Call and log it…"), "callAtRisk", self._call_at_risk, row)
        row.addWidget(self.risk_note, 1)
        return self._tab(self.risk_table, row)

    @staticmethod
    def _tab(table: QTableView, row: QHBoxLayout) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.addWidget(table, 1)
        box.addLayout(row)
        return tab

    def _load_desk(self) -> None:
        self.desk.blockSignals(True)
        self.desk.clear()
        self.desk.addItem(self.tr("—"), None)
        office_first = sorted(technicians.list_staff(), key=lambda s: (s.role == "technician", s.name))
        for person in office_first:
            self.desk.addItem(person.name, person.id)
        chosen = desk_default(office_first)
        if chosen is not None:
            self.desk.setCurrentIndex(self.desk.findData(chosen))
        self.desk.blockSignals(False)
        session.set_person(self.desk.currentText() if self.desk.currentData() else "")

    def _desk_changed(self, _index: int) -> None:
        settings.set_preference("lastStaff", self.desk.currentData() or "")
        session.set_person(self.desk.currentText() if self.desk.currentData() else "")

    def has_unsaved(self) -> bool:
        return self.templates.has_unsaved()

    def confirm_leave(self) -> bool:
        """A template typed in and not saved: shown, and asked about."""
        if self.templates.has_unsaved():
            self.tabs.setCurrentWidget(self.templates)
        return self.templates.confirm_leave()

    # -- loading
    def refresh(self) -> None:
        try:
            communication.housekeeping()
        except ServiceError as exc:  # the queue is still worth showing
            self.navigator.statusMessage.emit(str(exc))
        self.queue_model.load()
        self._fill_queue_filter()
        self.concern_model.load()
        self.risk_model.load()
        today = clock.today()
        waiting = len(self.queue_model.everything)
        self.title.setText(self.tr("Today, %s: %d waiting for the office")
                           % (formatting.format_weekday(today), waiting))
        self.start_here.setText(self._start_here())
        self._follow_the_day(today)
        self.report.setText(self._report_text())
        self.tabs.setTabText(0, self.tr("Today (%d)") % waiting)
        self.tabs.setTabText(1, self.tr("Concerns (%d)") % sum(1 for c in self.concern_model.rows if not c.resolved_at))
        at_risk = health.at_risk_count()
        shown = self.risk_model.rowCount()
        self.tabs.setTabText(2, self.tr("At risk (%d)") % at_risk)
        self.risk_note.setText(
            self.tr("Customers whose relationship health is under %d, lowest first%s. Double-click to open one.")
            % (health.AT_RISK_BELOW, self.tr(" (the %d lowest of %d)") % (shown, at_risk) if shown < at_risk else ""))
        self.outbox.load()
        self.tabs.setTabText(self.tabs.indexOf(self.outbox), self.tr("Outbox (%d)") % self.outbox.waiting_count())
        self.outbox.kick()
        if self.queue_model.rowCount():
            self.queue.selectRow(0)
        self._show_at_hand()
        self.countChanged.emit(waiting)

    # -- the queue's view: filter, grouping, the customer at hand
    def _fill_queue_filter(self) -> None:
        counts = self.queue_model.counts()
        chosen = self.queue_filter.currentData()
        self.queue_filter.blockSignals(True)
        self.queue_filter.clear()
        self.queue_filter.addItem(self.tr("Everything (%d)") % len(self.queue_model.everything), None)
        for name, _kinds, text in QUEUE_FILTERS:
            if counts[name] or name == chosen:
                self.queue_filter.addItem(f"{queue_tr(text)} ({counts[name]})", name)
        self.queue_filter.setCurrentIndex(max(0, self.queue_filter.findData(chosen)))
        self.queue_filter.blockSignals(False)
        if self.queue_filter.currentData() != chosen or chosen is not None:
            self._queue_view_changed(select_first=False)

    def _queue_view_changed(self, select_first: bool = True) -> None:
        name = self.queue_filter.currentData()
        kinds = next((k for n, k, _t in QUEUE_FILTERS if n == name), None)
        grouped = self.queue_group.isChecked()
        if grouped != self.queue_model.grouped:
            settings.set_preference("queueGrouped", "true" if grouped else "false")
        self.queue_model.set_view(kinds, grouped)
        if select_first and self.queue_model.rowCount():
            self.queue.selectRow(0)
        self._show_at_hand()

    def _show_at_hand(self) -> None:
        row = self.queue_model.row_at(self.queue.currentIndex())
        customer_id = row.customer_id if row is not None else None
        if customer_id == self.at_hand.customer_id and customer_id is None:
            return
        self.at_hand.show_customer(customer_id, self.queue_model.customer_rows(customer_id) if customer_id else ())

    def snooze_current(self):
        """Put the selected row off to a later day, with a reason the customer's history keeps."""
        row = self.queue_model.row_at(self.queue.currentIndex())
        if row is None:
            return None
        return self._show(SnoozeDialog(row, self.desk.currentData(), self),
                          lambda d: self.navigator.statusMessage.emit(
                              self.tr("%s is off the queue until %s.") % (row.customer, d.until.text())))

    # red when someone is waiting past a promise, amber when someone is waiting, calm when nobody is
    START_STYLES = {"late": ("#fde2e1", "#e08a87", "#5c1010"), "waiting": ("#fff4d6", "#e0b44a", "#4a3500"),
                    "clear": ("#e6f4ea", "#8cc9a0", "#1e4620")}

    def _start_here(self) -> str:
        first = self.queue_model.everything[0] if self.queue_model.everything else None
        state = "clear" if first is None else "late" if first.overdue or first.kind == "concern" else "waiting"
        if state != self.start_state:
            self.start_state = state
            fill, edge, text = self.START_STYLES[state]
            self.start_here.setStyleSheet(f"QLabel#startHere {{ background: {fill}; border: 1px solid {edge};"
                                          f" border-radius: 6px; padding: 8px; color: {text}; font-size: 11pt; }}")
        if first is None:
            if not customers.count():
                return self.tr("Nobody is waiting. Once your customers are in (Customers ▸ Ctrl+N, or File ▸ "
                               "Import Customers…), unanswered concerns, follow-ups due and letters to send "
                               "show up here, most urgent first.")
            return self.tr("Nobody is waiting. A good moment to call a customer you have not spoken to in a while.")
        todo = self.tr(first.todo)
        return self.tr("Start here: %s — %s. %s") % (first.customer, todo[:1].lower() + todo[1:], first.why)

    def _follow_the_day(self, today: dt.date) -> None:
        """A period that ended on the day it was set keeps ending today (same length), so a window left open
        overnight still counts the concerns raised since; a period chosen to end another day stays as chosen."""
        if today == self.report_day or py_date(self.report_to.date()) != self.report_day:
            return
        length = self.report_day - py_date(self.report_from.date())
        for edit in (self.report_from, self.report_to):
            edit.blockSignals(True)
        self.report_to.setDate(today)
        self.report_from.setDate(today - length)
        for edit in (self.report_from, self.report_to):
            edit.blockSignals(False)
        self.report_day = today

    def _report_text(self) -> str:
        start, end = py_date(self.report_from.date()), py_date(self.report_to.date())
        try:
            r = concerns.report(start, end)
        except ServiceError as exc:
            return str(exc)
        if not r.raised:
            return self.tr("No concerns raised in this period.")

        def part(label, f):
            return self.tr("%s: median %s, worst %s (%d late, %d still waiting)") % (
                label, concerns.describe_span(f.median), concerns.describe_span(f.worst), f.late, f.waiting)

        return self.tr("%n concern(s) raised.", "", r.raised) + " " + self.tr("%s. %s.") % (
            part(self.tr("Time to acknowledge"), r.acknowledge), part(self.tr("Time to resolve"), r.resolve))

    def _toggle_resolved(self, on: bool) -> None:
        self.concern_model.open_only = not on
        self.concern_model.load()

    # -- the current customer and the records
    def _remember_customer(self, customer_id: int) -> None:
        self.current_customer = customer_id

    def _customer(self, customer_id: int | None) -> int | None:
        """The customer a new dialog is for: the one given, else the one on screen, else the last opened."""
        if customer_id:
            return customer_id
        shown = self.customer_source() if self.customer_source is not None else None
        return shown or self.current_customer

    def _open_customer(self, row) -> None:
        if row is not None:
            self.navigator.customerRequested.emit(row.customer_id)

    def _changed(self) -> None:
        self.navigator.dataChanged.emit("communication")

    def _show(self, dialog, on_done=None):
        """Open a dialog window-modally; when it is accepted, refresh everything."""
        self.dialog = dialog

        def finished(code):
            if code and on_done:
                on_done(dialog)
            if code:
                self._changed()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def log_interaction(self, customer_id: int | None = None, concern_id: int | None = None,
                        direction: str = "in"):
        dialog = LogInteractionDialog(self._customer(customer_id), concern_id, direction, self)
        if self.desk.currentData() is not None:
            dialog.staff.setCurrentIndex(max(dialog.staff.findData(self.desk.currentData()), 0))
        return self._show(dialog, lambda d: self._logged(getattr(d.result_value, "note", "")))

    def _logged(self, note: str = "") -> None:
        self._load_desk()  # the dialog may have changed who is at the desk
        self.navigator.statusMessage.emit(note or self.tr("Interaction logged."))

    def new_concern(self, customer_id: int | None = None):
        return self._show(ConcernDialog(self._customer(customer_id), self))

    def new_follow_up(self, customer_id: int | None = None):
        return self._show(FollowUpDialog(self._customer(customer_id), self))

    def handle_current(self):
        """Act on the selected queue row's record (a record gone meanwhile is said, and the queue reloads)."""
        item = self.queue_model.row_at(self.queue.currentIndex())
        if item is None:
            return None
        try:
            return self._handle(item)
        except ServiceError as exc:
            self.navigator.statusMessage.emit(str(exc))
            self.refresh()
            return None

    def _handle(self, item):
        if item.kind == "concern":
            return self.log_interaction(item.customer_id, item.record_id, "out")
        if item.kind == "concern_open":
            self.tabs.setCurrentIndex(1)
            for n, row in enumerate(self.concern_model.rows):
                if row.id == item.record_id:
                    self.concern_table.selectRow(n)
            return None
        if item.kind == "notice":
            info = communication.draft(item.record_id)
            return self._show(DraftDialog(info.email, info.subject, info.body, info.id,
                                          self.tr("Change notice for %s") % info.customer, self,
                                          customer_id=info.customer_id, visit_id=info.visit_id))
        if item.kind == "follow_up":
            dialog = FollowUpDoneDialog(followups.get(item.record_id), self, self.desk.currentData())
            return self._show(dialog, lambda d: d.done_message() and self.navigator.statusMessage.emit(
                d.done_message()))
        if item.kind == "notice_missed":  # the apology call; once logged the unsent notice leaves the queue
            dialog = self.log_interaction(item.customer_id, None, "out")
            dialog.summary.setPlainText(self.tr("Apologised: we changed their visit and did not tell them in time."))
            dialog.accepted.connect(lambda: dialog.reached.currentData() or (  # nobody reached: still owed
                communication.apologised(item.record_id), self._changed()))
            return dialog
        if item.kind == "handover":
            from servicedesk.ui.schedule.handover import HandoverDialog

            return self._show(HandoverDialog(item.record_id, self.desk.currentData(), self))
        if item.kind == "absent":  # the visit on the board, where Assign offers the days its technician is back
            self.navigator.visitRequested.emit(item.record_id)
            self.navigator.statusMessage.emit(
                self.tr("%s's visit is on the board: Assign Technician (Ctrl+Shift+A) offers the days their "
                        "technician is back first, then others with a reason.") % item.customer)
            return None
        if item.kind == "closed_day":  # the visit on the board, where Assign offers days the office is open
            self.navigator.visitRequested.emit(item.record_id)
            self.navigator.statusMessage.emit(
                self.tr("%s's visit is on the board: Assign Technician (Ctrl+Shift+A) offers days the office is "
                        "open.") % item.customer)
            return None
        if item.kind == "letter":  # the Schedule pane opens the project on its Projects page
            self.navigator.projectRequested.emit(item.record_id)
            self.navigator.statusMessage.emit(
                self.tr("%s's project is open: “Letter for this project…” checks and prints this week's letter.")
                % item.customer)
            return None
        return self.log_interaction(item.customer_id, None, "out")

    def _current_concern(self):
        return self.concern_model.row_at(self.concern_table.currentIndex())

    def acknowledge_current(self):
        """Acknowledge the chosen concern; one acknowledged meanwhile on another PC is shown with the choice."""
        concern = self._current_concern()
        if concern is None:
            return None
        desk = self.desk.currentData()
        try:
            concerns.acknowledge(concern.id, desk, expected_version=concern.version)
        except ConflictError as exc:
            def keep(version):
                concerns.acknowledge(concern.id, desk, expected_version=version, over_theirs=True)

            dialog = ConflictDialog(self.tr("Acknowledge %s's concern") % concern.customer, exc, self._changed,
                                    keep, "", self)
            return self._show(dialog, lambda _d: self.navigator.statusMessage.emit(
                self.tr("Concern acknowledged for %s.") % concern.customer) if dialog.choice == "keep" else None)
        except ServiceError as exc:
            self.navigator.statusMessage.emit(str(exc))
            return None
        self.navigator.statusMessage.emit(self.tr("Concern acknowledged for %s.") % concern.customer)
        self._changed()
        return None

    def resolve_current(self):
        concern = self._current_concern()
        if concern is None:
            return None
        dialog = ResolveDialog(concern, self, self.desk.currentData())
        dialog.conflict.reloadRequested.connect(self._changed)  # the list shows theirs too
        return self._show(dialog)

    def apology_current(self):
        concern = self._current_concern()
        if concern is None:
            return None
        subject, body = templates.draft_for("apology", concern.customer_id, concern_id=concern.id)
        dialog = DraftDialog(customers.get(concern.customer_id).email, subject, body,
                             title=self.tr("Apology to %s") % concern.customer, parent=self,
                             customer_id=concern.customer_id)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _call_at_risk(self):
        row = self.risk_model.row_at(self.risk_table.currentIndex())
        return self.log_interaction(row.customer_id if row else None, None, "out")
