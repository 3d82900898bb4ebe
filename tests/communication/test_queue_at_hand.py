"""The customer at hand beside the queue, the queue's filter and grouping, putting a row off, and "Do it"
reaching the customer the way they prefer."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QPushButton, QWidget

from servicedesk.core.services import communication, customers, history
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.communication.models import QueueModel
from servicedesk.ui.communication.pane import CommunicationPane
from servicedesk.ui.navigation import Navigator


def make_pane(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    p = CommunicationPane(ActionRegistry(host), Navigator(host), host)
    host.resize(1366, 696)
    host.show()
    qtbot.waitExposed(host)
    p.host = host
    return p


@pytest.fixture
def pane(qtbot, monday):
    dorothy = customers.get(monday["dorothy"])
    customers.update(dorothy.id, dorothy.version, phone="+1 512 555 0142", preferred_channel="text",
                     best_time="before 10 am, before the shop opens")
    customers.add_goal(dorothy.id, "expect_when", "The second Tuesday of the month, before opening")
    p = make_pane(qtbot)
    yield p
    if p.dialog is not None:
        p.dialog.reject()


def click_row(qtbot, pane, customer: str, kind: str | None = None) -> int:
    model = pane.queue_model
    row = next(n for n, r in enumerate(model.rows) if r.customer == customer and (kind is None or r.kind == kind))
    rect = pane.queue.visualRect(model.index(row, QueueModel.CUSTOMER))
    qtbot.mouseClick(pane.queue.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.queue.currentIndex().row() == row
    return row


def test_the_selected_rows_customer_is_at_hand_with_how_to_reach_them(pane, qtbot, monday):
    panel = pane.findChild(QWidget, "queueCustomerPanel")
    click_row(qtbot, pane, "Dorothy Finch")
    text = {name: panel.findChild(QLabel, name).text() for name in
            ("panelName", "panelPhone", "panelEmail", "panelReach", "panelGoals", "panelRecent", "panelCall")}
    assert text["panelName"] == "Dorothy Finch — Finch's Gifts"
    assert "href='tel:+15125550142'" in text["panelPhone"] and "+1 512 555 0142" in text["panelPhone"]
    assert "mailto:dorothy@finchsgifts.example" in text["panelEmail"]
    assert text["panelReach"] == "Prefers: Text message · best time: before 10 am, before the shop opens"
    assert "The second Tuesday of the month, before opening" in text["panelGoals"]
    assert "Reminded her of the November visit" in text["panelRecent"]
    assert "different stranger every month" in text["panelCall"]
    qtbot.mouseClick(panel.findChild(QPushButton, "copyPhone"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "+1 512 555 0142"
    qtbot.keyClick(pane.queue, Qt.Key.Key_Down)  # the next row's customer comes to hand
    assert panel.findChild(QLabel, "panelName").text() == pane.queue_model.row_at(pane.queue.currentIndex()).customer


def test_one_call_settles_all_of_a_customers_rows(pane, qtbot):
    click_row(qtbot, pane, "Tom Alvarez")
    call = pane.findChild(QLabel, "panelCall").text()
    assert "In this call (2 things)" in call
    assert "Call back and acknowledge" in call and "Print and send the timeline letter" in call
    group = pane.findChild(QCheckBox, "queueGroup")
    assert group.isChecked()
    qtbot.mouseClick(group, Qt.MouseButton.LeftButton)  # back to strict order of urgency
    customers_shown = [r.customer for r in pane.queue_model.rows]
    assert customers_shown.index("Ruth Cole") < len(customers_shown) - 1 - customers_shown[::-1].index("Tom Alvarez")
    again = make_pane(qtbot)  # the choice is remembered
    assert not again.findChild(QCheckBox, "queueGroup").isChecked()


def test_the_queue_filters_by_kind(pane, qtbot):
    box = pane.findChild(QComboBox, "queueFilter")
    everything = len(pane.queue_model.rows)
    assert box.currentText() == f"Everything ({everything})"
    follow_ups = box.findData("follow_ups")
    assert box.itemText(follow_ups) == "Follow-ups (3)"
    box.setFocus()
    for _ in range(follow_ups):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert [r.kind for r in pane.queue_model.rows] == ["follow_up"] * 3
    assert pane.tabs.tabText(0) == f"Today ({everything})"  # the count is still the whole queue
    pane.refresh()  # a refresh keeps the filter
    assert box.currentData() == "follow_ups" and len(pane.queue_model.rows) == 3


def test_a_row_put_off_leaves_the_queue_and_the_reason_is_in_history(pane, qtbot, monday):
    click_row(qtbot, pane, "Walter Grimes")
    qtbot.mouseClick(pane.findChild(QPushButton, "snoozeRow"), Qt.MouseButton.LeftButton)
    dialog = pane.dialog
    assert dialog.objectName() == "snoozeDialog"
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "Say why it can wait" in dialog.error.text()  # a reason is needed
    qtbot.keyClicks(dialog.reason, "On holiday until Wednesday, his wife said")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert "Walter Grimes" not in [r.customer for r in pane.queue_model.rows]
    assert all(i.customer_id != monday["walter"] for i in communication.today_queue())
    item = next(i for i in history.timeline(monday["walter"]) if i.kind == "snooze")
    assert item.text == "Not contacted: On holiday until Wednesday, his wife said"
    assert item.title.startswith("Put off until ")


def test_do_it_reaches_the_customer_the_way_they_prefer(pane, qtbot):
    click_row(qtbot, pane, "Dorothy Finch", "concern")
    qtbot.keyClick(pane.queue, Qt.Key.Key_Return)
    dialog = pane.dialog
    assert dialog.objectName() == "logInteractionDialog"
    assert dialog.channel.currentData() == "text"  # she prefers texts, so the call back is a text
    reach = dialog.findChild(QLabel, "dialogReach")
    assert reach.isVisible()
    assert reach.text() == "☎ +1 512 555 0142 · Prefers: Text message · best time: before 10 am, before the shop opens"
    QApplication.processEvents()


def test_a_notice_to_send_shows_how_the_customer_likes_to_be_reached(pane, qtbot):
    click_row(qtbot, pane, "Ruth Cole", "notice")
    qtbot.keyClick(pane.queue, Qt.Key.Key_Return)
    dialog = pane.dialog
    assert dialog.objectName() == "draftDialog"
    reach = dialog.findChild(QLabel, "dialogReach")
    assert reach.isVisibleTo(dialog) and "Prefers: Phone" in reach.text()
