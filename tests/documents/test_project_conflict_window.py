"""The project dialog and a milestone's cell when another program changed the same project in the file meanwhile.

The other program is a process of its own writing the SQLite file. Both choices do what they say:
Reload shows theirs and keeps what was typed to copy; Keep mine saves it over theirs.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QWidget

from servicedesk.core import session
from servicedesk.core.services import projects
from servicedesk.core.store.models import Milestone
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.projects import ProjectsView
from servicedesk.ui.projects.dialogs import ProjectDialog
from tests.server.other_pc import OtherPC


@pytest.fixture
def other(pool, db_path):
    pc = OtherPC(db_path, "Priya Shah")
    yield pc
    pc.close()


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def dialog(pool, qtbot):
    d = ProjectDialog(projects.get(pool.project_id))
    qtbot.addWidget(d)
    d.show()
    name = d.findChild(QLineEdit, "projectName")
    name.selectAll()
    qtbot.keyClicks(name, "Backyard pool and spa")
    return d


def _save(qtbot, d) -> None:
    _click(qtbot, d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save))


def test_project_changed_elsewhere_then_reload_shows_theirs_and_keeps_mine(qtbot, pool, other, dialog):
    version = projects.version(pool.project_id)
    assert other.ask(f"project {pool.project_id} {version} status on_hold") == f"saved {version + 1}"
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.conflict.isVisible()
    message = dialog.conflict.message.text()
    assert f"changed by Priya Shah on {session.computer()}" in message and "status" in message
    assert projects.get(pool.project_id).name == "Backyard pool build"  # nothing of mine written

    _click(qtbot, dialog.conflict.reload)
    assert dialog.findChild(QLineEdit, "projectName").text() == "Backyard pool build"
    assert dialog.findChild(QComboBox, "projectStatus").currentData() == "on_hold"  # theirs, in the form
    assert "Project: Backyard pool and spa" in dialog.conflict.kept.toPlainText()
    assert projects.get(pool.project_id).status == "on_hold"
    _save(qtbot, dialog)  # theirs saved as shown: no conflict, nothing changed
    assert not dialog.isVisible()
    info = projects.get(pool.project_id)
    assert (info.name, info.status) == ("Backyard pool build", "on_hold")


def test_project_changed_elsewhere_then_keep_mine_saves_mine(qtbot, pool, other, dialog):
    version = projects.version(pool.project_id)
    assert other.ask(f"project {pool.project_id} {version} status on_hold") == f"saved {version + 1}"
    _save(qtbot, dialog)
    _click(qtbot, dialog.conflict.keep)
    assert not dialog.isVisible()
    info = projects.get(pool.project_id)
    assert (info.name, info.status) == ("Backyard pool and spa", "active")
    assert projects.version(pool.project_id) == version + 2


@pytest.fixture
def view(pool, qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    v = ProjectsView(ActionRegistry(host), Navigator(host), host)
    host.resize(1366, 700)
    host.show()
    v.select_project(pool.project_id)
    yield v
    host.close()


def _type_in_cell(qtbot, v, milestone_id: int, key: str, text: str) -> None:
    model = v.milestone_model
    row = [m.id for m in model.rows].index(milestone_id)
    column = [k for _t, k in model.COLUMNS].index(key)
    index = model.index(row, column)
    v.milestones.scrollTo(index)
    v.milestones.setCurrentIndex(index)
    v.milestones.edit(index)
    editor = v.milestones.indexWidget(index)  # the cell's editor, open
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: v.milestones.indexWidget(index) is None)  # the editor hands its text over, then closes


def test_milestone_cell_changed_elsewhere_is_named_and_reload_keeps_mine(qtbot, pool, other, view):
    gunite = pool.milestones["Gunite shell"]
    assert other.ask(f"milestone {gunite} delay_reason Storm closed the concrete plant.") == "saved"
    _type_in_cell(qtbot, view, gunite, "delay_reason", "The plant closed for two days.")
    dialog = view.dialog
    assert dialog.isVisible()
    message = dialog.panel.message.text()
    assert "The step “Gunite shell” was changed by Priya Shah" in message and "delay reason" in message
    assert [w.text() for w in dialog.findChildren(QLabel, "conflictTheirs")] == ["Storm closed the concrete plant."]
    assert Milestone.get_by_id(gunite).delay_reason == "Storm closed the concrete plant."

    _click(qtbot, dialog.panel.reload)
    shown = next(m for m in view.milestone_model.rows if m.id == gunite)
    assert shown.delay_reason == "Storm closed the concrete plant."  # theirs, in the table
    assert dialog.isVisible() and dialog.panel.kept.toPlainText() == "Delay reason: The plant closed for two days."
    assert Milestone.get_by_id(gunite).delay_reason == "Storm closed the concrete plant."


def test_milestone_cell_changed_elsewhere_then_keep_mine(qtbot, pool, other, view):
    gunite = pool.milestones["Gunite shell"]
    before = Milestone.get_by_id(gunite)
    assert other.ask(f"milestone {gunite} delay_reason Storm.") == "saved"
    _type_in_cell(qtbot, view, gunite, "delay_reason", "The plant closed for two days.")
    _click(qtbot, view.dialog.panel.keep)
    assert not view.dialog.isVisible()
    after = Milestone.get_by_id(gunite)
    assert after.delay_reason == "The plant closed for two days." and after.version == before.version + 2
    assert next(m for m in view.milestone_model.rows if m.id == gunite).delay_reason == after.delay_reason
