"""A save in the window while another program holds the write lock: a waiting state with Cancel,
no freeze, and what was typed stays; it saves by itself once the other program is done."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from servicedesk.core.services import customers
from servicedesk.core.store import db as store_db
from servicedesk.ui import waiting
from servicedesk.ui.actions import ActionId
from tests.safety.conftest import holding
from tests.safety.test_gui import _action, shown, window  # noqa: F401  (the window fixture)

HOLD = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
con.execute("BEGIN IMMEDIATE")
con.execute("INSERT INTO setting (key, value) VALUES ('import-in-progress', '1')")
print("holding", flush=True)
sys.stdin.readline()
con.execute("COMMIT")
print("done", flush=True)
"""


@pytest.fixture
def other_writer(window):  # noqa: F811
    """Another program in the middle of a long write (an import, say): it holds the write lock."""
    yield from holding(HOLD, window.database_path, ready="holding")


@pytest.fixture
def waiter(window):  # noqa: F811
    w = waiting.install(window)
    yield w
    waiting.uninstall()


def _waiting_dialog():
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QProgressDialog) and w.objectName() == "waitingForWriter" and w.isVisible()]
    return found[0] if found else None


def _type_new_customer(qtbot, window, name):  # noqa: F811
    _action(window, ActionId.NEW_CUSTOMER).trigger()
    field = window.customers.profile.fields.widgets["name"]
    qtbot.keyClicks(field, name)
    return field


def test_cancel_while_another_program_writes_keeps_the_typed_text(qtbot, window, other_writer, waiter):  # noqa: F811
    field = _type_new_customer(qtbot, window, "Ruth Cole")
    seen = []

    def press_cancel():
        dialog = _waiting_dialog()
        if dialog is None:
            QTimer.singleShot(50, press_cancel)
            return
        seen.append(dialog.labelText())
        [button] = dialog.findChildren(QPushButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the person presses Cancel

    QTimer.singleShot(0, press_cancel)
    saved = window.customers.profile.save()
    assert saved is False
    assert seen and "Waiting for another program" in seen[0]
    assert _waiting_dialog() is None
    assert field.text() == "Ruth Cole"  # still there, to be saved again
    assert "Another program was still saving" in window.customers.profile.message.text()
    other_writer.stdin.write("\n")
    other_writer.stdin.flush()
    assert other_writer.stdout.readline().strip() == "done"
    assert window.customers.profile.save() is True
    assert [r.name for r in customers.rows(customers.search_ids("Ruth"))] == ["Ruth Cole"]


def test_the_save_goes_through_by_itself_once_the_other_program_is_done(qtbot, window, other_writer, waiter):  # noqa: F811
    _type_new_customer(qtbot, window, "Sam Waits")
    ticks = []

    def finish_other_program():
        if _waiting_dialog() is None:
            QTimer.singleShot(50, finish_other_program)
            return
        ticks.append("shown")
        other_writer.stdin.write("\n")
        other_writer.stdin.flush()

    QTimer.singleShot(0, finish_other_program)
    assert window.customers.profile.save() is True
    assert ticks == ["shown"]
    assert _waiting_dialog() is None
    assert [r.name for r in customers.rows(customers.search_ids("Sam Waits"))] == ["Sam Waits"]


def test_without_the_window_a_busy_database_waits_the_usual_ten_seconds(db):
    assert store_db.wait_for_writer is None  # commands keep SQLite's own busy timeout
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == store_db.BUSY_TIMEOUT_MS
