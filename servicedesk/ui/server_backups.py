"""The window's backups of an office server: one automatic backup a day for the whole office, and Back Up Now.

A minute after the window opens, and every three hours while it is open, the window asks on a
worker thread (the operation runner) for the day's backup: the first PC to ask takes it (a
``pg_dump`` checked by a restore into a scratch database, kept in this PC's data folder with
the usual rotation), the others see it was taken and take none. When this PC cannot take a
server backup fully (no PostgreSQL client tools, or a user that may not create a scratch
database), one line says what the server's own backup must do: once on this PC, not each time.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from servicedesk import APP_NAME
from servicedesk.core import formatting
from servicedesk.core.store import server_backup
from servicedesk.ui import operations, settings
from servicedesk.ui.widgets.plain_box import plain_box

log = logging.getLogger(__name__)

FIRST_AFTER_MS = 60 * 1000  # the first look, once the window has settled
NOTICE_KEY = "serverBackupNotice"  # the last line said about what the server's own backup must do


def tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


class ServerBackups(QObject):
    """Automatic and by-hand backups of the office server at ``url`` for one window."""

    def __init__(self, window, url: str, every_ms: int):
        super().__init__(window)
        self.setObjectName("serverBackups")
        self.window, self.url = window, url
        self.running: operations.Operation | None = None
        self.notice: QMessageBox | None = None
        self.timer = QTimer(self, interval=every_ms)
        self.timer.timeout.connect(self.take_daily)
        self.timer.start()
        QTimer.singleShot(FIRST_AFTER_MS, self, self.take_daily)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    # -- the day's automatic backup
    def take_daily(self) -> operations.Operation | None:
        """Ask for the day's backup on a worker; None while one is still under way here."""
        if self.running is not None and not self.running.done:
            return None
        self.running = operations.run(self.window, lambda _step: server_backup.daily_backup(self.url),
                                      self._daily_done, self._failed, name="serverBackup")
        return self.running

    def _daily_done(self, daily: server_backup.Daily) -> None:
        if daily.state == "made":
            self._status(tr("Today's backup of the office server is saved: %1").replace(
                "%1", daily.backup.info.path.name))
        elif daily.state == "done":
            self._status(tr("Today's backup of the office server was taken by %1 at %2.")
                         .replace("%1", daily.by).replace("%2", formatting.format_moment(daily.at)))
        if daily.note:
            self.say_once(daily.note)

    def _failed(self, exc: BaseException) -> None:
        log.error("backup of the office server failed: %s", exc)
        self._status(tr("The backup of the office server failed: %1").replace("%1", str(exc)))

    def say_once(self, text: str) -> QMessageBox | None:
        """One line on what the server's own backup must do, shown once on this PC (logged every time)."""
        log.warning("%s", text)
        if settings.preference(NOTICE_KEY) == text:
            return None
        settings.set_preference(NOTICE_KEY, text)
        box = plain_box(QMessageBox.Icon.Information, APP_NAME, text, parent=self.window, name="serverBackupNotice")
        box.open()  # the window goes on meanwhile
        self.notice = box
        return box

    # -- File > Back Up Now
    def back_up_now(self) -> operations.Operation:
        """A backup of the server now, whatever the day's automatic one did; a progress window when it is slow."""
        return operations.run(self.window, lambda _step: server_backup.create_backup(self.url), self._made,
                              self._failed_now, title=tr("Backing up the office server…"), name="serverBackupNow")

    def _made(self, result: server_backup.ServerBackup) -> None:
        self._status(tr("Backed up to %1").replace("%1", str(result.info.path)))
        if result.checked == server_backup.READ_THROUGH:
            self.say_once(server_backup.NO_SCRATCH)

    def _failed_now(self, exc: BaseException) -> None:
        log.error("backup of the office server failed: %s", exc)
        box = plain_box(QMessageBox.Icon.Warning, APP_NAME, str(exc), parent=self.window, name="backupFailed")
        box.open()
