"""The small demo office (to be filled with the three trades' stories)."""

from __future__ import annotations

from servicedesk.core.services import customers, office, technicians


def build(rng, trade: str, count: int | None) -> str:
    office.update(name="Bright Water & Green Leaf Services", phone="+1 555-010-2000",
                  owner_name="Maria Keller", configured=True)
    tech = technicians.create("Sam Ortiz", phone="+1 555-010-2101")
    dorothy = customers.create(name="Dorothy Finch", company="Finch's Gifts", phone="555 201 4455",
                               email="dorothy@finchsgifts.example", street="12 Market Street",
                               city="Riverton", postcode="45002", salutation="Dear Dorothy",
                               trade="pest", technician_id=tech)
    customers.add_what_matters(dorothy.id, "same_technician", "Are you the one doing the service?", tech)
    return "1 customer"
