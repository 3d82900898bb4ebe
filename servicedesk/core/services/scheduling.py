"""Who goes where and when, honouring what each customer said matters.

The customer's own technician is the one named in their "same technician" preference (or, failing
that, the customer's technician). Sending anyone else needs a reason; when their own technician is
away, ``proposals`` offers the nearest days on which that technician is free before any substitute,
ranked by what the customer said matters (the same person, or the same day). A confirmed change
writes the history (VisitChange), queues a notice for the customer and a follow-up for the office
(``followups.after_technician_change``) and rescores the customer's health, all in one transaction,
so the customer hears it from the office before a stranger rings the bell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, events, formatting
from servicedesk.core.errors import ConflictError, NotFound, ValidationError
from servicedesk.core.services import business_days, customers, followups, health, matters_check, office, templates
from servicedesk.core.services import trade_records
from servicedesk.core.services import technicians as staff
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import (
    Customer,
    Draft,
    ProductApplied,
    ServicePlan,
    Staff,
    Visit,
    SAYS_DAY_MATTERS,
    VisitChange,
    WhatMatters,
)
from servicedesk.core.validation import clean_text

ACTIVE = ("scheduled", "confirmed")
PREFERS_DAY = SAYS_DAY_MATTERS


@dataclass(frozen=True)
class OwnTechnician:
    id: int | None
    name: str
    active: bool
    wants_same: bool  # the customer said the same technician matters
    prefers_day: bool  # the customer said the day / time window or speed matters


@dataclass(frozen=True)
class Proposal:
    kind: str  # keep, same_technician (another day), substitute (same slot)
    technician_id: int
    technician: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    familiar_visits: int  # completed visits this technician already did for the customer
    why: str


@dataclass(frozen=True)
class Assessment:
    needs_reason: bool
    warnings: tuple[str, ...]
    own: OwnTechnician


@dataclass(frozen=True)
class ChangeResult:
    visit_id: int
    change_id: int | None
    draft_id: int | None
    follow_up_id: int | None


# ------------------------------------------------------------------ reading


def own_technician(customer_id: int) -> OwnTechnician:
    """The customer's technician: the one their "same technician" preference names, else their regular one.

    A preference naming someone who has left does not outrank a regular technician who still
    works here; when nobody named works here any more, the one named is returned with
    ``active`` False (a hand-over is owed).
    """
    kinds = {w.kind: w for w in WhatMatters.select()
             .where((WhatMatters.customer == customer_id) & (WhatMatters.active == True))  # noqa: E712
             .order_by(WhatMatters.recorded_at)}
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound(f"Customer {customer_id} no longer exists.")
    named = [kinds["same_technician"].technician_id] if "same_technician" in kinds else []
    named = [t for t in named + [customer.technician_id] if t]
    people = [Staff.get_or_none(Staff.id == t) for t in named]
    people = [p for p in people if p is not None]
    staying = [p for p in people if p.active and p.left_on is None]  # someone leaving is being handed over
    tech = staying[0] if staying else (people[0] if people else None)
    return OwnTechnician(tech.id if tech else None, tech.name if tech else "", bool(staying),
                         "same_technician" in kinds, any(k in kinds for k in SAYS_DAY_MATTERS))


def needs_reason(v: Visit | ServicePlan, technician_id: int | None, own: OwnTechnician) -> bool:
    """A reason the customer will hear is needed only when their own technician is taken off the visit
    (or off the service plan, and so off its visits).

    Moving a visit in time with the technician it already has, giving it back to their own
    technician, or staffing it when their technician has left needs none.
    """
    return technician_id != v.technician_id and own.active and technician_id != own.id


def _visit(visit_id: int) -> Visit:
    v = Visit.get_or_none(Visit.id == visit_id)
    if v is None:
        raise NotFound(f"Visit {visit_id} no longer exists.")
    return v


def busy(technician_id: int, start: dt.datetime, end: dt.datetime, exclude_visit: int | None = None) -> str:
    """Why the technician cannot take [start, end): away, or another visit then ("" when free)."""
    leaving = Staff.get_or_none(Staff.id == technician_id)
    if leaving is not None and leaving.left_on is not None and start.date() > leaving.left_on:
        return f"gone: their last day is {formatting.format_date(leaving.left_on)}"
    away = staff.absence_at(technician_id, start, end)
    if away:
        return f"off ({away.reason}) {formatting.format_absence(away.starts_at, away.ends_at)}"
    row = database.execute_sql(
        "SELECT c.name, v.starts_at FROM visit v JOIN customer c ON c.id = v.customer_id"
        " WHERE v.technician_id = ? AND v.status IN ('scheduled', 'confirmed') AND v.starts_at < ?"
        " AND v.ends_at > ? AND v.id != ? LIMIT 1",
        (technician_id, end, start, exclude_visit or 0),
    ).fetchone()
    if row:
        at = row[1] if isinstance(row[1], dt.datetime) else dt.datetime.fromisoformat(row[1])
        return f"already with {row[0]} at {formatting.format_time(at)}"
    return ""


def familiarity(customer_id: int) -> dict[int, int]:
    """Completed visits per technician for this customer: who the customer already knows."""
    rows = database.execute_sql(
        "SELECT technician_id, COUNT(*) FROM visit WHERE customer_id = ? AND status = 'completed'"
        " AND technician_id IS NOT NULL GROUP BY technician_id", (customer_id,)).fetchall()
    return {r[0]: r[1] for r in rows}


def assess(visit_id: int, technician_id: int | None, starts_at: dt.datetime | None = None) -> Assessment:
    """What the desk must know before sending ``technician_id`` to this visit."""
    v = _visit(visit_id)
    own = own_technician(v.customer_id)
    start = starts_at or v.starts_at
    end = start + (v.ends_at - v.starts_at)
    reason = needs_reason(v, technician_id, own)  # the same rule ``assign`` applies
    warnings = _continuity_warnings(technician_id, own, reason, "the visit")
    if technician_id:
        why = busy(technician_id, start, end, visit_id)
        if why:
            warnings.append(f"{Staff.get_by_id(technician_id).name} is {why}.")
    closed = business_days.closed_days(start.date(), start.date()).get(start.date())
    if closed:  # the board marks it; say so before it is booked there
        warnings.append(f"The office is closed on {formatting.format_short_day(start.date())}"
                        + ("" if closed == business_days.OWN_CLOSED_DAY else f" ({closed})") + ".")
    return Assessment(reason, tuple(warnings), own)


def _continuity_warnings(technician_id: int | None, own: OwnTechnician, reason: bool, what: str) -> list[str]:
    """What sending ``technician_id`` means for the customer's continuity (``reason``: ``needs_reason``'s answer)."""
    warnings = []
    matters = " — the customer said the same technician matters" if own.wants_same else ""
    if reason and technician_id is None:
        warnings.append(f"Leaving {what} unassigned: {own.name} is this customer's technician{matters}.")
    elif reason:
        warnings.append(f"{Staff.get_by_id(technician_id).name} is not {own.name}, this customer's technician{matters}.")
    if own.id and not own.active:
        warnings.append(f"{own.name}, this customer's technician, no longer works here (or is leaving); "
                        f"the hand-over names who takes over.")
    return warnings


def _window_days(plan: ServicePlan | None) -> int:
    if plan is None or plan.recurrence.startswith("monthly"):
        return 7
    weeks = plan.interval if plan.recurrence == "every_n_weeks" else 1
    return max(1, min(7, weeks * 7 // 2))


def proposals(visit_id: int, limit_days: int = 5, limit_substitutes: int = 8) -> list[Proposal]:
    """Ways to serve this visit, best first for this customer.

    Keeping their own technician in the same slot comes first when possible. Then, for a customer
    who said the same person matters (or said nothing about the day), the nearest days within the
    plan's window (±7 days for monthly plans, half the gap for weekly ones; weekdays only unless the
    visit is on a weekend) on which their own technician is free, days the customer's own words refuse
    ("Tuesdays only", "never Saturdays") after every day they would accept (none in the window, for one who said
    the same person matters: the first free day after it, ``_first_day_back``), then substitutes they already
    know, then others. A customer who said the day or speed matters more (and not the person) gets
    substitutes on the planned slot first, familiar ones before strangers. A visit on a day the office is
    closed (a holiday, or a day closed since it was booked) is offered neither that slot nor substitutes on it.
    """
    v = _visit(visit_id)
    own = own_technician(v.customer_id)
    length = v.ends_at - v.starts_at
    known = familiarity(v.customer_id)
    keep, other_days, subs = [], [], []
    calendar = business_days.calendar_key()
    closed = business_days.holiday_or_closed(v.starts_at.date(), calendar)  # its own day is no longer one to offer
    if own.id and own.active:
        if not closed and not busy(own.id, v.starts_at, v.ends_at, v.id):
            keep.append(Proposal("keep", own.id, own.name, v.starts_at, v.ends_at, known.get(own.id, 0),
                                 "their own technician, as planned"))
        window = _window_days(ServicePlan.get_or_none(ServicePlan.id == v.plan_id) if v.plan_id else None)
        weekend_ok = v.starts_at.weekday() >= 5
        days = sorted((d for d in range(-window, window + 1) if d),
                      key=lambda d: (abs(d), d))
        refused = []  # days the customer's own words refuse come only after every day they would accept
        for delta in days:
            start = v.starts_at + dt.timedelta(days=delta)
            if start.date() < clock.today() or (start.weekday() >= 5 and not weekend_ok):
                continue
            if business_days.holiday_or_closed(start.date(), calendar):  # the office is closed that day
                continue
            if busy(own.id, start, start + length, v.id):
                continue
            against = matters_check.warnings(v.id, start)
            why = (f"{'against their own words' if against else 'their own technician'}, {abs(delta)} "
                   f"day{'s' if abs(delta) != 1 else ''} {'later' if delta > 0 else 'earlier'}")
            (refused if against else other_days).append(Proposal(
                "same_technician", own.id, own.name, start, start + length, known.get(own.id, 0), why))
            if len(other_days) >= limit_days:
                break
        if own.wants_same and not other_days:  # away longer than the window: the person matters more than the day
            other_days = _first_day_back(v, own, window, length, known.get(own.id, 0), weekend_ok)
        other_days = (other_days + refused)[:limit_days]
    for tech in () if closed else staff.technicians():  # a substitute comes on the visit's own day
        if tech.id == own.id or busy(tech.id, v.starts_at, v.ends_at, v.id):
            continue
        n = known.get(tech.id, 0)
        why = f"already served them {n} time{'s' if n != 1 else ''}" if n else "a new face for this customer"
        subs.append(Proposal("substitute", tech.id, tech.name, v.starts_at, v.ends_at, n, why))
    subs.sort(key=lambda p: (-p.familiar_visits, p.technician))
    subs = subs[:limit_substitutes]
    familiar = [p for p in subs if p.familiar_visits]
    strangers = [p for p in subs if not p.familiar_visits]
    if own.prefers_day and not own.wants_same:
        return keep + familiar + strangers + other_days
    return keep + other_days + familiar + strangers


BACK_WITHIN_DAYS = 42  # how far past the plan's window to look for the first day their own technician is back


def _first_day_back(v: Visit, own: OwnTechnician, window: int, length: dt.timedelta, known: int,
                    weekend_ok: bool) -> list[Proposal]:
    """The first day after the plan's window on which the customer's own technician is free, as a proposal
    (none within ``BACK_WITHIN_DAYS``: nothing), for a customer who said the same technician matters."""
    first = v.starts_at.date() + dt.timedelta(days=window + 1)
    start = first_free(v, own.id, length, first, first + dt.timedelta(days=BACK_WITHIN_DAYS - 1),
                       [v.starts_at.time()], weekend_ok)
    if start is None:
        return []
    delta = (start.date() - v.starts_at.date()).days
    return [Proposal("same_technician", own.id, own.name, start, start + length, known,
                     f"their own technician, first free day they are back, {delta} days later")]


def first_free(v: Visit, technician_id: int, length: dt.timedelta, first: dt.date, last: dt.date, times,
               weekend_ok: bool, later_than: dt.datetime | None = None, taken=()) -> dt.datetime | None:
    """The first moment from day ``first`` to ``last``, at one of ``times`` (in their order, each day), at which
    ``v`` could be with ``technician_id``: a weekday unless ``weekend_ok``, neither a public holiday nor one of
    the office's closed days, after ``later_than``, clear of the ``taken`` (start, end) spans, the technician free
    and nothing the customer said against it (``matters_check``)."""
    calendar = business_days.calendar_key()
    day = first
    while day <= last:
        if (day.weekday() < 5 or weekend_ok) and not business_days.holiday_or_closed(day, calendar):
            for t in times:
                at = dt.datetime.combine(day, t)
                if (later_than is not None and at <= later_than) or any(at < e and at + length > s for s, e in taken):
                    continue
                if busy(technician_id, at, at + length, v.id) or matters_check.warnings(v.id, at):
                    continue
                return at
        day += dt.timedelta(days=1)
    return None


# ------------------------------------------------------------------ changing who and when

def _notice_values(v: Visit, old_tech: str, new_tech: str, old_start: dt.datetime, new_start: dt.datetime,
                   reason: str) -> dict:
    profile = customers.get(v.customer_id)
    the_office = office.get()
    return {
        "salutation": profile.letter_salutation, "customer_name": profile.name,
        "change": templates.change_words(v.service_type, old_start, new_start, old_tech, new_tech),
        "service_type": v.service_type or "service", "old_date": formatting.format_moment(old_start, 'full'),
        "new_date": formatting.format_moment(new_start, 'full'), "old_technician": old_tech or "the technician planned",
        "new_technician": new_tech or "a technician we will confirm", "reason": reason,
        "contact_name": the_office.owner_name or "the office", "office_phone": the_office.phone,
        "office_name": the_office.name,
    }


@dataclass(frozen=True)
class Told:
    """What the customer was last told of a visit (or expects of it, when nothing was said)."""

    technician_id: int | None  # None: nobody they expect in particular
    starts_at: dt.datetime
    by_notice: bool  # a notice about this visit has been sent
    change_id: int | None  # the first change they have not heard of yet, told of by the notice waiting
    reason: str  # the latest reason given since then


def as_told(v: Visit, own: OwnTechnician) -> Told:
    """The visit as the customer knows it: as it was before the change a waiting notice tells of, else as it is.

    A visit with nobody on it is expected with the customer's own technician.
    """
    waiting = (Draft.select().where((Draft.visit == v.id) & (Draft.template == "change_notice")
                                    & (Draft.status == "queued") & Draft.change.is_null(False))
               .order_by(Draft.id).first())
    sent = Draft.select().where((Draft.visit == v.id) & (Draft.template == "change_notice")
                                & (Draft.status == "sent")).exists()
    first = VisitChange.get_or_none(VisitChange.id == waiting.change_id) if waiting else None
    if first is None:
        tech, start, reason = v.technician_id, v.starts_at, ""
    else:
        tech, start = first.old_technician_id, first.old_starts_at
        said = (VisitChange.select(VisitChange.reason).where((VisitChange.visit == v.id) & (VisitChange.id >= first.id)
                                                             & (VisitChange.reason != ""))
                .order_by(VisitChange.id.desc()).first())
        reason = said.reason if said else ""
    if tech is None and own.active:
        tech = own.id
    return Told(tech, start, sent, first.id if first else None, reason)


def assign(visit_id: int, technician_id: int | None, reason: str = "", starts_at: dt.datetime | None = None,
           make_regular: bool = False) -> ChangeResult:
    """Send ``technician_id`` (None: unassigned) to the visit, optionally at another time.

    Anyone other than the customer's own technician needs a reason. A stranger or a new day queues a
    change notice (a draft) and a follow-up for the office. ``make_regular`` makes the technician the
    customer's own from now on (their plan's later visits follow). One transaction.
    """
    v = _visit(visit_id)
    reason = clean_text(reason).strip()
    start = _moment(starts_at, "starts_at") or v.starts_at
    end = start + (v.ends_at - v.starts_at)
    problems = {}
    if v.status not in ACTIVE:
        problems["status"] = f"This visit is {v.status.replace('_', ' ')}; only planned visits can be changed."
    elif technician_id == v.technician_id and start == v.starts_at and not make_regular:
        return ChangeResult(v.id, None, None, None)  # nothing to change
    tech = Staff.get_or_none(Staff.id == technician_id) if technician_id else None
    if technician_id and tech is None:
        problems["technician"] = "That technician no longer exists."
    elif tech is not None and staff.gone_by(tech, start.date()):
        problems["technician"] = f"{tech.name} no longer works here."
    elif tech is not None:
        away = staff.absence_at(tech.id, start, end)
        if away:
            problems["technician"] = (f"{tech.name} is off ({away.reason}) "
                                      f"{formatting.format_absence(away.starts_at, away.ends_at)}.")
    own = own_technician(v.customer_id)
    newcomer = technician_id != own.id  # not the customer's own technician (even if made so now)
    if needs_reason(v, technician_id, own) and not reason:
        who = tech.name if tech else "nobody"
        problems["reason"] = (f"Sending {who} instead of {own.name} needs a reason the customer will hear."
                              if own.id else "Say why this technician is sent; the customer will hear it.")
    if start != v.starts_at and start < clock.now():  # an earlier day, or an hour of today already gone by
        problems["starts_at"] = (f"A visit cannot be moved into the past: {formatting.format_moment(start, 'full')} "
                                 f"has already gone by.")
    if problems:
        raise ValidationError(problems)
    new_tech = tech.name if tech else ""
    told = as_told(v, own)
    told_name = Staff.get_by_id(told.technician_id).name if told.technician_id else ""
    tech_news = (told.technician_id is not None and technician_id != told.technician_id
                 and (newcomer or told.by_notice))  # someone else than they expect (their own, or as told)
    notify = tech_news or start != told.starts_at  # a new face, or a new day or time
    with transaction():
        same_as_read = (Visit.technician.is_null() if v.technician_id is None else Visit.technician == v.technician_id)
        moved = (Visit.update(technician=technician_id, starts_at=start, ends_at=end,
                              status="scheduled" if start != v.starts_at else v.status,
                              status_reason=reason or v.status_reason)
                 .where((Visit.id == v.id) & same_as_read & (Visit.starts_at == v.starts_at)
                        & Visit.status.in_(ACTIVE)).execute())
        if not moved:
            raise ConflictError("Someone else changed this visit a moment ago; nothing was saved. "
                                "Look at the board again and make the change once more.")
        change = VisitChange.create(visit=v.id, changed_at=clock.now(), old_technician=v.technician_id,
                                    new_technician=technician_id, old_starts_at=v.starts_at, new_starts_at=start,
                                    reason=reason)
        draft_id = follow_id = None
        _withdraw_notices([v.id], calls=False)  # a notice still waiting says what no longer holds
        if notify:
            why = reason or (told.reason if tech_news else "")
            subject, body = templates.render(
                "change_notice", _notice_values(v, told_name, new_tech, told.starts_at, start, why))
            draft_id = Draft.create(customer=v.customer_id, template="change_notice", subject=subject, body=body,
                                    status="queued", visit=v.id, change=told.change_id or change.id,
                                    created_at=clock.now()).id
        if not newcomer:  # back with their own technician: no call is owed before the visit
            followups.withdraw_for_visits([v.id])
        elif tech_news or followups.owed_for_visit(v.id):  # a new face, or the call owed says when it comes
            follow_id = followups.after_technician_change(v.id, replaces=own.name or told_name)
        if make_regular and technician_id:
            _make_regular(v, technician_id)
        events.customers_changed([v.customer_id])
    if draft_id is not None:
        _tell_by_mail("changed", draft_id)  # the notice goes out now to a customer who prefers email
    return ChangeResult(v.id, change.id, draft_id, follow_id)


def _withdraw_notices(visit_ids, calls: bool = True) -> None:
    """Notices about these visits still waiting to be sent, and (``calls``) the calls owed before them, are
    withdrawn: they no longer say what will happen. A notice already sent stays in the history."""
    ids = list(visit_ids)
    _withdraw_drafts([d.id for d in Draft.select(Draft.id).where(
        Draft.visit.in_(ids) & (Draft.template == "change_notice") & (Draft.status == "queued"))])
    if calls:
        followups.withdraw_for_visits(ids)


def _withdraw_drafts(draft_ids) -> None:
    """These notices, still waiting, are withdrawn (and their email, if it is still waiting to go)."""
    from servicedesk.core.services.mail import outbox

    if draft_ids:
        Draft.update(status="withdrawn").where(Draft.id.in_(list(draft_ids))).execute()
        outbox.withdraw_drafts(list(draft_ids))


def _customer_cancelled(customer_id: int, reason: str) -> None:
    """A customer who cancelled: their plans end today and their visits still ahead are cancelled with
    their reason, in the same transaction as the status change. Nothing comes back on its own if they
    return; their plans are set up again."""
    from servicedesk.core.services import recurrence

    now = clock.now()
    recurrence.end_for_customer(customer_id, now.date())
    ahead = [v.id for v in Visit.select(Visit.id).where((Visit.customer == customer_id) & (Visit.starts_at >= now)
                                                         & Visit.status.in_(ACTIVE))]
    if ahead:
        why = f"The customer cancelled: {clean_text(reason).strip()}".rstrip(": ")
        Visit.update(status="cancelled", status_reason=why).where(Visit.id.in_(ahead)).execute()
        _withdraw_notices(ahead)
    events.customers_changed([customer_id])


events.customer_cancelled.connect(_customer_cancelled)


def _tell_by_mail(event: str, record_id: int) -> None:
    from servicedesk.core.services.mail import rules  # loads the mail machinery only when there is news

    rules.after(event, record_id)


def _make_regular(v: Visit, technician_id: int) -> None:
    customers.set_regular_technician(v.customer_id, technician_id)
    if v.plan_id:
        ServicePlan.update(technician=technician_id).where(ServicePlan.id == v.plan_id).execute()
        (Visit.update(technician=technician_id)
         .where((Visit.plan == v.plan_id) & (Visit.starts_at > v.starts_at) & (Visit.status.in_(ACTIVE))
                & Visit.id.not_in(VisitChange.select(VisitChange.visit))).execute())


def _moment(value, key: str) -> dt.datetime | None:
    """A date and time as given (a datetime, or text as YYYY-MM-DD HH:MM); a clear message when it is not one."""
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        if isinstance(value, str) and len(value.strip()) > 10:
            return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        pass
    raise ValidationError({key: f"“{value}” is not a date and time (use YYYY-MM-DD HH:MM)."})


def reschedule(visit_id: int, starts_at: dt.datetime, reason: str = "") -> ChangeResult:
    """Move a visit to another time with the same technician; the original slot stays in its history."""
    v = _visit(visit_id)
    return assign(visit_id, v.technician_id, reason, starts_at)


@dataclass(frozen=True)
class PlanChangeResult:
    plan_id: int  # the plan that takes over
    changed_visits: tuple[int, ...]  # booked visits that got another technician or time (each with its history)
    draft_id: int | None
    follow_up_id: int | None


def _plan(plan_id: int) -> ServicePlan:
    p = ServicePlan.get_or_none(ServicePlan.id == plan_id)
    if p is None:
        raise NotFound(f"Service plan {plan_id} no longer exists.")
    return p


def assess_plan(plan_id: int, technician_id: int | None) -> Assessment:
    """What the desk must know before the plan's visits go to ``technician_id`` (the rule of ``assess``)."""
    p = _plan(plan_id)
    own = own_technician(p.customer_id)
    reason = needs_reason(p, technician_id, own)
    return Assessment(reason, tuple(_continuity_warnings(technician_id, own, reason, "the plan's visits")), own)


def change_plan(plan_id: int, from_day: dt.date, reason: str = "", **values) -> PlanChangeResult:
    """"This and future" for a service plan (``recurrence.change_from``), under the rule of ``assign``.

    Taking the customer's own technician off the plan needs a reason the customer will hear, and
    owes a follow-up call before the first visit it touches. A change that does that, or that moves
    visits already booked to another day or time, queues one change notice for the customer: it
    opens with the first visit it moves (from what they were last told of it), then names every
    other one with its new day and time. A booked visit on a date the plan no longer has gives way
    to the plan's next new visit, which keeps the slot it took over in its history, as every booked
    visit that gets another technician or time does. A change that only takes booked visits away (the
    plan ends sooner, say) queues a notice that names those visits and says nothing of the others. A
    change that moves nothing booked and keeps their technician tells them nothing. One transaction.
    """
    p = _plan(plan_id)
    reason = clean_text(reason).strip()
    own = own_technician(p.customer_id)
    technician_id = values.get("technician_id", p.technician_id)
    if needs_reason(p, technician_id, own) and not reason:
        tech = Staff.get_or_none(Staff.id == technician_id) if technician_id else None
        raise ValidationError({"reason": f"Sending {tech.name if tech else 'nobody'} instead of {own.name} "
                                         f"needs a reason the customer will hear."})
    from servicedesk.core.services import recurrence

    old_tech = Staff.get_by_id(p.technician_id).name if p.technician_id else ""
    booked = list(Visit.select().where((Visit.plan == plan_id) & (Visit.occurrence >= from_day)
                                       & Visit.status.in_(ACTIVE)))
    before = {v.id: (v.technician_id, v.starts_at) for v in booked}
    told = {v.id: as_told(v, own) for v in booked}  # what the customer knows of each
    waiting = {d.id: d.visit_id for d in Draft.select(Draft.id, Draft.visit).where(
        Draft.visit.in_(list(before)) & (Draft.template == "change_notice") & (Draft.status == "queued"))}
    draft_id = follow_id = None
    with transaction():
        new_id = recurrence.change_from(plan_id, from_day, **values)
        now = {v.id: v for v in Visit.select().where(Visit.id.in_(list(before)) & Visit.status.in_(ACTIVE))}
        gone = sorted((i for i in before if i not in now), key=lambda i: before[i][1])
        fresh = list(Visit.select().where((Visit.plan == new_id) & Visit.status.in_(ACTIVE)
                                          & Visit.id.not_in(list(before))).order_by(Visit.starts_at))
        # (what the customer knows, what it was, what it is): each booked visit that changed, and each new
        # visit taking the place of one whose date is gone (it was, to them, the visit they were told of)
        moves = sorted([(told[i], before[i], v) for i, v in now.items() if (v.technician_id, v.starts_at) != before[i]]
                       + [(told[i], (told[i].technician_id, told[i].starts_at), v) for i, v in zip(gone, fresh)],
                       key=lambda m: (m[2].starts_at, m[2].id))
        changes = {v.id: VisitChange.create(visit=v.id, changed_at=clock.now(), old_technician=was[0],
                                            new_technician=v.technician_id, old_starts_at=was[1],
                                            new_starts_at=v.starts_at, reason=reason).id for _t, was, v in moves}
        moved = sorted(((t, v) for t, _was, v in moves if v.starts_at != t.starts_at),
                       key=lambda m: (m[0].starts_at, m[1].id))  # a day or time other than they were told
        dropped = [told[i].starts_at for i in gone[len(fresh):]]
        upcoming = (Visit.select().where((Visit.plan == new_id) & Visit.status.in_(ACTIVE)
                                         & (Visit.starts_at >= dt.datetime.combine(from_day, dt.time())))
                    .order_by(Visit.starts_at).first())
        new_face = technician_id != p.technician_id and technician_id != own.id and upcoming is not None
        if moved or dropped or new_face:
            stale = [d for d, visit_id in waiting.items()
                     if visit_id in gone or visit_id in {v.id for _t, v in moved}]
            _withdraw_drafts(stale)  # a notice still waiting says what no longer holds
            first_told, first = moved[0] if moved else (told.get(upcoming.id) if upcoming else None, upcoming)
            values_ = first_change = None
            if not moved and not new_face:  # only visits taken away: the notice says so, and claims nothing else
                values_ = _notice_values(p, old_tech, old_tech, dropped[0], dropped[0], reason)
                ends_on = recurrence.get(new_id).ends_on  # named when the change is the plan's end
                values_["change"] = templates.dropped_words(p.service_type, dropped,
                                                            ends_on if ends_on != p.ends_on else None)
            elif first is not None:  # the notice opens with the first visit it moves, else the plan's next one
                new_tech = Staff.get_by_id(first.technician_id).name if first.technician_id else ""
                was_tech = first_told.technician_id if first_told else p.technician_id
                was = Staff.get_by_id(was_tech).name if was_tech else ""
                was_start = first_told.starts_at if first_told else before.get(first.id, (None, first.starts_at))[1]
                values_ = _notice_values(first, was, new_tech, was_start, first.starts_at, reason)
                values_["change"] += templates.later_moves_words([(t.starts_at, v.starts_at) for t, v in moved[1:]],
                                                                 dropped)
                if new_face:
                    plan_tech = Staff.get_by_id(technician_id).name if technician_id else ""
                    values_["change"] += (f" The visits after it are with {plan_tech or 'a technician we will confirm'}"
                                          f" too, instead of {old_tech or 'the technician planned'}.")
            if values_ is not None:
                if first is not None:
                    first_change = (first_told.change_id if first_told and first.id in before else None) \
                        or changes.get(first.id)
                subject, body = templates.render("change_notice", values_)
                draft_id = Draft.create(customer=p.customer_id, template="change_notice", subject=subject,
                                        body=body, status="queued", visit=first.id if first else None,
                                        change=first_change, created_at=clock.now()).id
        if new_face:
            follow_id = followups.after_technician_change(upcoming.id, replaces=own.name or old_tech)
        events.customers_changed([p.customer_id])
    if draft_id is not None:
        _tell_by_mail("changed", draft_id)
    return PlanChangeResult(new_id, tuple(v.id for _t, _was, v in moves), draft_id, follow_id)


def confirm(visit_id: int) -> None:
    v = _visit(visit_id)
    if v.status not in ACTIVE:
        raise ValidationError({"status": f"This visit is {v.status.replace('_', ' ')}; it cannot be confirmed."})
    with transaction():
        Visit.update(status="confirmed").where(Visit.id == visit_id).execute()


def _close(visit_id: int, status: str, reason: str, needs: str) -> None:
    v = _visit(visit_id)
    reason = clean_text(reason).strip()
    problems = {}
    if v.status not in ACTIVE:
        problems["status"] = f"This visit is already {v.status.replace('_', ' ')}."
    if not reason:
        problems["reason"] = needs
    if problems:
        raise ValidationError(problems)
    with transaction():
        Visit.update(status=status, status_reason=reason).where(Visit.id == visit_id).execute()
        events.customers_changed([v.customer_id])


def cancel(visit_id: int, reason: str) -> None:
    _close(visit_id, "cancelled", reason, "Say why the visit is cancelled.")


def no_access(visit_id: int, reason: str) -> None:
    _close(visit_id, "no_access", reason, "Say what kept the technician out (nobody home, locked gate...).")


def complete(visit_id: int, work_done: str, findings: str = "", products=(), recommendations: str = "",
             next_visit_at: dt.datetime | None = None, readings: dict | None = None,
             applications=()) -> int | None:
    """Record what was done. ``products`` are (name, amount, location) for everything applied;
    ``readings`` and ``applications`` are what the visit's trade records (see ``trade_records``).

    A customer's first completed visit queues a check-in follow-up. ``next_visit_at`` books a one-off
    visit with the customer's own technician (not a substitute who covered this one; nobody when their
    technician has left). Returns the id of that next visit, if any.
    """
    v = _visit(visit_id)
    work_done = clean_text(work_done).strip()
    problems = {}
    if v.status not in ACTIVE:
        problems["status"] = f"This visit is {v.status.replace('_', ' ')}; it cannot be completed."
    if v.starts_at.date() > clock.today():
        problems["starts_at"] = f"This visit is on {formatting.format_date(v.starts_at)}; it cannot be completed before it happens."
    if not work_done:
        problems["work_done"] = "Describe the work done."
    items = [tuple(clean_text(x).strip() for x in p) + ("",) * (3 - len(p)) for p in products]
    for n, (name, amount, location) in enumerate(items, 1):
        if not name:
            problems[f"product_{n}"] = f"Product {n} needs a name."
        elif not amount:
            problems[f"product_{n}"] = f"Say how much {name} was applied."
    own = own_technician(v.customer_id)
    next_tech = own.id if own.active else None  # their own technician, never the one who stood in
    refused = customers.cancelled_refusal(v.customer_id, "booking their next visit") if next_visit_at else ""
    if refused:
        problems["next_visit_at"] = refused
    elif next_visit_at is not None and next_visit_at <= v.starts_at:
        problems["next_visit_at"] = "The next visit must come after this one."
    elif next_visit_at is not None and next_tech is not None:
        away = staff.absence_at(next_tech, next_visit_at, next_visit_at + (v.ends_at - v.starts_at))
        if away:
            problems["next_visit_at"] = (f"{own.name} is off ({away.reason}) then; choose another day for the "
                                         f"next visit.")
    try:
        reading_rows, application_rows = trade_records.check(v, trade_records.trade_of(v.id), readings, applications)
    except ValidationError as exc:
        problems.update(exc.problems)
    if problems:
        raise ValidationError(problems)
    first = not Visit.select().where((Visit.customer == v.customer_id) & (Visit.status == "completed")).exists()
    with transaction():
        Visit.update(status="completed", work_done=work_done, findings=clean_text(findings).strip(),
                     recommendations=clean_text(recommendations).strip(), completed_at=clock.now()
                     ).where(Visit.id == v.id).execute()
        for name, amount, location in items:
            ProductApplied.create(visit=v.id, name=name, amount=amount, location=location)
        trade_records.store(v.id, reading_rows, application_rows)
        if first:
            followups.after_first_visit(v.id)
        next_id = None
        if next_visit_at is not None:
            next_id = Visit.create(customer=v.customer_id, site=v.site_id, technician=next_tech,
                                   service_type=v.service_type, starts_at=next_visit_at,
                                   ends_at=next_visit_at + (v.ends_at - v.starts_at), created_at=clock.now()).id
        events.customers_changed([v.customer_id])
    _tell_by_mail("completed", v.id)  # the visit summary goes to a customer who prefers email
    return next_id


def book(customer_id: int, starts_at: dt.datetime, duration_min: int = 60, technician_id: int | None = None,
         service_type: str = "", reason: str = "") -> int:
    """A one-off visit. Without a technician it goes to the customer's own; anyone else needs a reason.
    A customer who cancelled gets none until they are active again."""
    customers.refuse_if_cancelled(customer_id, "booking a visit for them")
    starts_at = _moment(starts_at, "starts_at")
    own = own_technician(customer_id)
    technician_id = technician_id or (own.id if own.active else None)
    problems = {}
    if isinstance(duration_min, bool) or not isinstance(duration_min, int) or duration_min < 5:
        raise ValidationError({"duration_min": "A visit lasts at least 5 minutes (a whole number of minutes)."})
    if starts_at.date() < clock.today():
        problems["starts_at"] = "A new visit cannot be booked in the past."
    if technician_id and technician_id != own.id and not clean_text(reason).strip():
        problems["reason"] = f"Sending someone other than {own.name or 'their technician'} needs a reason."
    tech = Staff.get_or_none(Staff.id == technician_id) if technician_id else None
    if technician_id and tech is None:
        problems["technician"] = "That technician no longer exists."
    elif tech is not None and staff.gone_by(tech, starts_at.date()):
        problems["technician"] = (f"{tech.name} no longer works here after {formatting.format_weekday(tech.left_on)}."
                                  if tech.left_on else f"{tech.name} no longer works here.")
    elif technician_id and staff.absence_at(technician_id, starts_at,
                                            starts_at + dt.timedelta(minutes=duration_min)):
        problems["technician"] = "That technician is off then."
    if problems:
        raise ValidationError(problems)
    with transaction():
        visit_id = Visit.create(customer=customer_id, technician=technician_id, service_type=clean_text(service_type),
                                starts_at=starts_at, ends_at=starts_at + dt.timedelta(minutes=duration_min),
                                status_reason=clean_text(reason).strip(), created_at=clock.now()).id
        events.customers_changed([customer_id])
    return visit_id
