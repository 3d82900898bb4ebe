"""After Assign, the status line says what is waiting in the queue: a notice, and a call only when one is owed."""

import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from servicedesk.core.services import recurrence, technicians
from servicedesk.core.store.models import Draft, FollowUp, Visit
from tests.schedule import test_board

pane = test_board.pane  # the Schedule pane on Dorothy's office
dorothys_visit = test_board.dorothys_visit


@pytest.fixture
def said(pane):
    messages = []
    pane.navigator.statusMessage.connect(messages.append)
    return messages


def assign(pane, qtbot, fill):
    def drive():
        dialog = QApplication.activeModalWidget()
        fill(dialog)
        dialog.confirm()

    QTimer.singleShot(0, drive)
    pane.move(1)
    pane.board.select(dorothys_visit(pane).id)
    pane.assign_selected()


def test_her_own_technician_on_another_day_queues_a_notice_and_says_no_call(pane, qtbot, said):
    technicians.add_days_off(pane.office.sam, dt.date(2026, 1, 13), dt.date(2026, 1, 13), "vacation")
    assign(pane, qtbot, lambda d: d.take(0))  # Sam, the day before
    visit = Visit.get(Visit.customer == pane.office.dorothy, Visit.starts_at < dt.datetime(2026, 2, 1))
    assert (visit.technician_id, visit.starts_at) == (pane.office.sam, dt.datetime(2026, 1, 12, 9))
    assert Draft.select().count() == 1 and FollowUp.select().where(FollowUp.source == "technician_change").count() == 0
    assert said[-1] == "Change saved. A notice for the customer is in the queue."


def test_a_stranger_queues_a_notice_and_a_call_and_says_both(pane, qtbot, said):
    def stranger(dialog):
        dialog.technician.setCurrentIndex(dialog.technician.findData(pane.office.alex))
        dialog.reason.setText("Sam is on a course that day")

    assign(pane, qtbot, stranger)
    assert FollowUp.select().where(FollowUp.source == "technician_change").count() == 1
    assert said[-1] == "Change saved. A notice for the customer and a follow-up call are in the queue."


def test_nothing_queued_says_nothing_of_a_notice(pane, qtbot, said):
    assert recurrence.plans_for(pane.office.dorothy)
    assign(pane, qtbot, lambda d: None)  # confirmed as it was
    assert not any("notice" in m for m in said)
