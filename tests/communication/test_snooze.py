"""A queue row put off to a later day: gone until then, back on the day, and kept in the customer's history."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import communication, history, snooze

from .conftest import MONDAY


def walter_row():
    return next(i for i in communication.today_queue() if i.kind == "not_contacted" and i.customer == "Walter Grimes")


def test_a_snoozed_row_waits_until_its_day_and_the_history_says_why(monday):
    row = walter_row()
    snooze.snooze(row.kind, row.record_id, row.customer_id, dt.date(2026, 11, 26), "Away until Thursday, said his wife",
                  monday["maria"])
    assert all(i.customer != "Walter Grimes" for i in communication.today_queue())
    clock.set_now(dt.datetime(2026, 11, 26, 8, 30))
    assert walter_row() is not None  # back on the day it was put off to
    clock.set_now(MONDAY)
    item = next(i for i in history.timeline(monday["walter"]) if i.kind == "snooze")
    assert item.title == "Put off until Nov 26, 2026"
    assert item.text == "Not contacted: Away until Thursday, said his wife" and item.who == "Maria Keller"
    fields = dict(history.detail("snooze", item.record_id))
    assert fields["Queue row"] == "Not contacted" and fields["Who"] == "Maria Keller"


def test_a_snooze_needs_a_reason_and_a_later_day(monday):
    row = walter_row()
    with pytest.raises(ValidationError) as caught:
        snooze.snooze(row.kind, row.record_id, row.customer_id, dt.date(2026, 11, 23), "  ")
    assert set(caught.value.problems) == {"reason", "until"}
    with pytest.raises(ValidationError):
        snooze.snooze(row.kind, row.record_id, row.customer_id, dt.date(2027, 6, 1), "Much later")
    assert walter_row() is not None  # nothing was stored
