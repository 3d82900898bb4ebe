"""What is typed while a large file's start-up check runs beside the window never ends up only in a
damaged file: saves wait (the status bar and a waiting state say so) and land in the repaired file."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from servicedesk.core.services import customers
from servicedesk.core.store import backup, check
from servicedesk.ui import safety, startup_check, waiting
from servicedesk.ui.main_window import MainWindow
from tests.safety.test_gui import Shown
from tests.safety.test_recovery import _office, overwrite_search_page
from tests.safety.test_waiting import _type_new_customer, _waiting_dialog

NAME = "Typed During Check"


@pytest.fixture
def slow_check(monkeypatch):
    """The check of a large file takes its time: it reads on only when the gate opens."""
    gate = threading.Event()
    real = check.check_file

    def check_file(path, full=False, connected=None):
        gate.wait(60)
        return real(path, full, connected)

    monkeypatch.setattr(check, "check_file", check_file)
    monkeypatch.setattr(safety, "CHECK_BESIDE_WINDOW_ABOVE", 0)  # every file counts as large
    return gate


@pytest.fixture
def damaged_window(qtbot, db_path, slow_check, monkeypatch):
    _office(db_path)
    backup.create_backup(db_path)
    overwrite_search_page(db_path)
    shown = Shown()
    monkeypatch.setattr(safety, "run_box", shown.run)
    opened = safety.open_for_window(db_path)
    beside = startup_check.start_beside(opened)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.shown = shown
    w.guard = safety.SafetyGuard(w, opened, beside)
    waiting.install(w)
    w.show()
    yield w
    slow_check.set()
    waiting.uninstall()
    safety.finish(opened)


def _in_file(path: Path, text: str) -> bool:
    return any(text.encode() in p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_a_save_during_the_check_waits_and_lands_in_the_restored_file(qtbot, damaged_window, slow_check):
    w = damaged_window
    assert "Checking the database" in w.statusBar().currentMessage()
    _type_new_customer(qtbot, w, NAME)
    seen = []

    def open_the_gate():
        dialog = _waiting_dialog()
        if dialog is None:
            QTimer.singleShot(50, open_the_gate)
            return
        seen.append(dialog.labelText())
        slow_check.set()  # the check finishes, finds the damage, and the file is repaired

    QTimer.singleShot(0, open_the_gate)
    assert w.customers.profile.save() is True
    assert seen and "still being checked" in seen[0]
    assert [b.objectName() for b in w.shown] == ["startupMessage"] and "was damaged" in w.shown[0].text()
    assert [r.name for r in customers.rows(customers.search_ids(NAME))] == [NAME]
    assert customers.count() == 401  # the backup's 400 and the new one
    [kept] = w.database_path.parent.glob("office-damaged-*.db")
    assert not _in_file(kept, NAME)  # never written into the damaged file
    assert _waiting_dialog() is None


def test_cancel_during_the_check_saves_nothing_and_keeps_the_text(qtbot, damaged_window, slow_check):
    w = damaged_window
    field = _type_new_customer(qtbot, w, NAME)

    def press_cancel():
        dialog = _waiting_dialog()
        if dialog is None:
            QTimer.singleShot(50, press_cancel)
            return
        [button] = dialog.findChildren(QPushButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_cancel)
    assert w.customers.profile.save() is False
    assert field.text() == NAME
    assert "still being checked" in w.customers.profile.message.text()
    assert not _in_file(w.database_path, NAME)
    with qtbot.waitSignal(w.guard.checkDone, timeout=60_000):
        slow_check.set()
    assert w.customers.profile.save() is True  # saved again, now into the repaired file
    assert [r.name for r in customers.rows(customers.search_ids(NAME))] == [NAME]
