"""Pool builder: three builds under way (one held up by the county, one waiting on the customer) and weekly routes."""

from __future__ import annotations

import datetime as dt

from servicedesk.core import formatting
from servicedesk.core.demo import history, names, projects
from servicedesk.core.demo.context import Context
from servicedesk.core.demo.projects import POOL_BUILD, Delay
from servicedesk.core.store.models import Concern, FollowUp, Interaction

INSPECTION_DELAY = Delay(
    index=4, days=7, waiting_on="inspection",
    reason=("The county moved our plumbing pressure inspection from Tuesday to next Tuesday. "
            "We can't spray the gunite shell until the inspector signs off, so gunite and everything "
            "after it moves back one week."),
)
COPING_LEAD_DAYS = 10
COPING_STEP = 6  # tile and coping


def coping_decision(build_start: dt.date) -> str:
    """The choice asked of the Nguyens, by a day that leaves the stone's ten days to arrive."""
    tile_starts = build_start + dt.timedelta(days=_days_before(POOL_BUILD, COPING_STEP, 0))
    by = tile_starts - dt.timedelta(days=COPING_LEAD_DAYS + 1)
    return ("Please choose the coping stone: Ivory travertine or Desert Buff flagstone. "
            f"We need your choice by {formatting.format_weekday(by, locale='en_US')} to order it; "
            f"it takes ten days to arrive.")


def _days_before(steps, index: int, into: int, gap: int = 1) -> int:
    """How many days ago a build started if milestone ``index`` began ``into`` days ago."""
    return sum(days + gap for _, days in steps[:index]) + into


def builds(ctx: Context) -> list[int]:
    lead = ctx.leads["pool"]
    rng = ctx.rng
    stories = (
        # customer, project, milestone under way and how far into it, what is special
        (("Ana", "Hernandez"), "Hernandez backyard pool", 4, 6, dict(delay=INSPECTION_DELAY)),
        (("Michael", "Nguyen"), "Nguyen pool and spa", 3, 1, dict(waiting=(COPING_STEP, coping_decision))),
        (("Priya", "Patel"), "Patel lap pool", 1, 5, {}),
    )
    ids = []
    for (first, last), name, index, into, special in stories:
        start = ctx.today - dt.timedelta(days=_days_before(POOL_BUILD, index, into))
        since = start - dt.timedelta(days=21)
        cid, site = history.customer(ctx, "pool", person=names.person(rng, first, last), status="active",
                                     since=since, ordinary=False,
                                     notes=f"Pool build. Project lead: {ctx.names[lead]}.")
        if "waiting" in special:
            step, ask = special["waiting"]
            special = dict(special, waiting=(step, ask(start)))
        pid = projects.build(ctx, cid, site, name, lead, POOL_BUILD, start, **special)
        ids.append(cid)
        ctx.writer.add(Interaction, customer_id=cid, occurred_at=ctx.at(start - dt.timedelta(days=3), 17),
                       channel="letter", direction="out", staff_id=lead, mood="happy",
                       summary="Welcome letter with the build schedule and Dana's direct number.")
        if "delay" in special:
            _where_are_we(ctx, cid, pid, lead)
    return ids


def _where_are_we(ctx: Context, cid: int, pid: int, lead: int) -> None:
    """Ana asked 'where are we?'; Dana called back the same day and explained the inspection."""
    w = ctx.writer
    raised = ctx.now - dt.timedelta(days=3, hours=2)
    kid = w.add(Concern, customer_id=cid, raised_at=raised, channel="phone", project_id=pid,
                words="Nobody has been here all week. Where are we with the pool?", category="timeline",
                severity="medium", acknowledged_at=raised + dt.timedelta(hours=3), acknowledged_by_id=lead)
    w.add(Interaction, customer_id=cid, occurred_at=raised, channel="phone", direction="in",
          staff_id=ctx.office_staff, summary="Asked why nobody has been on site this week.", mood="worried",
          concern_id=kid)
    w.add(Interaction, customer_id=cid, occurred_at=raised + dt.timedelta(hours=3), channel="phone",
          direction="out", staff_id=lead, mood="neutral", concern_id=kid,
          summary="Dana explained the county moved the plumbing inspection; promised a call the day it passes.")
    w.add(FollowUp, customer_id=cid, due_on=ctx.today, concern_id=kid, assigned_to_id=lead, source="manual",
          reason="Call Ana with the new inspection result and the gunite date.", created_at=raised)


def build(ctx: Context, count: int) -> list[int]:
    """Three builds and ``count - 3`` customers on weekly service."""
    ids = builds(ctx)
    forced = ("paused", "active", "prospect")
    for i in range(max(0, count - len(ids))):
        notes = "Paused for the winter; restart in March." if i == 0 else ""
        ids.append(history.customer(ctx, "pool", status=forced[i] if i < len(forced) else None, notes=notes)[0])
    return ids
