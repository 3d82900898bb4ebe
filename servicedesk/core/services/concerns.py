"""Concerns on the clock: raised in the customer's own words, acknowledged, resolved, followed up.

The clocks count **business days** (``business_days``: weekdays that are not public holidays of
the office's country and region nor its own closed days) against the office's targets
(``office.get().ack_target_days`` and ``resolve_target_days``):

- a concern raised on day D must be acknowledged by the N-th business day after D; it is
  overdue from the day after that. Raised Friday with a 1-day target: due Monday, overdue on
  Tuesday. Raised Saturday: also due Monday.
- the resolution clock runs the same way from the day the concern was raised.

Resolving a concern owes the customer a follow-up after the fix ("is it really fixed?"): the
``concern_resolved`` event, to which follow-ups listen.

The report gives median and worst times to acknowledge and to resolve for the concerns
raised in a period. A concern still waiting counts with the time it has waited so far, so
leaving one unanswered never makes the figures look better.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from servicedesk.core import clock, events, formatting, session
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services import conflicts, customers
from servicedesk.core.services import office as office_service
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.db import for_update
from servicedesk.core.store.models import CHANNELS, CONCERN_CATEGORIES, SEVERITIES, Concern, FollowUp, Staff
from servicedesk.core.validation import check_choice, clean_text

CATEGORY_WORDS = {
    "timeline": "the timeline",
    "service_quality": "service quality",
    "technician_change": "a technician change",
    "billing": "billing",
    "other": "something else",
}


# ------------------------------------------------------------------ business days

# the office's calendar (weekends, public holidays, its own closed days): one definition
from servicedesk.core.services.business_days import (  # noqa: E402,F401
    add_business_days,
    calendar_key,
    business_days_between,
    subtract_business_days,
)


def _dt(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


# ------------------------------------------------------------------ reading

class ConcernInfo(NamedTuple):  # a tuple: a large office lists thousands at once
    id: int
    customer_id: int
    customer: str
    raised_at: dt.datetime
    channel: str
    words: str
    category: str
    severity: str
    acknowledged_at: dt.datetime | None
    acknowledged_by: str
    resolution: str
    resolved_at: dt.datetime | None
    ack_due_on: dt.date
    resolve_due_on: dt.date
    ack_overdue: bool  # not acknowledged in time (still waiting, or acknowledged late)
    resolve_overdue: bool
    version: int = 1  # what an acknowledgement or resolution names to prove it saw the latest
    fix_failed: bool = False  # resolved, then raised again because the fix did not hold (``reopens``)

    @property
    def state(self) -> str:
        if self.resolved_at:
            return "resolved"
        return "acknowledged" if self.acknowledged_at else "waiting"

    @property
    def about(self) -> str:
        return CATEGORY_WORDS.get(self.category, self.category)

    @property
    def headline(self) -> str:
        """“concern about the timeline”, or just “concern” when it is about something else."""
        return "concern" if self.category == "other" else f"concern about {self.about}"

    def open_days(self, today: dt.date | None = None) -> int:
        end = self.resolved_at.date() if self.resolved_at else (today or clock.today())
        return (end - self.raised_at.date()).days


_SELECT = (
    "SELECT k.id, k.customer_id, c.name, k.raised_at, k.channel, k.words, k.category, k.severity,"
    " k.acknowledged_at, COALESCE(s.name, ''), k.resolution, k.resolved_at, k.version,"
    " CASE WHEN EXISTS (SELECT 1 FROM concern r WHERE r.reopens_id = k.id) THEN 1 ELSE 0 END"
    " FROM concern k JOIN customer c ON c.id = k.customer_id"
    " LEFT JOIN staff s ON s.id = k.acknowledged_by_id"
)


def _info(r, targets: tuple[int, int], today: dt.date, calendar: tuple | None = None) -> ConcernInfo:
    raised, acked, resolved = _dt(r[3]), _dt(r[8]), _dt(r[11])
    ack_due = add_business_days(raised.date(), targets[0], calendar)
    resolve_due = add_business_days(raised.date(), targets[1], calendar)
    ack_end = acked.date() if acked else (resolved.date() if resolved else today)
    resolve_end = resolved.date() if resolved else today
    return ConcernInfo(
        r[0], r[1], r[2], raised, r[4], r[5], r[6], r[7], acked, r[9], r[10], resolved,
        ack_due, resolve_due, ack_end > ack_due, resolve_end > resolve_due, r[12], bool(r[13]),
    )


def targets() -> tuple[int, int]:
    o = office_service.get()
    return o.ack_target_days, o.resolve_target_days


def get(concern_id: int) -> ConcernInfo:
    row = database.execute_sql(_SELECT + " WHERE k.id = ?", (concern_id,)).fetchone()
    if row is None:
        raise NotFound(f"Concern {concern_id} no longer exists.")
    return _info(row, targets(), clock.today())


def list_concerns(open_only: bool = True, customer_id: int | None = None,
                  resolved_since: dt.datetime | None = None) -> list[ConcernInfo]:
    """Concerns, oldest waiting first: unacknowledged, then acknowledged, then resolved.

    With ``open_only=False``, ``resolved_since`` keeps the resolved ones to those resolved since then.
    """
    where, params = [], []
    if open_only:
        # Through the indexed open_concerns count, so a long history is never scanned.
        where.append("c.open_concerns > 0 AND k.resolved_at IS NULL")
    elif resolved_since is not None:
        where.append("(k.resolved_at IS NULL OR k.resolved_at >= ?)")
        params.append(resolved_since)
    if customer_id is not None:
        where.append("k.customer_id = ?")
        params.append(customer_id)
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += (" ORDER BY k.resolved_at IS NOT NULL, k.acknowledged_at IS NOT NULL, k.raised_at, k.id")
    t, today = targets(), clock.today()
    calendar = calendar_key()  # once for every concern listed
    return [_info(r, t, today, calendar) for r in database.execute_sql(sql, params).fetchall()]


def open_for(customer_ids: list[int]) -> list[ConcernInfo]:
    """The open concerns of these customers (any number of them), oldest first."""
    t, today, out = targets(), clock.today(), []
    for start in range(0, len(customer_ids), 500):
        chunk = customer_ids[start:start + 500]
        sql = _SELECT + f" WHERE k.customer_id IN ({','.join('?' * len(chunk))}) AND k.resolved_at IS NULL"
        out += [_info(r, t, today) for r in database.execute_sql(sql + " ORDER BY k.raised_at, k.id", chunk)]
    return out


# ------------------------------------------------------------------ writing

def raise_concern(customer_id: int, words: str, category: str = "other", severity: str = "medium",
                  channel: str = "phone", raised_at: dt.datetime | None = None,
                  project_id: int | None = None, visit_id: int | None = None, reopens_id: int | None = None) -> int:
    """Record a concern in the customer's own words. Returns its id.

    ``reopens_id``: the resolved concern whose fix failed, raised again in these words; that
    resolution no longer counts as kept (``ConcernInfo.fix_failed``).
    """
    words = clean_text(words).strip()
    problems = {}
    if not words:
        problems["words"] = "Write the concern down in the customer's own words."
    check_choice(problems, "category", category, CONCERN_CATEGORIES, "Category")
    check_choice(problems, "severity", severity, SEVERITIES, "Severity")
    check_choice(problems, "channel", channel, CHANNELS, "Channel")
    if not customers.name_of(customer_id):
        problems["customer"] = "Choose the customer who raised the concern."
    if raised_at is not None and raised_at > clock.now():
        problems["raised_at"] = "A concern cannot be raised in the future."
    if reopens_id is not None:
        before = Concern.get_or_none(Concern.id == reopens_id)
        if before is None or before.customer_id != customer_id or before.resolved_at is None:
            problems["reopens"] = "Only a resolved concern of the same customer can be raised again."
    if problems:
        raise ValidationError(problems)
    with transaction():
        if reopens_id is not None:
            _refuse_if_reopened(reopens_id)
        concern = Concern.create(customer=customer_id, words=words, category=category, severity=severity,
                                 channel=channel, raised_at=raised_at or clock.now(),
                                 project=project_id, visit=visit_id, reopens=reopens_id, changed_by=session.who(),
                                 changed_at=clock.now())
        events.customers_changed([customer_id])
    return concern.id


def _refuse_if_reopened(concern_id: int) -> None:
    """Inside the reopening transaction: a resolved concern is reopened once, whichever PC asks first (the
    other, reopening it at the same moment, waits here and is then told who reopened it and when)."""
    dialect.current().serialize(database, "concern_reopens", concern_id)
    again = Concern.select().where(Concern.reopens == concern_id).order_by(Concern.id).first()
    if again is None:
        return
    before = get(concern_id)
    # who reopened it is known while the reopening concern is as it was raised (acknowledging it names another)
    by = f" by {again.changed_by}" if again.changed_by and again.version == 1 else ""
    raise ValidationError({"reopens": f"{before.customer}'s {before.headline} was already reopened{by} ("
                                      f"{formatting.format_moment(again.raised_at, None, year=True)}). "
                                      "Nothing of yours was saved: add to the concern that is open now."})


def _open_concern(concern_id: int) -> Concern:
    """The concern, locked until the transaction ends: another PC acting on it at the same moment waits,
    then finds it already acknowledged or resolved instead of writing over it."""
    concern = for_update(Concern.select().where(Concern.id == concern_id)).first()
    if concern is None:
        raise NotFound(f"Concern {concern_id} no longer exists.")
    return concern


def _by(concern: Concern) -> str:
    return f" by {concern.changed_by}" if concern.changed_by else ""


def _stamp() -> dict:
    return {"version": Concern.version + 1, "changed_by": session.who(), "changed_at": clock.now()}


def _overtaken(concern: Concern, changed: list, keep: bool = True) -> Exception:
    """Someone else acknowledged or resolved ``concern`` since it was opened: who, what, when, and its
    version (none when yours cannot be kept over theirs)."""
    name = customers.name_of(concern.customer_id) or "The customer"
    return conflicts.overtaken(f"{name}'s concern", concern.changed_by, concern.changed_at, changed,
                               concern.version if keep else None)


def _already(concern: Concern, expected_version: int | None, over_theirs: bool) -> bool:
    """Whether a save that finds ``concern`` already done must stop: not when the person chose to
    write theirs over the version they were shown (``over_theirs``)."""
    if expected_version is not None and over_theirs and concern.version == expected_version:
        return False
    return True


def _staff_name(staff_id) -> str:
    staff = Staff.get_or_none(Staff.id == staff_id) if staff_id else None
    return staff.name if staff else ""


def acknowledge(concern_id: int, staff_id: int | None = None, at: dt.datetime | None = None,
                expected_version: int | None = None, over_theirs: bool = False) -> None:
    """Mark a concern acknowledged: the customer has heard from us that we are on it.

    With ``expected_version`` (the version the person saw), an acknowledgement made meanwhile on
    another PC raises ConflictError (who, when, the concern's version now); saving again with that
    version and ``over_theirs`` records this acknowledgement in place of theirs.
    """
    at = at or clock.now()
    with transaction():
        concern = _open_concern(concern_id)
        if concern.acknowledged_at is not None and (concern.resolved_at is not None
                                                    or _already(concern, expected_version, over_theirs)):
            moment = formatting.format_moment(concern.acknowledged_at, None, year=True)
            if expected_version is not None and concern.version != expected_version:
                theirs = f"{moment} by {_staff_name(concern.acknowledged_by_id) or concern.changed_by}"
                mine = f"{formatting.format_moment(at, None, year=True)} by {_staff_name(staff_id) or session.who()}"
                changed = [("acknowledged", theirs, mine)]
                if concern.resolved_at is not None:  # resolved meanwhile: there is nothing left to acknowledge
                    changed.append(("resolution", concern.resolution, ""))
                raise _overtaken(concern, changed, keep=concern.resolved_at is None)
            raise ValidationError({"acknowledged_at": f"This concern was already acknowledged{_by(concern)} on "
                                                      f"{moment}."})
        if at < concern.raised_at:
            raise ValidationError({"acknowledged_at": "A concern cannot be acknowledged before it was raised."})
        if staff_id is not None and Staff.get_or_none(Staff.id == staff_id) is None:
            raise ValidationError({"staff": "That staff member no longer exists."})
        Concern.update(acknowledged_at=at, acknowledged_by=staff_id, **_stamp()).where(
            Concern.id == concern_id).execute()
        events.customers_changed([concern.customer_id])


def resolve(concern_id: int, resolution: str, staff_id: int | None = None,
            at: dt.datetime | None = None, expected_version: int | None = None, over_theirs: bool = False) -> int:
    """Record how a concern was resolved; acknowledges it too if nobody had. Returns the follow-up owed.

    With ``expected_version`` (the version the person saw), a resolution recorded meanwhile on
    another PC raises ConflictError (who, what, when, the concern's version now); saving again with
    that version and ``over_theirs`` puts this resolution in place of theirs. An acknowledgement
    made meanwhile is no conflict: it stays, and the resolution is added.
    """
    resolution = clean_text(resolution).strip()
    at = at or clock.now()
    with transaction():
        concern = _open_concern(concern_id)
        problems = {}
        if not resolution:
            problems["resolution"] = "Say what was done to resolve the concern."
        if concern.resolved_at is not None and _already(concern, expected_version, over_theirs):
            if not problems and expected_version is not None and concern.version != expected_version:
                raise _overtaken(concern, [("resolution", concern.resolution, resolution)])
            problems["resolved_at"] = (f"This concern was already resolved{_by(concern)} on "
                                       f"{formatting.format_moment(concern.resolved_at, None, year=True)}.")
        if at < concern.raised_at:
            problems["resolved_at"] = "A concern cannot be resolved before it was raised."
        if problems:
            raise ValidationError(problems)
        changes = {"resolution": resolution, "resolved_at": at}
        if concern.acknowledged_at is None:
            changes.update(acknowledged_at=at, acknowledged_by=staff_id)
        Concern.update(**changes, **_stamp()).where(Concern.id == concern_id).execute()
        events.concern_resolved(concern_id)
        events.customers_changed([concern.customer_id])
        owed = (FollowUp.select(FollowUp.id).where((FollowUp.concern == concern_id)
                                                   & (FollowUp.source == "concern_resolved")).first())
    return owed.id if owed else None


# ------------------------------------------------------------------ the report

@dataclass(frozen=True)
class ClockFigures:
    count: int  # concerns measured
    waiting: int  # of which still waiting (counted with their time so far)
    median: dt.timedelta | None
    worst: dt.timedelta | None
    median_business_days: float | None
    worst_business_days: int | None
    late: int  # past the office's target


@dataclass(frozen=True)
class ClockReport:
    start: dt.date
    end: dt.date
    raised: int
    acknowledge: ClockFigures
    resolve: ClockFigures


def raised_between(start: dt.date, end: dt.date) -> list[ConcernInfo]:
    """The concerns raised from start to end (inclusive), oldest first, with their clocks as of now."""
    rows = database.execute_sql(
        _SELECT + " WHERE k.raised_at >= ? AND k.raised_at < ? ORDER BY k.raised_at, k.id",
        (dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())),
    ).fetchall()
    t, today = targets(), clock.today()
    return [_info(r, t, today) for r in rows]


def report(start: dt.date, end: dt.date) -> ClockReport:
    """Median and worst times to acknowledge and to resolve the concerns raised from start to end (inclusive)."""
    if end < start:
        raise ValidationError({"end": "The period must end on or after its start."})
    return clock_report(start, end, raised_between(start, end))


def clock_report(start: dt.date, end: dt.date, infos: list[ConcernInfo]) -> ClockReport:
    """The figures of ``report`` for concerns already read (``raised_between``)."""
    now = clock.now()
    ack = [(c.raised_at, c.acknowledged_at, c.ack_overdue) for c in infos]
    res = [(c.raised_at, c.resolved_at, c.resolve_overdue) for c in infos]
    return ClockReport(start, end, len(infos), _figures(ack, now), _figures(res, now))


def _figures(spans, now: dt.datetime) -> ClockFigures:
    import statistics  # (and the fractions it brings) for the report only, not for the queue

    if not spans:
        return ClockFigures(0, 0, None, None, None, None, 0)
    times = [((done or now) - raised) for raised, done, _late in spans]
    days = [business_days_between(raised.date(), (done or now).date()) for raised, done, _late in spans]
    seconds = statistics.median(t.total_seconds() for t in times)
    return ClockFigures(
        count=len(spans),
        waiting=sum(1 for _r, done, _l in spans if done is None),
        median=dt.timedelta(seconds=round(seconds)),
        worst=max(times),
        median_business_days=float(statistics.median(days)),
        worst_business_days=max(days),
        late=sum(1 for _r, _d, late in spans if late),
    )


def describe_span(span: dt.timedelta | None) -> str:
    """A duration as a person would say it: '3 h', '2 days 4 h'."""
    if span is None:
        return "—"
    hours = int(span.total_seconds() // 3600)
    if hours < 1:
        return f"{max(int(span.total_seconds() // 60), 0)} min"
    if hours < 48:
        return f"{hours} h"
    days, rest = divmod(hours, 24)
    return f"{days} days {rest} h" if rest else f"{days} days"
