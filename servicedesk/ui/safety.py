"""Data safety in the window: start-up checks and their messages, File > Back Up Now and
Restore from Backup…, and automatic backups on close and every few hours when something changed
(of an office server: one a day for the whole office, see ``server_backups``).
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from servicedesk import APP_NAME
from servicedesk.core.errors import ServiceError
from servicedesk.core.store import backup, check, db
from servicedesk.core.store.db import close_database, open_database
from servicedesk.core.store.dialect import is_server
from servicedesk.core.store.lock import DatabaseInUse
from servicedesk.ui import startup_check
from servicedesk.ui.actions import ActionId
from servicedesk.ui.widgets.plain_box import plain_box

log = logging.getLogger(__name__)

BACKUP_EVERY_MS = 3 * 60 * 60 * 1000  # every three hours, when something changed
CHECK_BESIDE_WINDOW_ABOVE = 64 * 1024 * 1024  # a larger file's start-up check runs while the window is up
_running: list[threading.Thread] = []  # automatic backups still being written


def tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


def run_box(box: QMessageBox) -> None:
    """Show a message modally (tests replace this to answer without blocking)."""
    box.exec()


def run_dialog(dialog) -> None:
    """Show a dialog modally (tests replace this to act in it without blocking)."""
    dialog.exec()


def message_box(icon, text: str, parent=None, name: str = "safetyMessage", details: str = "") -> QMessageBox:
    box = plain_box(icon, APP_NAME, text, parent=parent, name=name)
    if details:
        box.setDetailedText(details)
    return box


def in_use_box(exc: DatabaseInUse, parent=None) -> tuple[QMessageBox, object]:
    box = QMessageBox(parent)
    box.setObjectName("databaseInUse")
    box.setTextFormat(Qt.TextFormat.PlainText)  # it names the file and the computers as they are
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(tr("%1 is already open in another copy of ServiceDesk (process %2 on %3, since %4).")
                .replace("%1", exc.path.name).replace("%2", str(exc.holder.pid))
                .replace("%3", exc.holder.host).replace("%4", exc.holder.describe().rsplit("since ", 1)[-1]))
    box.setInformativeText(tr("Only one copy can make changes at a time. Open it read-only to look things "
                              "up, or quit and use the other copy."))
    read_only = box.addButton(tr("Open Read-Only"), QMessageBox.ButtonRole.AcceptRole)
    if exc.other_host:
        box.setInformativeText(tr("It was opened on another computer, %1. If ServiceDesk is not running there any "
                                  "more (the data folder was moved to this PC, say), you can take the lock over. "
                                  "Otherwise open it read-only here, or quit.").replace("%1", exc.holder.host))
        box.addButton(tr("Take Over…"), QMessageBox.ButtonRole.ActionRole).setObjectName("takeOver")
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    return box, read_only


def confirm_take_over(exc: DatabaseInUse, parent=None) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME,
                      tr("Take over the lock from %1?").replace("%1", exc.holder.host), parent=parent)
    box.setObjectName("confirmTakeOver")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(tr("Do this only if ServiceDesk is no longer running on %1 (it has held the database "
                              "since %2). If it still is, both computers would write to the database at once and "
                              "could damage it.").replace("%1", exc.holder.host)
                           .replace("%2", exc.holder.describe().rsplit("since ", 1)[-1]))
    take = box.addButton(tr("Take Over"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole))
    run_box(box)
    return box.clickedButton() is take


def missing_box(exc: check.MissingDatabase, parent=None) -> tuple[QMessageBox, object]:
    box = QMessageBox(parent)
    box.setObjectName("databaseMissing")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    state = tr("is empty") if exc.path.exists() else tr("is missing")
    box.setText(tr("The database %1 %2, but it has backups.").replace("%1", str(exc.path)).replace("%2", state))
    box.setInformativeText(tr("This is not a new office. Restore the newest good backup, taken %1, to go on where "
                              "it left off, or quit and look for the file.")
                           .replace("%1", check.shown_time(exc.newest.taken_at)))
    restore = box.addButton(tr("Restore the Newest Backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    return box, restore


def _start_failed(text: str, parent=None) -> None:
    """Why the window does not start: in the window, and on the command line it was started from, in the
    same plain words (the process then ends with a non-zero status)."""
    print(f"servicedesk: {' '.join(text.split())}", file=sys.stderr, flush=True)
    run_box(message_box(QMessageBox.Icon.Critical, text, parent, "startupFailed"))


def open_for_window(path: str | Path, parent=None, take_over: bool = False) -> check.Opened | None:
    """Lock, check and open the database, telling the person what happened. None: do not start."""
    try:
        opened = check.start(path, check_later_above=CHECK_BESIDE_WINDOW_ABOVE, take_over=take_over)
    except check.MissingDatabase as exc:
        box, restore = missing_box(exc, parent)
        run_box(box)
        if box.clickedButton() is not restore:
            return None
        try:
            check.restore_backup(path, exc.newest.path)
        except ServiceError as inner:
            run_box(message_box(QMessageBox.Icon.Critical, str(inner), parent, "startupFailed"))
            return None
        return open_for_window(path, parent)
    except DatabaseInUse as exc:
        box, read_only = in_use_box(exc, parent)
        run_box(box)
        clicked = box.clickedButton()
        if clicked is not None and clicked.objectName() == "takeOver":
            return open_for_window(path, parent, take_over=True) if confirm_take_over(exc, parent) else None
        if clicked is not read_only:
            return None
        try:
            opened = check.start(path, read_only=True)
        except ServiceError as inner:
            run_box(message_box(QMessageBox.Icon.Critical, str(inner), parent, "startupFailed"))
            return None
    except ServiceError as exc:
        _start_failed(str(exc), parent)
        return None
    except Exception as exc:  # noqa: BLE001 (only the ones the database's plain words cover)
        plain = db.plain_storage_error(exc)
        if plain is None:
            raise
        log.warning("the database could not be opened: %s", exc)
        close_database()  # whatever the failed start left open
        _start_failed(str(plain), parent)
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
    checkFailed = Signal(str)  # why that check could not run (the file was not judged damaged)

    def __init__(self, window, opened: check.Opened, beside=None):
        super().__init__(window)
        self.setObjectName("safetyGuard")
        self.window, self.opened = window, opened
        self.server = None  # an office server's backups (server_backups), when the window is on one
        self._backing_up = None  # Back Up Now's operation, while one runs
        window.actions_.bind(ActionId.BACKUP, self.back_up_now)
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_EVERY_MS)
        self.timer.timeout.connect(self.back_up_if_changed)
        self.backupDone.connect(self._backup_done)
        if opened.read_only:
            window.setWindowTitle(window.windowTitle() + " " + tr("(read-only)"))
            window.statusBar().showMessage(tr("Opened read-only: another copy of ServiceDesk is making changes."))
        elif not is_server(opened.path):
            window.actions_.bind(ActionId.RESTORE, self.restore_from_backup)
            self.timer.start()
        else:  # an office server: one automatic backup a day for the whole office, on a worker
            from servicedesk.ui.server_backups import ServerBackups

            self.server = ServerBackups(window, opened.path, BACKUP_EVERY_MS)
        if beside is not None:
            window.statusBar().showMessage(tr("Checking the database… Changes are saved once the check is done."))
            beside.deliver_to(self._checked)
            self._begin_when_figures_shown(beside)

    def _begin_when_figures_shown(self, beside) -> None:
        """The check reads once the window shows its figures (the list's count, today's queue): until then
        it would take the processor from them. Writes wait for it from the start either way."""
        ready = getattr(self.window, "figuresReady", None)
        if ready is None or self.window.figures_ready():
            QTimer.singleShot(0, beside.begin)
            return

        def begin() -> None:
            ready.disconnect(begin)
            beside.begin()

        ready.connect(begin)

    # -- the start-up check of a large file, run while the window is already up (startup_check)
    def _checked(self, result) -> None:
        """What the check beside the window found: repair if need be, then let the held writes go."""
        try:
            if isinstance(result, str):
                self.window.statusBar().showMessage(tr("The database could not be checked: %1").replace("%1", result))
                self.checkFailed.emit(result)
                return
            if result:
                self._repair(result)
            else:
                self.window.statusBar().showMessage(tr("Database checked: no problems found."), 10_000)
        finally:
            db.release_writes()  # the saves that waited go into the sound (or restored) file
        from servicedesk.core.services import recurrence

        recurrence.generate()  # the plans' visits and the queue's housekeeping, held back while the check ran
        for what in ("visits", "communication"):
            self.window.navigator.dataChanged.emit(what)
        self.checkDone.emit(result)

    def _repair(self, problems: list[str]) -> None:
        log.error("start-up check of %s found: %s", self.opened.path, "; ".join(problems[:3]))
        self.window.statusBar().clearMessage()
        try:
            messages = self.opened.recover(problems)
        except ServiceError as exc:
            run_box(message_box(QMessageBox.Icon.Critical, str(exc), self.window, "startupMessage"))
            return
        for text in messages:
            run_box(message_box(QMessageBox.Icon.Critical, text, self.window, "startupMessage",
                                "\n".join(self.opened.details)))
        self._reload_panes()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    def back_up_now(self):
        """A backup now, on a worker with a progress window when it is slow (a large file takes seconds to copy
        and check): of a file, beside it; of an office server, a pg_dump kept on this PC. The Operation."""
        if self.server is not None:
            return self.server.back_up_now()
        from servicedesk.ui import operations

        if self._backing_up is not None and not self._backing_up.done:
            return self._backing_up  # one at a time: the one under way is the one asked for
        self._backing_up = operations.run(  # backups use their own SQLite connections, never the window's
            self.window, lambda _step: backup.create_backup(self.opened.path), self._backed_up_now,
            self._backup_now_failed, title=tr("Backing up the database…"), name="backUpNow")
        return self._backing_up

    def _backed_up_now(self, info: backup.BackupInfo) -> None:
        self._status(tr("Backed up to %1").replace("%1", str(info.path)))

    def _backup_now_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            raise exc
        run_box(message_box(QMessageBox.Icon.Warning, str(exc), self.window, "backupFailed"))

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
        from servicedesk.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.opened.path, self.window)
        if not dialog.backups.count() and not dialog.kept.count():
            run_box(message_box(QMessageBox.Icon.Information, tr("There are no backups of this database yet."),
                                self.window, "noBackups"))
            return None
        run_dialog(dialog)
        return dialog.chosen

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
        settle_work_under_way()
        close_database()
        try:
            # the replaced database is kept, never deleted; refused while another program uses it
            aside = check.restore_backup(path, chosen, use=self.opened.use)
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


def settle_work_under_way(stop: bool = False) -> None:
    """Before the database closes or is replaced: a start-up check still reading stops (its held writes are
    let go; the next start checks again), and the work on worker threads and the automatic backups end whole,
    in the database they began in. ``stop`` asks the workers to stop where they can (the window is closing);
    else they finish (a restore, after which the window goes on and their results still arrive).

    Left running, a worker's next statements would follow the database opened next: half of its work in one
    file and half in the other, or a transaction begun in one holding that file's write lock while waiting
    for it on another connection ("database is locked").
    """
    startup_check.cancel_all()
    operations = sys.modules.get("servicedesk.ui.operations")  # none when the window started no work
    if operations is not None and stop:
        operations.shutdown()
    elif operations is not None:
        operations.wait_all()
    for thread in list(_running):
        thread.join()


def end_work_under_way() -> None:
    """Wait for the work the window started on worker threads (none if it started none)."""
    operations = sys.modules.get("servicedesk.ui.operations")
    if operations is not None:
        operations.shutdown()


def finish(opened: check.Opened) -> None:
    """End the window's work still under way (see ``settle_work_under_way``), back up if something changed,
    then close the database cleanly (marker and lock removed)."""
    settle_work_under_way(stop=True)
    problem = opened.close()
    if problem:
        log.error("backup on close failed: %s", problem)
