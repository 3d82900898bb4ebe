"""The projects view driven like a user would: list, milestone editing, clarity before printing, the batch."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from servicedesk.core import clock
from servicedesk.core.services import projects
from servicedesk.core.store.models import Document, Interaction
from servicedesk.ui.actions import ActionId, ActionRegistry
from servicedesk.ui.navigation import Navigator
from servicedesk.ui import operations, printing
from servicedesk.ui.projects import ProjectsView
from servicedesk.ui.projects.dialogs import ClarityDialog

from tests.documents.pdf import text_of


@pytest.fixture
def host(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def shown(pool, host, monkeypatch):
    previews = []
    # the print preview shown; printing from it is accepted
    monkeypatch.setattr(printing, "preview_and_print", lambda _parent, path: previews.append(path) or True)
    registry = ActionRegistry(host)
    view = ProjectsView(registry, Navigator(host), host)
    view.previews = previews
    view.registry = registry
    view.resize(1100, 600)
    return view


def print_week(view) -> None:
    """Print This Week's Letters, and wait for the letters written on the worker thread."""
    view.findChild(QPushButton, "printWeekLetters").click()
    if getattr(view, "letters_op", None) is not None:
        assert operations.wait(view.letters_op)


def test_models_pass_the_model_tester(shown, qtmodeltester):
    qtmodeltester.check(shown.list_model)
    qtmodeltester.check(shown.milestone_model)


def test_the_project_shows_with_its_milestones_and_a_clear_check(shown):
    assert shown.objectName() == "projectsView"
    table = shown.findChild(QTableView, "projectTable")
    assert table.model().index(0, 0).data() == "Hannah Whitfield"
    assert table.model().index(0, 2).data() == "Marek Kowalski"
    assert shown.findChild(QLabel, "projectHeader").text() == "Backyard pool build — Hannah Whitfield"
    milestones = shown.findChild(QTableView, "milestoneTable").model()
    assert milestones.rowCount() == 7
    assert milestones.index(4, 0).data() == "Gunite shell"
    assert milestones.index(4, 8).data() == "Dec 10, 2026"
    assert milestones.index(4, 2).data(Qt.ItemDataRole.ToolTipRole) == "First planned for Dec 3, 2026"
    assert "will be clear" in shown.findChild(QLabel, "projectClarity").text()


def test_actions_are_bound(shown):
    for action_id in (ActionId.NEW_PROJECT, ActionId.PRINT_WEEK_LETTERS, ActionId.VISIT_SUMMARY):
        assert shown.registry[action_id].isEnabled()


def test_editing_a_planned_date_keeps_a_baseline_and_updates_the_check(shown, pool):
    model = shown.milestone_model
    row = [m.name for m in model.rows].index("Fill and start-up")
    assert model.setData(model.index(row, 2), "2026-12-22")
    assert model.index(row, 2).data() == "Dec 22, 2026"
    assert [b[2] for b in projects.baselines(pool.milestones["Fill and start-up"])] == [dt.date(2026, 12, 18)]
    gunite = [m.name for m in model.rows].index("Gunite shell")
    assert model.setData(model.index(gunite, 9), "")  # the delay reason wiped
    assert "add a plain reason for the delay" in shown.findChild(QLabel, "projectClarity").text()


def test_a_bad_date_is_refused_with_a_message_and_changes_nothing(shown, pool, monkeypatch):
    shown_problems = []
    monkeypatch.setattr(shown, "show_problem", shown_problems.append)
    shown.milestone_model.problem.disconnect()
    shown.milestone_model.problem.connect(shown.show_problem)
    model = shown.milestone_model
    row = [m.name for m in model.rows].index("Fill and start-up")
    assert not model.setData(model.index(row, 2), "18/12")
    assert shown_problems == ["“18/12” is not a date (use YYYY-MM-DD)."]
    assert projects.get_milestone(pool.milestones["Fill and start-up"]).planned_end == dt.date(2026, 12, 18)



@pytest.mark.parametrize("button", ["removeMilestone", "milestoneUp"])
def test_a_step_removed_meanwhile_elsewhere_is_said_plainly_and_the_list_shows_the_steps_as_they_are(
        shown, pool, monkeypatch, button):
    from PySide6.QtWidgets import QMessageBox

    told = []

    def answer(box):  # Yes to removing the step; what the step's message says is read
        if box.icon() == QMessageBox.Icon.Information:
            told.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    model = shown.milestone_model
    gunite = pool.milestones["Gunite shell"]
    shown.milestones.selectRow([m.id for m in model.rows].index(gunite))
    projects.delete_milestone(gunite)  # another PC (or window) removes it while this list still shows it

    shown.findChild(QPushButton, button).click()
    assert told == ["This step no longer exists: it was removed meanwhile (on another PC, or in another window)."]
    assert gunite not in [m.id for m in model.rows] and model.rowCount() == 6
    assert "Gunite shell" not in [m.name for m in projects.milestones(pool.project_id)]

def test_add_milestone_starts_editing_its_name(shown, pool):
    shown.findChild(QPushButton, "addMilestone").click()
    assert shown.milestone_model.rowCount() == 8
    assert "“New milestone” has no date" in shown.findChild(QLabel, "projectClarity").text()


def test_print_week_letters_writes_archives_and_previews_the_combined_pdf(shown, pool):
    print_week(shown)
    assert shown.previews == [] and Document.select().count() == 1  # written; not sent until it goes out
    assert Interaction.select().where(Interaction.channel == "letter").count() == 0
    shown.send_dialog.findChild(QPushButton, "sendPrint").click()
    assert len(shown.previews) == 1
    combined = shown.previews[0]
    assert combined.name == f"{clock.today().isoformat()}-all-letters.pdf"
    assert "Dear Hannah," in text_of(combined)
    assert Document.get().sent_how == "printed"
    assert Interaction.select().where(Interaction.channel == "letter").count() == 1
    assert shown.list_model.index(0, 4).data() == "Nov 20, 2026"


def test_week_letters_written_and_not_sent_leave_the_letter_due(shown, pool):
    from servicedesk.core.services import communication

    print_week(shown)
    shown.send_dialog.findChild(QPushButton, "sendLater").click()
    assert Document.get().sent_at is None
    assert Interaction.select().where(Interaction.channel == "letter").count() == 0
    assert [i.kind for i in communication.today_queue() if i.customer == "Hannah Whitfield"] == ["letter"]


def test_clarity_problems_come_before_printing_and_fix_goes_to_the_milestone(shown, pool, monkeypatch):
    projects.update_milestone(pool.milestones["Gunite shell"], revised_end=None)
    seen = []

    def ask(dialog):
        seen.append(dialog.findChild(QWidget, "clarityProblems").toPlainText())
        return ClarityDialog.FIX

    monkeypatch.setattr(ClarityDialog, "ask", ask)
    shown.findChild(QPushButton, "printWeekLetters").click()
    assert "Hannah Whitfield — Backyard pool build" in seen[0]
    assert "“Gunite shell” is late: add a revised date." in seen[0]
    assert shown.previews == [] and Document.select().count() == 0
    assert shown.selected_milestone_id() == pool.milestones["Gunite shell"]


def test_explicit_override_prints_the_vague_letter(shown, pool, monkeypatch):
    projects.update(pool.project_id, lead_id=None)
    monkeypatch.setattr(ClarityDialog, "ask", lambda _d: ClarityDialog.OVERRIDE)
    print_week(shown)
    shown.send_dialog.findChild(QPushButton, "sendPrint").click()
    assert len(shown.previews) == 1 and Document.select().count() == 1


def test_cancel_prints_nothing(shown, pool, monkeypatch):
    projects.update(pool.project_id, lead_id=None)
    monkeypatch.setattr(ClarityDialog, "ask", lambda _d: ClarityDialog.CANCEL)
    shown.findChild(QPushButton, "printWeekLetters").click()
    assert shown.previews == [] and Document.select().count() == 0


def test_timeline_strip_draws_the_delay_in_its_colour(shown):
    strip = shown.findChild(QWidget, "projectTimeline")
    assert len(strip.items) == 7
    image = strip.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert "#c0622b" in colours  # the delayed gunite shell
    assert "#4f9a6a" in colours  # finished work


def test_status_is_chosen_from_a_list(shown, pool):
    table = shown.findChild(QTableView, "milestoneTable")
    model = shown.milestone_model
    row = [m.name for m in model.rows].index("Fill and start-up")
    index = model.index(row, model.STATUS)
    delegate = table.itemDelegateForColumn(model.STATUS)
    editor = delegate.createEditor(table.viewport(), None, index)
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "not started"
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "not started", "in progress", "done", "delayed", "waiting"]
    editor.setCurrentIndex(editor.findData("in_progress"))
    delegate.setModelData(editor, model, index)
    assert projects.get_milestone(pool.milestones["Fill and start-up"]).status == "in_progress"
    assert model.index(row, model.STATUS).data() == "in progress"


def test_the_project_header_shows_the_customers_text_as_typed(pool, host, qtbot):
    projects.update(pool.project_id, name="Pool <i>build</i> <img src=x.png>")
    view = ProjectsView(ActionRegistry(host), Navigator(host), host)
    view.select_project(pool.project_id)
    header = view.findChild(QLabel, "projectHeader")
    qtbot.waitUntil(lambda: "<i>" in header.text())
    assert header.textFormat() == Qt.TextFormat.PlainText  # the tags show as typed, not as italics or a picture
    assert header.text() == "Pool <i>build</i> <img src=x.png> — Hannah Whitfield"


def test_a_project_paused_on_another_pc_stays_in_the_list_marked_on_hold(shown, pool, qtbot):
    from servicedesk.core import session

    other = projects.create(pool.customer_id, "Pool house", starts_on="2026-11-02", target_on="2026-12-18")
    shown.refresh()
    shown.select_project(pool.project_id)
    table = shown.findChild(QTableView, "projectTable")
    assert table.model().rowCount() == 2 and shown.current_project_id() == pool.project_id
    session.set_person("Maria Keller")  # the owner, at her own PC
    try:
        projects.update(pool.project_id, status="on_hold")
    finally:
        session.set_person(None)
    shown.refresh()  # as the news of her change refreshes this PC's list
    model = table.model()
    assert model.rowCount() == 2  # still there, and still the one open here
    assert shown.current_project_id() == pool.project_id
    assert shown.findChild(QLabel, "projectHeader").text() == "Backyard pool build — Hannah Whitfield"
    row = model.row_of(pool.project_id)
    assert model.index(row, model.STATUS).data() == "on hold"
    assert model.index(row, model.NAME).data(Qt.ItemDataRole.FontRole).italic()
    assert "On hold" in model.index(row, model.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(model.row_of(other), model.NAME).data(Qt.ItemDataRole.FontRole) is None  # under way: as ever
    assert projects.active_ids() == [other]  # paused: no weekly letter
