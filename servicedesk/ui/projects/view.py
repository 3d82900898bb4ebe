"""Projects in the Schedule pane: the list, a milestone editor, a timeline strip, and the weekly letters."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core import clock
from servicedesk.core.errors import ServiceError
from servicedesk.core.services import clarity, projects
from servicedesk.ui.actions import ActionId
from servicedesk.ui.projects.dialogs import ClarityDialog, ProjectDialog, VisitPicker, describe
from servicedesk.ui.projects.models import MilestoneModel, ProjectListModel
from servicedesk.ui.projects.timeline import HEAD, ROW, TimelineStrip
from servicedesk.ui.widgets.conflict import ConflictDialog
from servicedesk.ui.widgets import open_cell, plain_box
from servicedesk.ui import operations


def _documents():
    """The PDF side (reportlab), loaded when the first letter is made rather than at every start."""
    from servicedesk.core.services import documents

    return documents


class StepTable(QTableView):
    """The project's steps; says when a cell stops being edited, so that a refresh waiting for it runs then."""

    editorClosed = Signal()

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        self.editorClosed.emit()


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for a column with a fixed list of values."""

    def __init__(self, values, parent=None):
        super().__init__(parent)
        self.values = values

    def createEditor(self, parent, _option, _index):
        box = QComboBox(parent)
        for value in self.values:
            box.addItem(value.replace("_", " ") or "—", value)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class FollowsDelegate(QStyledItemDelegate):
    """The earlier step a milestone follows (finish-to-start), or none."""

    def createEditor(self, parent, _option, index):
        box = QComboBox(parent)
        box.addItem(self.tr("— (starts on its own dates)"), 0)
        for other_id, name in index.model().earlier(index.row()):
            box.addItem(name, other_id)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text, objectName=name)
    button.clicked.connect(slot)
    return button


CLARITY_LINES = 6  # the clarity check's problems shown at once; more scroll
TIMELINE_ROWS = 12  # the timeline strip's steps shown at once; more scroll


class _Fitting(QScrollArea):
    """``widget`` as tall as it is, up to ``most`` pixels; taller, it scrolls up and down in that room."""

    def __init__(self, widget: QWidget, name: str, most: int):
        super().__init__(objectName=name)
        self._most = most
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        widget = self.widget()
        width = self.viewport().width() if self.isVisible() else widget.sizeHint().width()
        tall = widget.heightForWidth(width) if widget.hasHeightForWidth() else widget.sizeHint().height()
        return QSize(max(super().sizeHint().width(), 0), min(max(tall, widget.minimumHeight()), self._most))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())


class ProjectsView(QWidget):
    def __init__(self, registry, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("projectsView")
        self.navigator = navigator
        self.filter = QComboBox(objectName="projectFilter")
        self.filter.addItem(self.tr("Active and on hold"), "worked_on")  # a paused project stays, marked
        self.filter.addItem(self.tr("All projects"), None)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.list_model = ProjectListModel(self)
        self.list = QTableView(objectName="projectTable")
        self.list.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
        self.list.setModel(self.list_model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show(cur.row()))
        self.list.doubleClicked.connect(lambda _i: self.edit_project())

        self.header = QLabel(objectName="projectHeader")
        self.header.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # the customer's words, never markup
        self.clarity = QLabel(objectName="projectClarity")
        self.clarity.setWordWrap(True)
        self.clarity.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the steps' names as typed
        self.milestone_model = MilestoneModel(self)
        self.milestone_model.problem.connect(self.show_problem)
        self.milestone_model.conflict.connect(self.show_conflict)
        self.dialog = None  # the conflict shown last, for whoever looks
        self.milestone_model.changed.connect(self._project_changed)
        self.milestones = StepTable(objectName="milestoneTable")
        self._refresh_waits = False  # another PC's change came while a step's cell was being typed in
        self.milestones.editorClosed.connect(self._edit_closed)
        self.milestones.setModel(self.milestone_model)
        self.milestones.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.milestones.verticalHeader().hide()
        self.milestones.setWordWrap(True)
        self.milestones.horizontalHeader().setStretchLastSection(True)
        for column, values in ((MilestoneModel.STATUS, projects.MILESTONE_STATUSES),
                               (MilestoneModel.WAITING_ON, projects.WAITING_ON)):
            self.milestones.setItemDelegateForColumn(column, ChoiceDelegate(values, self))
        self.milestones.setItemDelegateForColumn(MilestoneModel.FOLLOWS, FollowsDelegate(self))
        self._arrange_milestone_columns()
        self.timeline = TimelineStrip(self)
        self.legend = QLabel(TimelineStrip.legend_html(self), objectName="projectTimelineLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)

        tools = QHBoxLayout()
        for button in (
            _button(self.tr("Add milestone"), "addMilestone", self.add_milestone),
            _button(self.tr("Remove"), "removeMilestone", self.remove_milestone),
            _button(self.tr("Move up"), "milestoneUp", lambda: self.move_milestone(-1)),
            _button(self.tr("Move down"), "milestoneDown", lambda: self.move_milestone(1)),
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(_button(self.tr("Letter for this project…"), "projectLetter", self.print_project_letter))
        detail = QWidget()
        right = QVBoxLayout(detail)
        right.addWidget(self.header)
        self.clarity_area = _Fitting(self.clarity, "projectClarityArea", CLARITY_LINES * self.fontMetrics().lineSpacing())
        right.addWidget(self.clarity_area)
        right.addLayout(tools)
        right.addWidget(self.milestones, 1)
        # a project of many steps scrolls its strip in this room; the table keeps rows to work in
        self.timeline_area = _Fitting(self.timeline, "projectTimelineArea", HEAD + ROW * TIMELINE_ROWS + 8)
        right.addWidget(self.timeline_area)
        right.addWidget(self.legend)
        splitter = QSplitter(objectName="projectsSplitter")
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([500, 860])
        splitter.setChildrenCollapsible(False)
        self.list.setWordWrap(False)
        header = self.list.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few dozen rows at most
        header.setSectionResizeMode(ProjectListModel.NAME, QHeaderView.ResizeMode.Stretch)

        bar = QHBoxLayout()
        bar.addWidget(self.filter)
        bar.addWidget(_button(self.tr("New project…"), "newProject", self.new_project))
        bar.addWidget(_button(self.tr("Edit project…"), "editProject", self.edit_project))
        bar.addStretch(1)
        bar.addWidget(_button(self.tr("Print this week's letters…"), "printWeekLetters", self.print_week_letters))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        registry.bind(ActionId.NEW_PROJECT, self.new_project)
        registry.bind(ActionId.PRINT_WEEK_LETTERS, self.print_week_letters)
        registry.bind(ActionId.VISIT_SUMMARY, self.visit_summary)
        navigator.projectRequested.connect(self.select_project)
        navigator.dataChanged.connect(lambda what: self.refresh() if what in ("projects", "customers", "all") else None)
        self.refresh()

    def _arrange_milestone_columns(self) -> None:
        """What the customer reads first, in sight at 1366: the step, its status and dates, the delay reason."""
        header = self.milestones.horizontalHeader()
        keys = [key for _title, key in MilestoneModel.COLUMNS]
        first = ("name", "status", "planned_end", "revised_start", "revised_end", "delay_reason", "waiting_on",
                 "decision_needed", "depends_on", "held")
        for visual, key in enumerate(k for k in first if k in keys):
            header.moveSection(header.visualIndex(keys.index(key)), visual)
        widths = {"name": 150, "status": 90, "delay_reason": 260, "decision_needed": 200, "waiting_on": 100,
                  "depends_on": 140, "held": 80}
        for column, key in enumerate(keys):
            self.milestones.setColumnWidth(column, widths.get(key, 92))

    # -- showing
    def show_problem(self, text: str) -> None:
        plain_box.warn(self, self.tr("Not saved"), text)

    def show_conflict(self, exc, milestone_id: int, changes: dict, column: str) -> None:
        """A milestone's field changed on another PC since it was shown: who, what, when; Reload or Keep mine."""
        def reload() -> None:
            self.milestone_model.reload()
            self._show_timeline()

        self.dialog = ConflictDialog(self.tr("Not saved: %s") % column, exc, reload,
                                     lambda version: self.milestone_model.keep_mine(milestone_id, changes, version),
                                     parent=self)
        self.dialog.open()

    # -- a step's cell still open when the window closes
    def has_unsaved(self) -> bool:
        return open_cell.typed_cell(self.milestones) is not None

    def confirm_leave(self) -> bool:
        """What is typed in a step's open cell is saved (as Enter would), dropped, or kept open, as asked."""
        typed = open_cell.take(self.milestones)
        if typed is None:
            return True
        cell, held = typed
        model = self.milestone_model
        column = model.headerData(cell.column(), Qt.Orientation.Horizontal)
        step = model.rows[cell.row()].name
        answer = plain_box.ask_to_save(self, self.tr("Unsaved change"), self.tr("Save the change to %1 of “%2”?")
                                       .replace("%1", column).replace("%2", step), "unsavedStep")
        if answer == QMessageBox.StandardButton.Save:  # as Enter saves it; a refusal says why, as it does then
            return model.setData(model.index(cell.row(), cell.column()), held)
        if answer == QMessageBox.StandardButton.Discard:
            return True
        open_cell.reopen(self.milestones, cell, held)
        return False

    def current_project_id(self) -> int | None:
        row = self.list.currentIndex().row()
        return self.list_model.rows[row].id if 0 <= row < len(self.list_model.rows) else None

    def refresh(self) -> None:
        if self.milestones.editing():  # never closed under the hands of whoever is typing: shown once they are done
            self._refresh_waits = True
            return
        keep = self.current_project_id()
        self.list_model.reload()
        if keep and self.list_model.row_of(keep) >= 0:
            self.select_project(keep)
        else:
            self._select_row(0)

    def _edit_closed(self) -> None:
        if self._refresh_waits:
            self._refresh_waits = False
            QTimer.singleShot(0, self.refresh)  # after the view has left its editing state

    def _filter_changed(self) -> None:
        self.list_model.status_filter = projects.WORKED_ON if self.filter.currentData() == "worked_on" else None
        self.refresh()

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.list_model.rowCount():
            self.list.selectionModel().setCurrentIndex(
                self.list_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show(row)

    def select_project(self, project_id: int | None, milestone_id: int | None = None) -> None:
        row = self.list_model.row_of(project_id) if project_id else -1
        if row < 0 and project_id:
            self.filter.setCurrentIndex(self.filter.findData(None))  # also shows paused and finished ones
            row = self.list_model.row_of(project_id)
        self._select_row(row)
        if milestone_id:
            rows = [m.id for m in self.milestone_model.rows]
            if milestone_id in rows:
                self.milestones.selectRow(rows.index(milestone_id))

    def _show(self, row: int) -> None:
        project = self.list_model.rows[row] if 0 <= row < len(self.list_model.rows) else None
        self.milestone_model.load(project.id if project else None)
        self._show_timeline()
        if project is None:
            self.header.setText(self.tr("No project selected"))
            self.clarity.setStyleSheet("")
            self.clarity.setText(self.tr("No projects here yet. New project… starts one for construction-type "
                                         "work: milestones with dates, and a weekly letter to the customer.")
                                 if not self.list_model.rowCount() else "")
            self.clarity_area.updateGeometry()
            return
        self.header.setText(f"{project.name} — {project.customer}")
        self._update_clarity()

    def _update_clarity(self) -> None:
        pid = self.current_project_id()
        problems = clarity.clarity_check(pid) if pid else []
        if problems:
            self.clarity.setStyleSheet("color: #a04a1c;")
            self.clarity.setText(self.tr("Before the next letter:") + "".join(f"\n• {p.message}" for p in problems))
        else:
            self.clarity.setStyleSheet("color: #2f6f4f;")
            self.clarity.setText(self.tr("This week's letter will be clear: every step has a date, every "
                                         "delay a reason, and the customer has a named contact."))
        self.clarity_area.updateGeometry()  # as many lines as it now has, up to its room

    def _show_timeline(self) -> None:
        self.timeline.set_milestones(self.milestone_model.rows, clock.today())
        self.timeline_area.updateGeometry()  # as many rows as the project has steps, up to its room

    def _project_changed(self) -> None:
        self._show_timeline()
        self._update_clarity()
        self.navigator.dataChanged.emit("projects_milestones")

    # -- editing
    def new_project(self) -> None:
        dialog = ProjectDialog(parent=self)
        if dialog.exec():
            self.refresh()
            self.select_project(dialog.project_id)

    def edit_project(self) -> None:
        pid = self.current_project_id()
        if pid is None:
            return
        dialog = ProjectDialog(projects.get(pid), parent=self)
        if dialog.exec():
            self.refresh()
            self.select_project(pid)

    def selected_milestone_id(self) -> int | None:
        row = self.milestones.currentIndex().row()
        return self.milestone_model.rows[row].id if 0 <= row < len(self.milestone_model.rows) else None

    def add_milestone(self) -> None:
        pid = self.current_project_id()
        if pid is None:
            return
        mid = projects.add_milestone(pid, self.tr("New milestone"))
        self.milestone_model.reload()
        self._project_changed()
        row = [m.id for m in self.milestone_model.rows].index(mid)
        self.milestones.setCurrentIndex(self.milestone_model.index(row, 0))
        self.milestones.edit(self.milestone_model.index(row, 0))

    def remove_milestone(self) -> None:
        mid = self.selected_milestone_id()
        if mid is None:
            return
        try:
            name = projects.get_milestone(mid).name
            if plain_box.ask(self, self.tr("Remove milestone"),
                             self.tr("Remove “%s” and its history from this project?") % name,
                             "removeMilestoneQuestion"):
                projects.delete_milestone(mid)
        except ServiceError as exc:  # removed meanwhile on another PC: say so, and show the steps as they are
            self._steps_changed_meanwhile(str(exc))
            return
        self.milestone_model.reload()
        self._project_changed()

    def move_milestone(self, step: int) -> None:
        mid = self.selected_milestone_id()
        if mid is None:
            return
        try:
            projects.move_milestone(mid, step)
        except ServiceError as exc:
            self._steps_changed_meanwhile(str(exc))
            return
        self.milestone_model.reload()
        self._project_changed()
        self.milestones.selectRow([m.id for m in self.milestone_model.rows].index(mid))

    def _steps_changed_meanwhile(self, text: str) -> None:
        self.milestone_model.reload()
        self._project_changed()
        plain_box.inform(self, self.tr("Milestones"), text)

    # -- letters and printing
    def print_project_letter(self) -> None:
        pid = self.current_project_id()
        if pid is None:
            return
        override = False
        problems = clarity.clarity_check(pid)
        if problems:
            choice = ClarityDialog({pid: problems}, 1, self).ask()
            if choice == ClarityDialog.FIX:
                self.select_project(pid, problems[0].milestone_id)
                return
            if choice != ClarityDialog.OVERRIDE:
                return
            override = True
        try:
            generated = _documents().generate_timeline_letter(pid, override_clarity=override)
        except ServiceError as exc:
            plain_box.warn(self, self.tr("Letter not written"), str(exc))
            return
        self._send([generated.id], generated.path, self.tr("this week's letter"))

    def print_week_letters(self) -> None:
        as_of = clock.today()
        total = len(projects.active_ids())
        if not total:
            plain_box.inform(self, self.tr("This week's letters"),
                             self.tr("No project is under way, so there are no letters to print."))
            return
        problems = _documents().week_problems(as_of)
        override = False
        if problems:
            choice = ClarityDialog(problems, total, self).ask()
            if choice == ClarityDialog.FIX:
                pid = next(iter(problems))
                self.select_project(pid, problems[pid][0].milestone_id)
                return
            if choice == ClarityDialog.CANCEL:
                return
            override = choice == ClarityDialog.OVERRIDE
        out = _documents().documents_dir() / "weekly" / as_of.isoformat()
        self.letters_op = operations.run(
            self, lambda step: _documents().week_batch(as_of, out, override, progress=step),
            lambda result: self._letters_written(result, out, override),
            lambda exc: self._letters_failed(exc), title=self.tr("Writing this week's letters…"),
            name="weekLetters")

    def _letters_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            raise exc
        plain_box.warn(self, self.tr("Letters not written"), str(exc))

    def _letters_written(self, result, out, override: bool) -> None:
        self._after_documents()
        self.navigator.statusMessage.emit(self.tr("%n letter(s) written to %1", "", len(result.files))
                                          .replace("%1", str(out)))
        if result.skipped and not override:
            plain_box.inform(self, self.tr("Some letters were held back"), describe(result.skipped))
        if result.combined:
            self._send(result.documents, result.combined, self.tr("this week's %n letter(s)", "", len(result.files)))

    def visit_summary(self) -> None:
        visit_id = VisitPicker(self).chosen()
        if visit_id is None:
            return
        try:
            generated = _documents().generate_visit_summary(visit_id)
        except ServiceError as exc:
            plain_box.warn(self, self.tr("Summary not written"), str(exc))
            return
        self._send([generated.id], generated.path, self.tr("the visit summary"))

    def _send(self, document_ids: list[int], path, what: str):
        """Written: now ask how it goes out (printed, handed over, posted, emailed); only that sends it."""
        from servicedesk.ui.sending import SendDialog

        self.send_dialog = SendDialog(document_ids, path, what, self)
        self.send_dialog.finished.connect(lambda _code: self._after_documents())
        self.send_dialog.open()
        return self.send_dialog

    def _after_documents(self) -> None:
        self.list_model.reload()
        self.navigator.dataChanged.emit("communication")
        self.navigator.dataChanged.emit("customers")
