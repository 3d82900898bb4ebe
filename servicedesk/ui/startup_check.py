"""The start-up check of a large file, run beside the window while it is already up.

Every write waits from the moment the database is open until the check is done
(``db.hold_writes``); the reading starts once the window is up and shows its figures (the
customer list's count, today's queue), which would otherwise share the processor with it. If the file turns out damaged, it
is replaced by its newest good backup before anything typed in the meantime is saved, so nothing
typed ends up only in the damaged file. A save made meanwhile shows "The database is still being checked…" with
Cancel and goes through by itself once the check is done.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from servicedesk.core.errors import ServiceError
from servicedesk.core.store import check, db

log = logging.getLogger(__name__)
running: list[threading.Thread] = []  # checks still reading (the window waits for them when it closes)


class BesideCheck(QObject):
    finished = Signal(object)  # the problems found (a list), or why the check could not run (a str)

    def __init__(self, opened: check.Opened):
        super().__init__()
        self.opened = opened
        self.result = None
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._work, name="start-up-check", daemon=True)
        self.thread.cancelled = False
        self.thread.connection = None

    def start(self) -> None:
        """Hold writes now; the reading starts with ``begin()``."""
        db.hold_writes()
        running.append(self.thread)

    def begin(self) -> None:
        """Start reading (once; never after ``cancel()``)."""
        with self.lock:
            if self.thread.cancelled or self.thread.is_alive():
                return
            self.thread.start()

    def _work(self) -> None:
        me = self.thread
        try:
            try:
                result = check.check_file(self.opened.path, connected=lambda con: setattr(me, "connection", con))
            except ServiceError as exc:  # not damage: the check could not run (a full disk, a disk error)
                log.error("start-up check of %s could not run: %s", self.opened.path, exc)
                result = str(exc)
            with self.lock:
                if not me.cancelled:  # an interrupted check found nothing; the next start checks again
                    if isinstance(result, list) and result:
                        db.repair_pending()  # writes wait for the window's repair
                    else:
                        db.release_writes()  # sound (or not checkable): nothing to wait for
                    self.result = result
                    self.finished.emit(result)
        finally:
            running.remove(me)

    def deliver_to(self, receiver) -> None:
        """Call ``receiver(result)`` on the GUI thread once the check is done (at once if it is)."""
        with self.lock:
            if self.result is not None:
                result = self.result
                QTimer.singleShot(0, lambda: receiver(result))
            else:
                self.finished.connect(receiver)

    def cancel(self) -> None:
        """Stop a check still reading (the window is closing); the next start checks again."""
        with self.lock:
            self.thread.cancelled = True
        if self.thread.is_alive() and self.thread.connection is not None:
            try:
                self.thread.connection.interrupt()
            except Exception:  # the check closed its connection in the meantime
                pass
        if self.thread.is_alive():
            self.thread.join()
        elif self.thread in running and self.thread.ident is None:  # cancelled before it began reading
            running.remove(self.thread)
        db.release_writes()


_started: list[BesideCheck] = []


def start_beside(opened: check.Opened | None) -> BesideCheck | None:
    """Start the check ``check.start`` left for later, if it did; writes wait until it is done."""
    if opened is None or not opened.check_later:
        return None
    beside = BesideCheck(opened)
    _started.append(beside)
    beside.start()
    return beside


def cancel_all() -> None:
    while _started:
        _started.pop().cancel()
