"""One timeline per customer: visits, calls and letters, concerns, follow-ups and documents, newest first.

Each item carries its ``kind`` and ``record_id`` so whoever shows it can open the record.
The whole timeline is one SQL query (a UNION over the record tables, each using its
customer index), so a customer with years of history opens at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from servicedesk.core.errors import NotFound
from servicedesk.core.services.contact import NOBODY_REACHED_WORDS
from servicedesk.core.store import database, dialect

KINDS = ("visit", "interaction", "concern", "follow_up", "document", "snooze")

CHANNEL_LABELS = {
    "phone": "Call",
    "email": "Email",
    "letter": "Letter",
    "visit": "Note from a visit",
    "in_person": "In person",
    "text": "Text message",
}


class HistoryItem(NamedTuple):  # a tuple: a profile builds hundreds of these each time it opens
    kind: str  # one of KINDS
    record_id: int
    at: dt.datetime
    title: str  # "Visit — completed", "Call (in)", "Concern — timeline"
    text: str  # what happened, in a line
    who: str  # technician or staff member
    status: str  # open/done/completed..., for colouring
    channel: str = ""  # an interaction's channel (phone, email, text...), for its icon


_SQL = """
SELECT 'visit', v.id, v.starts_at, v.status, v.service_type,
       COALESCE(NULLIF(v.work_done, ''), NULLIF(v.status_reason, ''), NULLIF(v.notes, ''), ''), COALESCE(s.name, ''), ''
  FROM visit v LEFT JOIN staff s ON s.id = v.technician_id WHERE v.customer_id = :c
UNION ALL
SELECT 'interaction', i.id, i.occurred_at, i.channel, i.direction, i.summary, COALESCE(s.name, ''), i.nobody_reached
  FROM interaction i LEFT JOIN staff s ON s.id = i.staff_id WHERE i.customer_id = :c
UNION ALL
SELECT 'concern', k.id, k.raised_at, CASE WHEN k.resolved_at IS NOT NULL THEN 'resolved'
       WHEN k.acknowledged_at IS NOT NULL THEN 'acknowledged' ELSE 'open' END,
       k.category, k.words, COALESCE(s.name, ''), ''
  FROM concern k LEFT JOIN staff s ON s.id = k.acknowledged_by_id WHERE k.customer_id = :c
UNION ALL
SELECT 'follow_up', f.id, f.due_on, CASE WHEN f.done_at IS NULL THEN 'open' WHEN f.stopped_trying != '' THEN 'stopped'
       WHEN f.nobody_reached != '' THEN 'attempt' ELSE 'done' END, f.source,
       CASE WHEN f.stopped_trying != '' THEN 'Stopped trying: ' || f.stopped_trying || ' — ' || f.reason
       WHEN f.promise_id IS NOT NULL AND f.done_at IS NULL THEN 'Calling again: ' || f.reason ELSE f.reason END,
       COALESCE(s.name, ''), f.nobody_reached
  FROM follow_up f LEFT JOIN staff s ON s.id = f.assigned_to_id WHERE f.customer_id = :c
UNION ALL
SELECT 'document', d.id, d.created_at, d.kind, d.title, d.path, '', ''
  FROM document d WHERE d.customer_id = :c
   AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.document_id = d.id AND i.customer_id = :c)
UNION ALL
SELECT 'snooze', z.id, z.created_at, z.kind, CAST(z.until AS TEXT), z.reason, COALESCE(s.name, ''), ''
  FROM queue_snooze z LEFT JOIN staff s ON s.id = z.staff_id WHERE z.customer_id = :c
ORDER BY 3 DESC, 1, 2 DESC
"""


def _moment(value) -> dt.datetime:
    if isinstance(value, str) and len(value) > 10:
        return dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    text = str(value)
    return dt.datetime.fromisoformat(text) if "T" in text or " " in text else dt.datetime.combine(
        dt.date.fromisoformat(text), dt.time())


QUEUE_WORDS = {"concern": "Concern waiting", "concern_open": "Concern open", "notice": "Notice to send",
               "follow_up": "Follow-up", "letter": "Weekly letter", "at_risk": "At risk",
               "not_contacted": "Not contacted"}


def _day(value) -> str:
    from servicedesk.core import formatting

    return formatting.format_date(_moment(value), "medium")


def _label(word: str) -> str:
    return word.replace("_", " ").capitalize() if word else ""


def _item(kind, record_id, at, status, extra, text, who, nobody_reached="") -> HistoryItem:
    channel = ""
    if kind == "visit":
        title = f"Visit — {_label(extra) or 'service'} ({status.replace('_', ' ')})"
    elif kind == "interaction":
        arrow = "from the customer" if extra == "in" else "to the customer"
        title = f"{CHANNEL_LABELS.get(status, _label(status))} {arrow}"
        if nobody_reached:  # only an attempt: nobody was reached
            title += f" — attempt, {NOBODY_REACHED_WORDS.get(nobody_reached, _label(nobody_reached).lower())}"
        channel, status = status, extra
    elif kind == "concern":
        title = f"Concern — {_label(extra)} ({status})"
    elif kind == "follow_up":
        title = ("Follow-up not made" if status == "stopped" and not nobody_reached else  # closed without a call
                 f"Follow-up attempt — {NOBODY_REACHED_WORDS.get(nobody_reached, _label(nobody_reached).lower())}"
                 + (", stopped trying" if status == "stopped" else "")
                 if status in ("attempt", "stopped") else f"Follow-up{' done' if status == 'done' else ' due'}")
    elif kind == "snooze":
        title = f"Put off until {_day(extra)}"
        text = f"{QUEUE_WORDS.get(status, _label(status))}: {text}"
    else:
        title = f"{_label(status)}: {extra}" if extra else _label(status)
        text = text.rsplit("/", 1)[-1]
        status = "document"
    return HistoryItem(kind, record_id, _moment(at), title, " ".join(str(text).split()), who, status, channel)


class Timeline(Sequence):
    """The history's rows, each worded as a HistoryItem when first looked at (the list shows a screenful)."""

    def __init__(self, rows: list[tuple]):
        self._rows = rows
        self._items: list[HistoryItem | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._rows)))]
        item = self._items[index]
        if item is None:
            item = self._items[index] = _item(*self._rows[index])
        return item

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (list, tuple, Sequence)) else NotImplemented

    __hash__ = None


def timeline(customer_id: int, limit: int | None = None) -> Timeline:
    """Everything that happened with this customer, newest first."""
    sql, params = timeline_statement(customer_id)
    if limit:
        sql, params = sql + " LIMIT :limit", {**params, "limit": limit}
    return Timeline(database.connection().execute(dialect.current().native(sql), params).fetchall())


def timeline_statement(customer_id: int) -> tuple[str, dict]:
    """The statement ``timeline`` runs (with ``:name`` placeholders), for one sent together with others."""
    return _SQL, {"c": customer_id}


# ------------------------------------------------------------------ one record, for a detail view

_DETAIL_SQL = {
    "interaction": (
        "SELECT i.occurred_at, i.channel, i.direction, i.nobody_reached, COALESCE(s.name, ''), i.mood, i.summary,"
        " i.concern_id, i.visit_id, COALESCE(d.overridden, '') FROM interaction i"
        " LEFT JOIN staff s ON s.id = i.staff_id LEFT JOIN document d ON d.id = i.document_id WHERE i.id = ?",
        ("When", "Channel", "Direction", "Nobody reached", "Who", "Mood", "Summary", "Concern", "Visit",
         "Printed despite the clarity check"),
    ),
    "concern": (
        "SELECT k.raised_at, k.channel, k.category, k.severity, k.words, k.acknowledged_at,"
        " COALESCE(s.name, ''), k.resolved_at, k.resolution"
        " FROM concern k LEFT JOIN staff s ON s.id = k.acknowledged_by_id WHERE k.id = ?",
        ("Raised", "Channel", "Category", "Severity", "In their words", "Acknowledged",
         "Acknowledged by", "Resolved", "Resolution"),
    ),
    "follow_up": (
        "SELECT f.due_on, f.reason, f.source, COALESCE(s.name, ''), f.created_at, f.done_at, f.nobody_reached,"
        " f.outcome, f.stopped_trying, (SELECT COUNT(*) FROM follow_up a WHERE a.id < f.id"
        " AND (a.id = f.promise_id OR a.promise_id = f.promise_id)) FROM follow_up f"
        " LEFT JOIN staff s ON s.id = f.assigned_to_id WHERE f.id = ?",
        ("Due", "Reason", "Why it was set", "Assigned to", "Set on", "Done", "Nobody reached", "Outcome",
         "Stopped trying", "Attempts before"),
    ),
    "visit": (
        "SELECT v.starts_at, v.ends_at, v.service_type, COALESCE(s.name, ''), v.status, v.status_reason,"
        " v.work_done, v.findings, v.recommendations, v.notes"
        " FROM visit v LEFT JOIN staff s ON s.id = v.technician_id WHERE v.id = ?",
        ("Starts", "Ends", "Service", "Technician", "Status", "Reason", "Work done", "Findings",
         "Recommendations", "Notes"),
    ),
    "document": (
        "SELECT d.created_at, d.kind, d.title, d.path, d.overridden FROM document d WHERE d.id = ?",
        ("Created", "Kind", "Title", "File", "Printed despite the clarity check"),
    ),
    "snooze": (
        "SELECT z.created_at, z.until, z.kind, z.reason, COALESCE(s.name, '')"
        " FROM queue_snooze z LEFT JOIN staff s ON s.id = z.staff_id WHERE z.id = ?",
        ("Put off on", "Until", "Queue row", "Reason", "Who"),
    ),
}


DATE_LABELS = ("Due", "Until")  # days; the other moments below carry a time
MOMENT_LABELS = ("When", "Raised", "Acknowledged", "Resolved", "Set on", "Done", "Starts", "Ends", "Created",
                 "Put off on")
DIRECTION_WORDS = {"in": "From the customer", "out": "To the customer"}


def detail(kind: str, record_id: int) -> list[tuple[str, str]]:
    """The record's fields as (label, value) pairs in words, dates as the office writes them; empty values left out."""
    from servicedesk.core import formatting

    if kind not in _DETAIL_SQL:
        raise NotFound(f"There is no record of kind “{kind}”.")
    sql, labels = _DETAIL_SQL[kind]
    row = database.execute_sql(sql, (record_id,)).fetchone()
    if row is None:
        raise NotFound("This record no longer exists.")
    locale = formatting.office_locale()
    out = []
    for label, value in zip(labels, row):
        if value in (None, "") or (label == "Attempts before" and not value):
            continue
        if label in ("Concern", "Visit"):
            value = f"#{value}"
        elif label == "Queue row":
            value = QUEUE_WORDS.get(value, value)
        elif label == "Direction":
            value = DIRECTION_WORDS.get(value, value)
        elif label == "Nobody reached":  # an attempt, not contact
            value = NOBODY_REACHED_WORDS.get(value, _label(value)).capitalize() + " (an attempt, not contact)"
        elif label == "Channel" and kind == "interaction":
            value = CHANNEL_LABELS.get(value, _label(value))
        elif label in DATE_LABELS:
            value = formatting.format_date(_moment(value), "medium", locale)
        elif label in MOMENT_LABELS:
            moment = _moment(value)
            value = (formatting.format_datetime(moment, "medium", locale) if moment.time() != dt.time()
                     else formatting.format_date(moment, "medium", locale))
        out.append((label, _label(value) if label in ("Channel", "Category", "Severity", "Status", "Kind",
                                                      "Why it was set", "Mood") else str(value)))
    return out
