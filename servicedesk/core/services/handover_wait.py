"""Waiting for the customer's own technician, when the absence ends, instead of sending a stand-in.

A customer who said the same technician matters, whose own technician is away (time off with a last
day: a vacation, a sick leave), is usually better served by keeping them than by a stranger on the
planned day. Each of their visits in the absence moves to the first day after the technician is back
on which the technician is free and that suits what the customer said (the plan's window and their own
words, "Tuesdays only, not before 9": ``matters_check``, the rule Assign reads), at the visit's own time
first, then at the other times the plan's window allows, every half hour; a weekend day only for a visit
already on a weekend (as Assign proposes days).

It is proposed only within a reasonable delay: no visit moves by more than the customer's usual
interval (their plan's: a week for a weekly plan, N weeks for every N weeks, four weeks a month) and
never by more than ``AT_MOST_DAYS``, and each lands on a day before their next visit that stays where it
is. Either every visit of the absence can wait, or the customer is proposed a stand-in as before.
Several customers waiting for the same technician get their days in the order of their visits, no
time given twice. Someone leaving for good has no return to wait for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, formatting
from servicedesk.core.services.health_rules import day_words
from servicedesk.core.store.models import Handover, HandoverItem, ServicePlan, Staff, Visit

AT_MOST_DAYS = 28  # four weeks: longer than that, a stand-in is proposed
STEP = dt.timedelta(minutes=30)  # the other start times tried within the plan's window
ACTIVE = ("scheduled", "confirmed")


@dataclass(frozen=True)
class Move:
    visit_id: int
    was: dt.datetime
    to: dt.datetime


@dataclass(frozen=True)
class Wait:
    """Keeping the customer's technician: where each visit of the absence goes."""

    technician_id: int
    technician: str
    back_on: dt.date  # the first day after the absence
    moves: tuple[Move, ...]

    @property
    def first(self) -> dt.datetime:
        return self.moves[0].to

    @property
    def later_by(self) -> int:
        """The most days any visit moves."""
        return max((m.to.date() - m.was.date()).days for m in self.moves)

    @property
    def what(self) -> str:
        return "the visit" if len(self.moves) == 1 else f"the {len(self.moves)} visits"

    def slots(self) -> str:
        return " and ".join(formatting.format_moment(m.to) for m in self.moves)

    def describe(self) -> str:
        return f"Wait for {self.technician}: move {self.what} to {self.slots()} (after {self.technician} is back)"

    def why(self) -> str:
        n = self.later_by
        return f"{n} day{'s' if n != 1 else ''} later than planned"


def interval_days(plan: ServicePlan | None) -> int:
    """The customer's usual interval between visits of this plan, in days (the cap without a plan)."""
    if plan is None:
        return AT_MOST_DAYS
    n = max(1, plan.interval or 1)
    return 7 * n if plan.recurrence in ("weekly", "every_n_weeks") else 28 * n


def _times(v: Visit, plan: ServicePlan | None) -> list[dt.time]:
    """The visit's own time first, then every half hour the plan's window allows a visit to start."""
    own = v.starts_at.time()
    out = [own]
    if plan is not None and plan.window_start is not None and plan.window_end is not None:
        day = v.starts_at.date()
        at, last = dt.datetime.combine(day, plan.window_start), dt.datetime.combine(day, plan.window_end)
        while at <= last:
            if at.time() != own:
                out.append(at.time())
            at += STEP
    return out


def _waiting_customers(h: Handover) -> list[int]:
    """The customers not handed over yet whose own technician is the one away and who said that matters."""
    from servicedesk.core.services.scheduling import own_technician

    rows = HandoverItem.select(HandoverItem.customer).where((HandoverItem.handover == h.id)
                                                            & HandoverItem.confirmed_at.is_null())
    out = []
    for row in rows:
        own = own_technician(row.customer_id)
        if own.wants_same and own.id == h.staff_id:
            out.append(row.customer_id)
    return out


def options(h: Handover) -> dict[int, Wait | str]:
    """Each customer of the hand-over who can be offered to wait: the wait, or why it cannot be (plain words).

    Only an absence with a last day; only customers who said the same technician matters and whose own
    technician is the one away; customers with no visit of the absence left with them are not listed.
    """
    if h.kind != "away" or h.last_day is None:
        return {}
    from servicedesk.core.services import scheduling

    tech = Staff.get_by_id(h.staff_id)
    back_on = h.last_day + dt.timedelta(days=1)
    start = dt.datetime.combine(h.first_day, dt.time())
    end = dt.datetime.combine(back_on, dt.time())
    now = clock.now()
    visits: dict[int, list[Visit]] = {}
    for cid in _waiting_customers(h):
        moving = list(Visit.select().where((Visit.customer == cid) & (Visit.technician == h.staff_id)
                                           & Visit.status.in_(ACTIVE) & (Visit.starts_at >= max(start, now))
                                           & (Visit.starts_at < end)).order_by(Visit.starts_at, Visit.id))
        if moving:
            visits[cid] = moving
    taken: list[tuple[dt.datetime, dt.datetime]] = []  # given to a customer listed before
    out: dict[int, Wait | str] = {}
    for cid in sorted(visits, key=lambda c: (visits[c][0].starts_at, c)):
        moving = visits[cid]
        ids = [v.id for v in moving]
        moves: list[Move] = []
        why_not = ""
        for v in moving:
            plan = ServicePlan.get_or_none(ServicePlan.id == v.plan_id) if v.plan_id else None
            staying = (Visit.select(Visit.starts_at)
                       .where((Visit.customer == cid) & Visit.status.in_(ACTIVE) & Visit.id.not_in(ids)
                              & (Visit.starts_at > v.starts_at)).order_by(Visit.starts_at).first())
            delay = min(interval_days(plan), AT_MOST_DAYS)
            last = v.starts_at.date() + dt.timedelta(days=delay)
            if staying is not None:
                last = min(last, staying.starts_at.date() - dt.timedelta(days=1))
            day = max(back_on, now.date(), moves[-1].to.date() + dt.timedelta(days=1) if moves else back_on)
            found = scheduling.first_free(v, h.staff_id, v.ends_at - v.starts_at, day, last, _times(v, plan),
                                          v.starts_at.weekday() >= 5, later_than=now, taken=taken)
            if found is None:
                why_not = (f"{tech.name} has no time that suits them after being back, within {delay} days of "
                           f"the visit of {day_words(v.starts_at)}" + (" and before their next visit"
                                                                        if staying is not None else ""))
                break
            moves.append(Move(v.id, v.starts_at, found))
        if why_not:
            out[cid] = why_not
            continue
        taken.extend((m.to, m.to + (v.ends_at - v.starts_at)) for m, v in zip(moves, moving))
        out[cid] = Wait(h.staff_id, tech.name, back_on, tuple(moves))
    return out
