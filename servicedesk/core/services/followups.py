"""Follow-ups: the calls the office owes its customers, set by hand or owed automatically.

Owed automatically (other services call these as things happen):
- after a concern is resolved: ask whether it is really fixed (the ``concern_resolved`` event);
- after a technician change: call before the visit, so the customer hears of the new face from
  the office first; a change noticed only after the visit asks how it went
  (``after_technician_change``, called by ``scheduling.assign``);
- after a customer's first visit: check in (``after_first_visit``, called by ``scheduling.complete``);
- after a letter that asked the customer for a decision (``after_decision_letter``, once the
  timeline letter is sent: the ``document_sent`` event).

``owed`` is idempotent per (source, record): calling it twice for the same concern or visit
returns the follow-up already there, so a retried operation never nags the customer twice.

A follow-up that reached nobody (no answer, voicemail, wrong number) is a promise not kept yet:
closing it as an attempt sets the call again (the next business day unless another day is chosen),
about the same thing, for the same person, in the same save. Stopping is a choice of its own, with
the reason, kept on the attempt and shown on the history (``complete``). Each call again names the
follow-up first set (``promise_id``), so the queue says how many attempts came before
(``attempts_before``) and the owner's report counts the promise kept only once someone was reached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from servicedesk.core import clock, events, formatting
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services import contact, customers
from servicedesk.core.services.business_days import business_days_late
from servicedesk.core.services.concerns import add_business_days, subtract_business_days
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.models import FOLLOW_UP_SOURCES, MOODS, Customer, FollowUp, Staff, Visit, VisitChange
from servicedesk.core.validation import check_choice, clean_text

AFTER_FIX_DAYS = 3  # business days after a concern is resolved
AFTER_CHANGE_DAYS = 1  # business days after the changed visit
AFTER_FIRST_VISIT_DAYS = 2
AFTER_DECISION_LETTER_DAYS = 3


@dataclass(frozen=True)
class FollowUpInfo:
    id: int
    customer_id: int
    customer: str
    due_on: dt.date
    reason: str
    source: str
    concern_id: int | None
    visit_id: int | None
    done_at: dt.datetime | None
    outcome: str
    nobody_reached: str = ""  # closed as an attempt that reached nobody (no answer, voicemail, wrong number)
    promise_id: int | None = None  # a call again after attempts: the follow-up first set
    stopped_trying: str = ""  # an attempt after which the office stopped trying: why

    def overdue_days(self, today: dt.date | None = None) -> int:
        """Business days it is late (a follow-up due on a day the office is closed is due the next day it opens)."""
        return business_days_late(self.due_on, today or clock.today()) if self.done_at is None else 0


def _date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


_SELECT = (
    "SELECT f.id, f.customer_id, c.name, f.due_on, f.reason, f.source, f.concern_id, f.visit_id,"
    " f.done_at, f.outcome, f.nobody_reached, f.promise_id, f.stopped_trying"
    " FROM follow_up f JOIN customer c ON c.id = f.customer_id"
)


def _row(r) -> FollowUpInfo:
    done = r[8] if r[8] is None or isinstance(r[8], dt.datetime) else dt.datetime.fromisoformat(r[8])
    return FollowUpInfo(r[0], r[1], r[2], _date(r[3]), r[4], r[5], r[6], r[7], done, r[9], r[10], r[11], r[12])


def get(follow_up_id: int) -> FollowUpInfo:
    r = database.execute_sql(_SELECT + " WHERE f.id = ?", (follow_up_id,)).fetchone()
    if r is None:
        raise NotFound(f"Follow-up {follow_up_id} no longer exists.")
    return _row(r)


def for_customer(customer_id: int, open_only: bool = True) -> list[FollowUpInfo]:
    sql = _SELECT + " WHERE f.customer_id = ?" + (" AND f.done_at IS NULL" if open_only else "")
    return [_row(r) for r in database.execute_sql(sql + " ORDER BY f.due_on, f.id", (customer_id,)).fetchall()]


def due(until: dt.date | None = None) -> list[FollowUpInfo]:
    """Open follow-ups due on or before ``until`` (today), oldest first."""
    sql = _SELECT + " WHERE f.due_on <= ? AND f.done_at IS NULL ORDER BY f.due_on, c.sort_name, f.id"
    return [_row(r) for r in database.execute_sql(sql, (until or clock.today(),)).fetchall()]


# ------------------------------------------------------------------ writing

def _check(customer_id: int, due_on, reason: str, source: str) -> tuple[dt.date, str]:
    reason = clean_text(reason).strip()
    problems = {}
    if not customers.name_of(customer_id):
        problems["customer"] = "Choose the customer to follow up with."
    if isinstance(due_on, str):
        try:
            due_on = dt.date.fromisoformat(due_on.strip())
        except ValueError:
            problems["due_on"] = f"“{due_on}” is not a date (use YYYY-MM-DD)."
    if isinstance(due_on, dt.datetime):
        due_on = due_on.date()
    if not isinstance(due_on, dt.date) and "due_on" not in problems:
        problems["due_on"] = "Give the day the follow-up is due."
    if not reason:
        problems["reason"] = "Say what the follow-up is about."
    check_choice(problems, "source", source, FOLLOW_UP_SOURCES, "Source")
    if problems:
        raise ValidationError(problems)
    return due_on, reason


def create(customer_id: int, due_on, reason: str, assigned_to: int | None = None) -> int:
    """A follow-up set by hand. Returns its id."""
    due_on, reason = _check(customer_id, due_on, reason, "manual")
    if due_on < clock.today():
        raise ValidationError({"due_on": "A new follow-up cannot be due in the past."})
    if assigned_to is not None and Staff.get_or_none(Staff.id == assigned_to) is None:
        raise ValidationError({"assigned_to": "That staff member no longer exists."})
    with transaction():
        follow_up_id = FollowUp.create(customer=customer_id, due_on=due_on, reason=reason, source="manual",
                                       assigned_to=assigned_to, created_at=clock.now()).id
        _rescore(customer_id)
    return follow_up_id


def owed(customer_id: int, source: str, reason: str, due_on, concern_id: int | None = None,
         visit_id: int | None = None, assigned_to: int | None = None) -> int:
    """Make sure a follow-up of ``source`` exists for this record; returns its id (new or existing).

    The record is the concern or the visit; without either, a follow-up with the same reason
    counts as the same one (a decision letter's reason names the letter's date).
    """
    due_on, reason = _check(customer_id, due_on, reason, source)
    due_on = max(due_on, clock.today())  # owed late (by the sweep, say), it is due now, not overdue
    with transaction():
        dialect.current().serialize(database, "follow_up", customer_id)  # owed once, whichever PC asks
        query = FollowUp.select(FollowUp.id).where((FollowUp.customer == customer_id) & (FollowUp.source == source))
        if concern_id is not None or visit_id is not None:
            query = query.where((FollowUp.concern == concern_id) if concern_id is not None
                                else FollowUp.concern.is_null())
            query = query.where((FollowUp.visit == visit_id) if visit_id is not None else FollowUp.visit.is_null())
        else:
            query = query.where(FollowUp.reason == reason, FollowUp.concern.is_null(), FollowUp.visit.is_null())
        existing = query.first()
        if existing is not None:
            return existing.id
        return _new(customer_id, source, reason, due_on, concern_id, visit_id, assigned_to)


def _new(customer_id: int, source: str, reason: str, due_on: dt.date, concern_id: int | None = None,
         visit_id: int | None = None, assigned_to: int | None = None, promise_id: int | None = None) -> int:
    follow_up_id = FollowUp.create(customer=customer_id, due_on=due_on, reason=reason, source=source,
                                   concern=concern_id, visit=visit_id, assigned_to=assigned_to,
                                   created_at=clock.now(), promise=promise_id).id
    _rescore(customer_id)
    return follow_up_id


def _rescore(customer_id: int) -> None:
    events.customers_changed([customer_id])


def next_try_on(today: dt.date | None = None) -> dt.date:
    """When a follow-up that reached nobody is tried again unless another day is chosen: the next business day."""
    return add_business_days(today or clock.today(), 1)


def complete(follow_up_id: int, outcome: str, still_wrong: str | None = None,
             nobody_reached: str = "", again_on: dt.date | str | None = None,
             stop_trying: str | None = None, mood: str = "", staff_id: int | None = None) -> int | None:
    """Close a follow-up with what came of it. Returns the new concern raised, if any.

    ``mood`` (one of ``MOODS``, as when a call is logged): how the customer sounded when reached. It
    goes on the customer's history as the follow-up call, made by ``staff_id`` (the person at the
    desk), about the new concern raised or else the follow-up's own, so her health reads it at once.

    ``still_wrong``: the customer says it is not fixed (or something else is wrong), in their own
    words; it is raised as a new concern on the clock, about the same thing as the concern the
    follow-up was owed on, in the same transaction.

    ``nobody_reached`` (no answer, voicemail left, wrong number: ``contact.NOBODY_REACHED_WORDS``):
    the follow-up is closed as an attempt, on the history but not contact; the outcome may then be
    left empty (it says which). The promise is not kept yet, so the office calls again: on
    ``again_on`` (by default ``next_try_on()``, the next business day), a follow-up about the same
    thing, for the same person and the same concern or visit, is set in the same transaction. To stop
    trying instead (a wrong number and no other, say, or after several attempts) give ``stop_trying``,
    the reason, which the attempt keeps on the customer's history.
    """
    outcome = clean_text(outcome).strip()
    problems: dict = {}
    contact.check_reached(problems, nobody_reached)
    check_choice(problems, "mood", mood, MOODS, "Mood (or left empty)")
    if mood and nobody_reached:
        problems["mood"] = "Nobody was reached, so there is no mood to note."
    if staff_id is not None and Staff.get_or_none(Staff.id == staff_id) is None:
        problems["staff"] = "That staff member no longer exists."
    stopping = None if stop_trying is None else clean_text(stop_trying).strip()
    if isinstance(again_on, str):
        try:
            again_on = dt.date.fromisoformat(again_on.strip())
        except ValueError:
            problems["again_on"] = f"“{again_on}” is not a date (use YYYY-MM-DD)."
    if nobody_reached and not problems:
        outcome = outcome or contact.NOBODY_REACHED_WORDS[nobody_reached].capitalize()
        if still_wrong is not None:
            problems["still_wrong"] = ("Nobody was reached, so nobody said what is still wrong: "
                                       "record a concern when the customer tells you.")
        if stopping is not None and again_on is not None:
            problems["again_on"] = "Either call again or stop trying, not both."
        elif stopping == "":
            problems["stop_trying"] = ("Say why the office stops trying to reach them (e.g. “the number is "
                                       "disconnected and we have no other”): nobody has spoken to them.")
        elif stopping is None:
            again_on = again_on or next_try_on()
            if again_on < clock.today():
                problems["again_on"] = "The next call cannot be in the past."
    elif not nobody_reached and (again_on is not None or stop_trying is not None):
        problems["again_on"] = ("The customer was reached, so there is no call to make again; "
                                "set a new follow-up if one is owed.")
    if not outcome:
        problems["outcome"] = "Say what came of the follow-up (e.g. “all fine now”)."
    if problems:
        raise ValidationError(problems)
    with transaction():
        raised = _still_wrong(follow_up_id, still_wrong) if still_wrong is not None else None
        f = _close(follow_up_id, outcome, nobody_reached, stopping or "")
        if mood:
            contact.record(f.customer_id, "phone", f"Follow-up call: {outcome}", staff_id=staff_id, mood=mood,
                           concern_id=raised or f.concern_id, visit_id=f.visit_id)
        if nobody_reached and stopping is None:
            _new(f.customer_id, f.source, f.reason, again_on, f.concern_id, f.visit_id, f.assigned_to_id,
                 promise_id=f.promise_id or f.id)
    return raised


def again_of(follow_up_id: int) -> FollowUpInfo | None:
    """The call again set when this follow-up reached nobody (None: it reached someone, or the office stopped)."""
    f = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if f is None or not f.nobody_reached:
        return None
    r = database.execute_sql(_SELECT + " WHERE f.promise_id = ? AND f.id > ? ORDER BY f.id LIMIT 1",
                             (f.promise_id or f.id, follow_up_id)).fetchone()
    return _row(r) if r else None


@dataclass(frozen=True)
class Attempts:
    """The calls that reached nobody before an open follow-up, oldest first."""

    why: tuple[str, ...]  # each one's NOBODY_REACHED
    first_at: dt.datetime
    last_at: dt.datetime

    def words(self, today: dt.date | None = None) -> str:
        """In a line, for whoever calls next: "2 attempts, no answer since Tuesday"."""
        today = today or clock.today()
        day = self.first_at.date()
        gap = (today - day).days
        since = ("today" if gap == 0 else "yesterday" if gap == 1 else formatting.weekday_name(day.weekday())
                 if 1 < gap < 7 else formatting.format_short_day(day, year=day.year != today.year))
        n = formatting.plural(len(self.why), "attempt")
        if all(w == "no_answer" for w in self.why):
            return f"{n}, no answer since {since}"
        last = contact.NOBODY_REACHED_WORDS.get(self.why[-1], self.why[-1])
        if len(self.why) == 1:
            return f"{n}, {last} {since if since in ('today', 'yesterday') else 'on ' + since}"
        return f"{n}, nobody reached since {since} — last: {last}"


def attempts_before(follow_ups) -> dict[int, Attempts]:
    """For each open follow-up given as (id, promise_id) that is a call again: the attempts before it."""
    wanted = {int(fid): int(promise) for fid, promise in follow_ups if promise is not None}
    out: dict[int, list] = {}
    roots = sorted(set(wanted.values()))
    for start in range(0, len(roots), 500):
        chunk = roots[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for fid, promise, why, done in database.execute_sql(
                f"SELECT id, promise_id, nobody_reached, done_at FROM follow_up WHERE (id IN ({marks})"
                f" OR promise_id IN ({marks})) AND done_at IS NOT NULL AND nobody_reached != '' ORDER BY id",
                [*chunk, *chunk]).fetchall():
            done = done if isinstance(done, dt.datetime) else dt.datetime.fromisoformat(str(done))
            out.setdefault(promise or fid, []).append((fid, why, done))
    result = {}
    for fid, root in wanted.items():
        tried = [t for t in out.get(root, ()) if t[0] < fid]
        if tried:
            result[fid] = Attempts(tuple(t[1] for t in tried), tried[0][2], tried[-1][2])
    return result


def _still_wrong(follow_up_id: int, words: str) -> int:
    from servicedesk.core.services import concerns
    from servicedesk.core.store.models import Concern

    f = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if f is None:
        raise NotFound(f"Follow-up {follow_up_id} no longer exists.")
    before = Concern.get_or_none(Concern.id == f.concern_id) if f.concern_id else None
    return concerns.raise_concern(f.customer_id, words, before.category if before else "other",
                                  before.severity if before else "medium", "phone",
                                  project_id=before.project_id if before else None,
                                  visit_id=before.visit_id if before else None,
                                  reopens_id=before.id if before and before.resolved_at else None)


def _close(follow_up_id: int, outcome: str, nobody_reached: str = "", stopped_trying: str = "") -> FollowUp:
    with transaction():
        f = FollowUp.get_or_none(FollowUp.id == follow_up_id)
        if f is None:
            raise NotFound(f"Follow-up {follow_up_id} no longer exists.")
        if f.done_at is not None:  # on another PC, say: when, and what came of it there
            came = f": “{f.outcome}”" if f.outcome else ""
            raise ValidationError({"done_at": f"This follow-up was already done on "
                                              f"{formatting.format_moment(f.done_at, None, year=True)}{came}. "
                                              "Nothing of yours was saved."})
        if not FollowUp.update(done_at=clock.now(), outcome=outcome, nobody_reached=nobody_reached,
                               stopped_trying=stopped_trying).where(
                (FollowUp.id == follow_up_id) & FollowUp.done_at.is_null()).execute():
            raise ValidationError({"done_at": "This follow-up was closed a moment ago by someone else."})
        _rescore(f.customer_id)
    return f


def move(follow_up_id: int, due_on: dt.date) -> None:
    if due_on < clock.today():
        raise ValidationError({"due_on": "A follow-up cannot be moved into the past."})
    with transaction():
        f = FollowUp.get_or_none(FollowUp.id == follow_up_id)
        if f is None:
            raise NotFound(f"Follow-up {follow_up_id} no longer exists.")
        FollowUp.update(due_on=due_on).where(FollowUp.id == follow_up_id).execute()
        _rescore(f.customer_id)


# ------------------------------------------------------------------ owed automatically

def _visit(visit_id: int) -> Visit:
    visit = Visit.get_or_none(Visit.id == visit_id)
    if visit is None:
        raise NotFound(f"Visit {visit_id} no longer exists.")
    return visit


def _staff_name(staff_id) -> str:
    s = Staff.get_or_none(Staff.id == staff_id) if staff_id else None
    return s.name if s else "another technician"


def after_technician_change(visit_id: int, replaces: str = "") -> int:
    """Owed when a visit goes to a technician other than the customer's own.

    While the visit is ahead, the office calls before it (the business day before, never
    before today) so the customer hears of the new face from the office first; a change
    noticed only after the visit asks how it went. ``replaces`` names the customer's own
    technician (default: the customer's technician, else the one the latest change took the
    visit from). One call per visit and change: called again for the same change it returns the
    same follow-up; a later change rewords the call not made yet, or owes a new one.
    """
    visit = _visit(visit_id)
    change = (VisitChange.select().where(VisitChange.visit == visit_id)
              .order_by(VisitChange.changed_at.desc(), VisitChange.id.desc()).first())
    new = _staff_name(visit.technician_id)
    when = formatting.format_short_day(visit.starts_at)
    if visit.starts_at > clock.now():
        usual = Customer.get_by_id(visit.customer_id).technician_id
        if usual is None or usual == visit.technician_id:
            usual = change.old_technician_id if change else None
        replaces = replaces or _staff_name(usual)
        reason = f"Call before {new}'s visit on {when}: {new} replaces {replaces}."
        if change is not None and change.reason:
            reason += f" Reason: {change.reason}"
        due = subtract_business_days(visit.starts_at.date(), AFTER_CHANGE_DAYS)
    else:
        reason = f"Ask how the visit with {new} on {when} went (a different technician than usual)"
        due = add_business_days(visit.starts_at.date(), AFTER_CHANGE_DAYS)
    due, reason = _check(visit.customer_id, due, reason, "technician_change")
    due = max(due, clock.today())
    with transaction():
        dialect.current().serialize(database, "follow_up", visit.customer_id)
        earlier = (FollowUp.select().where((FollowUp.visit == visit_id) & (FollowUp.source == "technician_change"))
                   .order_by(FollowUp.id.desc()).first())
        if earlier is None or (earlier.done_at is not None and earlier.reason != reason):
            return _new(visit.customer_id, "technician_change", reason, due, visit_id=visit_id)  # a new change
        if earlier.done_at is None and earlier.reason != reason:  # changed again before the call: say the latest
            FollowUp.update(reason=reason, due_on=due).where(FollowUp.id == earlier.id).execute()
        return earlier.id


def owed_for_visit(visit_id: int) -> bool:
    """A call about a technician change before this visit is still to be made."""
    return FollowUp.select().where((FollowUp.visit == visit_id) & (FollowUp.source == "technician_change")
                                   & FollowUp.done_at.is_null()).exists()


def withdraw_for_visits(visit_ids) -> int:
    """The calls owed before these visits about a technician change, not made yet, are no longer owed
    (the visit went back to the customer's own technician, or will not happen); how many were dropped."""
    ids = list(visit_ids)
    if not ids:
        return 0
    return (FollowUp.delete().where(FollowUp.visit.in_(ids) & (FollowUp.source == "technician_change")
                                    & FollowUp.done_at.is_null()).execute())


def after_first_visit(visit_id: int) -> int | None:
    """Owed after the customer's first completed visit; None if this visit was not their first."""
    visit = _visit(visit_id)
    earlier = (Visit.select().where((Visit.customer == visit.customer_id) & (Visit.status == "completed")
                                    & (Visit.starts_at < visit.starts_at)).exists())
    if earlier:
        return None
    day = (visit.completed_at or visit.starts_at).date()
    reason = (f"Check in after the first visit on {formatting.format_short_day(visit.starts_at)} with "
              f"{_staff_name(visit.technician_id)}: was everything as expected?")
    return owed(visit.customer_id, "first_visit", reason, add_business_days(day, AFTER_FIRST_VISIT_DAYS),
                visit_id=visit_id)


def after_concern_resolved(concern_id: int) -> int:
    """Owed after a fix: ask whether it is really fixed, a few business days later."""
    from servicedesk.core.store.models import Concern

    concern = Concern.get_or_none(Concern.id == concern_id)
    if concern is None or concern.resolved_at is None:
        raise NotFound(f"Concern {concern_id} is not resolved.")
    words = " ".join(concern.words.split())
    words = words if len(words) <= 80 else words[:79].rstrip() + "…"
    return owed(concern.customer_id, "concern_resolved", f"Ask whether it is really fixed: “{words}”",
                add_business_days(concern.resolved_at.date(), AFTER_FIX_DAYS), concern_id=concern_id)


def after_decision_letter(customer_id: int, decision: str, sent_on: dt.date | None = None,
                          assigned_to: int | None = None) -> int:
    """Owed after a letter that asked the customer to decide something (once per letter and decision).

    While a call about the same decision is still open, a later letter asking again returns that
    one instead of owing a second call.
    """
    decision = clean_text(decision).strip()
    sent_on = sent_on or clock.today()
    asked = f"Ask for their decision: {decision} (letter of "
    still_open = (FollowUp.select(FollowUp.id)
                  .where((FollowUp.customer == customer_id) & (FollowUp.source == "letter_decision")
                         & FollowUp.done_at.is_null() & (fn.substr(FollowUp.reason, 1, len(asked)) == asked)).first())
    if still_open is not None:
        return still_open.id
    return owed(customer_id, "letter_decision", f"{asked}{formatting.format_day(sent_on, year=False, short=True)})",
                add_business_days(sent_on, AFTER_DECISION_LETTER_DAYS), assigned_to=assigned_to)


# Owed only while the customer keeps her service (a check-in after her first visit, the introduction of
# a new technician, a call before a visit with someone else): closed when she cancels. A call about a
# concern of hers stays: she still deserves an answer.
FOR_ACTIVE_CUSTOMERS = ("first_visit", "introduction", "technician_change")
CANCELLED_OUTCOME = "customer cancelled"
CANCELLED_STOP = "the customer cancelled"  # why such a call was never made (it reached nobody: no contact, no promise kept)


def _customer_cancelled(customer_id: int, reason: str) -> None:
    """Her follow-ups that only made sense for an active customer are closed, in the same transaction as
    the status change, so they leave today's queue: closed without a call (the office stopped, because she
    cancelled), so they are neither contact nor a promise kept."""
    closed = (FollowUp.update(done_at=clock.now(), outcome=CANCELLED_OUTCOME, stopped_trying=CANCELLED_STOP)
              .where((FollowUp.customer == customer_id) & FollowUp.done_at.is_null()
                     & FollowUp.source.in_(FOR_ACTIVE_CUSTOMERS) & FollowUp.concern.is_null())
              .execute())
    if closed:
        _rescore(customer_id)


events.customer_cancelled.connect(_customer_cancelled)


# ------------------------------------------------------------------ the sweep

SWEEP_DAYS = 14  # the furthest back a sweep looks
COMPLETED_LATE = dt.timedelta(days=3)  # a visit is typed in as completed within days of its start
_SWEPT_KEY = "follow_ups_swept_at"
MARK_EVERY = dt.timedelta(days=1)  # how stale the sweep's mark may grow before a sweep that owed nothing moves it


def sweep(days: int | None = None) -> list[int]:
    """Owe every follow-up that what happened lately calls for and nothing owed yet; returns the new ids.

    Whatever records a fix, a technician change, a first visit or a decision letter may owe
    its follow-up itself; the sweep catches the ones recorded any other way, and ``owed``
    makes sure nothing is owed twice. It looks back to the previous sweep (at most
    ``SWEEP_DAYS``; one day on a database never swept, so opening years of history does not
    bury the office in follow-ups), or ``days`` when given. The time of the sweep is written
    only when it owed something or the mark is a day old, so merely looking at the queue
    leaves the file unchanged (and no backup is taken for it).
    """
    from servicedesk.core.services import office

    now = clock.now()
    last = office.get_value(_SWEPT_KEY)
    if days is None:
        since = dt.datetime.fromisoformat(last) - dt.timedelta(hours=1) if last else now - dt.timedelta(days=1)
        since = max(since, now - dt.timedelta(days=SWEEP_DAYS))
    else:
        since = now - dt.timedelta(days=days)
    with transaction():
        dialect.current().serialize(database, "follow_up_sweep")  # two PCs sweeping at once: one after the other
        top = FollowUp.select(fn.MAX(FollowUp.id)).scalar() or 0
        _sweep(since, now)
        owed_now = [f.id for f in FollowUp.select(FollowUp.id).where(FollowUp.id > top).order_by(FollowUp.id)]
        if owed_now or not last or dt.datetime.fromisoformat(last) < now - MARK_EVERY:
            office.set_value(_SWEPT_KEY, now.isoformat(sep=" "))
    return owed_now


def _sweep(since: dt.datetime, now: dt.datetime) -> None:
    """What happened from ``since`` up to ``now`` (records dated ahead are left for their day)."""
    q = database.execute_sql
    _d = dialect.current()
    for (concern_id,) in q(
            "SELECT k.id FROM concern k WHERE k.raised_at >= ? AND k.resolved_at >= ? AND k.resolved_at <= ?"
            " AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.concern_id = k.id AND f.source = 'concern_resolved')",
            (since - dt.timedelta(days=365), since, now)).fetchall():
        after_concern_resolved(concern_id)
    for (visit_id,) in q(
            f"SELECT DISTINCT v.id FROM visit_change vc {_d.ordered_join} visit v ON v.id = vc.visit_id"
            f" {_d.ordered_join} customer c ON c.id = v.customer_id WHERE vc.changed_at >= ? AND vc.changed_at <= ?"
            f" AND vc.new_technician_id {_d.is_not} vc.old_technician_id AND c.technician_id IS NOT NULL"
            f" AND v.technician_id {_d.is_not} c.technician_id"
            " AND v.status NOT IN ('cancelled') AND NOT EXISTS (SELECT 1 FROM follow_up f"
            " WHERE f.visit_id = v.id AND f.source = 'technician_change')"
            # a hand-over owes its own call introducing who comes instead, made with the change
            " AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.customer_id = v.customer_id"
            " AND f.source = 'introduction' AND f.created_at >= vc.changed_at)", (since, now)).fetchall():
        after_technician_change(visit_id)
    for (visit_id,) in q(
            "SELECT v.id FROM visit v WHERE v.status = 'completed' AND v.starts_at >= ? AND v.starts_at <= ?"
            " AND NOT EXISTS ("
            " SELECT 1 FROM visit w WHERE w.customer_id = v.customer_id AND w.status = 'completed'"
            " AND w.starts_at < v.starts_at) AND NOT EXISTS (SELECT 1 FROM follow_up f"
            " WHERE f.visit_id = v.id AND f.source = 'first_visit')",
            (since - COMPLETED_LATE, now)).fetchall():
        after_first_visit(visit_id)
    for customer_id, sent_at, milestone, decision in q(
            "SELECT d.customer_id, d.sent_at, m.name, m.decision_needed FROM document d"
            " JOIN milestone m ON m.project_id = d.project_id WHERE d.kind = 'timeline_letter'"
            " AND d.sent_at >= ? AND d.sent_at <= ? AND d.customer_id IS NOT NULL AND m.decision_needed != ''"
            " AND m.status != 'done' AND m.actual_end IS NULL ORDER BY d.sent_at, m.position",
            (since, now)).fetchall():
        sent_on = dt.date.fromisoformat(str(sent_at)[:10])
        after_decision_letter(customer_id, f"{milestone}: {decision}", sent_on)


def _letter_sent(document_id: int) -> None:
    """A timeline letter that asks the customer to decide something owes a call once it is sent."""
    for customer_id, sent_at, lead_id, milestone, decision in database.execute_sql(
            "SELECT d.customer_id, d.sent_at, p.lead_id, m.name, m.decision_needed FROM document d"
            " JOIN project p ON p.id = d.project_id JOIN milestone m ON m.project_id = p.id"
            " WHERE d.id = ? AND d.kind = 'timeline_letter' AND m.decision_needed != '' AND m.status != 'done'"
            " AND m.actual_end IS NULL ORDER BY m.position", (document_id,)).fetchall():
        after_decision_letter(customer_id, f"{milestone}: {decision}", _date(sent_at), assigned_to=lead_id)


events.document_sent.connect(_letter_sent)
events.concern_resolved.connect(after_concern_resolved)
