"""Projects as milestones laid end to end; a delay moves the rest of the plan and keeps the old one as a baseline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from servicedesk.core.demo.context import Context
from servicedesk.core.store.models import Milestone, MilestoneBaseline, Project

POOL_BUILD = (("Design and contract", 10), ("Permit", 14), ("Excavation", 3), ("Steel", 4),
              ("Plumbing and electrical", 5), ("Gunite", 3), ("Tile and coping", 6), ("Plaster", 2),
              ("Fill and startup", 4))
WATER_DAMAGE = (("Emergency water extraction", 1), ("Drying equipment set up", 4), ("Moisture readings", 7),
                ("Drywall and flooring rebuild", 10), ("Final walkthrough", 1))


@dataclass
class Delay:
    """Milestone ``index`` finishes ``days`` later than planned, for a reason told to the customer."""

    index: int
    days: int
    reason: str  # customer-facing, plain language
    waiting_on: str = ""
    note: str = ""  # the office's note on the baseline
    fields: dict = field(default_factory=dict)


def build(ctx: Context, cid: int, site: int, name: str, lead: int, steps, start: dt.date,
          delay: Delay | None = None, waiting: tuple[int, str] | None = None, gap: int = 1) -> int:
    """Lay ``steps`` (name, working days) from ``start``; statuses follow today's date.

    ``waiting`` = (index, decision needed from the customer).
    """
    w = ctx.writer
    plan, day = [], start
    for label, days in steps:
        plan.append([label, day, day + dt.timedelta(days=days - 1)])
        day += dt.timedelta(days=days + gap)
    target = plan[-1][2] + dt.timedelta(days=delay.days if delay else 0)
    status = "completed" if target < ctx.today else "active"
    pid = w.add(Project, customer_id=cid, site_id=site, name=name, lead_id=lead, starts_on=start,
                target_on=target, status=status)
    for position, (label, p_start, p_end) in enumerate(plan):
        row = dict(project_id=pid, position=position, name=label, planned_start=p_start, planned_end=p_end)
        moved = delay is not None and position >= delay.index
        if moved:
            shift = dt.timedelta(days=delay.days)
            if position > delay.index:  # moved by the delay: the letter says why, as the clarity check asks
                row.update(planned_start=p_start + shift, planned_end=p_end + shift, revised_end=p_end + shift,
                           delay_reason=f"Follows {plan[delay.index][0].lower()}, which moved back "
                                        f"{delay.days} days.")
        if row["planned_end"] < ctx.today and not (moved and position == delay.index):
            row.update(status="done", actual_start=row["planned_start"], actual_end=row["planned_end"])
        elif row["planned_start"] <= ctx.today:
            row.update(status="in_progress", actual_start=row["planned_start"])
        if delay is not None and position == delay.index:
            row.update(status="delayed", delay_reason=delay.reason, waiting_on=delay.waiting_on,
                       revised_end=p_end + dt.timedelta(days=delay.days), **delay.fields)
        if waiting is not None and position == waiting[0]:
            row.update(status="waiting", waiting_on="customer_decision", decision_needed=waiting[1])
        mid = w.add(Milestone, **row)
        if moved:
            w.add(MilestoneBaseline, milestone_id=mid, planned_start=p_start, planned_end=p_end, note=delay.note,
                  recorded_at=ctx.at(ctx.days_ago(2), 16, 20))
    return pid
