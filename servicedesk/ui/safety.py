"""Data safety in the window: start-up checks and their messages, File > Back Up Now and
Restore from Backup…, and automatic backups on close and every few hours when something changed.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from servicedesk import APP_NAME
from servicedesk.core.errors import ServiceError
from servicedesk.core.store import backup, check
from servicedesk.core.store.db import close_database, open_database
from servicedesk.core.store.dialect import is_server
from servicedesk.core.store.lock import DatabaseInUse
from servicedesk.ui.actions import ActionId

log = logging.getLogger(__name__)

BACKUP_EVERY_MS = 3 * 60 * 60 * 1000  # every three hours, when something changed
CHECK_BESIDE_WINDOW_ABOVE = 64 * 1024 * 1024  # a larger file's start-up check runs while the window is up
_running: list[threading.Thread] = []  # automatic backups still being written
_checks: list[threading.Thread] = []  # start-up checks still reading


def tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


def run_box(box: QMessageBox) -> None:
    """Show a message modally (tests replace this to answer without blocking)."""
    box.exec()


def message_box(icon, text: str, parent=None, name: str = "safetyMessage", details: str = "") -> QMessageBox:
    box = QMessageBox(icon, APP_NAME, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    if details:
        box.setDetailedText(details)
    return box


def in_use_box(exc: DatabaseInUse, parent=None) -> tuple[QMessageBox, object]:
    box = QMessageBox(parent)
    box.setObjectName("databaseInUse")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(tr("%1 is already open in another copy of ServiceDesk (process %2 on %3, since %4).")
                .replace("%1", exc.path.name).replace("%2", str(exc.holder.pid))
                .replace("%3", exc.holder.host).replace("%4", exc.holder.describe().rsplit("since ", 1)[-1]))
    box.setInformativeText(tr("Only one copy can make changes at a time. Open it read-only to look things "
                              "up, or quit and use the other copy."))
    read_only = box.addButton(tr("Open Read-Only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    return box, read_only


def open_for_window(path: str | Path, parent=None) -> check.Opened | None:
    """Lock, check and open the database, telling the person what happened. None: do not start."""
    try:
        opened = check.start(path, check_later_above=CHECK_BESIDE_WINDOW_ABOVE)
    except DatabaseInUse as exc:
        box, read_only = in_use_box(exc, parent)
        run_box(box)
        if box.clickedButton() is not read_only:
            return None
        try:
            opened = check.start(path, read_only=True)
        except ServiceError as inner:
            run_box(message_box(QMessageBox.Icon.Critical, str(inner), parent, "startupFailed"))
            return None
    except ServiceError as exc:
        run_box(message_box(QMessageBox.Icon.Critical, str(exc), parent, "startupFailed"))
        return None
    for text in opened.messages:
        icon = QMessageBox.Icon.Critical if opened.recovered else QMessageBox.Icon.Warning
        details = "\n".join(opened.details) if opened.recovered else ""
        run_box(message_box(icon, text, parent, "startupMessage", details))
    return opened


class SafetyGuard(QObject):
    """Binds File > Back Up Now / Restore from Backup… and keeps automatic backups for one window."""

    backupDone = Signal(object)  # the BackupInfo of an automatic backup, or the message why it failed
    checkDone = Signal(list)  # what the start-up check left to run beside the window found

    def __init__(self, window, opened: check.Opened):
        super().__init__(window)
        self.setObjectName("safetyGuard")
        self.window, self.opened = window, opened
        window.actions_.bind(ActionId.BACKUP, self.back_up_now)
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_EVERY_MS)
        self.timer.timeout.connect(self.back_up_if_changed)
        self.backupDone.connect(self._backup_done)
        if opened.read_only:
            window.setWindowTitle(window.windowTitle() + " " + tr("(read-only)"))
            window.statusBar().showMessage(tr("Opened read-only: another copy of ServiceDesk is making changes."))
        elif not is_server(opened.path):  # an office server's backups are taken by the server's own schedule
            window.actions_.bind(ActionId.RESTORE, self.restore_from_backup)
            self.timer.start()
        self.checkDone.connect(self._check_done)
        self.check_thread = self._check_beside_window() if opened.check_later else None

    # -- the start-up check of a large file, run while the window is already up
    def _check_beside_window(self) -> threading.Thread:
        self.window.statusBar().showMessage(tr("Checking the database…"))
        thread = threading.Thread(target=self._check_worker, name="start-up-check", daemon=True)
        thread.cancelled = False
        _checks.append(thread)
        thread.start()
        return thread

    def _check_worker(self) -> None:
        me = threading.current_thread()
        try:
            problems = check.check_file(self.opened.path, connected=lambda con: setattr(me, "connection", con))
            if not me.cancelled:  # an interrupted check found nothing; the next start checks again
                self.checkDone.emit(problems)
        finally:
            _checks.remove(me)  # only now may the window close without waiting for it

    def _check_done(self, problems: list[str]) -> None:
        if not problems:
            self.window.statusBar().showMessage(tr("Database checked: no problems found."), 10_000)
            return
        log.error("start-up check of %s found: %s", self.opened.path, "; ".join(problems[:3]))
        self.window.statusBar().clearMessage()
        for text in self.opened.recover(problems):
            run_box(message_box(QMessageBox.Icon.Critical, text, self.window, "startupMessage",
                                "\n".join(self.opened.details)))
        self._reload_panes()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    def back_up_now(self) -> backup.BackupInfo | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if is_server(self.opened.path):  # a pg_dump of the office server, kept on this PC
                from servicedesk.core.store import server_backup

                info = server_backup.create_backup(self.opened.path).info
            else:
                info = backup.create_backup(self.opened.path)
        except ServiceError as exc:
            QApplication.restoreOverrideCursor()
            run_box(message_box(QMessageBox.Icon.Warning, str(exc), self.window, "backupFailed"))
            return None
        QApplication.restoreOverrideCursor()
        self._status(tr("Backed up to %1").replace("%1", str(info.path)))
        return info

    def back_up_if_changed(self) -> threading.Thread | None:
        """Back up off the GUI thread when something changed since the last backup; ``backupDone`` tells."""
        if not backup.changed_since_last_backup(self.opened.path):
            return None
        thread = threading.Thread(target=self._backup_worker, name="automatic-backup", daemon=True)
        _running.append(thread)
        thread.start()
        return thread

    def _backup_worker(self) -> None:
        try:  # backups use their own SQLite connections, never the window's
            self.backupDone.emit(backup.create_backup(self.opened.path))
        except ServiceError as exc:
            log.error("automatic backup failed: %s", exc)
            self.backupDone.emit(str(exc))
        finally:
            _running.remove(threading.current_thread())

    def _backup_done(self, result) -> None:
        if isinstance(result, backup.BackupInfo):
            self._status(tr("Automatic backup saved: %1").replace("%1", result.path.name))
        else:
            self._status(tr("The automatic backup failed: %1").replace("%1", str(result)))

    def _reload_panes(self) -> None:
        """Everything on screen came from the replaced database: read it all again."""
        customers_pane = getattr(self.window, "customers", None)
        if customers_pane is not None and hasattr(customers_pane, "refresh"):
            customers_pane.refresh()  # ids may differ in the restored file
        for what in ("all", "customers", "visits", "communication"):
            self.window.navigator.dataChanged.emit(what)

    def choose_backup(self) -> Path | None:
        backups = backup.list_backups(self.opened.path)
        if not backups:
            run_box(message_box(QMessageBox.Icon.Information, tr("There are no backups of this database yet."),
                                self.window, "noBackups"))
            return None
        labels = [tr("%1  (%2 MB)").replace("%1", f"{b.taken_at:%a %d %b %Y %H:%M}")
                  .replace("%2", f"{b.size / 1_000_000:.1f}") for b in backups]
        label, ok = QInputDialog.getItem(self.window, tr("Restore from Backup"),
                                         tr("Replace the current database with the backup taken:"), labels, 0, False)
        return backups[labels.index(label)].path if ok else None

    def restore_from_backup(self, chosen: Path | None = None) -> bool:
        chosen = chosen or self.choose_backup()
        if chosen is None:
            return False
        problems = backup.verify(chosen)
        if problems:
            run_box(message_box(QMessageBox.Icon.Warning,
                                tr("This backup is damaged and cannot be restored: %1").replace("%1", problems[0]),
                                self.window, "restoreFailed"))
            return False
        path = self.opened.path
        close_database()
        try:
            aside = backup.restore(chosen, path)  # the replaced database is set aside, never deleted
        except ServiceError as exc:
            run_box(message_box(QMessageBox.Icon.Warning, str(exc), self.window, "restoreFailed"))
            return False
        finally:
            open_database(path)
        self._reload_panes()
        run_box(message_box(QMessageBox.Icon.Information,
                            tr("The backup %1 was restored. The database it replaced was kept as %2.")
                            .replace("%1", chosen.name).replace("%2", str(aside)), self.window, "restored"))
        return True


def finish(opened: check.Opened) -> None:
    """Back up if something changed, then close the database cleanly (marker and lock removed)."""
    for thread in list(_checks):  # a check still reading is stopped; the next start checks again
        thread.cancelled = True
        if getattr(thread, "connection", None) is not None:
            thread.connection.interrupt()
        thread.join()
    for thread in list(_running):
        thread.join()
    problem = opened.close()
    if problem:
        log.error("backup on close failed: %s", problem)
