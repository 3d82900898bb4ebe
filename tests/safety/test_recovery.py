"""Start-up checks: a damaged database is found, set aside and replaced by the newest sound backup."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3

from servicedesk.core import clock
from servicedesk.core.services import customers
from servicedesk.core.store import backup, check
from servicedesk.core.store.db import close_database, open_database

PAGE = 4096


def _office(db_path, n=400):
    """An office big enough to span many pages, closed cleanly."""
    open_database(db_path)
    for i in range(n):
        customers.create(name=f"Customer {i}", notes=f"note {i} " * 20)
    close_database()


def overwrite_search_page(path):
    """Damage a page of the search index's data, which the window reads only when someone types a
    search: the damage the start-up check beside the window has to find (a page the window reads
    while it opens would fail that read first)."""
    con = sqlite3.connect(str(path))
    try:
        pages = [r[0] for r in con.execute(
            "SELECT pageno FROM dbstat WHERE name = 'customer_search_data' AND pagetype = 'leaf' ORDER BY pageno")]
    finally:
        con.close()
    with open(path, "r+b") as fh:
        fh.seek((pages[len(pages) // 2] - 1) * PAGE)
        fh.write(random.Random(len(pages)).randbytes(PAGE))


def overwrite_middle_page(path):
    size = os.path.getsize(path)
    assert size > 20 * PAGE
    page = (size // PAGE) // 2
    with open(path, "r+b") as fh:
        fh.seek(page * PAGE)
        fh.write(random.Random(size).randbytes(PAGE))  # garbage, the same on every run


def test_a_sound_database_opens_without_messages(db_path):
    _office(db_path, 5)
    opened = check.start(db_path)
    try:
        assert opened.messages == [] and not opened.recovered and not opened.unclean
        assert customers.count() == 5
    finally:
        opened.close(take_backup=False)
    assert not check.marker_path(db_path).exists()


def test_damaged_database_is_set_aside_and_restored_from_backup(db_path):
    _office(db_path)
    clock.set_now(dt.datetime(2026, 11, 20, 17, 0))
    backup.create_backup(db_path)
    overwrite_middle_page(db_path)

    assert check.check_file(db_path) != []
    opened = check.start(db_path)
    try:
        assert opened.recovered
        assert "was damaged" in opened.messages[0] and "Nov 20, 2026, 5:00\u00a0PM" in opened.messages[0]
        assert customers.count() == 400
        assert customers.rows(customers.search_ids("Customer 399"))[0].name == "Customer 399"
    finally:
        opened.close(take_backup=False)
    damaged = list(db_path.parent.glob("office-damaged-*.db"))
    assert len(damaged) == 1 and check.check_file(damaged[0]) != []
    assert check.check_file(db_path, full=True) == []


def test_when_the_backup_is_damaged_too_a_fresh_database_starts_and_both_are_kept(db_path):
    _office(db_path)
    info = backup.create_backup(db_path)
    overwrite_middle_page(db_path)
    overwrite_middle_page(info.path)

    opened = check.start(db_path)
    try:
        assert opened.recovered
        assert "no good backup was found" in opened.messages[0]
        assert customers.count() == 0
        customers.create(name="Fresh Start")  # the new database works
    finally:
        opened.close(take_backup=False)
    assert len(list(db_path.parent.glob("office-damaged-*.db"))) == 1
    assert [p.name for p in backup.backup_dir(db_path).glob("*.damaged")] == [info.path.name + ".damaged"]
    assert backup.list_backups(db_path) == []


def test_unclean_shutdown_runs_the_full_check(db_path, monkeypatch):
    _office(db_path, 3)
    check.marker_path(db_path).write_text("12345")  # left behind by a crash
    full_checks = []
    real = check.check_file
    monkeypatch.setattr(check, "check_file", lambda p, full=False: full_checks.append(full) or real(p, full))
    opened = check.start(db_path)
    opened.close(take_backup=False)
    assert full_checks == [True]
    opened = check.start(db_path)
    opened.close(take_backup=False)
    assert full_checks == [True, False]  # a clean close: quick_check only


def test_close_takes_a_backup_only_when_something_changed(db_path):
    opened = check.start(db_path)
    customers.create(name="Changed")
    opened.close()
    assert len(backup.list_backups(db_path)) == 1
    opened = check.start(db_path)
    opened.close()
    assert len(backup.list_backups(db_path)) == 1


def test_a_new_database_in_a_new_folder_starts_empty_and_private(tmp_path):
    import stat

    path = tmp_path / "new" / "folder" / "office.db"
    opened = check.start(path)
    try:
        assert opened.messages == [] and customers.count() == 0
        assert check.marker_path(path).exists()
    finally:
        opened.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not check.marker_path(path).exists()
