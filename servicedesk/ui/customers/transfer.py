"""File > Import Customers… and File > Export Customers…: the core reads and checks, these windows show it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
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
    QProgressDialog,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import imports


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("Transfer", text, disambiguation, n)


class ColumnsModel(QAbstractTableModel):
    """Each column of the file, the field it feeds (or that it is ignored), and its first value."""

    HEADERS = ("Column in the file", "Imported as", "First value")

    def __init__(self, plan: imports.Plan, parent=None):
        super().__init__(parent)
        first = plan.preview[0] if plan.preview else []
        self.rows = [(header, plan.mapping[n], first[n] if n < len(first) else "")
                     for n, header in enumerate(plan.headers)]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        header, field, example = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                return self.tr(imports.FIELD_LABELS[field]) if field else self.tr("(ignored)")
            return (header, None, example)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and not field:
            return QColor("#888888")
        return None


class PreviewModel(QAbstractTableModel):
    """The file's first rows as they are, under the file's own headers."""

    def __init__(self, plan: imports.Plan, parent=None):
        super().__init__(parent)
        self.headers = plan.headers
        self.rows = plan.preview

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""


def _table(model, name: str) -> QTableView:
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
        good = len(plan.rows) - len(plan.duplicates)
        summary = QLabel(objectName="importSummary")
        summary.setWordWrap(True)
        summary.setText(self.tr("%1: %2 row(s), %3, separated by %4.")
                        .replace("%1", plan.path).replace("%2", str(plan.total)).replace("%3", plan.encoding)
                        .replace("%4", {",": self.tr("commas"), ";": self.tr("semicolons"),
                                        "\t": self.tr("tabs")}[plan.delimiter]))
        self.columns_view = _table(ColumnsModel(plan, self), "importColumns")
        self.preview_view = _table(PreviewModel(plan, self), "importPreview")
        self.report = QPlainTextEdit(objectName="importReport")
        self.report.setReadOnly(True)
        self.report.setPlainText(self._report_text())
        self.include_duplicates = QCheckBox(self.tr("Also import the %n likely duplicate(s)", "",
                                                    len(plan.duplicates)), objectName="includeDuplicates")
        self.include_duplicates.setVisible(bool(plan.duplicates))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import %n customer(s)", "", good),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(plan.ok and bool(plan.rows))
        self.include_duplicates.toggled.connect(self._count_changed)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.columns_view)
        split.addWidget(self.preview_view)
        split.addWidget(self.report)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.include_duplicates)
        layout.addWidget(self.buttons)
        self.resize(860, 640)

    def _report_text(self) -> str:
        p = self.plan
        lines = []
        if p.problems:
            lines.append(self.tr("Nothing can be imported until these %n row(s) are fixed in the file:", "",
                                 len(p.problems)))
            lines += [f"  {problem}" for problem in p.problems]
        if p.duplicates:
            lines.append(self.tr("Likely duplicates, left out unless you tick the box below:"))
            lines += [f"  {d}" for d in p.duplicates]
        if p.warnings:
            lines.append(self.tr("Warnings (these rows are imported):"))
            lines += [f"  {w}" for w in p.warnings]
        return "\n".join(lines) or self.tr("Every row is ready to import.")

    def _count_changed(self, include: bool) -> None:
        n = len(self.plan.rows) - (0 if include else len(self.plan.duplicates))
        self.import_button.setText(self.tr("Import %n customer(s)", "", n))

    def run_import(self) -> None:
        progress = _progress(self, self.tr("Importing customers…"), "importProgress")
        try:
            self.result_ = imports.run(self.plan, self.include_duplicates.isChecked(), _stepper(progress))
        except ServiceError as exc:
            progress.close()
            self.report.setPlainText(str(exc))
            return
        progress.close()
        self.accept()


def _progress(parent, text: str, name: str) -> QProgressDialog:
    """A progress window that appears only when the work turns out to be slow."""
    progress = QProgressDialog(text, tr("Stop"), 0, 0, parent)
    progress.setObjectName(name)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    return progress


def _stepper(progress: QProgressDialog):
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
    progress = _progress(parent, tr("Checking every row of the file…"), "checkProgress")
    try:
        plan = imports.read(path, _stepper(progress))
    except ServiceError as exc:
        progress.close()
        if not isinstance(exc, imports.Cancelled):
            _message(parent, QMessageBox.Icon.Warning, tr("This file cannot be imported.") + "\n\n" + str(exc))
        return None
    progress.close()
    dialog = ImportDialog(plan, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
        return None
    result = dialog.result_
    navigator.dataChanged.emit("all")
    text = tr("Imported %n customer(s).", "", result.imported)
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
