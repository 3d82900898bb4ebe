"""The Schedule pane: the dispatch board by technician, with the selected visit's details below."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core import clock, formatting
from servicedesk.core.errors import ServiceError
from servicedesk.core.services import customers, recurrence, scheduling, technicians, visits
from servicedesk.ui.actions import ActionId
from servicedesk.ui.communication.customer_panel import link
from servicedesk.ui.communication.dialogs import reach_text
from servicedesk.ui.schedule.board import STATUS_LABELS, DispatchBoard, warning_lines
from servicedesk.ui.schedule.agenda_view import AgendaView
from servicedesk.ui.schedule.board_legend import BoardLegend
from servicedesk.ui.schedule.month_view import MonthView, add_months, month_start
from servicedesk.ui.schedule.dialogs import AssignDialog, CompleteDialog, continuity_text
from servicedesk.ui.widgets.banner import WhatMattersBanner
from servicedesk.ui.widgets.guide import Guide
from servicedesk.ui.widgets import plain_box


class SchedulePane(QWidget):
    def __init__(self, registry, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("schedulePane")
        self.navigator = navigator
        self.day = clock.today()
        self.mode = "week"
        self._stale = True  # the board is read when the pane is first shown
        self.title = QLabel(objectName="weekTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        back = QPushButton(self.tr("◀ Previous"), objectName="weekBack")
        forward = QPushButton(self.tr("Next ▶"), objectName="weekForward")
        today = QPushButton(self.tr("Today"), objectName="weekToday")
        self.view = QComboBox(objectName="viewMode")
        self.view.addItem(self.tr("Week"), "week")
        self.view.addItem(self.tr("Day"), "day")
        self.view.addItem(self.tr("Month"), "month")
        self.view.addItem(self.tr("Agenda"), "agenda")
        self.assign_button = QPushButton(self.tr("Assign…"), objectName="assignTechnician")
        self.complete_button = QPushButton(self.tr("Complete…"), objectName="completeVisit")
        plans = QPushButton(self.tr("Service plans…"), objectName="servicePlans")
        staff = QPushButton(self.tr("Technicians…"), objectName="technicians")
        export = QPushButton(self.tr("Export .ics…"), objectName="exportIcs")
        bar = QHBoxLayout()
        for w in (back, today, forward, self.view, self.title):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.assign_button, self.complete_button, plans, staff, export):
            bar.addWidget(w)
        self.board = DispatchBoard()
        self.scroll = QScrollArea(objectName="boardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.board)
        for scroll_bar in (self.scroll.horizontalScrollBar(), self.scroll.verticalScrollBar()):
            scroll_bar.valueChanged.connect(self._scrolled)
        self.banner = WhatMattersBanner(self)
        self.banner.setObjectName("visitWhatMatters")  # the profile's banner keeps the plain name
        self.banner.setStyleSheet(self.banner.styleSheet().replace("#whatMattersBanner", "#visitWhatMatters"))
        self.detail = QLabel(objectName="visitDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setOpenExternalLinks(True)
        self.detail.setMinimumHeight(96)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setText(self.tr("Choose a visit on the board to see its details."))
        self.bottom = QWidget(objectName="visitArea")  # the chosen visit, under the board
        bottom = QHBoxLayout(self.bottom)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.detail, 2)
        bottom.addWidget(self.banner, 1)
        board_page = QWidget(objectName="boardPage")
        page = QVBoxLayout(board_page)
        page.addLayout(bar)
        self.guide = Guide(self.tr(
            "<b>No technicians yet.</b> Add the people who go out to customers under <b>Technicians…</b>; "
            "then give each customer a service plan (<b>Service plans…</b>) and their visits appear here."),
            "scheduleGuide", self)
        page.addWidget(self.guide)
        self.month = MonthView(self)
        self.month.dayActivated.connect(self.open_day)
        self.agenda = AgendaView(self)
        self.agenda.rangeChanged.connect(self.refresh)
        self.views = QStackedWidget(objectName="scheduleViews")
        for widget in (self.scroll, self.month, self.agenda):
            self.views.addWidget(widget)
        page.addWidget(self.views, 1)
        self.legend = BoardLegend(self)
        page.addWidget(self.legend)
        page.addWidget(self.bottom)
        from servicedesk.ui.projects.view import ProjectsView

        self.projects = ProjectsView(registry, navigator, self)
        self.pages = QTabWidget(objectName="scheduleTabs")
        self.pages.setDocumentMode(True)
        self.pages.addTab(board_page, self.tr("Dispatch board"))
        self.pages.addTab(self.projects, self.tr("Projects"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        navigator.projectRequested.connect(self.show_project)

        back.clicked.connect(lambda: self.move(-1))
        forward.clicked.connect(lambda: self.move(1))
        today.clicked.connect(self.go_today)
        self.view.currentIndexChanged.connect(lambda _i: self.set_mode(self.view.currentData()))
        self.assign_button.clicked.connect(lambda: self.assign_selected())
        self.complete_button.clicked.connect(lambda: self.complete_selected())
        plans.clicked.connect(self.open_plans)
        staff.clicked.connect(self.open_technicians)
        export.clicked.connect(self.export_ics)
        registry.bind(ActionId.WEEK_BACK, lambda: self.move(-1))
        registry.bind(ActionId.WEEK_FORWARD, lambda: self.move(1))
        registry.bind(ActionId.TODAY, self.go_today)
        registry.bind(ActionId.ASSIGN_TECHNICIAN, self.assign_selected)
        registry.bind(ActionId.COMPLETE_VISIT, self.complete_selected)
        registry.bind(ActionId.SERVICE_PLANS, self.open_plans)
        registry.bind(ActionId.TECHNICIANS, self.open_technicians)
        registry.bind(ActionId.EXPORT_ICS, self.export_ics)
        self.board.visitSelected.connect(self.show_visit)
        self.board.visitActivated.connect(self.assign_selected)
        self.board.visitDropped.connect(self.dropped)
        self.board.contextRequested.connect(self.context_menu)
        navigator.visitRequested.connect(self.show_visit_on_board)
        navigator.dataChanged.connect(lambda what: self.refresh() if what in ("visits", "customers", "all") else None)
        recurrence.generate()  # plans' visits for the coming weeks (only plans not yet generated that far)
        self.refresh()

    def _scrolled(self) -> None:
        self.board.set_origin(self.scroll.horizontalScrollBar().value(), self.scroll.verticalScrollBar().value())

    def show_project(self, project_id: int) -> None:
        self.pages.setCurrentWidget(self.projects)
        self.projects.select_project(project_id)

    # ------------------------------------------------------------------ the visible range
    MODES = ("week", "day", "month", "agenda")

    @property
    def first_day(self) -> dt.date:
        if self.mode == "month":
            return month_start(self.day)
        if self.mode == "agenda":
            return self.agenda.first_day(self.day)
        return self.day - dt.timedelta(days=self.day.weekday()) if self.mode == "week" else self.day

    @property
    def last_day(self) -> dt.date:
        if self.mode == "month":
            return add_months(self.first_day, 1) - dt.timedelta(days=1)
        days = self.agenda.days if self.mode == "agenda" else 7 if self.mode == "week" else 1
        return self.first_day + dt.timedelta(days=days - 1)

    def move(self, steps: int) -> None:
        if self.mode == "month":
            self.day = add_months(self.day, steps)
        else:
            week = self.mode == "week" or (self.mode == "agenda" and self.agenda.days == 7)
            self.day += dt.timedelta(days=7 * steps if week else steps)
        self.refresh()

    def open_day(self, day: dt.date) -> None:
        """A day chosen in the month: open it in the day view."""
        self.day = day
        self.set_mode("day")

    def go_today(self) -> None:
        self.day = clock.today()
        self.refresh()

    def set_mode(self, mode: str) -> None:
        if mode in self.MODES and mode != self.mode:
            selected = self.board.visit(self.board.selected)
            if selected is not None and mode in ("week", "day") and self.mode in ("week", "day"):
                self.day = selected.starts_at.date()
            self.mode = mode
            self.view.setCurrentIndex(self.view.findData(mode))
            self.views.setCurrentIndex(0 if mode in ("week", "day") else 1 if mode == "month" else 2)
            self.legend.setVisible(mode in ("week", "day"))
            self.bottom.setVisible(mode in ("week", "day"))
            self.refresh()

    def has_unsaved(self) -> bool:
        return self.projects.has_unsaved()

    def confirm_leave(self) -> bool:
        """A step's cell typed in and still open: shown, and asked about."""
        if self.projects.has_unsaved():
            self.pages.setCurrentWidget(self.projects)
        return self.projects.confirm_leave()

    def refresh(self) -> None:
        """Show the visible range again; while the pane is hidden, only remember to when it is shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._load()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def _load(self) -> None:
        self._stale = False
        first, last = self.first_day, self.last_day
        self.guide.setVisible(not technicians.technicians())  # an empty office: what to do first
        horizon = clock.today() + dt.timedelta(weeks=recurrence.DEFAULT_HORIZON_WEEKS)
        if last > horizon:  # looking further ahead than the plans are generated
            recurrence.generate(last)
        if self.mode == "week":
            self.title.setText(self.tr("Week of %s") % formatting.format_day(first, year=True))
        elif self.mode == "day":
            self.title.setText(formatting.format_weekday(first, year=True))
        elif self.mode == "month":
            self.title.setText(formatting.format_month(first))
            self.month.load(self.day)
            return
        else:
            self.agenda.load(self.day)
            self.title.setText(self.agenda.title())
            return
        self.board.load(first, self.mode)
        self.show_visit(self.board.selected)

    # ------------------------------------------------------------------ the selected visit
    def show_visit(self, visit_id) -> None:
        v = self.board.visit(visit_id)
        self.assign_button.setEnabled(v is not None and v.status in scheduling.ACTIVE)
        self.complete_button.setEnabled(v is not None and v.status in scheduling.ACTIVE)
        if v is None:
            self.banner.set_items([])
            self.detail.setText(self.tr("Choose a visit on the board to see its details."))
            return
        d = visits.detail(v.id)
        own = scheduling.own_technician(d.customer_id)
        e = html.escape
        lines = [f"<b>{e(d.customer)}</b> · {e(d.service_type)} · {e(self.tr(STATUS_LABELS.get(d.status, d.status)))}"
                 + (f" — {e(d.status_reason)}" if d.status_reason else ""),
                 f"{e(formatting.format_datetime(d.starts_at))}–{e(formatting.format_time(d.ends_at))}"
                 f" · {e(d.technician or self.tr('Unassigned'))}"
                 + (f" · {e(d.address)}" if d.address else ""),
                 e(self.tr("Continuity: %s") % continuity_text(d.customer_id, own))]
        lines += warning_lines(v)
        if d.access_notes:
            lines.append(e(self.tr("Access: %s") % d.access_notes))
        if d.notes:
            lines.append(e(self.tr("Notes: %s") % " · ".join(d.notes.splitlines())))
        person = customers.get(d.customer_id)  # the number to ring, for "call before arriving" and changes
        phone = "☎ " + link("tel", person.phone_e164 or person.phone, person.phone) if person.phone \
            else e(self.tr("no phone number on file"))
        lines.append(f"{phone} · {e(reach_text(person.preferred_channel, person.best_time))}")
        lines += [e(c) for c in d.changes[-3:]]
        self.detail.setText("<br>".join(lines))
        self.banner.set_items(customers.what_matters(d.customer_id))

    def show_visit_on_board(self, visit_id: int) -> None:
        try:
            d = visits.detail(visit_id)
        except ServiceError:
            return
        self.day = d.starts_at.date()
        if self.mode not in ("week", "day"):
            self.set_mode("week")  # the visit is shown on the board
        self._load()  # even while hidden: the visit is selected before the pane is shown
        self.board.select(visit_id)

    def _selected_or_say(self):
        if self.board.selected is None:
            self.navigator.statusMessage.emit(self.tr("Choose a visit on the board first."))
        return self.board.selected

    # ------------------------------------------------------------------ operations
    def _changed(self) -> None:
        self.navigator.dataChanged.emit("visits")
        self.navigator.dataChanged.emit("communication")

    def assign_selected(self, visit_id=None, technician_id=None, starts_at=None) -> None:
        visit_id = visit_id if visit_id is not None else self._selected_or_say()
        if visit_id is None:
            return
        dialog = AssignDialog(visit_id, technician_id, starts_at, self)
        if self._exec(dialog):
            result = dialog.result_
            if result and result.draft_id:
                self.navigator.statusMessage.emit(
                    self.tr("Change saved. A notice for the customer and a follow-up call are in the queue.")
                    if result.follow_up_id is not None else
                    self.tr("Change saved. A notice for the customer is in the queue."))
            self._changed()

    def dropped(self, visit_id: int, technician_id, starts_at) -> None:
        self.assign_selected(visit_id, technician_id, starts_at)

    def complete_selected(self) -> None:
        visit_id = self._selected_or_say()
        if visit_id is not None and self._exec(CompleteDialog(visit_id, self)):
            self._changed()

    def context_menu(self, visit_id: int, pos) -> None:
        menu = QMenu(self)
        menu.setObjectName("visitMenu")
        v = self.board.visit(visit_id)
        active = v is not None and v.status in scheduling.ACTIVE
        for text, handler, enabled in (
            (self.tr("Assign or move…"), lambda: self.assign_selected(visit_id), active),
            (self.tr("Confirm with the customer"), lambda: self._run(scheduling.confirm, visit_id),
             active and v.status != "confirmed"),
            (self.tr("Complete…"), self.complete_selected, active),
            (self.tr("Running late…"), lambda: self.running_late(visit_id), active),
            (self.tr("Cancel visit…"), lambda: self._with_reason(scheduling.cancel, visit_id,
                                                                  self.tr("Why is the visit cancelled?")), active),
            (self.tr("No access…"), lambda: self._with_reason(scheduling.no_access, visit_id,
                                                               self.tr("What kept the technician out?")), active),
            (self.tr("Open customer"), lambda: self.navigator.customerRequested.emit(v.customer_id), v is not None),
        ):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(handler)
        menu.exec(pos)

    def running_late(self, visit_id: int) -> None:
        from servicedesk.ui.schedule.running_late import RunningLateDialog

        if self._exec(RunningLateDialog(visit_id, self)):
            self.navigator.statusMessage.emit(self.tr("The customer is told you are running late."))
            self._changed()

    @staticmethod
    def _exec(dialog) -> bool:
        """Run a dialog and let it go afterwards, so closed dialogs do not pile up under the pane."""
        accepted = bool(dialog.exec())
        dialog.deleteLater()
        return accepted

    def _run(self, fn, *args) -> bool:
        try:
            fn(*args)
        except ServiceError as exc:
            plain_box.warn(self, self.tr("Not saved"), str(exc))
            return False
        self._changed()
        return True

    def _with_reason(self, fn, visit_id: int, question: str) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Reason"), question)
        if ok:
            self._run(fn, visit_id, text)

    def open_plans(self) -> None:
        from servicedesk.ui.schedule.plans import PlansDialog

        v = self.board.visit(self.board.selected)
        customer_id = v.customer_id if v is not None else self._ask_customer()
        if customer_id is None:
            return
        if self._exec(PlansDialog(customer_id, v.id if v is not None else None, self)):
            self._changed()
        else:
            self.refresh()

    def _ask_customer(self) -> int | None:
        """No visit chosen: ask whose plans to open, by name, phone or address."""
        text, ok = QInputDialog.getText(self, self.tr("Service plans"), self.tr("Whose plans? (name, phone or street)"))
        if not ok or not text.strip():
            return None
        ids = customers.search_ids(text)[:20]
        if not ids:
            plain_box.inform(self, self.tr("Service plans"), self.tr("Nobody matches “%s”.") % text)
            return None
        if len(ids) == 1:
            return ids[0]
        rows = customers.rows(ids)
        labels = [f"{r.name}" + (f" — {r.company}" if r.company else "") for r in rows]
        chosen, ok = QInputDialog.getItem(self, self.tr("Service plans"), self.tr("Which customer?"), labels, 0, False)
        return rows[labels.index(chosen)].id if ok else None

    def open_technicians(self) -> None:
        from servicedesk.ui.schedule.staff import TechniciansDialog

        self._exec(TechniciansDialog(self))
        self.refresh()

    def export_ics(self) -> None:
        from servicedesk.ui.schedule.export import ExportDialog

        v = self.board.visit(self.board.selected)
        dialog = ExportDialog(v.technician_id if v else None, self.first_day, self)
        if self._exec(dialog) and dialog.written:
            self.navigator.statusMessage.emit(dialog.written)
