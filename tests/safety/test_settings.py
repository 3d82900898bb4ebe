"""Connection settings are read back at start, and failures to write reach people as plain messages."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from peewee import SqliteDatabase

from servicedesk.core import clock
from servicedesk.core.services import customers
from servicedesk.core.store import backup
from servicedesk.core.store.db import StorageError, close_database, open_database, verify_settings


def test_every_connection_passes_the_self_test(db):
    verify_settings(db)  # raises if any setting is missing


def test_work_on_other_threads_keeps_a_smaller_cache_than_the_windows_own_connection(db_path):
    import threading

    from servicedesk.core.store.db import PRAGMAS, WORKER_CACHE_SIZE, database

    open_database(db_path)
    try:
        on_worker = []
        worker = threading.Thread(target=lambda: on_worker.append(
            database.execute_sql("PRAGMA cache_size").fetchone()[0]))
        worker.start()
        worker.join()
        assert database.execute_sql("PRAGMA cache_size").fetchone()[0] == dict(PRAGMAS)["cache_size"] == -32_000
        assert on_worker == [WORKER_CACHE_SIZE] == [-16_000]
        assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 10_000  # the rest as everywhere
    finally:
        close_database()


@pytest.mark.parametrize("pragmas, lock_type, named", [
    ({"journal_mode": "delete", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}, "IMMEDIATE", "journal mode"),
    ({"journal_mode": "wal", "synchronous": 1, "foreign_keys": 1, "busy_timeout": 5000}, "IMMEDIATE", "synchronous"),
    ({"journal_mode": "wal", "synchronous": 2, "foreign_keys": 0, "busy_timeout": 5000}, "IMMEDIATE", "foreign keys"),
    ({"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 0}, "IMMEDIATE", "busy timeout"),
    ({"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}, None, "write lock"),
])
def test_a_connection_without_the_safety_settings_is_refused_with_a_reason(tmp_path, pragmas, lock_type, named):
    db = SqliteDatabase(str(tmp_path / "unsafe.db"), pragmas=pragmas, lock_type=lock_type)
    db.connect()
    try:
        with pytest.raises(StorageError, match=named):
            verify_settings(db)
    finally:
        db.close()


def test_a_read_only_database_refuses_writes_plainly_and_keeps_working(db_path):
    open_database(db_path)
    customers.create(name="Readable")
    close_database()
    open_database(db_path, read_only=True)
    try:
        with pytest.raises(StorageError, match="open read-only"):
            customers.create(name="Refused", street="1 Main St")
        cid = customers.search_ids("Readable")[0]
        with pytest.raises(StorageError, match="nothing of it was kept"):
            customers.update(cid, 1, notes="refused")
        assert customers.get(cid).notes == "" and customers.count() == 1
    finally:
        close_database()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT COUNT(*) FROM site").fetchone()[0] == 0
    con.close()


def test_a_second_backup_in_the_same_second_is_the_one_kept(db):
    clock.set_now(dt.datetime(2026, 11, 23, 12, 0, 0))
    customers.create(name="First")
    backup.create_backup()
    customers.create(name="Second")
    second = backup.create_backup()
    assert [b.path for b in backup.list_backups(second.path.parent.parent / "office.db")] == [second.path]
    con = sqlite3.connect(second.path)
    assert con.execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 2
    con.close()


def test_a_read_only_file_gives_a_clear_message_at_start(db_path, monkeypatch):
    from servicedesk.core.store import check

    open_database(db_path)
    customers.create(name="Locked Away")
    close_database()
    # root may write anywhere, so the permission answer is simulated; the rest is the real start-up
    monkeypatch.setattr(check.os, "access", lambda path, mode: str(path) != str(db_path))
    with pytest.raises(StorageError, match="cannot write to .*read-only"):
        check.start(db_path)
    assert not check.marker_path(db_path).exists()
    monkeypatch.undo()
    opened = check.start(db_path, read_only=True)  # reading it is still possible
    try:
        assert customers.count() == 1
    finally:
        opened.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    from servicedesk.core.store import check

    path = tmp_path / "letter.db"
    letter = b"Dear Dorothy, this is a letter, not a database. " * 200
    path.write_bytes(letter)
    with pytest.raises(StorageError, match="is not a ServiceDesk database"):
        check.start(path)
    assert path.read_bytes() == letter
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.db"]


def test_a_database_whose_first_page_is_destroyed_is_restored_from_its_backup(db_path):
    from servicedesk.core.store import check

    open_database(db_path)
    customers.create(name="Survivor")
    close_database()
    backup.create_backup(db_path)
    with open(db_path, "r+b") as fh:
        fh.write(b"\xff" * 4096)
    opened = check.start(db_path)
    try:
        assert opened.recovered and customers.count() == 1
    finally:
        opened.close(take_backup=False)
