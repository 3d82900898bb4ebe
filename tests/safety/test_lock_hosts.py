"""Locks that explain themselves: another computer's lock is named with its host and since when and can
be taken over after a confirmation (or --take-over-lock); the stale-holder check and the network-share
warning on Windows, with the platform's functions stood in for."""

from __future__ import annotations

import datetime as dt
import json
import sys
import types

import pytest

from servicedesk.core import formatting
from servicedesk.core.services import customers
from servicedesk.core.store import backup, check, lock
from servicedesk.core.store.lock import DatabaseInUse, DatabaseLock
from servicedesk.ui import safety
from tests.safety.test_cli import run
from tests.safety.test_gui import Shown
from tests.safety.test_recovery import _office

OTHER = {"pid": 4242, "host": "old-front-desk-pc", "started": "2026-11-23T08:15:00"}


@pytest.fixture
def moved_office(db_path):
    """An office whose data folder was moved from another PC that still had it open."""
    _office(db_path, 3)
    backup.create_backup(db_path)
    DatabaseLock(db_path).path.write_text(json.dumps(OTHER))
    return db_path


def test_a_lock_from_another_computer_names_it_and_says_what_to_do(moved_office):
    with pytest.raises(DatabaseInUse) as held:
        check.start(moved_office)
    text = str(held.value)
    assert held.value.other_host
    since = formatting.format_moment(dt.datetime(2026, 11, 23, 8, 15), None, year=True)
    assert "on another computer, old-front-desk-pc" in text and f"since {since}" in text
    assert "--take-over-lock" in text
    assert json.loads(DatabaseLock(moved_office).path.read_text()) == OTHER  # never cleared on its own


def test_the_command_line_takes_the_lock_over_when_asked(moved_office):
    refused = run("restore", "1", "--database", moved_office)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "old-front-desk-pc" in refused.stderr
    checked = run("check", "--take-over-lock", "--database", moved_office)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "3 customers" in checked.stdout
    assert not DatabaseLock(moved_office).path.exists()  # taken over, then released at the end
    DatabaseLock(moved_office).path.write_text(json.dumps(OTHER))
    restored = run("restore", "1", "--take-over-lock", "--database", moved_office)
    assert restored.returncode == 0, restored.stderr


def _in_use_then(answers, monkeypatch):
    shown = Shown()

    def answer(box):
        shown.append(box)
        wanted = answers.get(box.objectName())
        for button in box.buttons():
            if button.text() == wanted:
                box.clickedButton = lambda b=button: b

    monkeypatch.setattr(safety, "run_box", answer)
    return shown


def test_the_window_takes_over_after_a_confirmation(qapp, moved_office, monkeypatch):
    shown = _in_use_then({"databaseInUse": "Take Over…", "confirmTakeOver": "Take Over"}, monkeypatch)
    opened = safety.open_for_window(moved_office)
    try:
        assert [b.objectName() for b in shown] == ["databaseInUse", "confirmTakeOver"]
        assert "old-front-desk-pc" in shown[0].informativeText()
        since = formatting.format_moment(dt.datetime(2026, 11, 23, 8, 15), None, year=True)
        assert f"since {since}" in shown[1].informativeText()
        assert opened is not None and not opened.read_only
        customers.create(name="Written After Taking Over")
        assert json.loads(DatabaseLock(moved_office).path.read_text())["host"] != OTHER["host"]
    finally:
        safety.finish(opened)


def test_cancelling_the_confirmation_leaves_the_lock_alone(qapp, moved_office, monkeypatch):
    shown = _in_use_then({"databaseInUse": "Take Over…", "confirmTakeOver": "Cancel"}, monkeypatch)
    assert safety.open_for_window(moved_office) is None
    assert json.loads(DatabaseLock(moved_office).path.read_text()) == OTHER
    assert [b.objectName() for b in shown] == ["databaseInUse", "confirmTakeOver"]


def test_a_lock_on_this_computer_offers_no_take_over(qapp, db_path, monkeypatch):
    import datetime as dt
    import socket
    import subprocess

    _office(db_path, 1)
    other_copy = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        DatabaseLock(db_path).path.write_text(json.dumps({"pid": other_copy.pid, "host": socket.gethostname(),
                                                          "started": dt.datetime.now().isoformat()}))
        shown = _in_use_then({"databaseInUse": "Quit"}, monkeypatch)
        assert safety.open_for_window(db_path) is None
        assert "Take Over…" not in [b.text() for b in shown[0].buttons()]
    finally:
        other_copy.kill()
        other_copy.wait()


@pytest.fixture
def on_windows(monkeypatch):
    """sys.platform says win32; os.kill must not be used for the stale check (it sends Ctrl+C there)."""
    monkeypatch.setattr(sys, "platform", "win32")

    def no_kill(*_args):
        raise AssertionError("os.kill called on Windows")

    monkeypatch.setattr(lock.os, "kill", no_kill)


def _fake_psutil(monkeypatch, processes: dict[int, str]):
    psutil = types.ModuleType("psutil")

    class Error(Exception):
        pass

    class NoSuchProcess(Error):
        pass

    class Process:
        def __init__(self, pid):
            if pid not in processes:
                raise NoSuchProcess(pid)
            self.pid = pid

        def status(self):
            return processes[self.pid]

        def create_time(self):
            return 1_700_000_000.0

    psutil.Error, psutil.NoSuchProcess, psutil.Process = Error, NoSuchProcess, Process
    psutil.STATUS_ZOMBIE = "zombie"
    monkeypatch.setitem(sys.modules, "psutil", psutil)


def test_windows_stale_holder_check_uses_psutil(on_windows, monkeypatch, db_path):
    import socket

    _fake_psutil(monkeypatch, {100: "running", 200: "zombie"})
    assert lock.pid_alive(100) is True
    assert lock.pid_alive(200) is False
    assert lock.pid_alive(300) is False
    assert lock.process_started(100) == 1_700_000_000.0
    held = DatabaseLock(db_path)
    gone = lock.Holder(300, socket.gethostname(), "2026-11-23T08:15:00")
    assert held.is_stale(gone)
    monkeypatch.delitem(sys.modules, "psutil")
    monkeypatch.setattr("builtins.__import__", _refuse("psutil"))
    assert lock.pid_alive(300) is True  # without psutil nothing is taken over on a guess


def _refuse(name):
    real = __import__

    def importer(module, *args, **kwargs):
        if module == name:
            raise ImportError(name)
        return real(module, *args, **kwargs)

    return importer


def test_windows_network_share_warning_from_unc_paths_and_drive_types(on_windows, monkeypatch):
    types_by_root = {"Z:\\": lock.DRIVE_REMOTE, "C:\\": 3}
    monkeypatch.setattr(lock, "_drive_type", lambda root: types_by_root[root])
    assert "network share" in lock.network_warning(r"\\fileserver\office\servicedesk.db")
    assert "network drive" in lock.network_warning(r"Z:\ServiceDesk\servicedesk.db")
    assert lock.network_warning(r"C:\Users\Ruth\AppData\Local\ServiceDesk\servicedesk.db") == ""
