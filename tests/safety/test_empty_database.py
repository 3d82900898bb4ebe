"""An empty or missing database where backups exist is not a new office; rotation never lets an empty
or much smaller backup push out a good one."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from servicedesk.core import clock
from servicedesk.core.services import customers
from servicedesk.core.store import backup, check
from servicedesk.core.store.db import close_database, open_database
from servicedesk.ui import safety
from tests.safety.test_cli import run
from tests.safety.test_gui import Shown
from tests.safety.test_recovery import _office


def _customers(path) -> int:
    return sqlite3.connect(str(path)).execute("SELECT COUNT(*) FROM customer").fetchone()[0]


def lose(db_path, how: str) -> None:
    """The database file becomes empty (a failed copy, say) or goes missing (moved, deleted)."""
    if how == "empty":
        db_path.write_bytes(b"")
    else:
        db_path.unlink()


@pytest.fixture
def office_with_backup(db_path):
    _office(db_path, 40)
    clock.set_now(dt.datetime(2026, 11, 27, 17, 0))
    info = backup.create_backup(db_path)
    clock.set_now(None)
    return db_path, info


@pytest.mark.parametrize("how", ["empty", "missing"])
def test_start_refuses_an_empty_or_missing_file_that_has_backups(office_with_backup, how):
    db_path, info = office_with_backup
    lose(db_path, how)
    with pytest.raises(check.MissingDatabase) as refused:
        check.start(db_path)
    assert f"is {how}" in str(refused.value) and "servicedesk restore 1" in str(refused.value)
    assert refused.value.newest.path == info.path
    assert (db_path.exists() and db_path.stat().st_size == 0) if how == "empty" else not db_path.exists()
    assert not check.marker_path(db_path).exists() and not db_path.with_name("office.db.lock").exists()
    assert [b.path for b in backup.list_backups(db_path)] == [info.path]


@pytest.mark.parametrize("how", ["empty", "missing"])
def test_check_exits_non_zero_with_the_same_message(office_with_backup, how):
    db_path, info = office_with_backup
    lose(db_path, how)
    result = run("check", "--database", db_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"servicedesk: The database {db_path} is {how}, but it has backups")
    assert "Traceback" not in result.stderr
    assert len(backup.list_backups(db_path)) == 1


def test_the_window_offers_the_newest_good_backup(qapp, office_with_backup, monkeypatch):
    db_path, info = office_with_backup
    db_path.write_bytes(b"")
    shown = Shown()
    shown.answer = "Restore the Newest Backup"
    monkeypatch.setattr(safety, "run_box", shown.run)
    opened = safety.open_for_window(db_path)
    try:
        assert [b.objectName() for b in shown] == ["databaseMissing"]
        assert "is empty, but it has backups" in shown[0].text()
        assert opened is not None and customers.count() == 40
    finally:
        safety.finish(opened)
    [kept] = db_path.parent.glob("office-replaced-*.db")
    assert kept.stat().st_size == 0  # the empty file is kept too


def test_quitting_at_the_offer_changes_nothing(qapp, office_with_backup, monkeypatch):
    db_path, info = office_with_backup
    db_path.unlink()
    shown = Shown()
    shown.answer = "Quit"
    monkeypatch.setattr(safety, "run_box", shown.run)
    assert safety.open_for_window(db_path) is None
    assert not db_path.exists()


def test_a_new_office_without_backups_still_starts_empty(tmp_path):
    path = tmp_path / "fresh.db"
    opened = check.start(path)
    try:
        assert customers.count() == 0
    finally:
        opened.close()


def test_backups_of_an_emptied_database_never_push_out_the_good_one(db_path):
    _office(db_path, 40)
    clock.set_now(dt.datetime(2026, 11, 1, 17, 0))
    good = backup.create_backup(db_path)
    db_path.unlink()  # the file is lost; someone starts a new, empty office in its place anyway
    open_database(db_path)
    close_database()
    for day in range(2, 60):  # two months of close-time backups of the empty office
        clock.set_now(dt.datetime(2026, 11, 1, 17, 0) + dt.timedelta(days=day))
        backup.create_backup(db_path)
    kept = backup.list_backups(db_path)
    assert good.path in [b.path for b in kept]
    assert _customers(good.path) == 40
    assert len(kept) <= 7 + 4 + 12 + 1


def test_a_much_smaller_backup_does_not_push_out_a_larger_one_but_a_similar_one_does(db_path):
    _office(db_path, 40)
    start = dt.datetime(2026, 11, 2, 17, 0)
    clock.set_now(start)
    big = backup.create_backup(db_path)
    small_db = db_path.with_name("small.db")
    _office(small_db, 3)
    # backups of a database with 3 customers under the big one's name, every few days for over a year
    for day in range(1, 400, 5):
        clock.set_now(start + dt.timedelta(days=day))
        info = backup.create_backup(small_db)
        info.path.rename(backup.backup_dir(db_path) / info.path.name.replace("small-", "office-"))
        backup.rotate(db_path)
    kept = [b.path for b in backup.list_backups(db_path)]
    assert big.path in kept  # never pushed out by copies holding a tenth of its records
    assert len(kept) <= 7 + 4 + 12 + 1

    # a copy holding about as much replaces it as usual
    for day in range(400, 800, 5):
        clock.set_now(start + dt.timedelta(days=day))
        backup.create_backup(db_path)
    assert big.path not in [b.path for b in backup.list_backups(db_path)]


def test_recovery_prefers_the_newest_backup_with_customers(db_path):
    from tests.safety.test_recovery import overwrite_middle_page

    _office(db_path, 400)
    clock.set_now(dt.datetime(2026, 11, 20, 17, 0))
    good = backup.create_backup(db_path)
    empty = db_path.with_name("empty.db")
    open_database(empty)
    close_database()
    clock.set_now(dt.datetime(2026, 11, 21, 17, 0))
    newer_empty = backup.create_backup(empty)
    newer_empty.path.rename(backup.backup_dir(db_path) / newer_empty.path.name.replace("empty-", "office-"))
    clock.set_now(None)
    overwrite_middle_page(db_path)
    opened = check.start(db_path)
    try:
        assert opened.recovered and customers.count() == 400
    finally:
        opened.close(take_backup=False)
    assert good.path.exists()
