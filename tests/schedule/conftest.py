"""A small pest-control office: four technicians, Dorothy who wants the same one, and a fixed clock."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from servicedesk.core import clock
from servicedesk.core.services import customers, office, technicians


@pytest.fixture
def office_db(db):
    clock.set_now(dt.datetime(2026, 1, 5, 8, 0))  # a Monday
    office.update(name="Green Leaf Pest Control", phone="+1 555-010-2000", owner_name="Maria Keller",
                  configured=True)
    sam = technicians.create("Sam Ortiz", color="#2e7d32")
    alex = technicians.create("Alex Kim", color="#1565c0")
    jo = technicians.create("Jo Banks", color="#ad1457")
    lee = technicians.create("Lee Hart", color="#ef6c00")
    dorothy = customers.create(name="Dorothy Finch", company="Finch's Gifts", street="12 Market Street",
                               city="Riverton", salutation="Dear Dorothy", trade="pest", technician_id=sam).id
    customers.add_what_matters(dorothy, "same_technician", "Are you the one doing the service?", sam)
    hurried = customers.create(name="Hank Rush", street="3 Mill Lane", city="Riverton", technician_id=alex).id
    customers.add_what_matters(hurried, "speed_over_schedule", "Just get it done on the day, whoever comes.")
    return SimpleNamespace(sam=sam, alex=alex, jo=jo, lee=lee, dorothy=dorothy, hurried=hurried)
