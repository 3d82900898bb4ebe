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


def _forget_in_memory():
    business_days._calendar.cache_clear()
    business_days._add.cache_clear()
    business_days._kept.clear()


def test_a_years_public_holidays_are_remembered_in_the_data_folder_and_read_there_next_time(shop, monkeypatch):
    import holidays

    from servicedesk import paths

    _forget_in_memory()
    assert business_days.add_business_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 28)
    remembered = paths.data_dir() / business_days.REMEMBERED
    assert "2026-12-25" in remembered.read_text(encoding="utf-8")
    _forget_in_memory()  # as at the next start

    def not_asked(*args, **kwargs):
        raise AssertionError("the package was asked for a remembered year")

    monkeypatch.setattr(holidays, "country_holidays", not_asked)
    assert business_days.add_business_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 28)
    assert business_days.holiday_name(dt.date(2026, 12, 25)) == "Christmas Day"
    with pytest.raises(AssertionError):  # a year never worked out is not made up
        business_days.add_business_days(dt.date(2031, 12, 24), 1)


def test_a_start_with_the_year_remembered_does_not_load_the_holidays_package(db_path, tmp_path):
    import subprocess
    import sys

    from servicedesk.core.store import close_database, open_database

    open_database(db_path)
    office.update(name="Green Leaf Pest Control", region="US", holiday_region="TX")
    close_database()
    script = ("import sys, datetime as dt\n"
              "from servicedesk.core.store import open_database\n"
              "from servicedesk.core.services import business_days\n"
              "open_database(sys.argv[1])\n"
              "print(business_days.add_business_days(dt.date(2026, 3, 1), 1), business_days.add_business_days("
              "dt.date(2026, 12, 24), 1), 'holidays' in sys.modules)\n")
    env = {**__import__("os").environ, "SERVICEDESK_DATA_DIR": str(tmp_path / "data")}
    starts = [subprocess.run([sys.executable, "-c", script, str(db_path)], env=env, capture_output=True, text=True,
                             check=True).stdout.split() for _ in range(2)]
    assert starts[0] == ["2026-03-03", "2026-12-28", "True"]  # worked out by the package: Texas Independence Day
    assert starts[1] == ["2026-03-03", "2026-12-28", "False"]  # the same answers, from the data folder


def test_remembered_holidays_of_another_release_or_a_damaged_file_are_worked_out_again(shop):
    from servicedesk import paths

    remembered = paths.data_dir() / business_days.REMEMBERED
    for content in ('{"release": "holidays-0.1.dist-info", "calendars": {"US/": {"2026": {"2026-03-02": "Made up"}}}}',
                    "{not json"):
        _forget_in_memory()
        remembered.write_text(content, encoding="utf-8")
        assert business_days.add_business_days(dt.date(2026, 3, 1), 1) == dt.date(2026, 3, 2)  # no such holiday
        assert business_days.holiday_name(dt.date(2026, 3, 2)) == ""
        assert "Made up" not in remembered.read_text(encoding="utf-8")


def test_a_closed_day_names_why_and_when_the_office_opens_again(shop):
    assert business_days.closed_on(dt.date(2026, 12, 24)) is None  # open on Christmas Eve
    assert business_days.closed_on(dt.date(2026, 12, 25)) == ("Christmas Day", dt.date(2026, 12, 28))
    assert business_days.closed_on(dt.date(2026, 12, 27)) == ("", dt.date(2026, 12, 28))  # a Sunday
    office.update(closed_days="2026-12-28")
    assert business_days.closed_on(dt.date(2026, 12, 28)) == ("", dt.date(2026, 12, 29))
    assert business_days.opens_on(dt.date(2026, 12, 26)) == dt.date(2026, 12, 29)
