"""A believable demo office: pool builder, pest control, cleaning and restoration.

``build()`` writes the story office (about sixty customers with the three trades' stories);
asking for more customers than that adds a large office around the same stories.
"""

from __future__ import annotations

import random
import time

from servicedesk.core import clock, formatting
from servicedesk.core.errors import ServiceError
from servicedesk.core.store import transaction
from servicedesk.core.store.models import Customer, Interaction, Project, ServicePlan, Staff, Visit


PREPARED_LIMIT = 20_000  # up to this many customers every row is prepared before the write begins


def build(trade: str = "all", customers: int | None = None, seed: int = 7) -> str:
    """Write a demo office into the open database in one transaction; returns a one-line summary.

    An office of up to ``PREPARED_LIMIT`` customers is prepared in memory first, so the write
    transaction (which makes the window and other programs wait) holds only the inserts and the
    summary columns; a larger one is written in chunks as it is made, still in one transaction.
    """
    from servicedesk.core.demo import finish, large, office_story
    from servicedesk.core.demo.rows import Writer

    if trade not in ("all", *office_story.TRADES):
        raise ValueError(f"unknown trade: {trade}")
    if customers is not None and customers < 1:
        raise ValueError("the demo office needs at least one customer")
    started = time.perf_counter()
    rng = random.Random(seed)
    large_office = customers is not None and customers > office_story.DEFAULT_CUSTOMERS

    def prepare(writer: Writer) -> Writer:
        if large_office:
            return large.build(rng, trade, customers, writer)
        return office_story.build(rng, trade, customers, writer=writer).writer

    if large_office and customers > PREPARED_LIMIT:
        with transaction():
            writer = prepare(Writer(clock.now()))
            _write(writer, trade, finish, office_story)
    else:
        writer = prepare(Writer(clock.now(), chunk=None))
        with transaction():
            if not writer.claim_ids():
                raise ServiceError("The office changed while the demo was being prepared: nothing was written. "
                                   "Run it again.")
            _write(writer, trade, finish, office_story)
    counts = {m.__name__: writer.count(m) for m in (Customer, Staff, ServicePlan, Visit, Interaction, Project)}
    n = {key: formatting.format_number(value) for key, value in counts.items()}
    return (f"{n['Customer']} customers, {n['Staff']} staff, {n['ServicePlan']} plans, "
            f"{n['Visit']} visits, {n['Interaction']} interactions, {n['Project']} projects "
            f"in {formatting.format_number(time.perf_counter() - started, 1)} s")


def _write(writer, trade: str, finish, office_story) -> None:
    """Inside the write transaction: the office's settings, the rows, then the summary columns."""
    office_story.set_up_office(trade)
    writer.flush()
    finish.finish(writer.first_ids[Customer])
