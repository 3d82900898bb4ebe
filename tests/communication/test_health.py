"""Each health rule, its points and its words; the stored score sorts the at-risk list."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import concerns, customers, followups, health, interactions, office, technicians
from servicedesk.core.store.models import Customer, VisitChange

from .conftest import MONDAY, at, contact, visit


@pytest.fixture
def base(db):
    clock.set_now(MONDAY)
    office.update(contact_rhythm_days=45, ack_target_days=1, resolve_target_days=5)
    techs = [technicians.create(n) for n in ("Sam Ortiz", "Priya Shah", "Lee Brown", "Jo Reyes")]
    cid = customers.create(name="Dorothy Finch", customer_since=dt.date(2024, 1, 1), technician_id=techs[0]).id
    contact(cid, at(20, 10))
    return {"id": cid, "techs": techs}


def reasons(cid):
    return [(r.points, r.text) for r in health.assess(cid).reasons]


def test_healthy_customer_scores_100(base):
    h = health.assess(base["id"])
    assert (h.score, h.reasons, h.at_risk) == (100, (), False)
    assert h.describe() == "No warning signs"


def test_continuity_rule_for_everyone_else(base):
    sam, priya, lee, jo = base["techs"]
    for day, tech in ((1, sam), (3, priya), (5, sam), (7, sam)):
        visit(base["id"], tech, at(day))
    assert reasons(base["id"]) == []  # two technicians in a year is no pattern for someone who said nothing
    for day, tech in ((9, lee), (11, jo)):
        visit(base["id"], tech, at(day))
    assert reasons(base["id"]) == [(15, "4 technicians in their last 6 visits")]
    for day in (13, 16, 18):
        visit(base["id"], jo, at(day))
    assert reasons(base["id"]) == []  # Jo three times in a row: continuity restored


def test_continuity_rule_for_a_customer_who_said_the_same_technician_matters(base):
    sam, priya, lee, jo = base["techs"]
    customers.add_what_matters(base["id"], "same_technician", "Are you the one doing the service?", sam)
    said = "; they said the same technician matters"
    visit(base["id"], sam, at(1, month=1))
    visit(base["id"], priya, at(1, month=2))
    assert reasons(base["id"]) == [(10, "2 technicians in their last 2 visits" + said)]
    visit(base["id"], lee, at(1, month=3))
    assert reasons(base["id"]) == [(35, "3 technicians in their last 3 visits" + said)]
    assert health.assess(base["id"]).at_risk
    visit(base["id"], sam, at(1, month=4))
    visit(base["id"], sam, at(1, month=5))
    assert reasons(base["id"])[0][0] == 35  # two in a row is not yet a pattern restored
    visit(base["id"], sam, at(1, month=6))
    assert reasons(base["id"]) == [(10, "3 technicians in their last 6 visits, Sam Ortiz the last 3 in a row" + said)]
    # A year later the strangers have left the window: twelve visits or twelve months, whichever is more
    for month in range(7, 13):
        visit(base["id"], sam, at(1, month=month))
    assert reasons(base["id"]) == [(10, "3 technicians in their last 11 visits, Sam Ortiz the last 8 in a row" + said)]
    clock.set_now(dt.datetime(2027, 11, 23, 9))
    contact(base["id"], dt.datetime(2027, 11, 20, 9))
    for month in range(1, 4):
        visit(base["id"], sam, dt.datetime(2027, month, 1, 10))
    assert reasons(base["id"]) == []


def test_continuity_counts_the_stranger_booked_for_the_next_days(base):
    sam, priya, lee, jo = base["techs"]
    customers.add_what_matters(base["id"], "same_technician", "", sam)
    visit(base["id"], sam, at(1, month=9))
    visit(base["id"], priya, at(1, month=10))
    visit(base["id"], jo, dt.datetime(2026, 11, 30, 9), status="scheduled")  # a week ahead
    assert reasons(base["id"]) == [(35, "3 technicians in their last 2 visits and the next (Jo Reyes on Mon, Nov 30, "
                                        "their 3rd); they said the same technician matters")]
    visit(base["id"], lee, dt.datetime(2026, 12, 28, 9), status="scheduled")  # five weeks ahead: not yet in view
    assert reasons(base["id"])[0][1].startswith("3 technicians")


def test_days_kept_rule_for_a_customer_who_said_the_day_matters(base):
    sam = base["techs"][0]
    customers.add_what_matters(base["id"], "time_window", "Tuesdays only, the shop is shut")
    said = "; they said the day matters"
    planned = {month: visit(base["id"], sam, at(2, month=month)) for month in (6, 7, 8, 9)}
    for n, month in enumerate((9, 8, 7)):
        VisitChange.create(visit=planned[month], changed_at=at(1, month=month), old_starts_at=at(1, month=month),
                           new_starts_at=at(2, month=month))
        expected = (10 * (n + 1)) if n < 2 else 35
        assert reasons(base["id"]) == [(expected, f"{n + 1} of their last 4 visits moved to another day" + said)]
    visit(base["id"], sam, at(2, month=10))
    visit(base["id"], sam, at(3))
    assert reasons(base["id"])[0][0] == 35  # two kept in a row: not yet
    visit(base["id"], sam, at(17))
    assert reasons(base["id"]) == [(5, "3 of their last 7 visits moved to another day, the last 3 kept their day"
                                       + said)]


def test_a_customer_who_said_the_day_matters_is_weighed_on_days_not_this_months_moves(base):
    sam = base["techs"][0]
    customers.add_what_matters(base["id"], "speed_over_schedule", "Whoever comes, as long as it is Tuesday")
    v = visit(base["id"], sam, at(26), status="scheduled")
    VisitChange.create(visit=v, changed_at=at(10), old_starts_at=at(25, 9), new_starts_at=at(26))
    assert reasons(base["id"]) == [(10, "1 of their last 1 visit moved to another day; they said the day matters")]


def test_readme_lists_every_rule_with_its_points_and_window():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert health.rules_table() in readme
    for rule in health.RULES:
        assert rule.rows and all(all(cell.strip() for cell in row) for row in rule.rows)


def test_unacknowledged_concern_rule(base):
    clock.set_now(dt.datetime(2026, 11, 17, 9))
    cid = concerns.raise_concern(base["id"], "Timeline slipping", "timeline")
    assert reasons(base["id"]) == [(10, "concern about the timeline raised today, not acknowledged")]
    clock.set_now(MONDAY)
    assert reasons(base["id"]) == [(30, "concern about the timeline open 6 days, not acknowledged")]
    concerns.acknowledge(cid)
    assert reasons(base["id"]) == [(5, "concern about the timeline open 6 days, not resolved")]
    clock.set_now(dt.datetime(2026, 11, 25, 9))  # resolution was due Tue 24
    assert reasons(base["id"]) == [(15, "concern about the timeline open 8 days, not resolved")]


def test_overdue_follow_ups_rule_is_capped(base):
    clock.set_now(dt.datetime(2026, 11, 16, 9))
    for reason in ("Quote.", "Gate code", "Invoice"):
        followups.create(base["id"], dt.date(2026, 11, 20), reason)
    clock.set_now(MONDAY)
    rs = reasons(base["id"])
    assert [p for p, _ in rs] == [10, 10, 0]
    assert rs[0][1] == "follow-up 1 business day overdue: Quote"  # due Friday; its full stop dropped ("; " joins)
    assert health.assess(base["id"]).score == 80
    assert health.assess(base["id"]).describe().startswith("follow-up 1 business day overdue: Quote; ")


def test_reschedules_and_cancellations_rule(base):
    sam = base["techs"][0]
    v = visit(base["id"], sam, at(26), status="scheduled")
    VisitChange.create(visit=v, changed_at=at(10), old_starts_at=at(12), new_starts_at=at(19))
    assert reasons(base["id"]) == [(5, "1 reschedule this month")]
    VisitChange.create(visit=v, changed_at=at(18), old_starts_at=at(19), new_starts_at=at(26))
    assert reasons(base["id"]) == [(15, "2 reschedules this month")]
    VisitChange.create(visit=v, changed_at=at(18), old_technician=sam, new_technician=base["techs"][1])  # no move
    assert reasons(base["id"]) == [(15, "2 reschedules and 1 technician change this month")]
    VisitChange.create(visit=v, changed_at=at(19), old_technician=base["techs"][1], new_technician=sam)  # back
    assert reasons(base["id"]) == [(15, "2 reschedules this month")]  # a change undone is no change to her
    VisitChange.create(visit=v, changed_at=at(19), old_technician=sam, new_technician=base["techs"][1])
    visit(base["id"], sam, at(20), status="cancelled")
    assert reasons(base["id"]) == [(15, "2 reschedules, 1 technician change and 1 cancellation this month")]
    clock.set_now(MONDAY + dt.timedelta(days=45))
    assert all("this month" not in text for _, text in reasons(base["id"]))


def test_contact_rhythm_rule(base):
    clock.set_now(dt.datetime(2027, 1, 5, 9))  # 46 days after the last call
    assert reasons(base["id"]) == [(15, "no contact for 46 days")]
    clock.set_now(dt.datetime(2027, 2, 20, 9))
    assert reasons(base["id"]) == [(25, "no contact for 92 days")]
    Customer.update(contact_rhythm_days=120).where(Customer.id == base["id"]).execute()
    assert reasons(base["id"]) == []


def test_mood_rule_uses_the_latest_noted_mood(base):
    interactions.log(base["id"], "phone", "in", "Cross about the mess", mood="upset", occurred_at=at(12, 10))
    assert reasons(base["id"]) == [(15, "upset on the phone on Thu, Nov 12")]
    interactions.log(base["id"], "email", "in", "Nervous about the dog", mood="worried", occurred_at=at(14, 10))
    assert reasons(base["id"]) == [(5, "worried by email on Sat, Nov 14")]
    interactions.log(base["id"], "phone", "in", "Thanks for sorting it", mood="happy", occurred_at=at(16, 10))
    assert reasons(base["id"]) == []


def test_recompute_stores_the_score_and_at_risk_sorts_by_it(base):
    other = customers.create(name="Walter Grimes", customer_since=dt.date(2024, 1, 1)).id
    contact(other, at(1, 10, month=8))
    concerns.raise_concern(base["id"], "A different stranger every month", "technician_change",
                           raised_at=at(16, 9))
    health.recompute([base["id"], other])
    assert [r.health_score for r in customers.rows([base["id"], other])] == [70, 75]
    # A week on: Dorothy is upset on the phone, Walter's promised call back is late
    clock.set_now(dt.datetime(2026, 11, 16, 9))
    followups.create(other, dt.date(2026, 11, 20), "Call back about the quote")
    clock.set_now(dt.datetime(2026, 11, 24, 9))
    interactions.log(base["id"], "phone", "in", "Still a different stranger", mood="upset")
    assert customers.rows([base["id"]])[0].health_score == 55  # written by the log itself
    health.recompute(health.candidates())
    assert [(r.customer, r.score) for r in health.at_risk()] == [("Dorothy Finch", 55), ("Walter Grimes", 65)]
    assert health.at_risk_count() == 2 and [r.customer for r in health.at_risk(1)] == ["Dorothy Finch"]
    assert health.at_risk()[1].reasons[0].text == "no contact for 115 days"
    Customer.update(status="cancelled").where(Customer.id == other).execute()
    assert [r.customer for r in health.at_risk()] == ["Dorothy Finch"]


def test_daily_refresh_runs_once_a_day(base):
    clock.set_now(dt.datetime(2027, 1, 5, 9))
    assert health.refresh_if_stale() is True
    assert customers.rows([base["id"]])[0].health_score == 85
    Customer.update(health_score=100).where(Customer.id == base["id"]).execute()
    assert health.refresh_if_stale() is False
    assert customers.rows([base["id"]])[0].health_score == 100
    clock.set_now(dt.datetime(2027, 1, 6, 9))
    assert health.refresh_if_stale() is True
    assert customers.rows([base["id"]])[0].health_score == 85


def test_daily_pass_reads_only_customers_time_has_moved(base):
    other = customers.create(name="Ben Carter", customer_since=dt.date(2024, 1, 1)).id
    clock.set_now(dt.datetime(2026, 12, 20, 9))
    contact(other, dt.datetime(2026, 12, 20, 9))
    clock.set_now(dt.datetime(2027, 1, 5, 9))  # Dorothy's 45 days of silence ran out on 4 January
    moved = health.moved_by_time(dt.date(2027, 1, 2))
    assert base["id"] in moved and other not in moved
    office.set_value("health_computed_on", "2027-01-02")
    assert health.refresh_if_stale() is True
    assert [r.health_score for r in customers.rows([base["id"], other])] == [85, 100]


def test_a_concern_about_something_else_is_just_a_concern(base):
    concerns.raise_concern(base["id"], "The van blocked the drive", "other")
    assert reasons(base["id"]) == [(10, "concern raised today, not acknowledged")]
