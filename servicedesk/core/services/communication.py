"""Who is waiting for the office: today's queue, queued notices, and sending a draft.

Today's queue, in the order the receptionist should work through it (``RANKS``):

1. concerns not acknowledged and past the office's target — someone has been ignored;
2. concerns not acknowledged yet, still within the target — a short call now keeps it that way;
3. change notices waiting to go out, earliest visit first — the customer must hear of the
   change from us before the visit; then customers of a technician leaving (or away for
   long) not handed over yet; then visits of the next two weeks booked with a technician who is
   off that day (a sick day, a short absence the hand-over does not cover), then those booked on
   a day the office is closed (a public holiday, one of its own closed days), earliest first —
   decided before the day, and the customer told;
4. follow-ups overdue, most overdue first — a promise already late;
5. follow-ups due today;
6. concerns acknowledged but past their resolution target;
7. weekly project letters due (no letter yet, or the last one more than 7 days ago);
8. customers at risk (health under the line), lowest score first;
9. customers not contacted for longer than their rhythm, longest silence first;
10. concerns acknowledged and still within their resolution target (a reminder).

Within a rank the oldest comes first. Customers already listed for a concrete task are not
repeated under ranks 8 and 9 (a task put off to a later day does not count: they are listed for
whatever else is true of them), and those two ranks show at most ``BULK_LIMIT`` rows each (the
Customers list sorts the rest). Every rule is one indexed SQL query: the open-concern rules
go through ``customer.open_concerns``, follow-ups through ``follow_up.due_on``, notices
through ``draft.status``, letters through ``project.status``, at-risk through
``customer.health_score`` and silence through ``customer.last_contact_at``.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote

from servicedesk.core import clock, formatting
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services import business_days
from servicedesk.core.services import concerns as concerns_service
from servicedesk.core.services import contact, followups
from servicedesk.core.services import health, health_rules
from servicedesk.core.services import office as office_service
from servicedesk.core.services import snooze
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.db import is_read_only
from servicedesk.core.store.models import CHANNELS, Draft
from servicedesk.core.validation import check_choice, clean_text

BULK_LIMIT = 25
ABSENT_AHEAD_DAYS = 14  # visits booked in a technician's absence are listed this far ahead
LETTER_EVERY_DAYS = 7

RANKS = {
    "concern_late": 1,
    "concern": 2,
    "notice": 3,
    "handover": 3.5,
    "absent": 3.7,
    "closed_day": 3.8,
    "follow_up_late": 4,
    "follow_up": 5,
    "concern_open_late": 6,
    "letter": 7,
    "at_risk": 8,
    "not_contacted": 9,
    "concern_open": 10,
}


class QueueItem(NamedTuple):  # a tuple: a large office lists thousands at once
    kind: str  # concern, concern_open, notice, follow_up, letter, at_risk, not_contacted
    record_id: int  # the concern, draft, follow-up, project or customer
    customer_id: int
    customer: str
    why: str  # plain words: why it is on the list
    since: dt.datetime | dt.date | None
    todo: str = ""  # what to do about it
    overdue: bool = False
    rank: int = 99


def _dt(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _ago(day: dt.date, today: dt.date) -> str:
    n = (today - day).days
    return "today" if n == 0 else ("yesterday" if n == 1 else f"{n} days ago")


# ------------------------------------------------------------------ the rules

def concern_items(words: bool = True) -> list[QueueItem]:
    """Every open concern, as ranks 1, 2, 6 and 10 (``words``: False leaves out why, for counting)."""
    today = clock.today()
    _day = functools.lru_cache(maxsize=None)(formatting.format_short_day)  # the same few days come up for every concern
    out = []
    for c in concerns_service.list_concerns(open_only=True):
        kind = "concern_open" if c.acknowledged_at else "concern"
        late = c.resolve_overdue if c.acknowledged_at else c.ack_overdue
        rank = RANKS[kind + "_late" if late else kind]
        if not words:
            out.append(QueueItem(kind, c.id, c.customer_id, c.customer, "", c.raised_at, "", late, rank))
            continue
        said = " ".join(c.words.split())
        said = said if len(said) <= 90 else said[:89] + "…"
        about = f"{c.headline.capitalize()}, raised {_ago(c.raised_at.date(), today)}"
        if kind == "concern":
            when = (f"acknowledgment was due {_day(c.ack_due_on)}" if late
                    else f"acknowledge by {_day(c.ack_due_on)}")
            out.append(QueueItem(kind, c.id, c.customer_id, c.customer, f"{about}, not acknowledged "
                                 f"({when}): “{said}”", c.raised_at, "Call back and acknowledge", late, rank))
        else:
            when = (f"resolution was due {_day(c.resolve_due_on)}" if late
                    else f"resolve by {_day(c.resolve_due_on)}")
            out.append(QueueItem(kind, c.id, c.customer_id, c.customer,
                                 f"{about}, acknowledged, not resolved ({when}): “{said}”", c.raised_at,
                                 "Resolve and tell the customer", late, rank))
    return out


def follow_up_items(until: dt.date | None = None, words: bool = True) -> list[QueueItem]:
    """Follow-ups due by today; a call again says how many attempts reached nobody before it, and since when."""
    today = clock.today()
    rows = database.execute_sql(
        "SELECT f.id, f.customer_id, c.name, f.reason, f.due_on, f.promise_id FROM follow_up f"
        " JOIN customer c ON c.id = f.customer_id WHERE f.done_at IS NULL AND f.due_on <= ?"
        " ORDER BY f.due_on, c.sort_name, f.id",
        (until or today,),
    ).fetchall()
    out = []
    key = business_days.calendar_key()
    tried = followups.attempts_before((r[0], r[5]) for r in rows) if words else {}
    for r in rows:
        due = _date(r[4])
        behind = business_days.business_days_late(due, today, key)  # due on a Sunday: due on Monday
        late = behind > 0
        if not words:
            out.append(QueueItem("follow_up", r[0], r[1], r[2], "", due, "", late,
                                 RANKS["follow_up_late" if late else "follow_up"]))
            continue
        before = f" ({tried[r[0]].words(today)})" if r[0] in tried else ""
        why = (f"Follow-up {formatting.plural(behind, 'business day')} overdue{before}: {r[3]}" if late
               else f"Follow-up due today{before}: {r[3]}")
        out.append(QueueItem("follow_up", r[0], r[1], r[2], why, due, "Call and note what came of it", late,
                             RANKS["follow_up_late" if late else "follow_up"]))
    return out


def notice_items() -> list[QueueItem]:
    rows = database.execute_sql(
        "SELECT d.id, d.customer_id, c.name, d.subject, d.created_at, v.starts_at FROM draft d"
        " JOIN customer c ON c.id = d.customer_id LEFT JOIN visit v ON v.id = d.visit_id"
        " WHERE d.status = 'queued' ORDER BY v.starts_at IS NULL, v.starts_at, d.created_at, d.id",
    ).fetchall()
    out = []
    now = clock.now()
    for r in rows:
        visit = _dt(r[5])
        if visit is not None and visit < now:  # too late to warn them: say so, and apologise
            out.append(QueueItem("notice_missed", r[0], r[1], r[2],
                                 f"They were never told: the change to the visit of {formatting.format_moment(visit)} "
                                 f"({r[3] or 'notice'}) was not sent before it; apologise", _dt(r[4]),
                                 "Call and apologise", True, RANKS["notice"]))
            continue
        before = f" — must reach them before the visit on {formatting.format_moment(visit)}" if visit else ""
        late = visit is not None and visit.date() <= clock.today()
        out.append(QueueItem("notice", r[0], r[1], r[2], f"Change notice not sent yet: {r[3] or 'notice'}{before}",
                             _dt(r[4]), "Send the notice", late, RANKS["notice"]))
    return out


def letter_items() -> list[QueueItem]:
    now = clock.now()
    weekday = clock.WEEKDAYS[office_service.get().letter_weekday % 7]
    rows = database.execute_sql(
        "SELECT p.id, p.customer_id, c.name, p.name, p.last_letter_at FROM project p"
        " JOIN customer c ON c.id = p.customer_id WHERE p.status = 'active'"
        " AND (p.last_letter_at IS NULL OR p.last_letter_at < ?) ORDER BY p.last_letter_at IS NOT NULL,"
        " p.last_letter_at, c.sort_name",
        (now - dt.timedelta(days=LETTER_EVERY_DAYS),),
    ).fetchall()
    out = []
    for r in rows:
        last = _dt(r[4])
        when = f"last letter {_days((now.date() - last.date()).days)} ago" if last else "no letter sent yet"
        out.append(QueueItem("letter", r[0], r[1], r[2], f"Weekly letter due for “{r[3]}” ({when}; letters go out "
                             f"on {weekday}s)", last, "Print and send the timeline letter", last is not None,
                             RANKS["letter"]))
    return out


def handover_items() -> list[QueueItem]:
    """Customers of a technician leaving (or away for long) not handed over yet: one row each."""
    from servicedesk.core.services import handover

    return [QueueItem("handover", w.handover_id, w.customer_id, w.customer, w.why, w.opened_at,
                      "Move the visit to when their technician is back, or choose who takes over" if w.waits
                      else "Choose who takes over, then call to introduce them", True, RANKS["handover"])
            for w in handover.queue_rows()]


def absent_items(words: bool = True) -> list[QueueItem]:
    """Visits of the next ``ABSENT_AHEAD_DAYS`` booked with a technician who is off at that time, one row each,
    earliest first; those of an absence a hand-over covers are its rows already."""
    now = clock.now()
    until = now + dt.timedelta(days=ABSENT_AHEAD_DAYS)
    # From the absences to their technician's visits through (technician, start): SQLite keeps the order a
    # CROSS JOIN gives (left to itself it read every visit still ahead, 2.5 s at 100,000 customers).
    rows = database.execute_sql(
        "SELECT v.id, v.customer_id, c.name, v.starts_at, s.name, t.reason, t.staff_id FROM time_off t"
        " CROSS JOIN visit v JOIN customer c ON c.id = v.customer_id JOIN staff s ON s.id = t.staff_id"
        " WHERE t.ends_at > ? AND t.starts_at < ? AND v.technician_id = t.staff_id AND v.starts_at >= ?"
        " AND v.starts_at < ? AND v.starts_at < t.ends_at AND v.ends_at > t.starts_at"
        " AND v.status IN ('scheduled', 'confirmed') ORDER BY v.starts_at, v.id", (now, until, now, until)).fetchall()
    if not rows:
        return []
    from servicedesk.core.services import handover

    covered = [(h.staff_id, h.first_day, h.last_day) for h in handover.open_handovers()]
    people = sorted({r[1] for r in rows})
    same = dict(database.execute_sql(  # customer -> the technician they asked for (None: not named)
        f"SELECT w.customer_id, s.name FROM what_matters w LEFT JOIN staff s ON s.id = w.technician_id"
        f" WHERE w.kind = 'same_technician' AND w.active AND w.customer_id IN ({','.join('?' * len(people))})",
        people).fetchall())
    out = []
    for visit_id, customer_id, customer, starts, technician, reason, staff_id in rows:
        starts = _dt(starts)
        day = starts.date()
        if any(s == staff_id and first <= day and (last is None or day <= last) for s, first, last in covered):
            continue
        if not words:
            out.append(QueueItem("absent", visit_id, customer_id, customer, "", starts, "", True, RANKS["absent"]))
            continue
        own = same.get(customer_id) or technician
        why = (f"{technician} is off ({reason}) on {formatting.format_moment(starts)}, when this visit is booked: "
               + (f"move it to a day {technician} is back" if own == technician else
                  f"give it back to {own}, their own technician, on a day {own} is free")
               + ", or give it to someone else with a reason")
        if customer_id in same:
            why += "; they said the same technician matters"
        out.append(QueueItem("absent", visit_id, customer_id, customer, why, starts,
                             "Decide the visit, then tell the customer", True, RANKS["absent"]))
    return out


def closed_day_items(words: bool = True, skip: set[int] = frozenset()) -> list[QueueItem]:
    """Visits of the next ``ABSENT_AHEAD_DAYS`` still booked on a day the office is closed (a public holiday, one of
    its own closed days), one row each, earliest first; ``skip``: visits listed already (their technician is off)."""
    now = clock.now()
    closed = business_days.closed_days(now.date(), (now + dt.timedelta(days=ABSENT_AHEAD_DAYS)).date())
    if not closed:
        return []
    spans = [(dt.datetime.combine(day, dt.time()), dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
             for day in sorted(closed)]
    rows = database.execute_sql(
        "SELECT v.id, v.customer_id, c.name, v.starts_at FROM visit v JOIN customer c ON c.id = v.customer_id"
        " WHERE v.status IN ('scheduled', 'confirmed') AND v.starts_at >= ? AND ("
        + " OR ".join("(v.starts_at >= ? AND v.starts_at < ?)" for _ in spans) + ") ORDER BY v.starts_at, v.id",
        [now, *(moment for span in spans for moment in span)]).fetchall()
    out = []
    for visit_id, customer_id, customer, starts in rows:
        if visit_id in skip:
            continue
        starts = _dt(starts)
        why = todo = ""
        if words:
            name = closed[starts.date()]
            when = formatting.format_moment(starts)
            day = (f"a day the office is closed ({when})" if name == business_days.OWN_CLOSED_DAY
                   else f"{name} ({when}), when the office is closed")
            why = f"Booked on {day}: move it to a day the office is open, or keep it if someone works that day"
            todo = "Decide the visit, then tell the customer"
        out.append(QueueItem("closed_day", visit_id, customer_id, customer, why, starts, todo, True,
                             RANKS["closed_day"]))
    return out


def at_risk_items(limit: int = BULK_LIMIT, skip: set[int] = frozenset(), words: bool = True) -> list[QueueItem]:
    ids = [i for i in health.at_risk_ids(limit + len(skip)) if i not in skip][:limit]
    if not words:  # who, without reading why
        return [QueueItem("at_risk", i, i, "", "", None, "", False, RANKS["at_risk"]) for i in ids]
    out = []
    for row in health.at_risk_rows(ids):
        reasons = "; ".join(r.text for r in row.reasons[:3]) or "score below the line"
        out.append(QueueItem("at_risk", row.customer_id, row.customer_id, row.customer,
                             f"At risk (health {row.score}): {reasons}", None, "Call and ask how things are",
                             False, RANKS["at_risk"]))
    return out


def not_contacted_items(limit: int = BULK_LIMIT, skip: set[int] = frozenset()) -> list[QueueItem]:
    """Active customers silent for longer than their rhythm, longest silence first (health's rhythm rule)."""
    out = []
    for s in health_rules.silent(health.context(), limit, skip):
        why = (f"Never contacted since becoming a customer {_days(s.days)} ago (usual rhythm: every {s.rhythm} days)"
               if s.never else f"No contact for {s.days} days (usual rhythm: every {s.rhythm} days)")
        out.append(QueueItem("not_contacted", s.customer_id, s.customer_id, s.customer, why, s.since,
                             "Call to check in", True, RANKS["not_contacted"]))
    return out


def count_today() -> int:
    """How many rows today's queue has (``today_queue``'s rules, without its words or order)."""
    return len(_today(words=False))


def today_queue() -> list[QueueItem]:
    """Everything waiting for the office today, first thing first (see the module docstring)."""
    items = _today(words=True)
    order = sorted(range(len(items)), key=lambda n: _order(items[n], n))
    return [items[n] for n in order]


def _today(words: bool) -> list[QueueItem]:
    """Today's rows, each rule's in the order it gave; ``words``: False gives the same rows by the same rules
    without saying why (``why`` and ``todo`` empty, at-risk rows without the name), for counting them."""
    away = snooze.hidden()  # rows put off to a later day wait until then
    absent = absent_items(words)
    closed = closed_day_items(words, skip={i.record_id for i in absent})
    items = snooze.without_snoozed(
        concern_items(words) + notice_items() + handover_items() + absent + closed
        + follow_up_items(words=words) + letter_items(), away)
    listed = {i.customer_id for i in items if i.rank < RANKS["at_risk"]}  # rows on the queue, not those put off
    risky = at_risk_items(skip=listed | {r for k, r in away if k == "at_risk"}, words=words)
    listed |= {i.customer_id for i in risky}
    return items + risky + not_contacted_items(skip=listed | {r for k, r in away if k == "not_contacted"})


def _order(item: QueueItem, position: int):
    """Rank first; within a rank the oldest date first, else the order the rule gave."""
    since = item.since
    if isinstance(since, dt.datetime):
        since = since.date()
    key = since.toordinal() if since and item.kind not in ("notice", "at_risk") else 0
    return (item.rank, key, position)


def housekeeping() -> None:
    """Before showing the queue: owe the follow-ups due by now, and bring the day's health scores up to date.

    Nothing is written when the database is open for reading only (beside another copy), nor while the
    window's start-up check still reads the file.
    """
    from servicedesk.core.store.db import writes_held

    if is_read_only():
        return
    if writes_held():  # the start-up check is still reading the file: done once it is
        return
    from servicedesk.core.services import technicians

    technicians.retire_departed()
    followups.sweep()
    health.refresh_if_stale()


# kept for callers that only want one rule
def open_follow_ups(until: dt.date | None = None) -> list[QueueItem]:
    return follow_up_items(until)


def unacknowledged_concerns() -> list[QueueItem]:
    return [i for i in concern_items() if i.kind == "concern"]


# ------------------------------------------------------------------ drafts and sending

@dataclass(frozen=True)
class DraftInfo:
    id: int
    customer_id: int
    customer: str
    email: str
    template: str
    subject: str
    body: str
    status: str
    visit_id: int | None


def draft(draft_id: int) -> DraftInfo:
    r = database.execute_sql(
        "SELECT d.id, d.customer_id, c.name, c.email, d.template, d.subject, d.body, d.status, d.visit_id"
        " FROM draft d JOIN customer c ON c.id = d.customer_id WHERE d.id = ?", (draft_id,)).fetchone()
    if r is None:
        raise NotFound(f"Draft {draft_id} no longer exists.")
    return DraftInfo(*r)


def queue_draft(customer_id: int, subject: str, body: str, template: str = "",
                visit_id: int | None = None) -> int:
    body = clean_text(body)
    if not body.strip():
        raise ValidationError({"body": "The message is empty."})
    with transaction():
        return Draft.create(customer=customer_id, template=template, subject=clean_text(subject), body=body,
                            visit=visit_id, created_at=clock.now()).id


def mark_sent(draft_id: int, channel: str = "email", staff_id: int | None = None,
              subject: str | None = None, body: str | None = None) -> int:
    """The draft went out (as edited): it leaves the queue and counts as contact (``contact.send_draft``)."""
    return contact.send_draft(draft_id, channel, staff_id, subject, body)


def apologised(draft_id: int) -> None:
    """A notice that never went out before its visit: the apology call was made, so it leaves the queue."""
    discard(draft_id)


def discard(draft_id: int) -> None:
    with transaction():
        if not Draft.update(status="discarded").where((Draft.id == draft_id) & (Draft.status == "queued")).execute():
            raise ValidationError({"status": "This message was already sent or discarded."})


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: URL (RFC 6068) the default mail program opens with the message filled in.

    Every reserved character is percent-encoded (spaces as %20, not +), and line breaks
    become CRLF as mail programs expect.
    """
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    query = []
    if subject:
        query.append("subject=" + quote(subject, safe=""))
    if body:
        query.append("body=" + quote(body, safe=""))
    address = quote(to.strip(), safe="@")
    return f"mailto:{address}" + ("?" + "&".join(query) if query else "")
