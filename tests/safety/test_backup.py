"""Backups: taken with the online API while another process writes, verified, rotated, private."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ServiceError
from servicedesk.core.services import customers
from servicedesk.core.store import backup
from tests.safety.conftest import audit, writer


def test_backups_taken_while_another_process_writes_are_all_valid(seeded_db):
    proc = writer("loop", seeded_db, 0, 0)
    try:
        assert proc.stdout.readline()  # the writer has committed at least once
        taken = []
        for i in range(6):
            clock.set_now(dt.datetime(2026, 11, 1 + i, 12, 0))  # one per day: rotation keeps them all
            taken.append(backup.create_backup(seeded_db))
    finally:
        proc.kill()
        proc.wait()
    assert [b.path for b in backup.list_backups(seeded_db)] == [b.path for b in reversed(taken)]
    counts = []
    for info in taken:
        state = audit(info.path)
        assert state["integrity"] == ["ok"] and state["fk"] == []
        assert state["partial"] == set()
        counts.append(len(state["A"]) + len(state["B"]))
        assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert counts == sorted(counts) and counts[-1] > counts[0]  # each later copy holds more


def _damage(path):
    with open(path, "r+b") as fh:
        size = fh.seek(0, 2)
        fh.seek(max(4096, (size // 2) // 4096 * 4096))
        fh.write(b"\xde\xad\xbe\xef" * 1024)


def test_a_corrupt_backup_never_pushes_out_a_good_one(db):
    customers.create(name="Ada Keep")
    for day in range(1, 10):
        clock.set_now(dt.datetime(2026, 11, day, 18, 0))
        backup.create_backup()
    before = [b.path for b in backup.list_backups(backup.database_file())]
    assert 7 <= len(before) < 9  # the rotation removed some; the last 7 days are all there
    assert {b.taken_at.day for b in backup.list_backups(backup.database_file())} >= set(range(3, 10))

    clock.set_now(dt.datetime(2026, 11, 10, 18, 0))
    for i in range(300):
        customers.create(name=f"Filler {i}", notes="x" * 200)
    with pytest.raises(ServiceError, match="failed its check"):
        backup.create_backup(after_copy=_damage)
    after = [b.path for b in backup.list_backups(backup.database_file())]
    assert after == before
    assert all(p.exists() for p in before)
    kept = list(backup.backup_dir(backup.database_file()).glob("*.damaged"))
    assert len(kept) == 1


def test_rotation_keeps_seven_daily_four_weekly_twelve_monthly(db):
    start = dt.datetime(2025, 1, 1, 17, 0)
    for day in range(400):
        clock.set_now(start + dt.timedelta(days=day))
        backup.create_backup()
    kept = backup.list_backups(backup.database_file())
    days = [b.taken_at.date() for b in kept]
    newest = (start + dt.timedelta(days=399)).date()
    assert days[:7] == [newest - dt.timedelta(days=i) for i in range(7)]
    weeks = {d.isocalendar()[:2] for d in days}
    months = {(d.year, d.month) for d in days}
    assert len(months) == 12 and len(weeks) >= 4
    assert len(kept) <= 7 + 4 + 12


def test_restore_puts_the_backup_back_and_keeps_the_replaced_file(db, db_path):
    from servicedesk.core.store import close_database, open_database

    customers.create(name="Before Backup")
    info = backup.create_backup()
    customers.create(name="After Backup")
    close_database()
    aside = backup.restore(info.path, db_path)
    assert aside.exists() and aside != db_path
    open_database(db_path)
    assert [customers.rows(customers.search_ids())[i].name for i in range(customers.count())] == ["Before Backup"]
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_closing_after_only_looking_takes_no_new_backup_and_closing_after_a_change_does(db_path):
    from servicedesk.core.services import communication
    from servicedesk.core.store import check

    clock.set_now(dt.datetime(2026, 11, 23, 8, 30))
    try:
        opened = check.start(db_path)
        customers.create(name="Dorothy Hale")
        communication.today_queue()
        opened.close()
        assert len(backup.list_backups(db_path)) == 1  # the day's work is backed up on close
        for minutes in (5, 10):  # two more looks at the queue the same morning
            clock.set_now(dt.datetime(2026, 11, 23, 8, 30 + minutes))
            opened = check.start(db_path)
            communication.today_queue()
            assert customers.search_ids("Dorothy")
            opened.close()
        assert [b.taken_at for b in backup.list_backups(db_path)] == [dt.datetime(2026, 11, 23, 8, 30)]
        clock.set_now(dt.datetime(2026, 11, 23, 9, 0))
        opened = check.start(db_path)
        customers.create(name="Ruth Cole")
        opened.close()
        newest = backup.list_backups(db_path)[0]  # the day keeps its newest copy
        assert newest.taken_at == dt.datetime(2026, 11, 23, 9, 0) and backup.verify(newest.path) == []
        names = sqlite3.connect(str(newest.path)).execute("SELECT name FROM customer ORDER BY name").fetchall()
        assert names == [("Dorothy Hale",), ("Ruth Cole",)]
    finally:
        clock.set_now(None)
