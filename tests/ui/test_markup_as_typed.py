"""Names and words that look like markup (“<b>”, “<i>”) are shown as typed in the dialogs and questions that
quote them, never drawn bold with their brackets gone."""

import datetime as dt

import pytest
from PySide6.QtGui import QTextDocument, Qt as GuiQt
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from servicedesk.core import clock
from servicedesk.core.services import customers, office, scheduling, technicians
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.customers.pane import CustomersPane
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.schedule.dialogs import AssignDialog
from servicedesk.ui.schedule.running_late import RunningLateDialog
from tests.tools import boxes

NAME = "Tom & Jerry <b>Pools</b>"
TECHNICIAN = "Sam <i>the Elder</i> O'Hara"
WORDS = "<b>Only Sam</b>, nobody else"


def seen(text: str, text_format: Qt.TextFormat) -> str:
    """What a person reads: the text as drawn, markup read as markup where the label takes it so."""
    if text_format == Qt.TextFormat.RichText or (text_format == Qt.TextFormat.AutoText
                                                 and GuiQt.mightBeRichText(text)):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def seen_in(label: QLabel) -> str:
    return seen(label.text(), label.textFormat())


@pytest.fixture
def office_of_tom(db):
    clock.set_now(dt.datetime(2026, 12, 14, 8, 0))
    office.update(name="Evergreen Pest Care", phone="(555) 010-2200", configured=True)
    sam = technicians.create(TECHNICIAN)
    alex = technicians.create("Alex Kim")
    tom = customers.create(name=NAME, phone="(555) 010-3333", street="12 Market Street", technician_id=sam).id
    customers.add_what_matters(tom, "same_technician", WORDS, sam)
    done = scheduling.book(tom, dt.datetime(2026, 12, 14, 8, 0), service_type="Monthly service")
    scheduling.complete(done, "Checked every station.")
    later = scheduling.book(tom, dt.datetime(2026, 12, 14, 14, 0), service_type="Monthly service")
    return {"tom": tom, "sam": sam, "alex": alex, "later": later}


def test_the_running_late_dialog_names_the_customer_as_typed(qtbot, office_of_tom):
    dialog = RunningLateDialog(office_of_tom["later"])
    qtbot.addWidget(dialog)
    assert seen_in(dialog.how).startswith(f"{NAME} prefers a call: call them on (555) 010-3333.")


def test_the_assign_dialog_names_the_technician_as_typed(qtbot, office_of_tom):
    dialog = AssignDialog(office_of_tom["later"])
    qtbot.addWidget(dialog)
    figure = dialog.findChild(QLabel, "continuityFigure")
    assert seen_in(figure) == f"Continuity: 1 technician in the last 1 visit, 100% with {TECHNICIAN}"
    assert NAME in " ".join(seen_in(dialog.findChild(QLabel, "assignVisit")).split())
    dialog.technician.setCurrentIndex(dialog.technician.findData(office_of_tom["alex"]))
    warning = seen_in(dialog.findChild(QLabel, "assignWarning"))
    assert warning.splitlines()[0] == (f"⚠ Alex Kim is not {TECHNICIAN}, this customer's technician — the customer "
                                       "said the same technician matters.")


@pytest.fixture
def pane(qtbot, office_of_tom):
    window = QWidget()
    pane = CustomersPane(ActionRegistry(window), Navigator(window), window)
    QVBoxLayout(window).addWidget(pane)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    pane.show_customer(office_of_tom["tom"])
    window.pane = pane
    return window


def asked(monkeypatch, answer) -> list[QMessageBox]:
    boxes = []

    def exec_(box):
        boxes.append(box)
        return answer(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return boxes


def test_the_unsaved_changes_question_names_the_customer_as_typed(pane, monkeypatch):
    pane = pane.pane
    pane.profile.fields.widgets["best_time"].setText("Fridays")
    boxes = asked(monkeypatch, lambda box: QMessageBox.StandardButton.Cancel)
    assert not pane.profile.confirm_leave()
    assert [seen(b.text(), b.textFormat()) for b in boxes] == [f"Save the changes to {NAME}?"]


def test_the_question_before_another_technician_quotes_the_customer_as_typed(pane, monkeypatch, office_of_tom):
    pane = pane.pane
    box = pane.profile.fields.widgets["technician_id"]
    box.setCurrentIndex(box.findData(office_of_tom["alex"]))
    boxes = asked(monkeypatch, lambda box: QMessageBox.StandardButton.Cancel)
    pane.profile.save()
    [question] = boxes
    assert seen(question.text(), question.textFormat()).startswith(
        f"{NAME} said the same technician matters (“{WORDS}”): {TECHNICIAN} has been theirs.")


STEP = "Tile <b>&</b> coping <Pools>"


@pytest.fixture
def projects_view(qtbot, db):
    from servicedesk.core.services import projects
    from servicedesk.ui.projects import ProjectsView
    from tests.documents.conftest import build_pool_project

    pool = build_pool_project(customer_name=NAME)
    projects.update_milestone(pool.milestones["Tiling and coping"], name=STEP)
    host = QWidget()
    qtbot.addWidget(host)
    view = ProjectsView(ActionRegistry(host), Navigator(host), host)
    view.resize(1100, 600)
    host.show()
    view.pool, view.host_ = pool, host  # the host lives as long as the view
    return view


def read(answered) -> list[tuple[str, str]]:
    """The message boxes answered, as a person read them: (title, the text as drawn)."""
    return [(title, seen(text, text_format)) for title, text, text_format in answered]


def _select_step(view, name: str) -> int:
    row = [m.name for m in view.milestone_model.rows].index(name)
    view.milestones.selectRow(row)
    return row


def test_removing_a_step_asks_with_its_name_as_typed_and_no_keeps_it(projects_view):
    from PySide6.QtWidgets import QPushButton

    from servicedesk.core.services import projects

    _select_step(projects_view, STEP)
    answered = boxes.answer_next(QMessageBox.StandardButton.No)
    projects_view.findChild(QPushButton, "removeMilestone").click()
    assert read(answered) == [("Remove milestone", f"Remove “{STEP}” and its history from this project?")]
    assert STEP in [m.name for m in projects.milestones(projects_view.pool.project_id)]


def test_a_refused_date_is_quoted_as_typed_in_the_not_saved_box(projects_view):
    model = projects_view.milestone_model
    row = _select_step(projects_view, STEP)
    answered = boxes.answer_next(QMessageBox.StandardButton.Ok)
    assert not model.setData(model.index(row, 2), "<b>11</b> Dec")
    assert read(answered) == [("Not saved", "“<b>11</b> Dec” is not a date (use YYYY-MM-DD).")]


def test_the_project_details_name_the_customer_as_typed(projects_view, qtbot):
    from servicedesk.core.services import projects
    from servicedesk.ui.projects.dialogs import ProjectDialog

    dialog = ProjectDialog(projects.get(projects_view.pool.project_id), parent=projects_view)
    qtbot.addWidget(dialog)
    assert seen_in(dialog.findChild(QLabel, "projectCustomerName")) == NAME
