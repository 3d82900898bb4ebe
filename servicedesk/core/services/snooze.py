"""Putting a row of today's queue off to a later day, with the reason.

The row leaves the queue until that day and comes back on it; the customer's history keeps
who put it off, until when and why. A snooze is not contact: it changes no clock, rhythm or score.
"""

from __future__ import annotations

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import QueueSnooze
from servicedesk.core.validation import clean_text

LONGEST_DAYS = 90  # a row put off for longer than this is not a snooze but a decision: say so elsewhere


def snooze(kind: str, record_id: int, customer_id: int, until: dt.date, reason: str,
           staff_id: int | None = None) -> int:
    """Keep the queue row (``kind``, ``record_id``) off the queue until ``until``; returns the snooze's id."""
    reason = clean_text(reason or "").strip()
    today = clock.today()
    problems = {}
    if not reason:
        problems["reason"] = "Say why it can wait; the customer's history keeps it."
    if not isinstance(until, dt.date) or until <= today:
        problems["until"] = "Put it off to a day after today."
    elif until > today + dt.timedelta(days=LONGEST_DAYS):
        problems["until"] = f"Put it off by {LONGEST_DAYS} days at most."
    if problems:
        raise ValidationError(problems)
    with transaction():
        return QueueSnooze.create(customer=customer_id, kind=kind, record_id=record_id, until=until,
                                  reason=reason, staff=staff_id, created_at=clock.now()).id


def hidden(today: dt.date | None = None) -> set[tuple[str, int]]:
    """The queue rows (kind, record id) put off beyond today."""
    rows = database.execute_sql("SELECT kind, record_id FROM queue_snooze WHERE until > ?",
                                (today or clock.today(),)).fetchall()
    return {(r[0], r[1]) for r in rows}


def without_snoozed(items: list) -> list:
    """``items`` (queue rows with ``kind`` and ``record_id``) less those put off beyond today."""
    away = hidden()
    return [i for i in items if (i.kind, i.record_id) not in away] if away else items
