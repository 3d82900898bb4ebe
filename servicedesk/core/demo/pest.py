"""Pest control: Dorothy Finch of Finch's Gifts, who asked one question when she signed up.

"Are you the one doing the service?" Ray said yes. Two months later Ray left; Kevin promised to
be her technician from then on; then Kevin was sick, then on vacation, and four different
technicians did her last ten monthly services.
"""

from __future__ import annotations

import datetime as dt

from servicedesk.core.demo import history, names, staff
from servicedesk.core.demo.context import Context, nth_weekday
from servicedesk.core.store.models import Concern, FollowUp, Interaction, Staff, WhatMatters

DOROTHY = names.Person(
    name="Dorothy Finch", sort_name="finch, dorothy", salutation="Dear Dorothy",
    email="dorothy@finchsgifts.example.com", phone="(512) 555-0142", phone_e164="+15125550142",
    street="214 Main Street", city="Riverton", postcode="78701",
)
HER_WORDS = "Are you the one doing the service?"
CONCERN_WORDS = ("Every month it's a stranger poking around my stockroom. I have to stop serving my customers "
                 "and show each new one where the traps are. I signed up because Ray said he'd be the one coming.")
# Who did each of her ten monthly services, and why it was not the technician she was promised.
ORDER = ("ray", "ray", "kevin", "tanya", "marcus", "kevin", "kevin", "tanya", "kevin", "marcus")


def second_tuesdays_before(last: dt.date, count: int) -> list[dt.date]:
    days, year, month = [], last.year, last.month
    while len(days) < count:
        day = nth_weekday(year, month, 1, 2)
        if day <= last:
            days.append(day)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(days)


def her_days(ctx: Context) -> list[dt.date]:
    """Her ten monthly services so far (second Tuesdays, the last at least five days ago)."""
    return second_tuesdays_before(ctx.today - dt.timedelta(days=5), len(ORDER))


def story_staff(ctx: Context) -> None:
    """Ray left the company; Kevin was sick one service day and on vacation the next month."""
    ray, kevin = ctx.techs["pest"][:2]
    visits = her_days(ctx)
    ctx.writer.change(Staff, ray, active=False, left_on=visits[1] + dt.timedelta(days=12))
    ctx.techs["pest"].remove(ray)
    staff.time_off(ctx, kevin, visits[3], 1, "sick", "Flu")
    staff.time_off(ctx, kevin, visits[4] - dt.timedelta(days=visits[4].weekday()), 5, "vacation", "Family trip")


def dorothy(ctx: Context) -> int:
    ray = next(sid for sid, name in ctx.names.items() if name == "Ray Delgado")
    kevin, tanya, marcus = ctx.techs["pest"][:3]
    who = {"ray": ray, "kevin": kevin, "tanya": tanya, "marcus": marcus}
    visits = her_days(ctx)
    inspection = visits[0] - dt.timedelta(days=8)
    reasons = {
        1: "",
        2: "Ray Delgado left the company; Kevin Marsh takes over the route.",
        3: "Kevin Marsh called in sick.",
        4: "Kevin Marsh was on vacation.",
        7: "Kevin Marsh was sent to an emergency commercial call.",
        9: "Kevin Marsh was moved to the north route that week.",
    }

    def assign(index, day):
        """(who went, who was planned, why they differ)."""
        if index >= len(ORDER):
            return None, kevin, ""
        planned = ray if index <= 2 else kevin
        chosen = who[ORDER[index]]
        return chosen, planned, reasons.get(index, "") if chosen != planned else ""

    cid, site = history.customer(
        ctx, "pest", person=DOROTHY, company="Finch's Gifts", status="active", since=inspection,
        technician=kevin, ordinary=False, best_time="before 10 am, before the shop opens",
        access="Front door on Main Street; the stockroom is through the door behind the counter.",
        notes="Gift shop. Mouse problem in the back stockroom. Shop is open 10-6; come through the front.",
    )
    # Ray sold the plan; his visits went to Kevin when he left.
    history.service_plan(ctx, cid, site, "pest", kevin, visits[0], "active", weekday=1, nth=2, hour=9,
                         assign=assign)
    history.visit(ctx, cid, site, "pest", ray, ctx.at(inspection, 10), 60, "Initial inspection")
    # Ray's name on her wish, until Ray left and Kevin took her over (the first one kept in her history)
    ctx.writer.add(WhatMatters, customer_id=cid, kind="same_technician", words=HER_WORDS, technician_id=ray,
                   recorded_at=ctx.at(inspection, 11), active=False)
    history.what_matters(ctx, cid, "same_technician", HER_WORDS, ctx.at(visits[2], 8), technician=kevin)
    _her_calls(ctx, cid, inspection, visits, ray, kevin)
    return cid


def _her_calls(ctx: Context, cid: int, inspection: dt.date, visits: list[dt.date], ray: int, kevin: int) -> None:
    w, office = ctx.writer, ctx.office_staff
    calls = (
        (ctx.at(inspection - dt.timedelta(days=2), 10, 5), "phone", "in", office, "worried",
         "Called about mice in the back stockroom of her gift shop; booked an inspection."),
        (ctx.at(inspection, 11), "visit", "in", ray, "happy",
         "Ray inspected and proposed the monthly plan. Her only question: \"Are you the one doing the service?\" "
         "Ray said yes and she signed."),
        (ctx.at(visits[2], 10, 30), "visit", "in", kevin, "upset",
         "Kevin introduced himself; she was visibly upset that Ray had gone. Kevin promised he'd be her technician from now on."),
        (ctx.at(visits[4], 15, 10), "phone", "in", office, "upset",
         "Asked why a third person came. She had to show him where the traps are."),
        (ctx.at(visits[7], 14), "phone", "in", office, "worried", "Asked whether Kevin is still her technician."),
    )
    for when, channel, direction, who, mood, summary in calls:
        w.add(Interaction, customer_id=cid, occurred_at=when, channel=channel, direction=direction,
              staff_id=who, summary=summary, mood=mood)
    raised = ctx.at(visits[-1], 16, 40)
    kid = w.add(Concern, customer_id=cid, raised_at=raised, channel="phone", words=CONCERN_WORDS,
                category="technician_change", severity="high")
    w.add(Interaction, customer_id=cid, occurred_at=raised, channel="phone", direction="in", staff_id=office,
          summary="Called after today's service: another new technician. Asked for the manager to call her back.",
          mood="upset", concern_id=kid)
    w.add(FollowUp, customer_id=cid, due_on=visits[-1] + dt.timedelta(days=2), concern_id=kid,
          reason="Call Dorothy back about who will do her service from now on.", source="technician_change",
          assigned_to_id=office, created_at=raised)


def build(ctx: Context, count: int) -> list[int]:
    """Dorothy and ``count - 1`` ordinary pest-control customers."""
    ids = [dorothy(ctx)]
    for i in range(max(0, count - 1)):
        cancelled = dict(status="cancelled", cancel_reason="Moved the shop to Austin; thanked us for the years of service.")
        ids.append(history.customer(ctx, "pest", **(cancelled if i == 0 else {}))[0])
    return ids
