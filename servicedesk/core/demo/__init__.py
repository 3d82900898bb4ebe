"""A believable demo office: pool builder, pest control, cleaning and restoration.

``build()`` writes the story office (about sixty customers with the three trades' stories);
asking for more customers than that adds a large office around the same stories.
"""

from __future__ import annotations

import random
import time

from servicedesk.core import formatting
from servicedesk.core.store import transaction
from servicedesk.core.store.models import Customer, Interaction, Project, ServicePlan, Staff, Visit


def build(trade: str = "all", customers: int | None = None, seed: int = 7) -> str:
    """Write a demo office into the open database in one transaction; returns a one-line summary."""
    from servicedesk.core.demo import finish, large, office_story

    if trade not in ("all", *office_story.TRADES):
        raise ValueError(f"unknown trade: {trade}")
    if customers is not None and customers < 1:
        raise ValueError("the demo office needs at least one customer")
    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction():
        first = (Customer.select(Customer.id).order_by(Customer.id.desc()).scalar() or 0) + 1
        if customers is not None and customers > office_story.DEFAULT_CUSTOMERS:
            writer = large.build(rng, trade, customers)
        else:
            writer = office_story.build(rng, trade, customers).writer
        writer.flush()
        finish.finish(first)
    counts = {m.__name__: writer.count(m) for m in (Customer, Staff, ServicePlan, Visit, Interaction, Project)}
    n = {key: formatting.format_number(value) for key, value in counts.items()}
    return (f"{n['Customer']} customers, {n['Staff']} staff, {n['ServicePlan']} plans, "
            f"{n['Visit']} visits, {n['Interaction']} interactions, {n['Project']} projects "
            f"in {formatting.format_number(time.perf_counter() - started, 1)} s")
