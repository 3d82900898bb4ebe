"""While another program (an import, the demo, a command) is writing, the window waits visibly.

A save that finds the database's write lock taken waits a quarter of a second, then shows
"Waiting for another program…" with Cancel, and tries again every quarter of a second while the
window stays responsive. Cancel gives the save up with a plain message; what was typed stays
where it was, to be saved again.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from servicedesk.core.store import db

RETRY_MS = 250
WORKER_TRIES = 40  # a save on a worker thread waits up to ten seconds, without a dialog


def tr(text: str) -> str:
    return QCoreApplication.translate("Waiting", text)


class WriterWait:
    """``db.wait_for_writer`` for the window: the waiting state, shown on the GUI thread only."""

    def __init__(self, parent=None):
        self.parent = parent
        self.dialog: QProgressDialog | None = None

    def __call__(self, attempt: int | None, why: str = "writer") -> bool:
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            if attempt is None:
                return True
            time.sleep(RETRY_MS / 1000)
            return why == "check" or attempt < WORKER_TRIES  # a check always ends; another program may not
        if attempt is None:
            self._close()
            return True
        if self.dialog is None:
            self.dialog = self._make_dialog(why)
        loop = QEventLoop()
        QTimer.singleShot(RETRY_MS, loop.quit)
        loop.exec()
        if self.dialog.wasCanceled():
            self._close()
            return False
        return True

    def _make_dialog(self, why: str) -> QProgressDialog:
        text = (tr("The database is still being checked. Your change is saved as soon as the check is done.")
                if why == "check" else
                tr("Waiting for another program to finish saving to the database (an import or a command, say). "
                   "Your change is saved as soon as it has finished."))
        dialog = QProgressDialog(text, tr("Cancel"), 0, 0, self.parent)
        dialog.setObjectName("waitingForWriter")
        dialog.setWindowTitle(tr("Waiting"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        return dialog

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def install(window) -> WriterWait:
    """Let every save in this window wait visibly for other programs' writes."""
    waiter = WriterWait(window)
    db.wait_for_writer = waiter
    return waiter


def uninstall() -> None:
    db.wait_for_writer = None
