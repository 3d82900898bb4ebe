"""A concern on the clock: raised, acknowledged, resolved, then one call to ask whether it is really fixed."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import concerns, customers, followups, health, technicians
from servicedesk.core.store.models import FollowUp

from .conftest import MONDAY, stored_score


@pytest.fixture
def grace(db):
    clock.set_now(MONDAY)
    technicians.create("Sam Ortiz")
    return customers.create(name="Grace Hopper", customer_since=dt.date(2026, 11, 1)).id


def texts(customer_id):
    return [r.text for r in health.assess(customer_id).reasons]


def test_raised_acknowledged_resolved_followed_up_once(grace):
    assert stored_score(grace) == 100 and texts(grace) == []

    concern = concerns.raise_concern(grace, "The crew left mud all over the hallway", "service_quality", "high")
    assert texts(grace) == ["concern about service quality raised today, not acknowledged"]
    assert stored_score(grace) == 90

    clock.set_now(MONDAY + dt.timedelta(hours=2))
    concerns.acknowledge(concern)
    assert texts(grace) == ["concern about service quality raised today, not resolved"]
    assert stored_score(grace) == 95
    assert FollowUp.select().count() == 0  # nothing owed before the fix

    clock.set_now(MONDAY + dt.timedelta(days=1))
    follow_up = concerns.resolve(concern, "Carpet cleaned at no charge; crew briefed on floor covers")
    assert texts(grace) == [] and stored_score(grace) == 100
    owed = followups.get(follow_up)
    assert (owed.source, owed.concern_id, owed.due_on) == ("concern_resolved", concern, dt.date(2026, 11, 30))
    assert "The crew left mud all over the hallway" in owed.reason
    assert followups.sweep(days=14) == []  # the sweep sees the fix and owes nothing more
    assert FollowUp.select().count() == 1

    clock.set_now(dt.datetime(2026, 12, 3, 9))  # the call was due Monday (after Thanksgiving) and nobody made it
    health.recompute([grace])
    assert texts(grace) == ["follow-up 3 business days overdue: " + owed.reason.rstrip(" .")] and stored_score(grace) == 90
    followups.complete(follow_up, "All fine, the carpet looks new")
    assert texts(grace) == [] and stored_score(grace) == 100
