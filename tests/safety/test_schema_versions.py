"""Schema versions: every earlier version upgrades with its data, a backup first; a failing step changes nothing."""

from __future__ import annotations

import sqlite3
import types

import pytest

from servicedesk.core.services import customers
from servicedesk.core.store import SCHEMA_VERSION, backup, schema
from servicedesk.core.store.db import close_database, connect, database, open_database
from servicedesk.core.store.steps import STEPS

# Data written the way a version-1 program wrote it: only the columns step 1 created.
V1_CUSTOMER = """INSERT INTO customer (id, name, sort_name, company, salutation, status, cancel_reason,
    customer_since, trade, preferred_channel, best_time, phone, phone_e164, email, street, city, postcode,
    notes, technician_id, contact_rhythm_days, fit_check, fit_note, next_visit_at, last_contact_at,
    open_concerns, health_score, version, created_at, updated_at)
    VALUES (?, ?, ?, '', '', 'active', '', '2019-04-01', 'pool', 'phone', '', '555 123 4567', '+15551234567',
    '', 'Elm Street 4', 'Springfield', '12345', ?, NULL, NULL, '', '', NULL, NULL, 0, 100, 1,
    '2019-04-01 09:00:00', '2019-04-01 09:00:00')"""


def build_old_database(path, version: int):
    """A file at schema ``version`` made by applying only the first steps, with customers and visits in it."""
    db = connect(path)
    for number in range(1, version + 1):
        schema.apply_step(db, number, STEPS[number - 1])
    with db.atomic():
        db.execute_sql(V1_CUSTOMER, (1, "Dorothy Gale", "gale, dorothy", "Loves the blue tiles"))
        db.execute_sql(V1_CUSTOMER, (2, "Hank Hill", "hill, hank", "Propane"))
        db.execute_sql("INSERT INTO visit (customer_id, service_type, starts_at, ends_at, status, status_reason,"
                       " work_done, findings, recommendations, created_at) VALUES (1, 'pool', '2019-05-01 09:00:00',"
                       " '2019-05-01 10:00:00', 'completed', '', 'Opened the pool', '', '', '2019-05-01 08:00:00')")
    db.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_earlier_version_upgrades_with_its_data(db_path, version):
    build_old_database(db_path, version)
    open_database(db_path)
    try:
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert customers.get(1).notes == "Loves the blue tiles"
        assert customers.get(2).name == "Hank Hill"
        assert database.execute_sql("SELECT work_done FROM visit").fetchall() == [("Opened the pool",)]
        assert customers.search_ids("Dorothy") == [1]
        assert customers.search_ids("blue tiles") == [1]
        assert customers.search_ids("5551234567") == [1, 2]
        customers.create(name="New After Upgrade")
        assert customers.search_ids("Upgrade") == [3]
    finally:
        close_database()
    taken = backup.list_backups(db_path)
    assert [b.reason for b in taken] == [f"before-upgrade-v{version}"]
    con = sqlite3.connect(taken[0].path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == version  # the copy is the old file
    assert con.execute("SELECT name FROM customer ORDER BY id").fetchall() == [("Dorothy Gale",), ("Hank Hill",)]
    con.close()


def test_an_empty_new_database_needs_no_backup(db_path):
    open_database(db_path)
    close_database()
    assert backup.list_backups(db_path) == []


def test_a_failing_step_leaves_the_old_schema_and_data_untouched(db_path, monkeypatch):
    build_old_database(db_path, SCHEMA_VERSION)
    broken = types.SimpleNamespace(SQL="""
CREATE TABLE invoice (id INTEGER PRIMARY KEY, amount INTEGER);
ALTER TABLE customer ADD COLUMN credit INTEGER NOT NULL DEFAULT 0;
UPDATE customer SET name = 'overwritten';
INSERT INTO no_such_table VALUES (1);
""")
    monkeypatch.setattr(schema, "STEPS", (*STEPS, broken))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    db = connect(db_path)
    database.initialize(db)
    before_schema = db.execute_sql("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    backups_taken = []
    with pytest.raises(Exception, match="no_such_table"):
        schema.upgrade(db, target=SCHEMA_VERSION + 1, before_step=backups_taken.append)
    assert backups_taken == [SCHEMA_VERSION]
    assert schema.current_version(db) == SCHEMA_VERSION
    assert db.execute_sql("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before_schema
    assert db.execute_sql("SELECT name FROM customer ORDER BY id").fetchall() == [("Dorothy Gale",), ("Hank Hill",)]
    close_database()


def test_a_database_from_a_newer_program_is_refused_untouched(db_path):
    build_old_database(db_path, SCHEMA_VERSION)
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    with pytest.raises(schema.SchemaTooNew, match="newer ServiceDesk"):
        open_database(db_path)
    close_database()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    con.close()
