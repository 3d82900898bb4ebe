"""A queue row put off to a later day: gone until then, back on the day, and kept in the customer's history."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import communication, concerns, history, snooze
from servicedesk.core.store.models import QueueSnooze

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


def _row(kind, record_id):
    return next((i for i in communication.today_queue() if i.kind == kind and i.record_id == record_id), None)


def test_a_concern_is_not_put_off_past_its_acknowledgment_and_comes_back_when_late(monday):
    walter = monday["walter"]
    concern = concerns.raise_concern(walter, "The carpet is still damp two days later.")  # due Tuesday 24th
    with pytest.raises(ValidationError) as caught:
        snooze.snooze("concern", concern, walter, dt.date(2027, 2, 20), "She is away, will call back")
    assert "acknowledgment is due on Nov 24, 2026" in caught.value.problems["until"]
    assert _row("concern", concern) is not None  # nothing was stored
    snooze.snooze("concern", concern, walter, dt.date(2026, 11, 24), "He is out today")
    assert _row("concern", concern) is None
    clock.set_now(dt.datetime(2026, 11, 24, 8, 30))
    assert _row("concern", concern) is not None
    with pytest.raises(ValidationError) as caught:  # due today: call now
        snooze.snooze("concern", concern, walter, dt.date(2026, 11, 25), "Still out")
    assert "cannot be put off" in caught.value.problems["until"]
    # put off further before this rule held: it comes back the day it is late all the same
    QueueSnooze.create(customer=walter, kind="concern", record_id=concern, until=dt.date(2027, 2, 20),
                       reason="Away", created_at=clock.now())
    assert _row("concern", concern) is None
    clock.set_now(dt.datetime(2026, 11, 25, 8, 30))
    row = _row("concern", concern)
    assert row is not None and row.overdue


def test_an_acknowledged_concern_is_not_put_off_past_its_resolution(monday):
    # Grace's billing concern: acknowledged, resolution was due on the 19th
    with pytest.raises(ValidationError) as caught:
        snooze.snooze("concern_open", monday["grace_concern"], monday["grace"], dt.date(2026, 11, 25), "Waiting")
    assert "resolution is due since Nov 19, 2026" in caught.value.problems["until"]


def test_a_customer_whose_concern_is_put_off_stays_on_the_queue_for_the_rest(monday):
    walter = monday["walter"]  # silent for 60 days
    concern = concerns.raise_concern(walter, "The carpet is still damp two days later.")
    snooze.snooze("concern", concern, walter, dt.date(2026, 11, 24), "He is out today")
    rows = [i for i in communication.today_queue() if i.customer_id == walter]
    assert [i.kind for i in rows] == ["not_contacted"]


def test_a_row_put_off_again_and_again_waits_no_more_than_the_longest_in_all(monday):
    row = walter_row()
    snooze.snooze(row.kind, row.record_id, row.customer_id, dt.date(2026, 12, 23), "Abroad for a month")
    clock.set_now(dt.datetime(2026, 12, 23, 9))
    assert walter_row() is not None
    with pytest.raises(ValidationError) as caught:
        snooze.snooze(row.kind, row.record_id, row.customer_id, dt.date(2027, 3, 1), "Still abroad")
    assert "put off since Nov 23, 2026" in caught.value.problems["until"]
    assert "Feb 21, 2027 at most" in caught.value.problems["until"]
    snooze.snooze(row.kind, row.record_id, row.customer_id, dt.date(2027, 2, 21), "Still abroad")
