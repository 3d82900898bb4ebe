"""Cleaning and restoration: a dental office that told us its goals, a flooded basement, a prospect we checked for fit."""

from __future__ import annotations

import datetime as dt

from servicedesk.core.demo import history, names, projects
from servicedesk.core.demo.context import Context
from servicedesk.core.demo.projects import WATER_DAMAGE
from servicedesk.core.store.models import Contact, Interaction

HARBOR_GOALS = [
    ("goal", "Patients walk into a spotless waiting room every morning."),
    ("goal", "Pass the state health inspection in the spring without a single note."),
    ("challenge", "Patients arrive from 7:30; the crew must be gone by 7."),
    ("challenge", "Sterilisation room must not be touched: only the clinic's own staff clean it."),
    ("expect_when", "Every other Thursday from 6 pm, finished by 9 pm."),
    ("expect_includes", "Waiting room, four treatment rooms (floors and surfaces), restrooms, break room, trash and recycling."),
    ("expect_excludes", "Sterilisation room, carpet shampoo and exterior windows (quoted separately)."),
]
PROSPECT_GOALS = [
    ("goal", "One company for all twelve rental units' move-out cleans."),
    ("challenge", "Move-outs are booked with two days' notice."),
    ("expect_when", "Within 48 hours of a tenant moving out."),
]


def harbor_dental(ctx: Context) -> int:
    rng = ctx.rng
    since = ctx.today - dt.timedelta(days=300)
    person = names.person(rng, "Priya", "Raman")
    cid, site = history.customer(ctx, "cleaning", person=person, company="Harbor Point Dental", status="active",
                                 since=since, ordinary=False, fit=(True, True, True, True),
                                 fit_note="Dr. Raman wants a long-term partner and put what is and isn't included "
                                          "in writing with us.",
                                 notes="Dental practice, 6 chairs. Alarm code from the office manager.")
    history.service_plan(ctx, cid, site, "cleaning", ctx.techs["cleaning"][0], since, "active", weekday=3, hour=18)
    history.life(ctx, cid, since, "active", ctx.techs["cleaning"][0])
    history.goals(ctx, cid, HARBOR_GOALS, ctx.at(since, 10))
    ctx.writer.add(Contact, customer_id=cid, name="Linda Ross", role="Office manager", phone="(512) 555-0187",
                   phone_e164="+15125550187", email="linda@harborpointdental.example.com", is_primary=True)
    history.what_matters(ctx, cid, "time_window", "After 6 pm only, the office is full of patients before that.",
                         ctx.at(since, 10))
    return cid


def prospect(ctx: Context) -> int:
    person = names.person(ctx.rng, "Gary", "Holt")
    since = ctx.today - dt.timedelta(days=6)
    cid, _ = history.customer(ctx, "cleaning", person=person, company="Holt Rentals", status="prospect",
                              since=since, ordinary=False, notes="Twelve rental units; asked for a quote.",
                              fit=(False, True, False, True),
                              fit_note="Wants the lowest price per clean and shops around each time; "
                                       "told us our crew 'works for him' on site.")
    history.goals(ctx, cid, PROSPECT_GOALS, ctx.at(since, 11))
    ctx.writer.add(Interaction, customer_id=cid, occurred_at=ctx.at(since, 11), channel="phone", direction="in",
                   staff_id=ctx.office_staff, mood="neutral", summary="Asked for a quote for move-out cleans.")
    return cid


def restoration(ctx: Context) -> int:
    person = names.person(ctx.rng, "Robert", "Carver")
    start = ctx.today - dt.timedelta(days=9)
    cid, site = history.customer(ctx, "cleaning", person=person, status="active", since=start, ordinary=False,
                                 notes="Basement flooded by a burst water heater. Insurance claim with State Mutual.")
    projects.build(ctx, cid, site, "Basement water-damage restoration", ctx.leads["cleaning"], WATER_DAMAGE, start, gap=0)
    ctx.writer.add(Interaction, customer_id=cid, occurred_at=ctx.at(start, 6, 40), channel="phone", direction="in",
                   staff_id=ctx.office_staff, mood="worried",
                   summary="Emergency call: water heater burst overnight, two inches of water in the basement.")
    crew = ctx.techs["cleaning"][1 % len(ctx.techs["cleaning"])]
    history.visit(ctx, cid, site, "cleaning", crew, ctx.at(start, 8), 240, "Emergency water extraction", may_fail=False,
                  work="Extracted standing water, moved the furniture upstairs, set up four air movers and a dehumidifier.")
    for day in range(2, 14, 2):  # moisture readings every other day until the walls are dry
        history.visit(ctx, cid, site, "cleaning", crew, ctx.at(start + dt.timedelta(days=day), 9), 45,
                      "Moisture readings", may_fail=False,
                      work="Took readings in the drywall and subfloor; still drying, the equipment stays on.")
    return cid


def build(ctx: Context, count: int) -> list[int]:
    ids = [harbor_dental(ctx), restoration(ctx), prospect(ctx)]
    for i in range(max(0, count - len(ids))):
        commercial = ctx.rng.random() < 0.5
        ids.append(history.customer(ctx, "cleaning", company=names.company(ctx.rng) if commercial else "",
                                    status="paused" if i == 0 else None)[0])
    return ids
