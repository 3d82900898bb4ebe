"""A believable demo office: pool builder, pest control, cleaning and restoration."""

from __future__ import annotations

import random

from servicedesk.core.services import customers, office, technicians


def build(trade: str = "all", customers: int | None = None, seed: int = 7) -> str:
    from servicedesk.core.demo import office_story

    rng = random.Random(seed)
    return office_story.build(rng, trade, customers)


__all__ = ["build", "customers", "office", "technicians"]
