"""File > Import Customers… and File > Export Customers…: the core reads and checks, these windows show it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
)

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import imports


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("Transfer", text, disambiguation, n)


NO_PLACE = "(no place)"


class ColumnsModel(QAbstractTableModel):
    """Each column of the file, the field it feeds (editable), how many rows have data in it, and its first value."""

    HEADERS = ("Column in the file", "Imported as", "First value")
    mappingEdited = Signal(int, object)  # column number, field key (None: no place)

    def __init__(self, plan: imports.Plan, parent=None, labels: dict[str, str] | None = None):
        super().__init__(parent)
        self.labels = imports.FIELD_LABELS if labels is None else labels
        self.set_plan(plan)

    def set_plan(self, plan: imports.Plan) -> None:
        self.beginResetModel()
        first = plan.preview[0] if plan.preview else []
        self.rows = [(header, plan.mapping[n], first[n] if n < len(first) else "")
                     for n, header in enumerate(plan.headers)]
        self.unmapped = {u.header for u in plan.unmapped}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return self.tr(self.HEADERS[section])
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() == 1 else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        header, field, example = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                return self.tr(self.labels[field]) if field else self.tr(NO_PLACE)
            return (header, None, example)[index.column()]
        if role == Qt.ItemDataRole.EditRole and index.column() == 1:
            return field
        if role == Qt.ItemDataRole.BackgroundRole and header in self.unmapped:
            return QColor("#fde2e1")
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and field in (None, "skip"):
            return QColor("#c62828") if header in self.unmapped else QColor("#888888")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 1:
            return False
        if value is not None and value not in self.labels:
            return False
        self.mappingEdited.emit(index.row(), value)
        return True


class FieldDelegate(QStyledItemDelegate):
    """The mapping's choices: every field a column can feed, "Left out", or no place."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent, objectName="mappingChoice")
        box.addItem(tr(NO_PLACE), None)
        for key, label in index.model().labels.items():
            box.addItem(tr(label), key)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PreviewModel(QAbstractTableModel):
    """The file's first rows as they are, under the file's own headers; a bad row is shown in red."""

    def __init__(self, plan: imports.Plan, parent=None):
        super().__init__(parent)
        self.set_plan(plan)

    def set_plan(self, plan: imports.Plan) -> None:
        self.beginResetModel()
        self.headers = plan.headers
        self.rows = plan.preview
        self.lines = [line for line, _cells in plan.source.data[:len(plan.preview)]]
        self.problems = {p.line: p.reason for p in plan.problems}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return self.tr("line %1").replace("%1", str(self.lines[section])) if 0 <= section < len(self.lines) \
                else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        problem = self.problems.get(self.lines[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return QColor("#fde2e1")
        if role == Qt.ItemDataRole.ToolTipRole and problem:
            return problem
        return None


def table_view(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.resizeColumnsToContents()
    return view


class ImportDialog(QDialog):
    def __init__(self, plan: imports.Plan, parent=None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import customers"))
        self.plan = plan
        self.result_: imports.Result | None = None
        self.summary = QLabel(objectName="importSummary")
        self.summary.setWordWrap(True)
        self.columns_model = ColumnsModel(plan, self)
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
            lines.append(self.tr("Fix %n row(s) in the file; until then nothing can be imported:", "",
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
        progress = progress_dialog(self, self.tr("Checking every row of the file…"), "checkProgress")
        try:
            self.plan = imports.check(self.plan.source, mapping=mapping,
                                      update=self.plan.update if update is None else update,
                                      progress=stepper(progress))
        except ServiceError as exc:
            progress.close()
            if not isinstance(exc, imports.Cancelled):
                self.report.setPlainText(str(exc))
            return
        progress.close()
        self._show_plan()

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
        progress = progress_dialog(self, self.tr("Importing customers…"), "importProgress")
        try:
            self.result_ = imports.run(self.plan, self.include_duplicates.isChecked(), stepper(progress))
        except ServiceError as exc:
            progress.close()
            self.report.setPlainText(str(exc))
            return
        progress.close()
        self.accept()


def progress_dialog(parent, text: str, name: str) -> QProgressDialog:
    """A progress window that appears only when the work turns out to be slow."""
    progress = QProgressDialog(text, tr("Stop"), 0, 0, parent)
    progress.setObjectName(name)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    return progress


def stepper(progress: QProgressDialog):
    def step(done: int, total: int) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()
        return not progress.wasCanceled()

    return step


def import_customers(parent, navigator, path: str | None = None) -> imports.Result | None:
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(parent, tr("Import customers"), "",
                                                    tr("Customer lists (*.csv *.txt);;All files (*)"))
        if not path:
            return None
    progress = progress_dialog(parent, tr("Checking every row of the file…"), "checkProgress")
    try:
        plan = imports.read(path, stepper(progress))
    except ServiceError as exc:
        progress.close()
        if not isinstance(exc, imports.Cancelled):
            message_box(parent, QMessageBox.Icon.Warning, tr("This file cannot be imported.") + "\n\n" + str(exc))
        return None
    progress.close()
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
        message_box(parent, QMessageBox.Icon.Warning, tr("The customers could not be exported.") + "\n\n" + str(exc))
        return None
    QApplication.restoreOverrideCursor()
    navigator.statusMessage.emit(tr("Exported %n customer(s) to %1.", "", count).replace("%1", path))
    return count


def message_box(parent, icon, text: str) -> None:
    box = QMessageBox(icon, tr("Customers"), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("transferMessage")
    box.exec()
