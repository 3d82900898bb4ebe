"""Projects as milestones laid end to end, each following the one before; a delay moves the steps after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from servicedesk.core.demo.context import Context
from servicedesk.core.store.models import Milestone, MilestoneDependency, Project

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
    previous = cause = None
    for position, (label, p_start, p_end) in enumerate(plan):
        row = dict(project_id=pid, position=position, name=label, planned_start=p_start, planned_end=p_end)
        start, end = p_start, p_end
        if delay is not None and position > delay.index:  # moved by the delay's slip: the letter says why once
            shift = dt.timedelta(days=delay.days)
            start, end = p_start + shift, p_end + shift
            row.update(revised_start=start, revised_end=end, moved_by_id=cause)
        if end < ctx.today and not (delay is not None and position == delay.index):
            row.update(status="done", actual_start=start, actual_end=end, revised_start=None, revised_end=None,
                       moved_by_id=None)
        elif start <= ctx.today:
            row.update(status="in_progress", actual_start=start, revised_start=None)
        if delay is not None and position == delay.index:
            row.update(status="delayed", delay_reason=delay.reason, waiting_on=delay.waiting_on,
                       revised_end=p_end + dt.timedelta(days=delay.days), **delay.fields)
            if not row.get("actual_start"):  # not begun: it starts later by the same days
                row["revised_start"] = p_start + dt.timedelta(days=delay.days)
        if waiting is not None and position == waiting[0]:
            row.update(status="waiting", waiting_on="customer_decision", decision_needed=waiting[1])
        mid = w.add(Milestone, **row)
        if delay is not None and position == delay.index:
            cause = mid
        if previous is not None:
            w.add(MilestoneDependency, milestone_id=mid, depends_on_id=previous, kind="finish_to_start")
        previous = mid
    return pid
