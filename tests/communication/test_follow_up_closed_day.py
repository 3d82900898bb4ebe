"""A follow-up set for a day the office is closed: allowed, and the person setting it is told the day it will be due."""

import datetime as dt
import os

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel

from servicedesk.core.services import followups, office
from tests.ui import layout


@pytest.fixture
def pane(shown_pane):
    return shown_pane


def shot(widget, name):
    folder = os.environ.get("SERVICEDESK_SHOTS")
    if folder:
        widget.grab().save(os.path.join(folder, name))


def test_a_follow_up_due_on_a_closed_day_says_which_day_it_will_be_due(pane, qtbot, monday):
    dialog = pane.new_follow_up(monday["ada"])
    qtbot.waitExposed(dialog)
    note = dialog.findChild(QLabel, "followUpClosedNote")
    assert not note.isVisible()  # tomorrow, Tuesday: the office is open
    dialog.due_on.setDate(QDate(2026, 11, 28))
    qtbot.waitUntil(note.isVisible)
    assert note.text() == ("The office is closed on Saturday, November 28: "
                           "the follow-up will be due on Monday, November 30.")
    dialog.due_on.setDate(QDate(2026, 11, 26))
    assert note.text() == ("The office is closed on Thursday, November 26 (Thanksgiving Day): "
                           "the follow-up will be due on Friday, November 27.")
    qtbot.waitUntil(lambda: not layout.problems(dialog))
    shot(dialog, "follow-up-closed-day.png")
    dialog.due_on.setDate(QDate(2026, 11, 25))
    assert not note.isVisible()

    dialog.due_on.setDate(QDate(2026, 11, 28))
    dialog.reason.setText("Ask whether the Saturday crew left the gate closed")
    dialog.accept()  # told, not refused: the follow-up keeps the day chosen
    assert not dialog.isVisible()
    made = followups.for_customer(monday["ada"])
    assert [(f.due_on, f.overdue_days(dt.date(2026, 11, 30))) for f in made] == [(dt.date(2026, 11, 28), 0)]


def test_the_offices_own_closed_day_and_call_again_on_a_holiday(pane, qtbot, monday):
    office.update(closed_days="2026-11-27")  # the day after Thanksgiving too
    dialog = pane.log_interaction(monday["ada"], None, "out")
    qtbot.waitExposed(dialog)
    note = dialog.findChild(QLabel, "followUpClosedNote")
    assert not note.isVisible()
    dialog.follow_up_on.setDate(QDate(2026, 11, 27))  # choosing the day ticks "Call again on"
    qtbot.waitUntil(note.isVisible)
    assert dialog.follow_up.isChecked()
    assert note.text() == ("The office is closed on Friday, November 27: "
                           "the follow-up will be due on Monday, November 30.")
    qtbot.waitUntil(lambda: not layout.problems(dialog))
    shot(dialog, "log-call-again-closed-day.png")
    dialog.follow_up.setChecked(False)  # no follow-up: nothing to say about its day
    assert not note.isVisible()
    dialog.follow_up.setChecked(True)
    assert note.isVisible()
