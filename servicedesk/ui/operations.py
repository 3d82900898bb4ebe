"""The one way to run slow work off the GUI thread.

``run(parent, work, on_done, on_failed=..., title=..., cancellable=...)`` calls ``work(step)``
on a thread of a small pool; ``on_done(result)`` or ``on_failed(exc)`` then run on the GUI
thread, through queued signals. ``step(done, total)`` reports progress and returns False once
the person pressed Stop (the work then stops where it is and raises, or returns early). With a
``title``, a progress window appears only when the work takes longer than a moment, so quick
work never flashes one. Widgets are touched only on the GUI thread.

A worker thread reads and writes through its own database connection (peewee keeps one per
thread), closed when the work ends. As Anki's QueryOp/CollectionOp, without the collection.
"""

from __future__ import annotations

import logging
import threading

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 500
_pool: QThreadPool | None = None
_running: set["Operation"] = set()  # kept alive until their results are handed over


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("operations")
        _pool.setMaxThreadCount(2)  # start-up counting and one piece of the person's work side by side
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(shutdown)
    return _pool


def shutdown() -> None:
    """On quitting: ask the work under way to stop, and let it end before the interpreter does."""
    for op in list(_running):
        op.cancel()
    wait_all()


def wait_all() -> None:
    """Let the work under way end as it would (nothing is cancelled), in the database it began in; each result
    is handed over as usual once the GUI thread is free again."""
    if _pool is not None:
        _pool.waitForDone()


class Operation(QObject):
    """One piece of work under way; its signals arrive on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, work, name: str = ""):
        super().__init__()
        self._name = name or "operation"  # readable from the worker after the object is gone
        self.setObjectName(self._name)
        self._work = work
        self._cancel = threading.Event()
        self.done = False
        self.result = None
        self.error: BaseException | None = None
        self.dialog: QProgressDialog | None = None

    # -- the worker's side
    def step(self, done: int, total: int = 0) -> bool:
        """Progress from the work; False once cancelled."""
        self.progressed.emit(int(done), int(total))
        return not self._cancel.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self) -> None:
        from servicedesk.core.store import database

        try:
            result, error = self._work(self.step), None
        except BaseException as exc:  # handed to the GUI thread
            result, error = None, exc
        finally:
            if database.obj is not None and not database.is_closed():
                database.close()  # this thread's own connection
        try:
            if error is not None:
                self.failed.emit(error)
            else:
                self.succeeded.emit(result)
        except RuntimeError:  # the program is ending and took this object with it: no one is left to tell
            log.info("%s ended after the program closed", self._name)

    # -- the GUI thread's side
    def _finish(self, result=None, error: BaseException | None = None) -> None:
        self.done, self.result, self.error = True, result, error
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        _running.discard(self)
        self.finished.emit()


class _Task(QRunnable):
    def __init__(self, operation: Operation):
        super().__init__()
        self.operation = operation

    def run(self) -> None:
        self.operation._run()


def run(parent: QObject | None, work, on_done=None, on_failed=None, *, title: str = "", cancellable: bool = False,
        name: str = "") -> Operation:
    """Start ``work(step)`` on the pool; see the module's text."""
    op = Operation(work, name)
    _running.add(op)

    def gone() -> bool:  # whoever asked was closed meanwhile: nothing is left to show the result in
        return parent is not None and not shiboken6.isValid(parent)

    def succeeded(result) -> None:
        op._finish(result=result)
        if on_done is not None and not gone():
            on_done(result)

    def failed(error: BaseException) -> None:
        op._finish(error=error)
        if gone():
            log.info("%s failed after its window closed: %s", op.objectName(), error)
        elif on_failed is not None:
            on_failed(error)
        else:
            log.error("%s failed", op.objectName(), exc_info=(type(error), error, error.__traceback__))
            raise error  # to the exception hook, which logs and shows it

    queued = Qt.ConnectionType.QueuedConnection
    op.succeeded.connect(succeeded, queued)
    op.failed.connect(failed, queued)
    if title:
        op.dialog = _dialog(parent if isinstance(parent, QWidget) else None, title, op, cancellable)
    pool().start(_Task(op))
    return op


def _dialog(parent, title: str, op: Operation, cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(title, QProgressDialog.tr("Stop") if cancellable else "", 0, 0, parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.reset()  # not shown until it is slow: QProgressDialog would otherwise start its own clock
    shown_at = QTimer(dialog, singleShot=True, interval=SHOW_AFTER_MS)
    shown_at.timeout.connect(lambda: op.dialog is dialog and dialog.show())
    shown_at.start()

    def progressed(done: int, total: int) -> None:
        if total and dialog.maximum() != total:
            dialog.setMaximum(total)
        if dialog.maximum():
            dialog.setValue(min(done, dialog.maximum()))

    op.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(op.cancel)
    return dialog


def wait(op: Operation, timeout_ms: int = 60_000) -> bool:
    """For the command line and tests: block until ``op`` has handed over its result."""
    from PySide6.QtCore import QEventLoop

    if op.done:
        return True
    loop = QEventLoop()
    op.finished.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return op.done


def running() -> int:
    return len(_running)
