"""Putting a row of today's queue off to a later day, with the reason.

The row leaves the queue until that day and comes back on it; the customer's history keeps
who put it off, until when and why. A snooze is not contact: it changes no clock, rhythm or score.

A concern's row is never put off past its clock: an unacknowledged concern at most to the day its
acknowledgment is due, an acknowledged one at most to the day its resolution is due; a concern
already late cannot be put off at all. A concern's row that falls late comes back whatever was put
off (``without_snoozed``). Any other row is put off by ``LONGEST_DAYS`` at most, counted from the
day it was first put off when it is put off again straight after.
"""

from __future__ import annotations

import datetime as dt

from servicedesk.core import clock, formatting
from servicedesk.core.errors import ValidationError
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import QueueSnooze
from servicedesk.core.validation import clean_text

LONGEST_DAYS = 90  # a row put off for longer than this is not a snooze but a decision: say so elsewhere
REST_DAYS = 7  # back on the queue for this long, a row put off again starts a new run
CLOCKED = ("concern", "concern_open")  # rows of a concern on its clock


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
    elif kind in CLOCKED:
        problem = _past_clock(kind, record_id, until, today)
        if problem:
            problems["until"] = problem
    else:
        first = _first_put_off(kind, record_id, today)
        if until > first + dt.timedelta(days=LONGEST_DAYS):
            problems["until"] = (f"Put it off by {LONGEST_DAYS} days at most." if first == today else
                                 f"It has been put off since {formatting.format_date(first)}: put it off to "
                                 f"{formatting.format_date(first + dt.timedelta(days=LONGEST_DAYS))} at most, "
                                 "or deal with it now.")
    if problems:
        raise ValidationError(problems)
    with transaction():
        return QueueSnooze.create(customer=customer_id, kind=kind, record_id=record_id, until=until,
                                  reason=reason, staff=staff_id, created_at=clock.now()).id


def clock_due(kind: str, record_id: int) -> tuple[dt.date, str] | None:
    """For a concern's row: the day its clock runs out and which clock ("acknowledgment", "resolution")."""
    if kind not in CLOCKED:
        return None
    from servicedesk.core.services import concerns

    concern = concerns.get(record_id)
    return (concern.ack_due_on, "acknowledgment") if kind == "concern" else (concern.resolve_due_on, "resolution")


def _past_clock(kind: str, record_id: int, until: dt.date, today: dt.date) -> str:
    """Why a concern's row cannot wait until ``until`` (its clock runs out before), or ""."""
    due, what = clock_due(kind, record_id)
    if due <= today:
        return (f"This concern's {what} is due {'today' if due == today else 'since ' + formatting.format_date(due)}: "
                "it cannot be put off. Call the customer now.")
    if until > due:
        return (f"This concern's {what} is due on {formatting.format_date(due)}: put it off to that day at most, "
                "so the customer is not left waiting past it.")
    return ""


def _first_put_off(kind: str, record_id: int, today: dt.date) -> dt.date:
    """The day this row was first put off in the run of snoozes reaching today (today if none does)."""
    rows = database.execute_sql("SELECT created_at, until FROM queue_snooze WHERE kind = ? AND record_id = ?"
                                " ORDER BY created_at DESC, id DESC", (kind, record_id)).fetchall()
    first = today
    for created, until in rows:
        created = dt.date.fromisoformat(str(created)[:10])
        until = dt.date.fromisoformat(str(until)[:10])
        if until + dt.timedelta(days=REST_DAYS) < first:  # back on the queue for a while before: an earlier run
            break
        first = min(first, created)
    return first


def hidden(today: dt.date | None = None) -> set[tuple[str, int]]:
    """The queue rows (kind, record id) put off beyond today."""
    rows = database.execute_sql("SELECT kind, record_id FROM queue_snooze WHERE until > ?",
                                (today or clock.today(),)).fetchall()
    return {(r[0], r[1]) for r in rows}


def without_snoozed(items: list, away: set[tuple[str, int]] | None = None) -> list:
    """``items`` (queue rows with ``kind``, ``record_id`` and ``overdue``) less those put off beyond today
    (``away``, else ``hidden()``); a concern's row past its clock stays whatever was put off."""
    away = hidden() if away is None else away
    return [i for i in items if (i.kind, i.record_id) not in away or (i.kind in CLOCKED and i.overdue)] \
        if away else items
