"""File > Import Visits…: the core reads and checks a visit history, this window shows it and asks what it must.

The same check as the command line: the product the file looks like, where each column goes (any
can be changed), the first rows with bad ones in red, and the report. Technicians the office does
not know are asked about one by one: add them, say who they are here, or leave their visits
unassigned; nothing is imported until each has an answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import technicians, visit_import
from servicedesk.ui.customers.transfer import (
    ColumnsModel,
    FieldDelegate,
    PreviewModel,
    message_box,
    progress_dialog,
    stepper,
    table_view,
)


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("VisitImport", text, disambiguation, n)


CHOOSE, CREATE, NOBODY = "", "create", "nobody"


class TechniciansBox(QGroupBox):
    """One line per technician the file names and the office does not have, each with its answer."""

    answered = Signal()

    def __init__(self, names: dict[str, int], parent=None):
        super().__init__(tr("Technicians the office does not have"), parent)
        self.setObjectName("unknownTechnicians")
        self.choices: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        staff = [s.name for s in technicians.technicians(active_only=False)]
        for n, (name, visits) in enumerate(names.items()):
            box = QComboBox(objectName=f"technicianChoice{n}")
            box.addItem(tr("Choose what to do…"), CHOOSE)
            box.addItem(tr("Add “%1” as a new technician").replace("%1", name), CREATE)
            box.addItem(tr("Leave their visits unassigned"), NOBODY)
            for person in staff:
                box.addItem(tr("The same person as %1").replace("%1", person), person)
            box.currentIndexChanged.connect(lambda _i: self.answered.emit())
            form.addRow(tr("“%1” (%n visit(s))", "", visits).replace("%1", name), box)
            self.choices[name] = box
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMaximumHeight(min(150, 36 * max(1, len(names)) + 8))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(scroll)

    def answers(self) -> tuple[dict[str, str | None], set[str]]:
        """({name: who they are here, or None}, names to add) as chosen so far."""
        said: dict[str, str | None] = {}
        create: set[str] = set()
        for name, box in self.choices.items():
            choice = box.currentData()
            if choice == CREATE:
                create.add(name)
            elif choice == NOBODY:
                said[name] = None
            elif choice:
                said[name] = choice
        return said, create


class VisitImportDialog(QDialog):
    def __init__(self, plan: visit_import.VisitPlan, parent=None):
        super().__init__(parent)
        self.setObjectName("visitImportDialog")
        self.setWindowTitle(self.tr("Import visits"))
        self.plan = plan
        self.result_: visit_import.Result | None = None
        self.summary = QLabel(objectName="visitImportSummary")
        self.summary.setWordWrap(True)
        self.columns_model = ColumnsModel(plan, self, visit_import.FIELDS)
        self.columns_view = table_view(self.columns_model, "visitImportColumns")
        self.columns_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.columns_view.setItemDelegateForColumn(1, FieldDelegate(self.columns_view))
        self.columns_view.setColumnWidth(1, 280)
        self.columns_model.mappingEdited.connect(self._map_column)
        self.preview_model = PreviewModel(plan, self)
        self.preview_view = table_view(self.preview_model, "visitImportPreview")
        self.preview_view.verticalHeader().show()
        self.report = QPlainTextEdit(objectName="visitImportReport")
        self.report.setReadOnly(True)
        self.people = TechniciansBox(dict(plan.unknown), self)
        self.people.setVisible(bool(plan.unknown))
        self.people.answered.connect(self._answered)
        self.keep_in_notes = QCheckBox(self.tr("Keep the columns that have no place as lines in the visit's notes"),
                                       objectName="visitKeepInNotes")
        self.keep_in_notes.toggled.connect(self._keep_in_notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("visitImportButton")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        split = QSplitter(Qt.Orientation.Vertical)
        for widget in (self.columns_view, self.preview_view, self.report):
            split.addWidget(widget)
        split.setSizes([190, 150, 150])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.people)
        layout.addWidget(self.keep_in_notes)
        layout.addWidget(self.buttons)
        self.resize(940, 660)
        self._show_plan()

    # -- showing the plan
    def _show_plan(self) -> None:
        p = self.plan
        text = self.tr("%1: %2 rows, %3, separated by %4.").replace("%1", p.path).replace(
            "%2", str(p.total)).replace("%3", p.encoding).replace(
            "%4", {",": self.tr("commas"), ";": self.tr("semicolons"), "\t": self.tr("tabs")}[p.delimiter])
        if p.layout:
            text += " " + self.tr("It looks like a %1: its columns are read as that product writes them."
                                  ).replace("%1", p.layout)
        self.summary.setText(text + " " + self.tr("Click a column's “Imported as” to change where it goes."))
        self.columns_model.set_plan(p)
        self.preview_model.set_plan(p)
        self.report.setPlainText(self._report_text())
        self.keep_in_notes.setVisible(bool(p.unmapped) or self.keep_in_notes.isChecked())
        visits, plans = len(p.rows), len(p.new_plans())
        text = self.tr("Import %n visit(s)", "", visits)
        if plans:
            text += " " + self.tr("and make %n service plan(s)", "", plans)
        if p.updates:
            text += " " + self.tr("and bring %n booked visit(s) up to date", "", len(p.updates))
        self.import_button.setText(text)
        self.import_button.setEnabled(p.ok and bool(visits or p.updates))

    def _report_text(self) -> str:
        p = self.plan
        lines = []
        if p.unmapped:
            lines.append(self.tr("Nothing can be imported until each of these columns has a place:"))
            lines += [f"  {u}." for u in p.unmapped]
            lines.append(self.tr("  Choose where it goes in the table above (“Left out” leaves it out), "
                                 "or tick the box below to keep it in the visit's notes."))
        if p.problems:
            lines.append(self.tr("Fix %n row(s) in the file; until then nothing can be imported:", "",
                                 len(p.problems)))
            lines += [f"  {problem}" for problem in p.problems]
        if p.unresolved:
            lines.append(self.tr("Say below what to do about each technician the office does not have: %1."
                                 ).replace("%1", ", ".join(p.unresolved)))
        if p.left_out():
            lines.append(self.tr("Left out on purpose: %1").replace("%1", ", ".join(p.left_out())))
        if p.plans:
            lines.append(self.tr("Recurring jobs that become service plans (their visits are booked 12 weeks ahead):"))
            lines += [f"  {d}" for d in p.plans]
        if p.no_plan:
            lines.append(self.tr("Recurring jobs without a rule a plan can follow (their visits come in one by one):"))
            lines += [f"  {item}" for item in p.no_plan]
        if p.updates:
            lines.append(self.tr("Booked visits the file says have happened, brought up to date:"))
            lines += [f"  line {v.line}: {v.customer}: {v.service or 'visit'} — {v.status.replace('_', ' ')}"
                      for _i, v in p.updates]
        if p.not_scheduled:
            lines.append(self.tr("Jobs with no date yet, not imported:"))
            lines += [f"  {item}" for item in p.not_scheduled]
        if p.already:
            lines.append(self.tr("Already imported (%n visit(s)), not imported again:", "", len(p.already)))
            lines += [f"  {item}" for item in p.already[:50]]
        if p.warnings:
            lines.append(self.tr("Warnings (these rows are imported):"))
            lines += [f"  {w}" for w in p.warnings]
        return "\n".join(lines) or self.tr("Every row is ready to import.")

    # -- the person's changes
    def _recheck(self, **changes) -> None:
        said, create = self.people.answers()
        progress = progress_dialog(self, self.tr("Checking every row of the file…"), "checkProgress")
        try:
            self.plan = visit_import.recheck(self.plan, technicians=said, create=create, progress=stepper(progress),
                                             **changes)
        except ServiceError as exc:
            progress.close()
            if not isinstance(exc, visit_import.Cancelled):
                self.report.setPlainText(str(exc))
            return
        progress.close()
        self._show_plan()

    def _map_column(self, column: int, field) -> None:
        mapping = list(self.plan.mapping)
        mapping[column] = field
        self._recheck(mapping=mapping)

    def _answered(self) -> None:
        self._recheck()

    def _keep_in_notes(self, keep: bool) -> None:
        if keep:
            self._kept = {u.header for u in self.plan.unmapped}
        mapping = [("note_line" if keep and h in self._kept else None if not keep and h in self._kept and
                    f == "note_line" else f) for h, f in zip(self.plan.headers, self.plan.mapping)]
        self._recheck(mapping=mapping)

    _kept: set = set()

    def run_import(self) -> None:
        progress = progress_dialog(self, self.tr("Importing visits…"), "importProgress")
        try:
            self.result_ = visit_import.run(self.plan, stepper(progress))
        except ServiceError as exc:
            progress.close()
            self.report.setPlainText(str(exc))
            return
        progress.close()
        self.accept()


def import_visits(parent, navigator, path: str | None = None) -> visit_import.Result | None:
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(parent, tr("Import visits"), "",
                                                    tr("Visit or job lists (*.csv *.txt);;All files (*)"))
        if not path:
            return None
    progress = progress_dialog(parent, tr("Checking every row of the file…"), "checkProgress")
    try:
        plan = visit_import.read(path, stepper(progress))
    except ServiceError as exc:
        progress.close()
        if not isinstance(exc, visit_import.Cancelled):
            message_box(parent, QMessageBox.Icon.Warning, tr("This file cannot be imported.") + "\n\n" + str(exc))
        return None
    progress.close()
    dialog = VisitImportDialog(plan, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
        return None
    result = dialog.result_
    navigator.dataChanged.emit("all")
    text = tr("Imported %n visit(s).", "", result.imported)
    if result.updated:
        text += " " + tr("Brought %n booked visit(s) up to date.", "", result.updated)
    if result.plans:
        text += " " + tr("Made %n service plan(s).", "", result.plans)
    if result.technicians:
        text += " " + tr("Added %n technician(s): %1.", "", len(result.technicians)).replace(
            "%1", ", ".join(result.technicians))
    navigator.statusMessage.emit(text)
    return result
