"""The Outbox tab of the Communication pane: sending off the GUI thread, failures shown, texts copied for a phone."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from servicedesk.core.services.mail import outbox
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.communication.outbox_tab import OutboxModel
from servicedesk.ui.communication.pane import CommunicationPane
from servicedesk.ui.navigation import Navigator


@pytest.fixture
def pane(qtbot, mail_office):
    host = QWidget()
    qtbot.addWidget(host)
    p = CommunicationPane(ActionRegistry(host), Navigator(host), host)
    p.resize(1200, 700)
    yield p
    qtbot.waitUntil(lambda: not p.outbox.busy, timeout=20000)
    p.outbox.timer.stop()
    host.close()


def _cells(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_send_now_runs_off_the_gui_thread_and_shows_the_reply(qtbot, pane, smtp_server, mail_office, qtmodeltester):
    ids = mail_office
    threads = []
    real_send_due = outbox.send_due

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_send_due(*args, **kwargs)

    outbox.send_due = watched
    try:
        smtp_server.answers.append("550 5.1.1 No such user here")
        outbox.queue(ids["tom"], "message", "Your tiles", "The tiles arrive on Thursday.")
        outbox.queue(ids["ruth"], "message", "Wednesday", "See you on Wednesday.")
        pane.refresh()
        tab = pane.outbox
        pane.tabs.setCurrentWidget(tab)
        assert pane.tabs.tabText(pane.tabs.indexOf(tab)) == "Outbox (2)"
        qtbot.waitUntil(lambda: not tab.busy and outbox.counts().get("queued", 0) == 0, timeout=20000)
    finally:
        outbox.send_due = real_send_due
    assert threads and all(t is not threading.main_thread() for t in threads)
    qtmodeltester.check(tab.model)
    # the failure stays on the list with the server's words; the sent one is listed with "Show sent"
    assert _cells(tab.model, OutboxModel.STATUS) == ["Failed"]
    assert "550 5.1.1 No such user here" in _cells(tab.model, OutboxModel.DETAILS)[0]
    assert "1 sent, 1 failed" in tab.status.text()
    qtbot.mouseClick(tab.show_sent, Qt.MouseButton.LeftButton)
    assert sorted(_cells(tab.model, OutboxModel.STATUS)) == ["Failed", "Sent"]
    sent_row = _cells(tab.model, OutboxModel.STATUS).index("Sent")
    assert _cells(tab.model, OutboxModel.DETAILS)[sent_row] == "250 2.0.0 Ok: queued"
    assert pane.tabs.tabText(pane.tabs.indexOf(tab)) == "Outbox (1)"


def test_a_text_without_a_gateway_is_copied_for_the_phone_and_marked_sent(qtbot, pane, mail_office):
    ids = mail_office
    message = outbox.queue(ids["walter"], "reminder", "", "Bright Water: your clean is Tue 24 Nov, 9:00. "
                           "Questions? 555-010-2000", channel="text")
    pane.refresh()
    tab = pane.outbox
    pane.window().show()
    pane.tabs.setCurrentWidget(tab)
    qtbot.waitExposed(pane.window())
    rect = tab.table.visualRect(tab.model.index(0, OutboxModel.WHAT))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _cells(tab.model, OutboxModel.TO) == ["copy to a phone"]
    qtbot.mouseClick(tab.findChild(QWidget, "outboxCopy"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == outbox.get(message).body
    qtbot.mouseClick(tab.findChild(QWidget, "outboxMarkSent"), Qt.MouseButton.LeftButton)
    assert outbox.get(message).status == "sent"
    assert outbox.get(message).server_reply == "Sent from the office's phone"
    assert tab.model.rowCount() == 0
