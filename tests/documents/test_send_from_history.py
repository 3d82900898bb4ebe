"""A letter written and left unsent can be sent later from the customer's history: its record offers
"It went out…", and once posted it counts as contact like any other letter that went out."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from servicedesk.core.services import documents
from servicedesk.core.store.models import Document, Interaction
from servicedesk.ui.customers.history import HistoryView
from servicedesk.ui.navigation import Navigator


def _open_row(qtbot, view, row):
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 1))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter opens the record, as a double-click does
    dialog = view.findChild(QWidget, "historyDetail")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    return dialog


def test_an_unsent_letter_is_posted_from_the_history_and_then_counts_as_contact(qtbot, pool):
    [written] = documents.generate_timeline_letters([pool.project_id], dt.date(2026, 11, 20)).written
    navigator = Navigator()
    view = HistoryView(navigator)
    qtbot.addWidget(view)
    view.history_model.load(pool.customer_id)
    view.resize(800, 400)
    view.show()
    row = next(r for r in range(view.model().rowCount())
               if view.history_model.items[r].kind == "document" and view.history_model.items[r].record_id
               == written.document.id)  # the history lists the letter among the customer's records
    dialog = _open_row(qtbot, view, row)
    assert dialog.findChild(QPushButton, "historySendDocument").text() == "It went out…"
    dialog.findChild(QPushButton, "historySendDocument").click()
    send = dialog.send_dialog
    qtbot.waitUntil(lambda: send.isVisible())
    with qtbot.waitSignal(navigator.dataChanged) as changed:
        send.findChild(QPushButton, "sendPosted").click()
    assert changed.args == ["communication"]  # the profile reads the customer again: the letter shows as posted
    stored = Document.get_by_id(written.document.id)
    assert stored.sent_at is not None and stored.sent_how == "posted"
    assert Interaction.select().where(Interaction.document == written.document.id).count() == 1


def test_a_letter_already_sent_offers_no_such_button(qtbot, pool):
    from servicedesk.core.services import contact
    from servicedesk.ui.customers.history import HistoryDetail

    [written] = documents.generate_timeline_letters([pool.project_id], dt.date(2026, 11, 20)).written
    unsent = HistoryDetail("document", written.document.id)
    qtbot.addWidget(unsent)
    assert unsent.findChild(QPushButton, "historySendDocument") is not None
    contact.send_document(written.document.id, "printed")
    sent = HistoryDetail("document", written.document.id)
    qtbot.addWidget(sent)
    assert sent.findChild(QPushButton, "historySendDocument") is None
