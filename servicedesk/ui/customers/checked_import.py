"""What the import windows share: a file read and checked by the core, shown before anything is written.

The summary (the file, its encoding, the product it looks like), each column and where it goes
(click "Imported as" to change it), the first rows with the bad ones in red, the report, and the
Import button, which stays off until the file can be imported whole. File > Import Customers… and
File > Import Visits… are built on :class:`CheckedImportDialog`.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
)

from servicedesk.core.errors import ServiceError
from servicedesk.core.services.imports import Cancelled
from servicedesk.ui import operations
from servicedesk.ui.widgets.plain_box import plain_box


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("CheckedImport", text, disambiguation, n)


NO_PLACE = "(no place)"


class ColumnsModel(QAbstractTableModel):
    """Each column of the file, the field it feeds (editable), how many rows have data in it, and its first value."""

    HEADERS = ("Column in the file", "Imported as", "First value")
    mappingEdited = Signal(int, object)  # column number, field key (None: no place)

    def __init__(self, plan, labels: dict[str, str], parent=None):
        super().__init__(parent)
        self.labels = labels
        self.set_plan(plan)

    def set_plan(self, plan) -> None:
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

    def __init__(self, plan, parent=None):
        super().__init__(parent)
        self.set_plan(plan)

    def set_plan(self, plan) -> None:
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
    view.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.resizeColumnsToContents()
    return view




class CheckedImportDialog(QDialog):
    """A checked file, its columns, first rows and report; a subclass says how to check again and to import.

    ``names`` is the prefix of the widgets' object names (``importColumns``, ``importReport``...).
    Subclasses implement ``check(progress, mapping=…)`` (the file checked again with a change),
    ``report_lines()``, ``refresh()`` (the plan and the Import button shown), ``update_button()``,
    ``importing_title()`` and ``do_import(progress)``. Checking again and importing run on a worker
    thread through the operation runner, with a progress window and Stop when they take a while;
    only the newest check's answer is shown.
    """

    def __init__(self, plan, labels: dict[str, str], names: str, keep_text: str, keep_name: str, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.result_ = None
        self.operation: operations.Operation | None = None  # checking or importing, on a worker thread
        self._latest = 0  # the newest piece of work started: an older one's answer is dropped
        self.summary = QLabel(objectName=f"{names}Summary")
        self.summary.setWordWrap(True)
        self.columns_model = ColumnsModel(plan, labels, self)
        self.columns_view = table_view(self.columns_model, f"{names}Columns")
        self.columns_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.columns_view.setItemDelegateForColumn(1, FieldDelegate(self.columns_view))
        self.columns_view.setColumnWidth(1, 270)
        self.columns_model.mappingEdited.connect(self._map_column)
        self.preview_model = PreviewModel(plan, self)
        self.preview_view = table_view(self.preview_model, f"{names}Preview")
        self.preview_view.verticalHeader().show()
        self.report = QPlainTextEdit(objectName=f"{names}Report")
        self.report.setReadOnly(True)
        self.keep_in_notes = QCheckBox(keep_text, objectName=keep_name)
        self.keep_in_notes.toggled.connect(self._keep_in_notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName(f"{names}Button")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self.split = QSplitter(Qt.Orientation.Vertical)
        for widget in (self.columns_view, self.preview_view, self.report):
            self.split.addWidget(widget)

    def show_plan(self, looks: str) -> None:
        """Show the plan: ``looks`` says the product the file looks like ("" for none)."""
        p = self.plan
        text = self.tr("%1: %2 rows, %3, separated by %4.").replace("%1", p.path).replace(
            "%2", str(p.total)).replace("%3", p.encoding).replace(
            "%4", {",": self.tr("commas"), ";": self.tr("semicolons"), "\t": self.tr("tabs")}[p.delimiter])
        parts = [text, looks] if p.layout else [text]
        self.summary.setText(" ".join(parts + [self.tr("Click a column's “Imported as” to change where it goes.")]))
        self.columns_model.set_plan(p)
        self.preview_model.set_plan(p)
        self.report.setPlainText("\n".join(self.report_lines()) or self.tr("Every row is ready to import."))
        self.keep_in_notes.setVisible(bool(p.unmapped) or self.keep_in_notes.isChecked())

    def refusal_lines(self) -> list[str]:
        """What stops the import: the columns without a place and the bad rows."""
        p, lines = self.plan, []
        if p.unmapped:
            lines.append(self.tr("Nothing can be imported until each of these columns has a place:"))
            lines += [f"  {u}." for u in p.unmapped]
            lines.append(self.tr("  Choose where it goes in the table above (“Left out” leaves it out), "
                                 "or tick the box below to keep it in the notes."))
        if p.problems:
            lines.append(self.tr("Fix %Ln row(s) in the file; until then nothing can be imported:", "",
                                 len(p.problems)))
            lines += [f"  {problem}" for problem in p.problems]
        return lines

    def recheck(self, **changes) -> None:
        """Check every row again with a change (a column's place, a technician's answer...)."""
        self._start(lambda step: self.check(step, **changes), self._rechecked,
                    self.tr("Checking every row of the file…"), "recheckImport")

    def _rechecked(self, plan) -> None:
        self.plan = plan
        self.refresh()

    def _start(self, work, done, title: str, name: str) -> None:
        if self.operation is not None and not self.operation.done:
            self.operation.cancel()  # overtaken by this one
        self._latest += 1
        mine = self._latest

        def current(callback):
            return lambda value: callback(value) if mine == self._latest else None

        self.import_button.setEnabled(False)  # nothing is imported from a plan being checked
        self.operation = operations.run(self, work, current(done), current(self._failed), title=title,
                                        cancellable=True, name=name)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            raise exc
        if not isinstance(exc, Cancelled):
            self.report.setPlainText(str(exc))
        self.update_button()

    def busy(self) -> bool:
        """A check or the import is still running."""
        return self.operation is not None and not self.operation.done

    def _map_column(self, column: int, field) -> None:
        mapping = list(self.plan.mapping)
        mapping[column] = field
        self.recheck(mapping=mapping)

    def _keep_in_notes(self, keep: bool) -> None:
        if keep:
            self._kept = {u.header for u in self.plan.unmapped}
        mapping = [("note_line" if keep and h in self._kept else None if not keep and h in self._kept and
                    f == "note_line" else f) for h, f in zip(self.plan.headers, self.plan.mapping)]
        self.recheck(mapping=mapping)

    _kept: set = set()

    def run_import(self) -> None:
        self._start(self.do_import, self._imported, self.importing_title(), "runImport")

    def _imported(self, result) -> None:
        self.result_ = result
        self.accept()


def read_and_ask(parent, title: str, kinds: str, read, dialog_class, imported, path: str | None = None):
    """Choose a file (unless ``path``), read and check it with ``read(path, step)`` on a worker thread,
    show it in ``dialog_class``, and call ``imported(result)`` once the person imported it. Returns the
    reading's operation (None when no file was chosen)."""
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(parent, title, "", kinds)
        if not path:
            return None

    def ask(plan) -> None:
        dialog = dialog_class(plan, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_ is not None:
            imported(dialog.result_)

    def unreadable(exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            raise exc
        if not isinstance(exc, Cancelled):
            message_box(parent, QMessageBox.Icon.Warning, tr("This file cannot be imported.") + "\n\n" + str(exc))

    return operations.run(parent, lambda step: read(path, step), ask, unreadable,
                          title=tr("Checking every row of the file…"), cancellable=True, name="readImport")


def message_box(parent, icon, text: str) -> None:
    box = plain_box(icon, tr("Customers"), text, parent=parent, name="transferMessage")
    box.exec()
