"""Two PCs on one PostgreSQL database edit the same concern, project or milestone: the window here, the other
PC in a process of its own. The conflict is shown with who and when, both choices do what they say, and
nothing typed is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit

from servicedesk.core import session
from servicedesk.core.services import concerns, customers, projects
from servicedesk.core.store.models import Milestone

pytestmark = pytest.mark.backends("postgresql")


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def concern(window):
    dorothy = customers.create(name="Dorothy Finch").id
    return concerns.raise_concern(dorothy, "The gate was left open and the dog got out")


def _resolve_dialog(qtbot, window, kid: int, typed: str):
    pane = window.communication
    pane.tabs.setCurrentIndex(1)
    pane.concern_model.load()
    pane.concern_table.selectRow(next(n for n, r in enumerate(pane.concern_model.rows) if r.id == kid))
    dialog = pane.resolve_current()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.text, typed)
    return dialog


def _save(qtbot, dialog) -> None:
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))


def test_both_resolve_one_concern_reload_shows_theirs_and_keeps_mine(qtbot, window, other_pcs, concern):
    dialog = _resolve_dialog(qtbot, window, concern, "Spoke to the crew about the gate")
    priya = other_pcs("Priya Shah")
    assert priya.ask(f"resolve {concern} 1 Replaced the latch") == "resolved"

    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.conflict.isVisible()
    assert f"changed by Priya Shah on {session.computer()}" in dialog.conflict.message.text()
    assert [w.text() for w in dialog.findChildren(QLabel, "conflictTheirs")] == ["Replaced the latch"]
    assert priya.ask(f"concern {concern}") == "concern 2 Replaced the latch"

    _click(qtbot, dialog.conflict.reload)
    assert dialog.text.toPlainText() == "Replaced the latch"
    assert dialog.conflict.kept.toPlainText() == "Spoke to the crew about the gate"  # nothing typed is lost
    assert priya.ask(f"concern {concern}") == "concern 2 Replaced the latch"
    dialog.reject()


def test_both_resolve_one_concern_keep_mine_writes_over_theirs(qtbot, window, other_pcs, concern):
    dialog = _resolve_dialog(qtbot, window, concern, "Spoke to the crew about the gate")
    priya = other_pcs("Priya Shah")
    assert priya.ask(f"resolve {concern} 1 Replaced the latch") == "resolved"
    _save(qtbot, dialog)
    _click(qtbot, dialog.conflict.keep)
    assert not dialog.isVisible()
    assert priya.ask(f"concern {concern}") == "concern 3 Spoke to the crew about the gate"
    # the other PC, still holding the version it saved, is now told of this one in turn
    answer = priya.ask(f"resolve {concern} 2 Replaced the latch")
    assert answer.startswith("conflict ") and "resolution" in answer


@pytest.fixture
def pool(window):
    from tests.documents.conftest import build_pool_project

    return build_pool_project()


def test_both_edit_one_project_the_conflict_is_shown_and_keep_mine_saves_mine(qtbot, window, other_pcs, pool):
    from servicedesk.ui.projects.dialogs import ProjectDialog

    dialog = ProjectDialog(projects.get(pool.project_id), window)
    dialog.show()
    name = dialog.findChild(QLineEdit, "projectName")
    name.selectAll()
    qtbot.keyClicks(name, "Backyard pool and spa")
    version = projects.version(pool.project_id)
    priya = other_pcs("Priya Shah")
    assert priya.ask(f"project {pool.project_id} {version} status on_hold") == f"saved {version + 1}"

    _click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save))
    assert dialog.conflict.isVisible() and "Priya Shah" in dialog.conflict.message.text()
    assert projects.get(pool.project_id).name == "Backyard pool build"
    _click(qtbot, dialog.conflict.keep)
    assert not dialog.isVisible()
    assert projects.get(pool.project_id).name == "Backyard pool and spa"
    assert projects.version(pool.project_id) == version + 2


def test_both_edit_one_milestone_the_conflict_is_shown_and_reload_keeps_mine(qtbot, window, other_pcs, pool):
    view = window.schedule.projects
    window.schedule.show_project(pool.project_id)
    gunite = pool.milestones["Gunite shell"]
    priya = other_pcs("Priya Shah")
    assert priya.ask(f"milestone {gunite} delay_reason Storm closed the concrete plant.") == "saved"

    model = view.milestone_model
    row = [m.id for m in model.rows].index(gunite)
    index = model.index(row, [k for _t, k in model.COLUMNS].index("delay_reason"))
    view.milestones.setCurrentIndex(index)
    view.milestones.edit(index)
    editor = view.milestones.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "The plant closed for two days.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible())
    assert "Priya Shah" in view.dialog.panel.message.text()
    assert Milestone.get_by_id(gunite).delay_reason == "Storm closed the concrete plant."

    _click(qtbot, view.dialog.panel.reload)
    assert next(m for m in model.rows if m.id == gunite).delay_reason == "Storm closed the concrete plant."
    assert view.dialog.panel.kept.toPlainText() == "Delay reason: The plant closed for two days."
    _click(qtbot, view.dialog.panel.keep)
    assert Milestone.get_by_id(gunite).delay_reason == "The plant closed for two days."


def test_a_milestone_cell_being_typed_in_stays_open_while_another_pc_changes_the_project(qtbot, window, other_pcs,
                                                                                           pool):
    view = window.schedule.projects
    window.tabs.setCurrentIndex(window.SCHEDULE)
    window.schedule.show_project(pool.project_id)
    gunite = pool.milestones["Gunite shell"]
    model = view.milestone_model
    index = model.index([m.id for m in model.rows].index(gunite),
                        [k for _t, k in model.COLUMNS].index("delay_reason"))
    view.milestones.setCurrentIndex(index)
    view.milestones.edit(index)
    editor = view.milestones.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "The plant closed for two")  # the owner is still typing

    version = projects.version(pool.project_id)
    priya = other_pcs("Priya Shah")
    with qtbot.waitSignal(window.navigator.dataChanged, timeout=5000, check_params_cb=lambda what: what == "projects"):
        assert priya.ask(f"project {pool.project_id} {version} name Backyard pool and spa") == f"saved {version + 1}"
    editor = view.milestones.indexWidget(index)
    assert editor is not None and editor.text() == "The plant closed for two"  # nothing typed is lost
    qtbot.keyClicks(editor, " days.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: Milestone.get_by_id(gunite).delay_reason == "The plant closed for two days.")
    qtbot.waitUntil(lambda: view.header.text().startswith("Backyard pool and spa"))  # then theirs is shown too
