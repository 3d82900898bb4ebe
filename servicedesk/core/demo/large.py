"""The large office: the story office, then many more ordinary customers over five years.

About a fifth of the customers are on a recurring plan; the rest book one-off visits. Pool and
restoration customers now and then have a project, most of them finished long ago.
"""

from __future__ import annotations

import datetime as dt
import random

from servicedesk.core.demo import history, office_story, projects
from servicedesk.core.demo.rows import Writer

YEARS = 5
PLAN_SHARE = 0.2
PLAN_YEARS = 2.7  # customers moved to a plan at some point in the last few years
PROJECTS = {"pool": (0.05, projects.POOL_BUILD, "Backyard pool"),
            "cleaning": (0.03, projects.WATER_DAMAGE, "Water-damage restoration")}


def build(rng: random.Random, trade: str, customers: int, writer: Writer | None = None) -> Writer:
    technicians = max(10, min(50, customers // 2000))
    ctx = office_story.build(rng, trade, None, years=YEARS, technicians=technicians, writer=writer)
    ctx.plan_share, ctx.plan_years, ctx.large = PLAN_SHARE, PLAN_YEARS, True
    trades = list(office_story.TRADES) if trade == "all" else [trade]
    for i in range(customers - office_story.DEFAULT_CUSTOMERS):
        kind = trades[i % len(trades)]
        cid, site = history.customer(ctx, kind)
        if kind in PROJECTS and rng.random() < PROJECTS[kind][0]:
            share, steps, name = PROJECTS[kind]
            start = ctx.today - dt.timedelta(days=rng.randrange(20, 365 * YEARS))
            projects.build(ctx, cid, site, name, ctx.leads[kind], steps, start)
    return ctx.writer
