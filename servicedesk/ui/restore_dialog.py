"""File > Restore from Backup…: the backups to choose from, and the copies kept beside the database
(damaged, replaced, failed backups) with their sizes, which can be deleted here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout)

from servicedesk.core import formatting
from servicedesk.core.store import backup, leftovers
from servicedesk.ui.widgets import plain_box

KIND = {"damaged": "Damaged database, set aside", "replaced": "Database replaced by a restore",
        "failed backup": "Backup that failed its check"}


def megabytes(size: int) -> str:
    return formatting.format_number(size / 1_000_000, decimals=1) + " MB"


class RestoreDialog(QDialog):
    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.db_path = db_path
        self.chosen: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Replace the current database with the backup taken:")))
        self.backups = QListWidget(objectName="backupList")
        layout.addWidget(self.backups)
        self.kept_label = QLabel(self.tr("Copies kept beside the database (never used unless you open them):"))
        layout.addWidget(self.kept_label)
        self.kept = QListWidget(objectName="keptList")
        layout.addWidget(self.kept)
        self.delete_button = QPushButton(self.tr("Delete Copy…"), objectName="deleteKept")
        self.delete_button.clicked.connect(self.delete_selected)
        layout.addWidget(self.delete_button, alignment=Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreChosen")
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.backups.itemSelectionChanged.connect(self._enable)
        self.kept.itemSelectionChanged.connect(self._enable)
        self.fill()
        self.resize(600, 420)

    def fill(self) -> None:
        self.backups.clear()
        for info in backup.list_backups(self.db_path):
            item = QListWidgetItem(self.tr("%1  (%2)").replace("%1", formatting.format_datetime(info.taken_at))
                                   .replace("%2", megabytes(info.size)))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.backups.addItem(item)
        if self.backups.count():
            self.backups.setCurrentRow(0)
        self.kept.clear()
        copies = leftovers.kept_copies(self.db_path)
        for copy in copies:
            item = QListWidgetItem(self.tr("%1 on %2  (%3)").replace("%1", self.tr(KIND[copy.kind]))
                                   .replace("%2", formatting.format_datetime(copy.taken_at))
                                   .replace("%3", megabytes(copy.size)))
            item.setToolTip(str(copy.path))
            item.setData(Qt.ItemDataRole.UserRole, str(copy.path))
            self.kept.addItem(item)
        for widget in (self.kept_label, self.kept, self.delete_button):
            widget.setVisible(bool(copies))
        self._enable()

    def _enable(self) -> None:
        self.restore_button.setEnabled(self.backups.currentItem() is not None)
        self.delete_button.setEnabled(self.kept.currentItem() is not None)

    def choose(self) -> None:
        item = self.backups.currentItem()
        if item is not None:
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

    def confirm_delete(self, path: Path) -> bool:
        """Ask before deleting (tests answer for the person)."""
        return plain_box.ask(self, self.tr("Delete Copy"),
                             self.tr("Delete %1 for good? It cannot be restored afterwards.").replace("%1", path.name))

    def delete_selected(self) -> None:
        item = self.kept.currentItem()
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        if self.confirm_delete(path):
            leftovers.delete_kept(self.db_path, path)
            self.fill()
