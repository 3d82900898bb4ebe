"""The project dialog and the visit summary from the projects view."""

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from servicedesk.core.services import projects
from servicedesk.core.store.models import Document, Interaction, Project
from servicedesk.ui.actions import ActionId, ActionRegistry
from servicedesk.ui.navigation import Navigator
from servicedesk.ui import printing
from servicedesk.ui.projects import ProjectsView
from servicedesk.ui.projects.dialogs import ProjectDialog, VisitPicker

from tests.documents.pdf import text_of


def test_new_project_finds_the_customer_and_saves(pool, qtbot):
    dialog = ProjectDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "projectCustomerSearch"), "Whitfield")
    assert dialog.findChild(QComboBox, "projectCustomer").currentText() == "Hannah Whitfield"
    name = dialog.findChild(QLineEdit, "projectName")
    name.clear()
    qtbot.keyClicks(name, "Outdoor kitchen")
    lead = dialog.findChild(QComboBox, "projectLead")
    lead.setCurrentIndex(lead.findData(pool.lead_id))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "projectTarget"), "2027-03-31")
    dialog.save()
    assert dialog.result() == ProjectDialog.DialogCode.Accepted
    saved = projects.get(dialog.project_id)
    assert (saved.customer_id, saved.name, saved.lead, saved.target_on) == (
        pool.customer_id, "Outdoor kitchen", "Marek Kowalski", dt.date(2027, 3, 31))


def test_bad_dates_keep_the_dialog_open_and_save_nothing(pool, qtbot):
    dialog = ProjectDialog(projects.get(pool.project_id))
    qtbot.addWidget(dialog)
    target = dialog.findChild(QLineEdit, "projectTarget")
    target.clear()
    qtbot.keyClicks(target, "2026-09-01")  # before the start on 5 October
    dialog.save()
    assert dialog.result() != ProjectDialog.DialogCode.Accepted
    assert dialog.findChild(QLabel, "projectDialogError").text() == "The target completion is before the start."
    assert Project.get_by_id(pool.project_id).target_on == dt.date(2026, 12, 18)


def test_a_new_project_needs_a_customer(pool, qtbot):
    dialog = ProjectDialog()
    qtbot.addWidget(dialog)
    dialog.save()
    assert "choose the customer" in dialog.findChild(QLabel, "projectDialogError").text()
    assert Project.select().count() == 1


def test_visit_summary_action_writes_and_previews_the_summary(pest_visit, qtbot, monkeypatch):
    previews = []
    monkeypatch.setattr(printing, "preview_and_print", lambda _parent, path: previews.append(path) or False)
    picked = {}

    def chosen(picker):
        picked["offered"] = [picker.visit.itemText(i) for i in range(picker.visit.count())]
        return picker.visit.currentData()

    monkeypatch.setattr(VisitPicker, "chosen", chosen)
    view = ProjectsView(ActionRegistry(None), Navigator())
    qtbot.addWidget(view)
    view.visit_summary()
    assert picked["offered"] == ["Thu, Nov 12, 9:00\u00a0AM — Dorothy Ames — Quarterly pest treatment (Sam Ortiz)"]
    view.send_dialog.findChild(QPushButton, "sendPrint").click()  # previewed, closed without printing
    assert len(previews) == 1 and "Dear Dorothy," in text_of(previews[0])
    assert Document.get().kind == "visit_summary" and Document.get().sent_at is None
    assert Interaction.select().count() == 0
    view.send_dialog.findChild(QPushButton, "sendPosted").click()
    assert Document.get().sent_how == "posted" and Interaction.get().summary.endswith("posted")


def test_letter_for_one_project(pool, qtbot, monkeypatch):
    previews = []
    monkeypatch.setattr(printing, "preview_and_print", lambda _parent, path: previews.append(path) or True)
    registry = ActionRegistry(None)
    view = ProjectsView(registry, Navigator())
    qtbot.addWidget(view)
    assert registry[ActionId.NEW_PROJECT].isEnabled()
    view.print_project_letter()
    view.send_dialog.findChild(QPushButton, "sendPrint").click()
    assert len(previews) == 1 and "Dear Hannah," in text_of(previews[0])


def test_sending_a_letter_says_what_it_is_and_who_sent_it(pool, qtbot):
    view = ProjectsView(ActionRegistry(None), Navigator())
    qtbot.addWidget(view)
    view.print_project_letter()
    intro = view.send_dialog.findChild(QLabel, "sendIntro").text()
    assert intro.startswith("This week's letter is written and archived, but not sent.")
    assert intro.endswith("How does it go?")
    by = view.send_dialog.findChild(QComboBox, "sendBy")
    assert by.currentText() == "Marek Kowalski"  # the office's only person, never nobody
    assert [by.itemText(i) for i in range(by.count())] == ["Marek Kowalski"]
    view.send_dialog.findChild(QPushButton, "sendPosted").click()
    assert Document.get().sent_how == "posted" and Document.get().sent_by_id == pool.lead_id
    assert Interaction.get().staff_id == pool.lead_id
