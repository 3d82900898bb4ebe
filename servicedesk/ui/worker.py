"""The one way to run slow work off the GUI thread, with a progress dialog that appears only when slow.

``run_with_progress(parent, title, fn, total)`` calls ``fn(report)`` on a worker thread; ``fn``
calls ``report(done)`` as it goes. The dialog (touched only on the GUI thread) shows up after
half a second, so quick jobs never flash one. Returns what ``fn`` returned, or raises what it
raised. The worker thread gets its own database connection (peewee connections are
per-thread) and closes it when done.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 500


class _Job(QObject):
    progressed = Signal(int)
    finished = Signal()

    def __init__(self, fn):
        super().__init__()
        self.fn = fn
        self.result = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from servicedesk.core.store import database  # the worker's own connection, closed at the end

        try:
            self.result = self.fn(self.progressed.emit)
        except BaseException as exc:  # handed to the GUI thread, raised there
            self.error = exc
        finally:
            if database.obj is not None and not database.is_closed():
                database.close()
            self.finished.emit()


def run_with_progress(parent: QWidget | None, title: str, fn, total: int):
    dialog = QProgressDialog(title, "", 0, max(total, 1), parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setValue(0)
    job = _Job(fn)
    thread = QThread()
    job.moveToThread(thread)
    job.progressed.connect(dialog.setValue)
    job.finished.connect(thread.quit)
    thread.started.connect(job.run)
    thread.start()
    while not thread.wait(25):  # waiting lets the worker run; the events keep the window and dialog alive
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 25)
    QCoreApplication.processEvents()  # deliver the last progress report
    dialog.close()
    dialog.deleteLater()
    if job.error is not None:
        raise job.error
    return job.result


class _Relay(QObject):
    """Lives on the GUI thread, so the job's end is handled there."""

    def __init__(self, thread: QThread, job: _Job, on_done, on_error):
        super().__init__()
        self.thread, self.job, self.on_done, self.on_error = thread, job, on_done, on_error

    def deliver(self) -> None:
        self.thread.quit()
        self.thread.wait()
        _background.discard(self)
        if self.job.error is None:
            self.on_done(self.job.result)
        elif self.on_error is not None:
            self.on_error(self.job.error)
        else:
            raise self.job.error


_background: set[_Relay] = set()


def run_in_background(fn, on_done, on_error=None) -> None:
    """Call ``fn()`` on a worker thread and return at once (the window stays usable: a network call, say).

    ``on_done(result)`` or ``on_error(exception)`` then runs on the GUI thread.
    """
    job = _Job(lambda _report: fn())
    thread = QThread()
    job.moveToThread(thread)
    relay = _Relay(thread, job, on_done, on_error)
    _background.add(relay)
    job.finished.connect(relay.deliver)
    thread.started.connect(job.run)
    thread.start()


def background_busy() -> bool:
    return bool(_background)
