"""Business days follow the office's calendar: weekends, public holidays of its country and region, its closed days."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import business_days, concerns, customers, followups, office


@pytest.fixture
def shop(db):
    clock.set_now(dt.datetime(2026, 12, 24, 10))  # Thursday 24 December 2026
    office.update(name="Green Leaf Pest Control", ack_target_days=1, resolve_target_days=5)
    return customers.create(name="Dorothy Finch").id


def test_a_concern_raised_on_christmas_eve_is_not_overdue_on_the_26th(shop):
    cid = concerns.raise_concern(shop, "The traps are full again")
    assert concerns.get(cid).ack_due_on == dt.date(2026, 12, 28)  # Friday the 25th is Christmas Day
    clock.set_now(dt.datetime(2026, 12, 26, 10))
    assert not concerns.get(cid).ack_overdue
    clock.set_now(dt.datetime(2026, 12, 29, 10))
    assert concerns.get(cid).ack_overdue


def test_the_offices_own_closed_days_and_state_holidays_count(shop):
    office.update(closed_days="2026-12-28, 2026-12-29")
    cid = concerns.raise_concern(shop, "The traps are full again")
    assert concerns.get(cid).ack_due_on == dt.date(2026, 12, 30)
    assert business_days.holiday_name(dt.date(2026, 12, 28)) == "the office is closed"
    office.update(closed_days="", holiday_region="TX")
    assert business_days.add_business_days(dt.date(2026, 3, 1), 1) == dt.date(2026, 3, 3)  # Texas Independence Day
    office.update(holiday_region="")
    assert business_days.add_business_days(dt.date(2026, 3, 1), 1) == dt.date(2026, 3, 2)


def test_follow_up_dates_skip_holidays_too(shop):
    office.update(region="GB", locale="en_GB")
    clock.set_now(dt.datetime(2025, 12, 23, 16))
    cid = concerns.raise_concern(shop, "Mice again", raised_at=dt.datetime(2025, 12, 23, 9))
    owed = followups.get(concerns.resolve(cid, "Sealed the gap by the pipe"))
    assert owed.due_on == dt.date(2025, 12, 30)  # 24, then Christmas, Boxing Day and the weekend are skipped: 24, 29, 30


def test_bad_calendar_settings_are_refused_and_change_nothing(shop):
    with pytest.raises(ValidationError) as bad:
        office.update(closed_days="next Friday", holiday_region="Narnia")
    assert "is not a date" in bad.value.problems["closed_days"]
    assert "is not a state or region of US" in bad.value.problems["holiday_region"]
    assert office.get().closed_days == () and office.get().holiday_region == ""
