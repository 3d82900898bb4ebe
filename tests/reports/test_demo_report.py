"""The demo office's last month, as the owner reads it: who left and whether the office saw it coming, Dorothy on
the at-risk list since her third technician, the notices nobody sent her."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.demo import pest
from servicedesk.core.services import customers, health_history, reports
from servicedesk.core.services.reports import risk

pytestmark = pytest.mark.backends("sqlite", "postgresql")


@pytest.fixture
def demo_report(demo_db):
    return reports.build(reports.last_full_month())


def test_last_month_three_customers_left_two_of_them_foreseen(demo_report):
    retention = next(s for s in demo_report.sections if s.key == "retention")
    gone = next(b for b in retention.blocks if b.title == "Each cancellation, and whether it was foreseen")
    assert [row[3] for row in gone.table.rows] == ["on the list", "earlier", "no"]
    rushed, prices, moving = gone.sentences
    assert "The last three cleans were rushed and nobody called me back when I complained." in rushed
    assert "They had been on the at-risk list for 36 days" in rushed
    assert "Your prices went up again" in prices and "and off it for 52 days before they cancelled." in prices
    assert moving.endswith("the cancellation came without warning.")
    assert "2 of the 3 cancellations were foreseen" in " ".join(retention.lead)


def test_dorothy_has_been_on_the_list_since_her_third_technician(demo_report):
    dorothy = customers.search_ids("Dorothy Finch")[0]
    third = pest.second_tuesdays_before(clock.today() - dt.timedelta(days=5), len(pest.ORDER))[3]
    stretches = risk.stretches(health_history.for_customer(dorothy), health_history.since())
    assert stretches[0].start.date() == third and stretches[0].end is None
    assert "3 technicians in their last 5 visits; they said the same technician matters" in stretches[0].first.reasons


def test_the_notices_of_dorothys_changes_never_went_out(demo_report, demo_db):
    dorothy = customers.search_ids("Dorothy Finch")[0]
    states = demo_db.execute_sql(
        "SELECT d.status FROM draft d JOIN visit v ON v.id = d.visit_id WHERE d.customer_id = ? AND v.starts_at < ?",
        (dorothy, dt.datetime.combine(clock.today(), dt.time()))).fetchall()
    assert states and {s for (s,) in states} == {"discarded"}


@pytest.mark.parametrize("made_on", [dt.datetime(2026, 12, 1, 8), dt.datetime(2027, 1, 31, 17), dt.datetime(2027, 3, 15, 9)])
def test_whichever_day_the_demo_is_made_last_month_has_the_three_leavers_of_the_story(db, made_on):
    from servicedesk.core import demo

    clock.set_now(made_on)
    demo.build()
    report = reports.build(reports.last_full_month())
    retention = next(s for s in report.sections if s.key == "retention")
    gone = next(b for b in retention.blocks if b.title == "Each cancellation, and whether it was foreseen")
    assert [row[3] for row in gone.table.rows] == ["on the list", "earlier", "no"]
