"""A concern resolved or acknowledged by another program on the same file while this window had it open.

The other program is a process of its own writing the SQLite file; the window is told who did what
and when, and both choices do what they say: Reload shows theirs and keeps what was typed to copy,
Keep mine saves it over theirs. Nothing typed is lost either way.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

from servicedesk.core import clock, session
from servicedesk.core.services import concerns, customers, technicians
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.communication.pane import CommunicationPane
from servicedesk.ui.navigation import Navigator
from tests.server.other_pc import OtherPC


@pytest.fixture
def office(db, db_path):
    clock.set_now(None)  # the other program runs on the real clock too
    dorothy = customers.create(name="Dorothy Finch").id
    technicians.create("Sam Ortiz", role="office")
    concern = concerns.raise_concern(dorothy, "The gate was left open and the dog got out")
    other = OtherPC(db_path, "Priya Shah")
    yield {"concern": concern, "other": other}
    other.close()


@pytest.fixture
def pane(qtbot, office):
    host = QWidget()
    qtbot.addWidget(host)
    p = CommunicationPane(ActionRegistry(host), Navigator(host), host)
    host.resize(1366, 700)
    host.show()
    p.tabs.setCurrentIndex(1)
    p.concern_table.selectRow(0)
    yield p
    if p.dialog is not None:
        p.dialog.reject()
    host.close()


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _typed_resolution(qtbot, pane, text: str):
    dialog = pane.resolve_current()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.text, text)
    return dialog


def _save(qtbot, dialog) -> None:
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))


def test_resolved_elsewhere_then_reload_shows_theirs_and_keeps_mine_to_copy(qtbot, pane, office):
    kid, other = office["concern"], office["other"]
    dialog = _typed_resolution(qtbot, pane, "Spoke to the crew about the gate")
    assert other.ask(f"resolve {kid} 1 Replaced the latch") == "resolved"

    _save(qtbot, dialog)
    assert dialog.isVisible()  # not saved, not closed
    message = dialog.conflict.message.text()
    assert f"changed by Priya Shah on {session.computer()}" in message and "resolution" in message
    assert [w.text() for w in dialog.findChildren(QLabel, "conflictTheirs")] == ["Replaced the latch"]
    assert [w.text() for w in dialog.findChildren(QLabel, "conflictMine")] == ["Spoke to the crew about the gate"]
    assert dialog.text.toPlainText() == "Spoke to the crew about the gate"
    assert other.ask(f"concern {kid}") == "concern 2 Replaced the latch"  # nothing of mine written

    _click(qtbot, dialog.conflict.reload)
    assert dialog.text.toPlainText() == "Replaced the latch"  # theirs, in the form
    assert dialog.conflict.kept.isVisible() and dialog.conflict.kept.toPlainText() == "Spoke to the crew about the gate"
    _click(qtbot, dialog.conflict.copy)
    assert QGuiApplication.clipboard().text() == "Spoke to the crew about the gate"
    assert other.ask(f"concern {kid}") == "concern 2 Replaced the latch"
    assert all(row.id != kid for row in pane.concern_model.rows)  # the list of open concerns shows theirs too
    dialog.reject()
    assert concerns.get(kid).resolution == "Replaced the latch"


def test_resolved_elsewhere_then_keep_mine_saves_mine_over_theirs(qtbot, pane, office):
    kid, other = office["concern"], office["other"]
    dialog = _typed_resolution(qtbot, pane, "Spoke to the crew about the gate")
    assert other.ask(f"resolve {kid} 1 Replaced the latch") == "resolved"
    _save(qtbot, dialog)
    assert dialog.conflict.keep.isVisible()

    _click(qtbot, dialog.conflict.keep)
    assert not dialog.isVisible()
    assert other.ask(f"concern {kid}") == "concern 3 Spoke to the crew about the gate"  # version bumped
    assert concerns.get(kid).resolution == "Spoke to the crew about the gate"


def test_reload_then_amend_theirs_and_save(qtbot, pane, office):
    kid, other = office["concern"], office["other"]
    dialog = _typed_resolution(qtbot, pane, "Spoke to the crew")
    assert other.ask(f"resolve {kid} 1 Replaced the latch") == "resolved"
    _save(qtbot, dialog)
    _click(qtbot, dialog.conflict.reload)
    dialog.text.moveCursor(dialog.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.text, "; spoke to the crew")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert other.ask(f"concern {kid}") == "concern 3 Replaced the latch; spoke to the crew"


def test_acknowledged_elsewhere_is_named_and_keep_mine_records_mine(qtbot, pane, office):
    kid, other = office["concern"], office["other"]
    assert other.ask(f"acknowledge {kid}") == "acknowledged"
    _click(qtbot, pane.findChild(QPushButton, "acknowledgeConcern"))
    dialog = pane.dialog
    assert dialog.objectName() == "conflictDialog" and dialog.isVisible()
    assert "changed by Priya Shah" in dialog.panel.message.text() and "acknowledged" in dialog.panel.message.text()
    assert concerns.get(kid).acknowledged_by == ""  # theirs (nobody named at the other desk) still stands

    _click(qtbot, dialog.panel.keep)
    assert not dialog.isVisible()
    info = concerns.get(kid)
    assert info.acknowledged_by == "Sam Ortiz" and info.version == 3


def test_acknowledged_elsewhere_then_reload_shows_theirs(qtbot, pane, office):
    kid, other = office["concern"], office["other"]
    assert other.ask(f"acknowledge {kid}") == "acknowledged"
    _click(qtbot, pane.findChild(QPushButton, "acknowledgeConcern"))
    dialog = pane.dialog
    _click(qtbot, dialog.panel.reload)
    assert not dialog.isVisible()  # nothing was typed: theirs is on screen and the choice is made
    row = pane.concern_model.rows[0]
    assert row.id == kid and row.acknowledged_at is not None and row.version == 2
    assert concerns.get(kid).version == 2
