"""The panes wired together in the whole main window, on the demo office."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from servicedesk.core.services import communication, customers, projects, scheduling
from servicedesk.core.store.models import Customer, Document, Draft, Interaction
from servicedesk.ui.communication.models import QueueModel
from servicedesk.ui.customers import dialogs as customer_dialogs
from servicedesk.ui.main_window import MainWindow
from tests.documents.pdf import text_of

from .conftest import customer_named, next_visit


def press(window, qtbot, key: str) -> None:
    """A Ctrl+key shortcut, typed where the person's focus is."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, Qt.KeyboardModifier.ControlModifier)


def open_customer(window, qtbot, name: str) -> int:
    search = window.findChild(QWidget, "customerSearch")
    search.clear()
    qtbot.keyClicks(search, name)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    customer_id = customer_named(name)
    qtbot.waitUntil(lambda: window.customers.profile.customer_id == customer_id)
    return customer_id


def test_customer_menu_acts_for_the_customer_shown(window, qtbot):
    dorothy = open_customer(window, qtbot, "Dorothy Finch")
    for key, name in (("L", "logInteractionDialog"), ("K", "newConcernDialog"), ("U", "newFollowUpDialog")):
        press(window, qtbot, key)
        dialog = window.communication.dialog
        qtbot.waitUntil(lambda: dialog is not None and dialog.objectName() == name and dialog.isVisible())
        assert dialog.picker.customer_id() == dorothy, name
        assert dialog.banner.isVisible() and "Same technician every time" in dialog.banner.text(), name
        dialog.reject()
        window.communication.dialog = None

    quiet = next(c.name for c in Customer.select().order_by(Customer.sort_name) if not customers.what_matters(c.id))
    other = open_customer(window, qtbot, quiet)
    press(window, qtbot, "L")
    dialog = window.communication.dialog
    assert dialog.picker.customer_id() == other and not dialog.banner.isVisible()
    dialog.reject()

    asked = []

    def answer():  # typed into the real dialog while it waits
        dialog = QApplication.activeModalWidget()
        asked.append(type(dialog))
        if isinstance(dialog, customer_dialogs.WhatMattersDialog):
            dialog.kind.setCurrentIndex(dialog.kind.findData("call_before"))
            dialog.words.setPlainText("Ring ten minutes before, the dog must go in")
        if dialog is not None:
            dialog.accept()

    window.tabs.setCurrentIndex(MainWindow.COMMUNICATION)  # Ctrl+M works from any pane
    QTimer.singleShot(0, answer)
    press(window, qtbot, "M")
    assert asked == [customer_dialogs.WhatMattersDialog]
    assert window.tabs.currentIndex() == MainWindow.CUSTOMERS
    press(window, qtbot, "S")
    assert [(w.kind, w.words) for w in customers.what_matters(other)] == [
        ("call_before", "Ring ten minutes before, the dog must go in")]
    assert customers.what_matters(dorothy)[0].kind == "same_technician"  # nobody else touched
    assert "Call before arriving" in window.customers.profile.banner.text()


def test_profile_lists_projects_and_opens_one_in_the_schedule(window, qtbot, qtmodeltester):
    ana = open_customer(window, qtbot, "Ana Hernandez")
    profile = window.customers.profile
    assert profile.tabs.tabText(profile.tabs.indexOf(profile.projects)) == "Projects (1)"
    profile.tabs.setCurrentWidget(profile.projects)  # the list is read when its tab is shown
    model = profile.projects.model
    qtmodeltester.check(model)
    project = projects.list_projects(customer_id=ana)[0]
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[0] == project.name and row[1] == "Under way"
    assert row[2].startswith("Plumbing and electrical — ")
    assert "Plumbing and electrical" in row[3] and "Gunite" in row[3]
    profile.tabs.setCurrentWidget(profile.projects)
    profile.projects.table.setFocus()
    qtbot.keyClick(profile.projects.table, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == MainWindow.SCHEDULE
    assert window.schedule.pages.currentWidget() is window.schedule.projects
    assert window.schedule.projects.current_project_id() == project.id


def test_the_letter_row_opens_its_project(window, qtbot):
    pane = window.communication
    window.tabs.setCurrentIndex(MainWindow.COMMUNICATION)
    rows = [pane.queue_model.row_at(n) for n in range(pane.queue_model.rowCount())]
    letter = next(n for n, item in enumerate(rows) if item.kind == "letter")
    pane.queue.selectRow(letter)
    pane.queue.setFocus()
    qtbot.keyClick(pane.queue, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == MainWindow.SCHEDULE
    assert window.schedule.projects.current_project_id() == rows[letter].record_id
    assert "Letter for this project" in window.statusBar().currentMessage()


def test_a_queued_change_notice_prints_as_a_letter_once(window, qtbot, monkeypatch):
    from servicedesk.ui import printing

    dorothy = customer_named("Dorothy Finch")
    visit_id = next_visit(dorothy)
    stranger = next(p for p in scheduling.proposals(visit_id) if p.kind == "substitute" and not p.familiar_visits)
    draft_id = scheduling.assign(visit_id, stranger.technician_id, reason="Kevin is on a course").draft_id
    pane = window.communication
    pane.refresh()
    row = next(n for n in range(pane.queue_model.rowCount())
               if pane.queue_model.row_at(n).kind == "notice" and pane.queue_model.row_at(n).record_id == draft_id)
    pane.queue.selectRow(row)
    dialog = pane.handle_current()
    assert dialog.banner.isVisible() and "Same technician every time" in dialog.banner.text()
    shown, printed = [], [False]
    monkeypatch.setattr(printing, "preview_and_print", lambda _parent, path: shown.append(path) or printed[0])
    dialog.body.appendPlainText("P.S. Kevin will be back for your January visit.")
    qtbot.mouseClick(dialog.findChild(QWidget, "printNotice"), Qt.MouseButton.LeftButton)
    send = dialog.send_dialog
    assert send.isVisible() and "not sent" in send.findChild(QWidget, "sendIntro").text()

    # the preview closed without printing: written, archived, not sent
    qtbot.mouseClick(send.findChild(QWidget, "sendPrint"), Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and send.isVisible()
    assert Draft.get_by_id(draft_id).status == "queued"
    assert Interaction.select().where(Interaction.document.is_null(False)).count() == 0

    printed[0] = True
    qtbot.mouseClick(send.findChild(QWidget, "sendPrint"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and len(shown) == 2
    notice = Document.get((Document.customer == dorothy) & (Document.kind == "change_notice"))
    assert notice.sent_how == "printed"
    text = text_of(shown[0])
    assert stranger.technician in text and "Kevin will be back for your January visit" in text
    assert Draft.get_by_id(draft_id).status == "sent"
    assert Interaction.select().where((Interaction.customer == dorothy) & Interaction.summary.contains(
        "Change notice")).count() == 1
    assert Interaction.get(Interaction.document == notice.id).channel == "letter"
    assert all(item.record_id != draft_id for item in communication.today_queue() if item.kind == "notice")
    assert "Dorothy Finch" not in [pane.queue_model.index(n, QueueModel.CUSTOMER).data()
                                   for n in range(pane.queue_model.rowCount())
                                   if pane.queue_model.row_at(n).kind == "notice"]


@pytest.mark.parametrize("which", ["resolve", "follow_up"])
def test_answering_a_record_shows_the_customers_banner(window, which):
    pane = window.communication
    dorothy = customer_named("Dorothy Finch")
    if which == "resolve":
        pane.tabs.setCurrentIndex(1)
        row = next(n for n, c in enumerate(pane.concern_model.rows) if c.customer_id == dorothy)
        pane.concern_table.selectRow(row)
        dialog = pane.resolve_current()
    else:
        row = next(n for n in range(pane.queue_model.rowCount())
                   if pane.queue_model.row_at(n).kind == "follow_up" and pane.queue_model.row_at(n).customer_id == dorothy)
        pane.queue.selectRow(row)
        dialog = pane.handle_current()
    assert dialog.banner.isVisible() and "Same technician every time" in dialog.banner.text()
    dialog.reject()
