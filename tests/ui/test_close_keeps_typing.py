"""Closing the window (its close button, Alt+F4, File > Quit) never loses what was typed and not saved: the
window asks Save, Discard or Cancel, as opening another customer does."""

import pytest
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QLabel, QMessageBox

from servicedesk.core.services import customers, projects, templates
from servicedesk.ui import settings
from servicedesk.ui.actions import ActionId
from tests.tools import boxes, screens

SAVE, DISCARD, CANCEL = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)
TYPED = "weekday mornings, <b>never</b> Fridays & not after 6"


def _discard_typing(window) -> None:
    """After a test that stopped half-way, the window closes without a question nobody would answer."""
    if window.isVisible():
        asking = QMessageBox.exec
        QMessageBox.exec = lambda _box: DISCARD
        try:
            window.close()
        finally:
            QMessageBox.exec = asking


@pytest.fixture
def demo_window(qtbot, demo_db, db_path):
    window = screens.open_window(db_path)
    qtbot.addWidget(window, before_close_func=_discard_typing)
    qtbot.waitExposed(window)
    return window


def _dorothy(window, qtbot):
    screens.PANES["customers"](window)
    profile = window.customers.profile
    field = profile.fields.widgets["best_time"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, TYPED)
    assert profile.save_button.isEnabled()
    return profile.customer_id, field


def _said(answered) -> list[tuple[str, str]]:
    return [(title, text) for title, text, _format in answered]


def _quit(window) -> None:
    window.findChild(QAction, ActionId.QUIT.value).trigger()


@pytest.mark.parametrize("close", ["close-button", "file-quit"])
def test_cancel_keeps_the_window_open_and_what_was_typed(demo_window, qtbot, close):
    dorothy, field = _dorothy(demo_window, qtbot)
    answered = boxes.answer_next(CANCEL)
    if close == "close-button":
        assert not demo_window.close()  # a close event, as from the title bar or Alt+F4
    else:
        _quit(demo_window)
    assert _said(answered) == [("Unsaved changes", "Save the changes to Dorothy Finch — Finch's Gifts?")]
    assert demo_window.isVisible() and field.text() == TYPED
    assert customers.get(dorothy).best_time != TYPED


def test_discard_closes_and_remembers_the_window(demo_window, qtbot):
    dorothy, _field = _dorothy(demo_window, qtbot)
    before = customers.get(dorothy).best_time
    answered = boxes.answer_next(DISCARD)
    assert demo_window.close()
    assert len(answered) == 1 and not demo_window.isVisible()
    assert customers.get(dorothy).best_time == before
    assert settings.load_state("geometry") is not None  # its size and place, kept for the next start


def test_save_saves_as_ctrl_s_does_and_closes(demo_window, qtbot):
    dorothy, _field = _dorothy(demo_window, qtbot)
    answered = boxes.answer_next(SAVE)
    _quit(demo_window)
    assert len(answered) == 1
    qtbot.waitUntil(lambda: not demo_window.isVisible())
    assert customers.get(dorothy).best_time == TYPED


def test_a_save_refused_keeps_the_window_open_with_the_message(demo_window, qtbot):
    dorothy, _field = _dorothy(demo_window, qtbot)
    profile = demo_window.customers.profile
    name = profile.fields.widgets["name"]
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, "\b")  # no name: refused
    answered = boxes.answer_next(SAVE)
    assert not demo_window.close()
    assert len(answered) == 1 and demo_window.isVisible()
    message = profile.findChild(QLabel, "profileMessage")
    assert message.isVisible() and message.text().startswith("Not saved. Please correct:")
    assert customers.get(dorothy).best_time != TYPED and customers.get(dorothy).name == "Dorothy Finch"


def test_a_what_matters_cell_still_open_is_asked_about_and_saved(demo_window, qtbot):
    screens.PANES["customers-what-matters"](demo_window)
    profile = demo_window.customers.profile
    view = profile.lists.views["what_matters"]
    model = view.model()
    index = model.index(0, [key for key, _title, _editable in model.columns].index("words"))
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "Kevin, and only Kevin")
    answered = boxes.answer_next(SAVE)
    assert demo_window.close()
    assert _said(answered) == [("Unsaved changes", "Save the changes to Dorothy Finch — Finch's Gifts?")]
    assert "Kevin, and only Kevin" in [w.words for w in customers.what_matters(profile.customer_id)]


def _step_cell(window, qtbot, text: str):
    screens.PANES["schedule-projects"](window)
    view = window.schedule.projects
    model = view.milestone_model
    row = 0
    step = model.rows[row]
    index = model.index(row, 0)  # the step's name
    view.milestones.setCurrentIndex(index)
    view.milestones.edit(index)
    editor = view.milestones.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return view, step, editor


def test_a_project_steps_cell_still_open_cancel_keeps_it_and_save_saves_it(demo_window, qtbot):
    view, step, editor = _step_cell(demo_window, qtbot, "Permit <approved> & filed")
    answered = boxes.answer_next(CANCEL)
    assert not demo_window.close()
    assert _said(answered) == [("Unsaved change", f"Save the change to Milestone of “{step.name}”?")]
    assert demo_window.tabs.currentIndex() == demo_window.SCHEDULE and view.isVisible()
    editor = view.milestones.indexWidget(view.milestone_model.index(0, 0))  # the cell open again, as it was
    assert editor is not None and editor.text() == "Permit <approved> & filed"
    assert projects.get_milestone(step.id).name == step.name

    answered = boxes.answer_next(SAVE)
    assert demo_window.close()
    assert len(answered) == 1
    assert projects.get_milestone(step.id).name == "Permit <approved> & filed"


def test_a_project_steps_cell_refused_on_saving_keeps_the_window_open(demo_window, qtbot):
    screens.PANES["schedule-projects"](demo_window)
    view = demo_window.schedule.projects
    model = view.milestone_model
    column = next(c for c in range(model.columnCount()) if model.COLUMNS[c][1] == "planned_end")
    index = model.index(0, column)
    view.milestones.setCurrentIndex(index)
    view.milestones.edit(index)
    editor = view.milestones.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "18/12")
    answered = boxes.answer_next(SAVE)
    told = boxes.answer_next(QMessageBox.StandardButton.Ok)
    assert not demo_window.close()
    assert len(answered) == 1 and _said(told) == [("Not saved", "“18/12” is not a date (use YYYY-MM-DD).")]
    assert demo_window.isVisible()


def test_a_template_typed_in_is_asked_about_and_discard_closes(demo_window, qtbot):
    screens.PANES["communication-templates"](demo_window)
    editor = demo_window.communication.templates
    key, name = editor.choice.currentData(), editor.name.text()
    before = templates.get(key).body
    editor.body.setFocus()
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.body, " See you soon.")
    answered = boxes.answer_next(CANCEL)
    assert not demo_window.close()
    assert _said(answered) == [("Unsaved changes", f"Save the changes to the template “{name}”?")]
    assert editor.body.toPlainText().endswith(" See you soon.")

    answered = boxes.answer_next(CANCEL)  # choosing another template asks too; Cancel stays on this one
    editor.choice.setCurrentIndex(1 if editor.choice.currentIndex() == 0 else 0)
    assert len(answered) == 1 and editor.choice.currentData() == key
    assert editor.body.toPlainText().endswith(" See you soon.")

    answered = boxes.answer_next(DISCARD)
    assert demo_window.close()
    assert len(answered) == 1 and templates.get(key).body == before


def test_nothing_typed_closes_without_a_question(demo_window, qtbot):
    screens.PANES["customers"](demo_window)
    screens.PANES["schedule-projects"](demo_window)
    screens.PANES["communication-templates"](demo_window)
    assert demo_window.close()
