"""Closing a follow-up nobody answered, from the queue: the dialog sets the call again, or stops with a reason."""

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QRadioButton, QTableView

from servicedesk.core import clock
from servicedesk.core.services import followups, history
from servicedesk.ui.communication.models import QueueModel
from tests.ui import layout

from .test_follow_up_closed_day import shot


def _open_harold(pane, qtbot):
    queue = pane.findChild(QTableView, "todayQueue")
    names = [queue.model().index(r, QueueModel.CUSTOMER).data().splitlines()[0]
             for r in range(queue.model().rowCount())]
    queue.selectRow(names.index("Harold Benson"))
    dialog = pane.handle_current()
    qtbot.waitExposed(dialog)
    return dialog


def _harold_why(pane):
    """What the queue's "Why it is here" column says of Harold's follow-up."""
    pane.refresh()
    model = pane.findChild(QTableView, "todayQueue").model()
    return [model.index(r, QueueModel.WHY).data() for r in range(model.rowCount())
            if model.index(r, QueueModel.CUSTOMER).data().startswith("Harold Benson")
            and model.index(r, QueueModel.KIND).data() == "Follow-up"]


def test_nobody_answered_calls_again_the_next_business_day_unless_another_day_is_chosen(shown_pane, qtbot, monday):
    pane = shown_pane
    dialog = _open_harold(pane, qtbot)
    call_again = dialog.findChild(QRadioButton, "followUpCallAgain")
    assert not call_again.isVisible()  # reached: nothing to call again about
    reached = dialog.findChild(QComboBox, "reached")
    reached.setCurrentIndex(reached.findData("no_answer"))
    qtbot.waitUntil(call_again.isVisible)
    assert call_again.isChecked() and call_again.text().replace("&", "") == "Call again on"
    assert dialog.again_on.date() == QDate(2026, 11, 24)  # Monday: the next business day is Tuesday
    qtbot.waitUntil(lambda: not layout.problems(dialog))
    shot(dialog, "follow-up-call-again.png")
    with qtbot.waitSignal(pane.navigator.statusMessage) as said:
        dialog.accept()
    assert said.args == ["Nobody reached: Harold Benson is called again on Tuesday, November 24."]
    assert not dialog.isVisible()

    done = followups.get(monday["harold_follow_up"])
    again = followups.again_of(done.id)
    assert (done.nobody_reached, again.due_on, again.reason) == ("no_answer", dt.date(2026, 11, 24), done.reason)
    assert _harold_why(pane) == []  # off today's queue: tomorrow's call
    clock.set_now(dt.datetime(2026, 11, 24, 8, 30))
    assert _harold_why(pane) == ["Follow-up due today (1 attempt, no answer since yesterday): "
                                 "Call back with the quarterly quote"]
    shot(pane.window(), "queue-call-again.png")

    dialog = _open_harold(pane, qtbot)
    assert dialog.findChild(QLabel, "followUpAttemptsShown").text() == \
        "Tried before: 1 attempt, no answer since yesterday"
    dialog.reached.setCurrentIndex(dialog.reached.findData("voicemail"))
    dialog.again_on.setDate(QDate(2026, 11, 26))  # Thanksgiving: said, and kept as chosen
    note = dialog.findChild(QLabel, "followUpAgainClosedNote")
    qtbot.waitUntil(note.isVisible)
    assert "Thanksgiving" in note.text()
    qtbot.waitUntil(lambda: not layout.problems(dialog))
    shot(dialog, "follow-up-call-again-closed-day.png")
    dialog.accept()
    assert followups.again_of(again.id).due_on == dt.date(2026, 11, 26)


def test_stopping_needs_its_reason_and_the_history_keeps_it(shown_pane, qtbot, monday):
    pane = shown_pane
    dialog = _open_harold(pane, qtbot)
    dialog.reached.setCurrentIndex(dialog.reached.findData("wrong_number"))
    stop = dialog.findChild(QRadioButton, "followUpStopTrying")
    qtbot.waitUntil(stop.isVisible)
    stop.setChecked(True)
    dialog.accept()
    error = dialog.findChild(QLabel, "dialogError")
    assert dialog.isVisible() and "Say why the office stops trying" in error.text()
    assert followups.get(monday["harold_follow_up"]).done_at is None  # nothing saved
    reason = dialog.findChild(QLineEdit, "followUpStopReason")
    qtbot.keyClicks(reason, "Number is a fax line; he only reads letters")
    qtbot.waitUntil(lambda: not layout.problems(dialog))
    shot(dialog, "follow-up-stop-trying.png")
    dialog.accept()
    assert not dialog.isVisible()
    assert followups.for_customer(monday["harold"]) == []
    assert followups.get(monday["harold_follow_up"]).stopped_trying == "Number is a fax line; he only reads letters"
    assert history.timeline(monday["harold"])[0].title == "Follow-up attempt — wrong number, stopped trying"
