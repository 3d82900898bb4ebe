"""Programs on one database respect each other: restore (from a command or the window) refuses while
another program uses the database, so an import's "Imported N" is always true."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from servicedesk.core.services import customers
from servicedesk.core.store import backup, check
from servicedesk.ui.actions import ActionId
from tests.safety.conftest import ROOT, holding
from tests.safety.test_cli import run
from tests.safety.test_gui import _action, shown, window  # noqa: F401
from tests.safety.test_recovery import _office

HOLD = """
import sys
from servicedesk.core.store import check
opened = check.start(sys.argv[1], window=False, create=False)  # as every command opens it
print("open", flush=True)
sys.stdin.readline()
opened.close(take_backup=False)
"""


@pytest.fixture
def command_running(db_path):
    """A command (an import, say) that has the database open until told to finish."""
    _office(db_path, 3)
    backup.create_backup(db_path)
    yield from holding(HOLD, db_path, ready="open")


def test_restore_refuses_while_a_command_uses_the_database(db_path, command_running):
    before = db_path.read_bytes()
    refused = run("restore", "1", "--database", db_path)
    assert refused.returncode == 1
    assert refused.stderr.startswith("servicedesk: office.db is in use by another ServiceDesk program")
    assert db_path.read_bytes() == before and not list(db_path.parent.glob("office-replaced-*"))
    command_running.stdin.write("\n")
    command_running.stdin.flush()
    command_running.wait(timeout=30)
    assert run("restore", "1", "--database", db_path).returncode == 0


def test_a_command_can_run_while_the_window_is_open(window):  # noqa: F811
    customers.create(name="Typed In The Window")
    listed = run("today", "--database", window.database_path)
    assert listed.returncode == 0, listed.stderr


def test_the_windows_restore_refuses_while_a_command_uses_the_database(qtbot, db_path, shown, monkeypatch):  # noqa: F811
    from servicedesk.ui import safety
    from servicedesk.ui.main_window import MainWindow

    _office(db_path, 3)
    backup.create_backup(db_path)
    opened = safety.open_for_window(db_path)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    safety.SafetyGuard(w, opened)
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert proc.stdout.readline().strip() == "open"
        customers.create(name="Not In The Backup")
        monkeypatch.setattr(safety, "run_dialog", lambda dialog: dialog.choose())  # the newest, as offered
        _action(w, ActionId.RESTORE).trigger()
        assert shown[-1].objectName() == "restoreFailed"
        assert "in use by another ServiceDesk program" in shown[-1].text()
        assert customers.count() == 4  # nothing was replaced, and the window still works
        customers.create(name="Still Saving")
    finally:
        proc.stdin.write("\n")
        proc.stdin.flush()
        proc.wait(timeout=30)
        safety.finish(opened)
    assert check.check_file(db_path, full=True) == []
