"""Fixtures for the customer tests: a small office with a technician and a few people."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import customers, office, technicians


@pytest.fixture
def office_db(db):
    clock.set_now(dt.datetime(2026, 3, 2, 9, 0))
    office.update(name="Green Leaf Pest Control", region="US", configured=True)
    return db


@pytest.fixture
def sam(office_db):
    return technicians.create("Sam Ortiz", phone="+1 555-010-2101")


@pytest.fixture
def dorothy(office_db, sam):
    result = customers.create(name="Dorothy Finch", company="Finch's Gifts", phone="555 201 4455",
                              email="dorothy@finchsgifts.example", street="12 Market Street", city="Riverton",
                              postcode="45002", salutation="Dear Dorothy", trade="pest", technician_id=sam)
    customers.add_what_matters(result.id, "same_technician", "Are you the one doing the service?", sam)
    return result.id
