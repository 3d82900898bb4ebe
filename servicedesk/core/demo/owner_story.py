"""The owner's year in the story office: what the monthly report has to tell.

A year of health history (kept since the demo's history begins): Dorothy going onto the at-risk
list the day her third technician came, and staying there. Three ordinary customers who cancelled
last month: one the office was warned about for weeks (a complaint nobody answered in time),
one who had been on the list and come off it, and one who left without warning. Change notices
for the year's technician changes: most sent the day before, a few late, and Dorothy's never.

Chooses the leavers before the rows are written (``leave``) and writes the rest after (``build``),
with random sources of its own, so the rest of the demo office is the same with or without it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass

from servicedesk.core import formatting
from servicedesk.core.demo import pest
from servicedesk.core.demo.context import Context
from servicedesk.core.services import health_history
from servicedesk.core.services.health_rules import day_words
from servicedesk.core.services.reports.period import Month
from servicedesk.core.store import database
from servicedesk.core.store.models import (
    Concern,
    Customer,
    Draft,
    FollowUp,
    HealthChange,
    Interaction,
    PestApplication,
    Project,
    ServicePlan,
    Setting,
    Visit,
    VisitChange,
    WhatMatters,
)

LEAVERS = (
    # trade, day of last month, their words, the complaint (category, words) or None
    ("cleaning", 6, "The last three cleans were rushed and nobody called me back when I complained. "
                    "I've found someone else.",
     ("service_quality", "The kitchen was left wet again and the bathrooms were skipped. Third time now.")),
    ("pest", 17, "Your prices went up again; we found a cheaper company.",
     ("billing", "The invoice is higher than what we agreed on the phone.")),
    ("pool", 24, "We sold the house and are moving to Austin.", None),
)


def _day(month: Month, day: int) -> dt.date:
    return min(month.start + dt.timedelta(days=day - 1), month.end)


def _history(customer_id: int, when: dt.datetime, score: int, rules: str, reasons: str) -> None:
    HealthChange.create(customer=customer_id, changed_at=when, score=score, rules=rules, reasons=reasons)


def _dorothy(ctx: Context) -> None:
    """Her score through the year, as the health rules wrote it after each of her services."""
    found = Customer.get_or_none(Customer.name == pest.DOROTHY.name)
    if found is None:
        return
    visits = pest.her_days(ctx)
    same = "they said the same technician matters"
    upset = ctx.at(visits[2], 10, 30)

    def seen(when: dt.datetime) -> str:
        """“3 technicians in their last 5 visits” as it stood then (the inspection was Ray's first visit)."""
        done = [who for day, who in zip(visits, pest.ORDER) if ctx.at(day, 9) <= when]
        return f"{len(set(done))} technicians in their last {len(done) + 1} visits; {same}"

    later = ctx.at(visits[4], 15, 10) + dt.timedelta(days=61)  # the upset call leaves the mood's 60 days
    worried = ctx.at(visits[7], 14)
    steps = (
        (ctx.at(visits[2], 11), 75, "continuity,mood", f"{seen(ctx.at(visits[2], 11))}; upset at a visit on "
                                                       f"{day_words(upset)}"),
        (ctx.at(visits[3], 12), 50, "continuity,mood", f"{seen(ctx.at(visits[3], 12))}; upset at a visit on "
                                                       f"{day_words(upset)}"),
        (later, 65, "continuity", seen(later)),
        (worried, 60, "continuity,mood", f"{seen(worried)}; worried on the phone on {day_words(worried)}"),
    )
    for when, score, rules, reasons in steps:
        if when < ctx.now:
            _history(found.id, when, score, rules, reasons)
    Customer.update(health_score=steps[-1][1]).where(Customer.id == found.id).execute()


def _buffered(ctx: Context, model) -> list[dict]:
    table = ctx.writer.tables[model]
    return [dict(zip(table.columns, row)) for row in table.rows]


def _candidates(ctx: Context, trade: str) -> list[int]:
    """Ordinary active customers of a trade on a plan, with nothing open that a cancellation would leave behind."""
    taken = set()
    for model in (Project, WhatMatters, Draft, Concern):
        taken |= {r["customer_id"] for r in _buffered(ctx, model)}
    taken |= {r["customer_id"] for r in _buffered(ctx, FollowUp) if r["done_at"] is None}
    planned = {r["customer_id"] for r in _buffered(ctx, ServicePlan) if r["active"]}
    return [r["id"] for r in _buffered(ctx, Customer) if r["trade"] == trade and r["status"] == "active"
            and not r["company"] and r["id"] in planned and r["id"] not in taken]


def _drop_after(ctx: Context, customer_id: int, day: dt.date) -> None:
    """What the demo wrote for a leaver after the day they left: their later visits and what hangs on them."""
    after = (day + dt.timedelta(days=1)).isoformat()
    visits = ctx.writer.tables[Visit]
    at = {c: visits.position[c] for c in ("id", "customer_id", "starts_at")}
    gone = {row[at["id"]] for row in visits.rows if row[at["customer_id"]] == customer_id
            and str(row[at["starts_at"]]) >= after}
    visits.rows = [row for row in visits.rows if row[at["id"]] not in gone]
    for model in (PestApplication, VisitChange, Draft):
        table = ctx.writer.tables[model]
        table.rows = [row for row in table.rows if row[table.position["visit_id"]] not in gone]
    for model, column in ((Interaction, "occurred_at"), (FollowUp, "due_on")):
        table = ctx.writer.tables[model]
        table.rows = [row for row in table.rows if row[table.position["customer_id"]] != customer_id
                      or str(row[table.position[column]]) < after]


@dataclass(frozen=True)
class Leaver:
    customer_id: int
    trade: str
    day: dt.date
    words: str
    complaint: tuple[str, str] | None


def leave(ctx: Context, trades: list[str], seed: int) -> list[Leaver]:
    """Before the rows are written: who leaves last month, and nothing of theirs after the day they left.

    Their later visits are never written rather than deleted afterwards: a visit with a pesticide
    application is kept for years, and the database refuses to delete it.
    """
    rng = random.Random(f"owner's year {seed}")
    month = Month.of(ctx.today).previous()
    out = []
    for trade, day_of_month, words, complaint in LEAVERS:
        found = _candidates(ctx, trade) if trade in trades else []
        if not found:
            continue
        leaver = Leaver(rng.choice(found), trade, _day(month, day_of_month), words, complaint)
        _drop_after(ctx, leaver.customer_id, leaver.day)
        out.append(leaver)
    return out


def _cancel(customer_id: int, day: dt.date, words: str) -> None:
    Customer.update(status="cancelled", cancel_reason=words, cancelled_on=day).where(
        Customer.id == customer_id).execute()
    ServicePlan.update(active=False, ends_on=day, generated_until=day).where(
        ServicePlan.customer == customer_id).execute()


def _complaint(ctx: Context, customer_id: int, day: dt.date, category: str, words: str, foreseen: bool) -> None:
    """The complaint before they left, and the at-risk stretch it caused."""
    office = ctx.office_staff
    if foreseen:  # nobody answered for two weeks; the call back owed went overdue; they left on the list
        raised, acked, fixed = (ctx.at(day - dt.timedelta(days=38), 10), ctx.at(day - dt.timedelta(days=20), 16),
                                ctx.at(day, 11))
    else:  # answered late, resolved, off the list seven weeks before they cancelled
        raised, acked, fixed = (ctx.at(day - dt.timedelta(days=73), 9), ctx.at(day - dt.timedelta(days=60), 15),
                                ctx.at(day - dt.timedelta(days=52), 12))
    concern = Concern.create(customer=customer_id, raised_at=raised, channel="phone", words=words, category=category,
                             severity="high", acknowledged_at=acked, acknowledged_by=office,
                             resolution="Refunded the last visit and apologised." if foreseen
                             else "Corrected the invoice to the agreed price.", resolved_at=fixed)
    mood = "angry" if foreseen else "upset"
    Interaction.create(customer=customer_id, occurred_at=raised, channel="phone", direction="in", staff=office,
                       summary="Called with a complaint.", mood=mood, concern=concern)
    heard = f"{mood} on the phone on {day_words(raised)}"
    about = "service quality" if category == "service_quality" else category
    if foreseen:
        due = day - dt.timedelta(days=24)
        FollowUp.create(customer=customer_id, due_on=due, reason="Call back about the complaint.", source="manual",
                        assigned_to=office, created_at=raised, done_at=ctx.at(day, 11),
                        outcome="She told us she is leaving.")
        _history(customer_id, raised + dt.timedelta(days=2), 55, "concerns,mood",
                 f"concern about {about} open 2 days, not acknowledged; {heard}")
        _history(customer_id, acked, 60, "concerns,mood,follow_ups",
                 f"concern about {about} open 18 days, not resolved; {heard}; follow-up 4 days overdue: "
                 "Call back about the complaint.")
    else:
        _history(customer_id, raised + dt.timedelta(days=3), 55, "concerns,mood",
                 f"concern about {about} open 3 days, not acknowledged; {heard}")
        _history(customer_id, fixed, 85, "mood", heard)


def _leavers(ctx: Context, leavers: list[Leaver]) -> None:
    for leaver in leavers:
        if leaver.complaint is not None:
            _complaint(ctx, leaver.customer_id, leaver.day, *leaver.complaint, foreseen=leaver.trade == "cleaning")
        _cancel(leaver.customer_id, leaver.day, leaver.words)


def _notices(ctx: Context, rng: random.Random) -> None:
    """A change notice for each technician change of the past year: how each one went out."""
    dorothy = Customer.get_or_none(Customer.name == pest.DOROTHY.name)
    rows = database.execute_sql(
        "SELECT vc.visit_id, v.customer_id, v.starts_at, v.service_type, c.preferred_channel FROM visit_change vc"
        " JOIN visit v ON v.id = vc.visit_id JOIN customer c ON c.id = v.customer_id"
        " WHERE v.status = 'completed' AND v.starts_at >= ? AND v.starts_at < ?"
        " AND NOT EXISTS (SELECT 1 FROM draft d WHERE d.visit_id = v.id) ORDER BY v.starts_at, vc.id",
        (dt.datetime.combine(ctx.history_start, dt.time()), ctx.now)).fetchall()
    for visit_id, customer_id, starts, service, channel in rows:
        starts = starts if isinstance(starts, dt.datetime) else dt.datetime.fromisoformat(str(starts))
        subject = f"Change to your visit on {formatting.format_weekday(starts)}"
        made = starts - dt.timedelta(days=1, hours=3)
        if dorothy is not None and customer_id == dorothy.id:
            Draft.create(customer=customer_id, template="change_notice", subject=subject, body=subject,
                         status="discarded", visit=visit_id, created_at=made)  # nobody told her
            continue
        chance = rng.random()
        sent = made + dt.timedelta(hours=2) if chance < 0.8 else (
            starts + dt.timedelta(hours=3) if chance < 0.9 else None)
        Draft.create(customer=customer_id, template="change_notice", subject=subject, body=subject,
                     status="sent" if sent else "discarded", visit=visit_id, created_at=made, sent_at=sent)
        if sent is not None:
            Interaction.create(customer=customer_id, occurred_at=sent, channel="email" if channel == "email" else "phone",
                               direction="out", staff=ctx.office_staff, summary=f"Sent: {subject}", visit=visit_id)


def build(ctx: Context, trades: list[str], seed: int, leavers: list[Leaver]) -> None:
    """After the rows are written: the year's health history, the leavers' complaints and the notices."""
    rng = random.Random(f"owner's notices {seed}")
    Setting.insert(key=health_history.SINCE_KEY,
                   value=json.dumps(ctx.at(ctx.history_start, 8).isoformat(" "))).on_conflict(
        conflict_target=[Setting.key], preserve=[Setting.value]).execute()
    if "pest" in trades:
        _dorothy(ctx)
    _leavers(ctx, leavers)
    _notices(ctx, rng)
