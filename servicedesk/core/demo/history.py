"""An ordinary customer with a believable past: a plan, visits, calls, preferences, now and then a concern."""

from __future__ import annotations

import datetime as dt
import json

from servicedesk.core.demo import names, staff, texts
from servicedesk.core.demo.context import Context, occurrences
from servicedesk.core.services.office import DEFAULT_VALUES
from servicedesk.core.services.reports.period import Month
from servicedesk.core.store.models import (
    Concern,
    Customer,
    CustomerGoal,
    Draft,
    FollowUp,
    Interaction,
    PestApplication,
    ServicePlan,
    Site,
    Visit,
    VisitChange,
    WhatMatters,
)

KINDS = ("call_before", "time_window", "quiet", "price_sensitive", "speed_over_schedule", "other")
CHANNELS = ("phone", "phone", "phone", "email", "email", "letter", "visit")
STATUSES = ("active",) * 46 + ("paused", "cancelled", "cancelled", "prospect")
CANCEL_REASONS = ("Moved out of state.", "Sold the house.", "Went with a cheaper company.",
                  "Business closed its second location.", "Doing it themselves now.")


def customer(ctx: Context, trade: str, *, person: names.Person | None = None, company: str = "",
             status: str | None = None, since: dt.date | None = None, cancel_reason: str = "",
             technician: int | None = None, notes: str = "", plan: bool = True,
             ordinary: bool = True, fit: tuple[bool, ...] = (), fit_note: str = "",
             access: str | None = None, best_time: str | None = None) -> tuple[int, int]:
    """The customer and their main site; returns (customer id, site id).

    An ordinary customer also gets a plan (or one-off visits) and a past; a story customer
    gets only the record, and the story writes the rest.
    """
    rng, w = ctx.rng, ctx.writer
    p = person or names.person(rng, middle=ctx.large)
    status = status or rng.choice(STATUSES)
    if status == "cancelled" and not cancel_reason:
        cancel_reason = rng.choice(CANCEL_REASONS)
    since = since or ctx.today - dt.timedelta(days=rng.randrange(20, 365 * ctx.years + 400))
    technician = technician or rng.choice(ctx.techs[trade])
    stamp = ctx.at(min(since, ctx.today), 9)
    cid = w.add(Customer, name=p.name, sort_name=p.sort_name, company=company, salutation=p.salutation,
                status=status, cancel_reason=cancel_reason, customer_since=since, trade=trade,
                preferred_channel=rng.choice(("phone", "phone", "email", "text")),
                best_time=rng.choice(("", "", "mornings", "after 5 pm", "weekdays 9-12")) if best_time is None else best_time,
                phone=p.phone, phone_e164=p.phone_e164, email=p.email, street=p.street, city=p.city,
                state=p.state, postcode=p.postcode, notes=notes, technician_id=technician, created_at=stamp, updated_at=stamp,
                fit_check=fit_check(fit) if fit else "", fit_note=fit_note)
    site = w.add(Site, customer_id=cid, label="Office" if company else "Home", street=p.street, city=p.city,
                 state=p.state, postcode=p.postcode, access_notes=rng.choice(texts.ACCESS_NOTES) if access is None else access)
    if not ordinary:
        return cid, site
    if plan and status != "prospect" and (ctx.plan_share >= 1 or rng.random() < ctx.plan_share):
        if ctx.plan_years:
            since = max(since, ctx.today - dt.timedelta(days=rng.randrange(1, int(365 * ctx.plan_years))))
        service_plan(ctx, cid, site, "home_cleaning" if trade == "cleaning" and not company else trade,
                     technician, since, status)
    elif status != "prospect":
        one_off_visits(ctx, cid, site, trade, technician, since)
    life(ctx, cid, since, status, technician)
    return cid, site


def _not_last_month(today: dt.date, day: dt.date) -> dt.date:
    """``day``, or a day of the month before it when it falls in last month: last month's leavers are the owner's
    story (``owner_story``), whichever day the demo is made on."""
    month = Month.of(today).previous()
    if month.start <= day <= month.end:
        return month.start - dt.timedelta(days=(day - month.start).days + 1)
    return day


def service_plan(ctx: Context, cid: int, site: int, trade: str, technician: int, since: dt.date,
                 status: str, weekday: int | None = None, nth: int | None = None, hour: int | None = None,
                 assign=None) -> int:
    """A recurring plan with its visits: done in the past, booked for twelve weeks ahead.

    ``trade`` names the kind of plan in ``texts.PLANS`` (a home cleaning is not an office cleaning).

    ``assign(index, day)`` may return (who went, who was planned, why) to tell a story; otherwise
    time off decides who goes.
    """
    rng, w = ctx.rng, ctx.writer
    service_type, recurrence, interval, duration, includes = texts.PLANS[trade]
    start = max(since, ctx.history_start)
    if recurrence == "monthly_weekday":
        nth = nth or rng.randint(1, 4)
    weekday, hour = _slot(ctx, trade, technician, recurrence, start, weekday, nth, hour)
    stopped = status in ("paused", "cancelled")
    end = ctx.today - dt.timedelta(days=rng.randrange(10, 120)) if stopped else ctx.horizon
    if status == "cancelled":
        end = _not_last_month(ctx.today, end)
    plan = w.add(ServicePlan, customer_id=cid, site_id=site, service_type=service_type, recurrence=recurrence,
                 interval=interval, weekday=weekday, week_of_month=nth, window_start=dt.time(hour, 0),
                 window_end=dt.time(min(hour + 3, 23), 0), duration_min=duration, technician_id=technician,
                 includes=includes, starts_on=since, ends_on=end if status == "cancelled" else None,
                 active=not stopped, generated_until=end)
    days = occurrences(recurrence, interval, weekday, nth, start, end)
    for index, day in enumerate(days):
        chosen, planned, reason = assign(index, day) if assign else (None, technician, "")
        if chosen is None:
            chosen = technician
            away = ctx.off.get((technician, day))
            if away:
                chosen = staff.substitute(ctx, texts.TRADE_OF.get(trade, trade), day, technician)
                reason = texts.change_reason(away, ctx.names[technician], ahead=day >= ctx.today)
        visit(ctx, cid, site, trade, chosen, ctx.at(day, hour, rng.choice((0, 0, 15))), duration,
              service_type, plan=plan, planned=planned, reason=reason, may_fail=assign is None)
    return plan


def _slot(ctx: Context, trade: str, technician: int, recurrence: str, start: dt.date,
          weekday: int | None, nth: int | None, hour: int | None) -> tuple[int, int]:
    """A weekday and hour the technician has free for this rhythm, so routes do not double-book.

    Each trade's technicians keep one rhythm, so a slot is the technician, day, hour and the
    week of the rhythm (which week of the month, odd or even week).
    """
    hours = texts.PLAN_HOURS[trade] if hour is None else (hour,)
    days = range(5) if weekday is None else (weekday,)
    options = [(d, h) for d in days for h in hours]
    ctx.rng.shuffle(options)
    for day, hour in options:
        if recurrence == "monthly_weekday":
            phase = nth
        elif recurrence == "every_n_weeks":
            first = start + dt.timedelta(days=(day - start.weekday()) % 7)
            phase = (first.toordinal() - 1) // 7 % 2
        else:
            phase = 0
        key = (technician, day, hour, phase)
        if key not in ctx.slots:
            ctx.slots.add(key)
            return day, hour
    return options[0]


def visit(ctx: Context, cid: int, site: int, trade: str, technician: int, starts: dt.datetime, duration: int,
          service_type: str, plan: int | None = None, planned: int | None = None, reason: str = "",
          may_fail: bool = True, work: str = "") -> int:
    rng, w = ctx.rng, ctx.writer
    ends = starts + dt.timedelta(minutes=duration)
    done = ends <= ctx.now
    status = "completed" if done else ("confirmed" if (starts.date() - ctx.today).days < 3 else "scheduled")
    extra = {}
    if done and may_fail and rng.random() < 0.03:
        status, extra["status_reason"] = "no_access", "Gate locked and nobody answered the phone."
    elif status == "completed":
        extra = dict(work_done=rng.choice(texts.WORK[trade]), findings=rng.choice(texts.FINDINGS[trade]),
                     recommendations=rng.choice(texts.RECOMMENDATIONS[trade]), completed_at=ends)
        if work:
            extra.update(work_done=work, findings="", recommendations="")
    vid = w.add(Visit, customer_id=cid, site_id=site, plan_id=plan, occurrence=starts.date() if plan else None,
                technician_id=technician, service_type=service_type, starts_at=starts, ends_at=ends,
                status=status, created_at=ctx.at(starts.date() - dt.timedelta(days=28), 7), **extra)
    if planned is not None and planned != technician:
        w.add(VisitChange, visit_id=vid, changed_at=starts - dt.timedelta(days=1), old_technician_id=planned,
              new_technician_id=technician, old_starts_at=starts, new_starts_at=starts, reason=reason)
        if not done and ctx.drafts_left > 0:
            ctx.drafts_left -= 1
            change_notice(ctx, cid, vid, service_type, starts.date(), planned, technician, reason)
    if status == "completed" and trade == "pest":
        for name, _amount in rng.sample(texts.PRODUCTS, rng.randint(1, 2)):
            registration, pest, amount, unit = texts.PESTICIDES[name]
            w.add(PestApplication, visit_id=vid, applied_at=starts + dt.timedelta(minutes=20), target_pest=pest,
                  product=name, registration_number=registration, amount=amount, unit=unit,
                  area=rng.choice(texts.PRODUCT_PLACES), applicator_id=technician,
                  licence_number=ctx.licences.get(technician, ""))
    return vid


def change_notice(ctx: Context, cid: int, vid: int, service_type: str, day: dt.date, old: int, new: int,
                  reason: str) -> None:
    when = texts.long_date(day)
    body = (f"We want you to hear this from us first: your {service_type.lower()} on {when} will be done by "
            f"{ctx.names[new]} instead of {ctx.names[old]}.\nWhy: {reason}\n\n"
            "If this does not suit you, call the office and we will find another day.")
    ctx.writer.add(Draft, customer_id=cid, template="change_notice", subject=f"Change to your visit on {when}",
                   body=body, status="queued", visit_id=vid, created_at=ctx.now - dt.timedelta(hours=2))


def one_off_visits(ctx: Context, cid: int, site: int, trade: str, technician: int, since: dt.date) -> None:
    rng = ctx.rng
    first = max(since, ctx.history_start)
    span = max(1, (ctx.today - first).days)
    for _ in range(rng.randint(1, 4)):
        day = first + dt.timedelta(days=rng.randrange(span))
        if day.weekday() < 5:
            visit(ctx, cid, site, trade, technician, ctx.at(day, rng.randrange(8, 16)), 90,
                  rng.choice(texts.ONE_OFF[trade]))


def life(ctx: Context, cid: int, since: dt.date, status: str, technician: int) -> None:
    """Calls, emails and letters; what matters to them; concerns and follow-ups."""
    rng, w = ctx.rng, ctx.writer
    first = max(since, ctx.history_start)
    span = max(1, (ctx.today - first).days)
    per_year = 6 if ctx.years == 1 else 3
    for _ in range(rng.randint(1, 3) + int(span / 365 * rng.uniform(0.5, 1.5) * per_year)):
        channel = rng.choice(CHANNELS)
        direction = "out" if channel == "letter" else rng.choice(("in", "out"))
        day = first + dt.timedelta(days=rng.randrange(span))
        day -= dt.timedelta(days=max(0, day.weekday() - 4))  # the office is closed at weekends
        when = ctx.at(day, rng.randrange(8, 17), rng.randrange(60))
        w.add(Interaction, customer_id=cid, occurred_at=when, channel=channel, direction=direction,
              staff_id=technician if channel == "visit" else ctx.office_staff,
              summary=texts.interaction_summary(rng, channel, direction), mood=rng.choice(texts.MOODS))
    if rng.random() < 0.35:
        kind = ctx.in_turn(KINDS)
        w.add(WhatMatters, customer_id=cid, kind=kind, words=rng.choice(texts.WHAT_MATTERS[kind]),
              recorded_at=ctx.at(first, 10))
    if status != "prospect" and rng.random() < 0.2:
        concern(ctx, cid, first, span)
    if status == "active" and rng.random() < (0.02 if ctx.large else 0.15):
        due = ctx.today + dt.timedelta(days=rng.choice((-9, -4, -1, 0, 0, 3, 8, 20)))
        done = rng.random() < 0.3 and due <= ctx.today
        w.add(FollowUp, customer_id=cid, due_on=due, reason=rng.choice(texts.FOLLOW_UPS), source="manual",
              assigned_to_id=ctx.office_staff, created_at=ctx.at(due - dt.timedelta(days=14), 9),
              done_at=ctx.at(due, 15) if done else None, outcome="Spoke with them; all good." if done else "")


def concern(ctx: Context, cid: int, first: dt.date, span: int) -> None:
    rng, w = ctx.rng, ctx.writer
    category = rng.choice(tuple(texts.CONCERNS))
    state = rng.choices(("resolved", "open", "new"), (90, 8, 2) if ctx.large else (6, 3, 1))[0]
    if state == "new":
        raised = ctx.now - dt.timedelta(hours=rng.randrange(2, 60))
    else:
        raised = ctx.at(first + dt.timedelta(days=rng.randrange(span)), rng.randrange(8, 17))
    acknowledged = raised + dt.timedelta(hours=rng.randrange(1, 30)) if state != "new" else None
    if acknowledged and acknowledged > ctx.now:
        acknowledged = ctx.now
    resolved = acknowledged + dt.timedelta(days=rng.randrange(1, 6)) if state == "resolved" else None
    if resolved and resolved > ctx.now:
        resolved = None
    kid = w.add(Concern, customer_id=cid, raised_at=raised, channel="phone", words=rng.choice(texts.CONCERNS[category]),
                category=category, severity=rng.choice(("low", "medium", "medium", "high")),
                acknowledged_at=acknowledged, acknowledged_by_id=ctx.office_staff if acknowledged else None,
                resolution=rng.choice(texts.RESOLUTIONS) if resolved else "", resolved_at=resolved)
    w.add(Interaction, customer_id=cid, occurred_at=raised, channel="phone", direction="in",
          staff_id=ctx.office_staff, summary="Called with a concern.", mood=rng.choice(("worried", "upset", "angry")),
          concern_id=kid)
    if resolved:
        due = resolved.date() + dt.timedelta(days=7)
        done = due < ctx.today
        w.add(FollowUp, customer_id=cid, due_on=due, reason="Call to make sure the fix held.",
              source="concern_resolved", concern_id=kid, assigned_to_id=ctx.office_staff,
              created_at=resolved, done_at=ctx.at(due, 11) if done else None,
              outcome="She says it's fine now; thanked us for calling." if done else "")


def goals(ctx: Context, cid: int, items: list[tuple[str, str]], when: dt.datetime) -> None:
    for kind, text in items:
        ctx.writer.add(CustomerGoal, customer_id=cid, kind=kind, text=text, recorded_at=when)


def what_matters(ctx: Context, cid: int, kind: str, words: str, when: dt.datetime, technician: int | None = None) -> None:
    ctx.writer.add(WhatMatters, customer_id=cid, kind=kind, words=words, technician_id=technician, recorded_at=when)


def fit_check(answers: tuple[bool, ...]) -> str:
    return json.dumps(dict(zip(DEFAULT_VALUES, answers)))
