"""The story office: about sixty customers, a year behind today and twelve weeks ahead, three trades' stories."""

from __future__ import annotations

import random

from servicedesk.core import clock
from servicedesk.core.demo import cleaning, pest, pool, staff
from servicedesk.core.demo.context import Context
from servicedesk.core.demo.rows import Writer
from servicedesk.core.services import office

DEFAULT_CUSTOMERS = 60
TRADES = ("pool", "pest", "cleaning")
OFFICES = {
    "all": ("Tri-County Home Services", "pool, pest and cleaning"),
    "pool": ("Blue Haven Pools", "pool"),
    "pest": ("Greenline Pest Control", "pest"),
    "cleaning": ("ClearPath Cleaning & Restoration", "cleaning"),
}
BUILDERS = {"pool": pool.build, "pest": pest.build, "cleaning": cleaning.build}


def set_up_office(trade: str) -> None:
    name, trades = OFFICES[trade]
    office.update(name=name, address="1200 Commerce Street, Riverton, TX 78701", phone="(512) 555-0100",
                  email="office@tricounty.example.com", owner_name="Maria Keller",
                  signature_line=f"Maria Keller, owner, {name}", region="US", trade=trades, configured=True)


def build(rng: random.Random, trade: str, count: int | None, years: int = 1, technicians: int | None = None,
          writer: Writer | None = None) -> Context:
    """Prepare the story office's rows; returns the context so a larger build can carry on from it.

    The office's own settings are ``set_up_office()``'s, written with the rows."""
    trades = list(TRADES) if trade == "all" else [trade]
    ctx = Context(rng=rng, writer=writer or Writer(clock.now()), now=clock.now(), years=years)
    staff.build(ctx, trades, technicians)
    if "pest" in trades:
        pest.story_staff(ctx)
    staff.usual_time_off(ctx)
    count = DEFAULT_CUSTOMERS if count is None else count
    for i, t in enumerate(trades):
        share = count // len(trades) + (1 if i < count % len(trades) else 0)
        BUILDERS[t](ctx, share)
    return ctx
