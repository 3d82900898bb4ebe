"""The three stories end to end, on the demo office or a small office of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.store.models import Customer, Visit
from tests.ui.test_main_window import window  # noqa: F401  (the whole main window on the demo office)


def customer_named(name: str) -> int:
    return Customer.get(Customer.name == name).id


def next_visit(customer_id: int) -> int:
    """The customer's next planned visit."""
    return (Visit.select().where((Visit.customer == customer_id) & Visit.status.in_(("scheduled", "confirmed"))
                                 & (Visit.starts_at > clock.now())).order_by(Visit.starts_at).first().id)


def stored_score(customer_id: int) -> int:
    return Customer.get_by_id(customer_id).health_score


@pytest.fixture
def dorothy(demo_db) -> int:
    return customer_named("Dorothy Finch")


MONDAY = dt.datetime(2026, 11, 23, 9, 0)
