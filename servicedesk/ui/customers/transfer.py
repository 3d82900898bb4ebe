"""File > Import Customers… and File > Export Customers…: the core reads and checks, these windows show it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QMessageBox, QVBoxLayout

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import imports
from servicedesk.ui import operations
from servicedesk.ui.customers.checked_import import CheckedImportDialog, message_box, read_and_ask


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("Transfer", text, disambiguation, n)


class ImportDialog(CheckedImportDialog):
    def __init__(self, plan: imports.Plan, parent=None):
        super().__init__(plan, imports.FIELD_LABELS, "import",
                         tr("Keep the columns that have no place as lines in the notes"), "keepInNotes", parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import customers"))
        self.update_existing = QCheckBox(self.tr("Update the customers already in the office (same client id, "
                                                 "or same name and phone or email)"), objectName="updateExisting")
        self.update_existing.setChecked(plan.update)
        self.include_duplicates = QCheckBox(objectName="includeDuplicates")
        self.include_duplicates.toggled.connect(self._count_changed)
        self.update_existing.toggled.connect(lambda update: self.recheck(update=update))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.split, 1)
        for box in (self.keep_in_notes, self.update_existing, self.include_duplicates):
            layout.addWidget(box)
        layout.addWidget(self.buttons)
        self.resize(900, 680)
        self.refresh()

    # -- showing the plan
    def refresh(self) -> None:
        p = self.plan
        self.show_plan(self.tr("It looks like a %1 export: its columns are read as that product writes them."
                               ).replace("%1", p.layout))
        self.include_duplicates.setText(self.tr("Also import the %Ln likely duplicate(s)", "", len(p.duplicates)))
        self.include_duplicates.setVisible(bool(p.duplicates))
        self.update_button()

    def report_lines(self) -> list[str]:
        p = self.plan
        lines = self.refusal_lines()
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
        return lines

    def update_button(self) -> None:
        self._count_changed(self.include_duplicates.isChecked())

    def _count_changed(self, include: bool) -> None:
        n = self.plan.new_count(include)
        changed = sum(1 for u in self.plan.updates if u.changes)
        text = self.tr("Import %Ln customer(s)", "", n)
        if self.plan.update:
            text += " " + self.tr("and update %Ln", "", changed)
        self.import_button.setText(text)
        self.import_button.setEnabled(self.plan.ok and bool(n or changed))

    # -- checking again and importing
    def check(self, progress, mapping=None, update: bool | None = None) -> imports.Plan:
        return imports.check(self.plan.source, mapping=self.plan.mapping if mapping is None else mapping,
                             update=self.plan.update if update is None else update, progress=progress)

    def importing_title(self) -> str:
        return self.tr("Importing customers…")

    def do_import(self, progress) -> imports.Result:
        return imports.run(self.plan, self.include_duplicates.isChecked(), progress)


def import_customers(parent, navigator, path: str | None = None) -> operations.Operation | None:
    """Read and check the file on a worker thread, then show what would be imported; the import itself
    runs from the dialog. Returns the reading's operation (None when no file was chosen)."""
    return read_and_ask(parent, tr("Import customers"), tr("Customer lists (*.csv *.txt);;All files (*)"),
                        imports.read, ImportDialog, lambda result: _imported(navigator, result), path)


def _imported(navigator, result: imports.Result) -> None:
    navigator.dataChanged.emit("all")
    text = tr("Imported %Ln customer(s).", "", result.imported)
    if result.updated:
        text += " " + tr("Updated %Ln.", "", result.updated)
    if result.skipped_duplicates:
        text += " " + tr("%Ln likely duplicate(s) left out.", "", result.skipped_duplicates)
    navigator.statusMessage.emit(text)


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
    navigator.statusMessage.emit(tr("Exported %Ln customer(s) to %1.", "", count).replace("%1", path))
    return count

