"""File > Import Customers… and File > Export Customers…: the core reads and checks, these windows show it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
)

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import imports
from servicedesk.ui import operations
from servicedesk.ui.customers.checked_import import ColumnsModel, FieldDelegate, PreviewModel, table_view


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("Transfer", text, disambiguation, n)


class ImportDialog(QDialog):
    def __init__(self, plan: imports.Plan, parent=None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import customers"))
        self.plan = plan
        self.result_: imports.Result | None = None
        self.operation: operations.Operation | None = None  # checking or importing, on a worker thread
        self.summary = QLabel(objectName="importSummary")
        self.summary.setWordWrap(True)
        self.columns_model = ColumnsModel(plan, imports.FIELD_LABELS, self)
        self.columns_view = table_view(self.columns_model, "importColumns")
        self.columns_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.columns_view.setItemDelegateForColumn(1, FieldDelegate(self.columns_view))
        self.columns_view.setColumnWidth(1, 260)
        self.columns_model.mappingEdited.connect(self._map_column)
        self.preview_model = PreviewModel(plan, self)
        self.preview_view = table_view(self.preview_model, "importPreview")
        self.preview_view.verticalHeader().show()
        self.report = QPlainTextEdit(objectName="importReport")
        self.report.setReadOnly(True)
        self.keep_in_notes = QCheckBox(self.tr("Keep the columns that have no place as lines in the notes"),
                                       objectName="keepInNotes")
        self.update_existing = QCheckBox(self.tr("Update the customers already in the office (same client id, "
                                                 "or same name and phone or email)"), objectName="updateExisting")
        self.update_existing.setChecked(plan.update)
        self.include_duplicates = QCheckBox(objectName="includeDuplicates")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.include_duplicates.toggled.connect(self._count_changed)
        self.keep_in_notes.toggled.connect(self._keep_in_notes)
        self.update_existing.toggled.connect(self._update_toggled)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.columns_view)
        split.addWidget(self.preview_view)
        split.addWidget(self.report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        for box in (self.keep_in_notes, self.update_existing, self.include_duplicates):
            layout.addWidget(box)
        layout.addWidget(self.buttons)
        self.resize(900, 680)
        self._show_plan()

    # -- showing the plan
    def _show_plan(self) -> None:
        p = self.plan
        text = self.tr("%1: %2 rows, %3, separated by %4.").replace("%1", p.path).replace(
            "%2", str(p.total)).replace("%3", p.encoding).replace(
            "%4", {",": self.tr("commas"), ";": self.tr("semicolons"), "\t": self.tr("tabs")}[p.delimiter])
        if p.layout:
            text += " " + self.tr("It looks like a %1 export: its columns are read as that product writes them."
                                  ).replace("%1", p.layout)
        self.summary.setText(text + " " + self.tr("Click a column's “Imported as” to change where it goes."))
        self.columns_model.set_plan(p)
        self.preview_model.set_plan(p)
        self.report.setPlainText(self._report_text())
        self.keep_in_notes.setVisible(bool(p.unmapped) or self.keep_in_notes.isChecked())
        self.include_duplicates.setText(self.tr("Also import the %n likely duplicate(s)", "", len(p.duplicates)))
        self.include_duplicates.setVisible(bool(p.duplicates))
        self._count_changed(self.include_duplicates.isChecked())

    def _report_text(self) -> str:
        p = self.plan
        lines = []
        if p.unmapped:
            lines.append(self.tr("Nothing can be imported until each of these columns has a place:"))
            lines += [f"  {u}." for u in p.unmapped]
            lines.append(self.tr("  Choose where it goes in the table above (“Left out” leaves it out), "
                                 "or tick the box below to keep it in the notes."))
        if p.problems:
            lines.append(self.tr("Nothing can be imported until these %n row(s) are fixed in the file:", "",
                                 len(p.problems)))
            lines += [f"  {problem}" for problem in p.problems]
        if p.left_out():
            lines.append(self.tr("Left out on purpose: %1").replace("%1", ", ".join(p.left_out())))
        if p.updates:
            lines.append(self.tr("Customers already in the office, updated by this file:"))
            lines += [f"  {u}" for u in p.updates]
        if p.duplicates:
            lines.append(self.tr("Likely duplicates, left out unless you tick the box below:"))
            lines += [f"  {d}" for d in p.duplicates]
        if p.warnings:
            lines.append(self.tr("Warnings (these rows are imported):"))
            lines += [f"  {w}" for w in p.warnings]
        return "\n".join(lines) or self.tr("Every row is ready to import.")

    def _count_changed(self, include: bool) -> None:
        n = self.plan.new_count(include)
        changed = sum(1 for u in self.plan.updates if u.changes)
        text = self.tr("Import %n customer(s)", "", n)
        if self.plan.update:
            text += " " + self.tr("and update %n", "", changed)
        self.import_button.setText(text)
        self.import_button.setEnabled(self.plan.ok and bool(n or changed))

    # -- changing the mapping
    def _recheck(self, mapping, update: bool | None = None) -> None:
        """Check every row again with the new mapping, on a worker thread (a large file takes a moment)."""
        source, update = self.plan.source, self.plan.update if update is None else update
        self._start(lambda step: imports.check(source, mapping=mapping, update=update, progress=step),
                    self._rechecked, self.tr("Checking every row of the file…"), "recheckImport")

    def _rechecked(self, plan: imports.Plan) -> None:
        self.plan = plan
        self._show_plan()

    def _start(self, work, done, title: str, name: str) -> None:
        self.import_button.setEnabled(False)  # nothing is imported from a plan being checked
        self.operation = operations.run(self, work, done, self._failed, title=title, cancellable=True, name=name)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            raise exc
        if not isinstance(exc, imports.Cancelled):
            self.report.setPlainText(str(exc))
        self._count_changed(self.include_duplicates.isChecked())

    def busy(self) -> bool:
        """A check or the import is still running."""
        return self.operation is not None and not self.operation.done

    def _map_column(self, column: int, field) -> None:
        mapping = list(self.plan.mapping)
        mapping[column] = field
        self._recheck(mapping)

    def _keep_in_notes(self, keep: bool) -> None:
        if keep:
            self._kept = {u.header for u in self.plan.unmapped}
        mapping = [("note_line" if keep and h in self._kept else None if not keep and h in self._kept and
                    f == "note_line" else f) for h, f in zip(self.plan.headers, self.plan.mapping)]
        self._recheck(mapping)

    _kept: set = set()

    def _update_toggled(self, update: bool) -> None:
        self._recheck(self.plan.mapping, update)

    def run_import(self) -> None:
        self._start(lambda step: imports.run(self.plan, self.include_duplicates.isChecked(), step),
                    self._imported, self.tr("Importing customers…"), "runImport")

    def _imported(self, result: imports.Result) -> None:
        self.result_ = result
        self.accept()


def import_customers(parent, navigator, path: str | None = None) -> operations.Operation | None:
    """Read and check the file on a worker thread, then show what would be imported; the import itself
    runs from the dialog. Returns the reading's operation (None when no file was chosen)."""
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(parent, tr("Import customers"), "",
                                                    tr("Customer lists (*.csv *.txt);;All files (*)"))
        if not path:
            return None
    return operations.run(parent, lambda step: imports.read(path, step),
                          lambda plan: _review(parent, navigator, plan), lambda exc: _unreadable(parent, exc),
                          title=tr("Checking every row of the file…"), cancellable=True, name="readImport")


def _unreadable(parent, exc: BaseException) -> None:
    if not isinstance(exc, ServiceError):
        raise exc
    if not isinstance(exc, imports.Cancelled):
        _message(parent, QMessageBox.Icon.Warning, tr("This file cannot be imported.") + "\n\n" + str(exc))


def _review(parent, navigator, plan: imports.Plan) -> imports.Result | None:
    dialog = ImportDialog(plan, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
        return None
    result = dialog.result_
    navigator.dataChanged.emit("all")
    text = tr("Imported %n customer(s).", "", result.imported)
    if result.updated:
        text += " " + tr("Updated %n.", "", result.updated)
    if result.skipped_duplicates:
        text += " " + tr("%n likely duplicate(s) left out.", "", result.skipped_duplicates)
    navigator.statusMessage.emit(text)
    return result


def export_customers(parent, navigator, path: str | None = None) -> int | None:
    if path is None:
        path, _filter = QFileDialog.getSaveFileName(parent, tr("Export customers"), "customers.csv",
                                                    tr("CSV files (*.csv)"))
        if not path:
            return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = imports.export(path)
    except (ServiceError, OSError) as exc:
        QApplication.restoreOverrideCursor()
        _message(parent, QMessageBox.Icon.Warning, tr("The customers could not be exported.") + "\n\n" + str(exc))
        return None
    QApplication.restoreOverrideCursor()
    navigator.statusMessage.emit(tr("Exported %n customer(s) to %1.", "", count).replace("%1", path))
    return count


def _message(parent, icon, text: str) -> None:
    box = QMessageBox(icon, tr("Customers"), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("transferMessage")
    box.exec()
