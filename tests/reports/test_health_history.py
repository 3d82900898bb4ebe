"""Health history: a change of score is kept with its reasons, nothing else is; the day a customer cancelled is kept;
the report reads both to say whether a cancellation was seen coming."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import concerns, customers, health, health_history, interactions, office, reports
from servicedesk.core.store import database

pytestmark = pytest.mark.backends("sqlite", "postgresql")

MONDAY = dt.datetime(2026, 9, 7, 9, 0)  # 7 September 2026


def _rows(customer_id):
    return [(c.score, ",".join(c.rules), c.reasons) for c in health_history.for_customer(customer_id)]


@pytest.fixture
def harold(db):
    clock.set_now(MONDAY)
    office.update(name="Green Leaf", ack_target_days=1, resolve_target_days=5, configured=True)
    cid = customers.create(name="Harold Benson", customer_since=dt.date(2026, 8, 1)).id
    interactions.log(cid, "phone", "in", "Quarterly check-in", occurred_at=MONDAY)
    return cid


def test_a_new_office_keeps_its_history_from_its_first_customer(db):
    assert health_history.since() is None  # an empty database holds nothing, not even the day it began
    clock.set_now(MONDAY)
    customers.create(name="First Customer")
    assert health_history.since() == MONDAY


def test_a_customer_at_100_has_no_history(harold):
    assert health.assess(harold).score == 100
    assert _rows(harold) == []


def test_each_change_of_score_is_kept_with_its_reasons_and_nothing_else(harold):
    concern = concerns.raise_concern(harold, "Nobody told me who was coming.", "technician_change", "high",
                                     raised_at=MONDAY)
    assert _rows(harold) == [(90, "concerns", "concern about a technician change raised today, not acknowledged")]
    health.recompute([harold])  # the same score again: nothing new
    assert len(_rows(harold)) == 1
    clock.set_now(MONDAY + dt.timedelta(days=2, hours=1))  # Wednesday: the acknowledgment is overdue
    interactions.log(harold, "phone", "in", "Called again, angry", mood="angry")
    rows = _rows(harold)
    assert rows[-1][0] == 55 and health.assess(harold).at_risk
    assert set(rows[-1][1].split(",")) == {"concerns", "mood"}
    assert "not acknowledged" in rows[-1][2] and "angry on the phone" in rows[-1][2]
    concerns.resolve(concern, "Priya is his technician from now on.")
    assert _rows(harold)[-1][0] == 85  # off the list; the mood still counts
    assert [c.changed_at for c in health_history.for_customer(harold)] == sorted(
        c.changed_at for c in health_history.for_customer(harold))


def test_many_customers_rescored_at_once_record_only_those_that_changed(harold):
    clock.set_now(MONDAY)
    others = [customers.create(name=f"Customer {n}", customer_since=MONDAY.date()).id for n in range(health.FEW + 5)]
    for cid in others[:3]:
        concerns.raise_concern(cid, "Late again.", "timeline", raised_at=MONDAY)
    before = database.execute_sql("SELECT COUNT(*) FROM health_change").fetchone()[0]
    clock.set_now(MONDAY + dt.timedelta(days=3))  # the three concerns are past their target now
    health.recompute(others + [harold])
    changed = database.execute_sql("SELECT customer_id, score FROM health_change ORDER BY id").fetchall()[before:]
    assert sorted(changed) == sorted((cid, 70) for cid in others[:3])


def test_the_day_a_customer_cancelled_is_kept(harold):
    clock.set_now(dt.datetime(2026, 10, 20, 11))
    version = customers.get(harold).version
    customers.update(harold, version, status="cancelled", cancel_reason="Nobody called me back.")
    day = lambda: database.execute_sql("SELECT cancelled_on FROM customer WHERE id = ?", (harold,)).fetchone()[0]  # noqa: E731
    assert str(day())[:10] == "2026-10-20"
    clock.set_now(dt.datetime(2026, 10, 22, 11))  # saved again, still cancelled: the day stays
    customers.update(harold, version + 1, notes="Sent a goodbye card", status="cancelled",
                     cancel_reason="Nobody called me back.")
    assert str(day())[:10] == "2026-10-20"
    customers.update(harold, version + 2, status="active")  # won back: no longer lost
    assert day() is None


def test_the_report_says_how_long_a_cancelled_customer_was_at_risk(harold):
    clock.set_now(MONDAY)
    concerns.raise_concern(harold, "Nobody told me who was coming.", "technician_change", "high", raised_at=MONDAY)
    clock.set_now(MONDAY + dt.timedelta(days=2))  # Wednesday 9 September: overdue, and angry
    interactions.log(harold, "phone", "in", "Called again", mood="angry")
    assert health.assess(harold).at_risk
    clock.set_now(dt.datetime(2026, 10, 20, 11))
    customers.update(harold, customers.get(harold).version, status="cancelled",
                     cancel_reason="Nobody ever called me back.")
    office.set_value(health_history.SINCE_KEY, "2026-01-01 00:00:00")
    clock.set_now(dt.datetime(2026, 11, 2, 8))
    gone = reports.retention_figures.cancellations(reports.parse("2026-10"))
    assert [c.customer for c in gone] == ["Harold Benson"]
    assert gone[0].warned == "yes" and gone[0].days_on_list == 41
    assert gone[0].sentence.startswith("Harold Benson cancelled on October 20. In their words: “Nobody ever called "
                                       "me back.” They had been on the at-risk list for 41 days, since September 9; "
                                       "the reasons then: concern about a technician change open 2 days, not "
                                       "acknowledged; angry on the phone on")


@pytest.mark.backends("sqlite")
def test_an_older_database_starts_its_history_with_the_scores_it_has(db_path):
    from servicedesk.core.store import SCHEMA_VERSION, close_database, open_database
    from servicedesk.core.store.db import connect
    from tests.safety.test_schema_versions import build_old_database

    build_old_database(db_path, 9)
    old = connect(db_path)
    old.execute_sql("UPDATE customer SET health_score = 55 WHERE id = 1")
    old.execute_sql("UPDATE customer SET status = 'cancelled', cancel_reason = 'Moved away',"
                    " updated_at = '2026-03-14 10:00:00' WHERE id = 2")
    old.close()
    clock.set_now(dt.datetime(2026, 11, 30, 7, 30))
    open_database(db_path)
    try:
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert _rows(1) == [(55, "", "")] and _rows(2) == []
        assert health_history.since() == dt.datetime(2026, 11, 30, 7, 30)
        assert str(database.execute_sql("SELECT cancelled_on FROM customer WHERE id = 2").fetchone()[0]) == "2026-03-14"
    finally:
        close_database()
    open_database(db_path)  # opened again: the history is kept as it was, never started twice
    try:
        assert _rows(1) == [(55, "", "")]
        assert health_history.for_customer(1)[0].changed_at == health_history.since()
        from servicedesk.core.services.reports import risk

        stretch = risk.stretches(health_history.for_customer(1), health_history.since())[0]
        assert stretch.from_history_start  # "at least" this long: it began before the history did
    finally:
        close_database()
