"""The operation runner: slow work on a pool thread, results and progress back on the GUI thread."""

import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from servicedesk.ui import operations


def test_a_failure_reaches_the_failure_callback_on_the_gui_thread(qtbot):
    failures = []

    def work(_step):
        raise ValueError("the printer caught fire")

    op = operations.run(None, work, lambda _r: pytest.fail("no result expected"),
                        lambda exc: failures.append((str(exc), threading.get_ident())))
    qtbot.waitUntil(lambda: op.done)
    assert failures == [("the printer caught fire", threading.get_ident())]
    assert isinstance(op.error, ValueError)


def test_slow_work_shows_a_progress_window_whose_stop_button_cancels_it(qtbot):
    release = threading.Event()
    stopped = []

    def work(step):
        n = 0
        while step(n, 1000):
            n += 1
            release.wait(0.01)
        stopped.append(n)
        return n

    op = operations.run(None, work, title="Counting sheep…", cancellable=True)
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible(), timeout=10_000)
    dialog = QApplication.activeModalWidget() or op.dialog
    assert isinstance(dialog, QProgressDialog)
    assert dialog.labelText() == "Counting sheep…"
    qtbot.waitUntil(lambda: dialog.value() > 0)
    stop = dialog.findChild(QPushButton)
    assert stop.text() == "Stop"
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert op.cancelled and op.result == stopped[0]
    assert op.dialog is None
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_quick_work_never_flashes_a_progress_window(qtbot):
    op = operations.run(None, lambda step: 42, title="Quick")
    qtbot.waitUntil(lambda: op.done)
    assert op.result == 42
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_a_result_for_a_window_closed_meanwhile_is_dropped(qtbot):
    from PySide6.QtWidgets import QWidget

    release = threading.Event()
    owner = QWidget()
    seen = []
    op = operations.run(owner, lambda _step: release.wait(10) and "late", seen.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner))
    release.set()
    qtbot.waitUntil(lambda: op.done)
    assert op.result == "late" and seen == []


def test_work_that_ends_after_the_program_took_its_operation_away_ends_quietly(qtbot, caplog):
    """Quitting while work is under way: the runner's objects may go before the work ends; the work's
    thread then ends without raising (which would reach the exception hook from a worker thread)."""
    release, ended = threading.Event(), threading.Event()

    def work(_step):
        release.wait(10)
        return 42

    op = operations.run(None, work)
    operations._running.discard(op)
    shiboken6.delete(op)  # what the interpreter's exit does to every Qt object still there
    with caplog.at_level("INFO", logger="servicedesk.ui.operations"):
        operations.pool().start(lambda: ended.set())  # queued behind the work on a busy pool, or beside it
        release.set()
        operations.pool().waitForDone()
    assert ended.is_set()
    assert "ended after the program closed" in caplog.text
