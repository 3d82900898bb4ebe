"""A full disk, on a small file system of its own: the plain message, the real SQLite error kept as
the cause (never "no transaction is active"), nothing half-saved, and the database still in place."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import customers
from servicedesk.core.store import backup, check
from servicedesk.core.store.db import close_database, open_database
from tests.safety.conftest import ROOT
from tests.safety.test_recovery import _office, overwrite_middle_page


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB tmpfs mounted for the test: writing past it fails with ENOSPC like a full disk."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    yield folder
    close_database()
    subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Write a filler file until the disk is full."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as fh:  # unbuffered: closing has nothing left to flush
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    return filler


def full_message(folder: Path) -> str:
    return f"The disk holding {folder} is full: nothing was saved. Free some space and try again."


def test_a_save_on_a_full_disk_says_so_keeps_nothing_and_works_once_space_is_freed(small_disk):
    db_path = small_disk / "office.db"
    _office(db_path, 20)
    open_database(db_path)
    filler = fill(small_disk)
    with pytest.raises(ServiceError) as failed:
        customers.create(name="Too Big", street="2 Main St", notes="x" * 400_000)
    assert str(failed.value) == full_message(small_disk)
    cause = str(failed.value.__cause__).lower()
    assert "full" in cause and "no transaction is active" not in cause  # the real error, not the rollback's
    assert customers.count() == 20
    filler.unlink()
    customers.create(name="After Cleanup", notes="x" * 400_000)
    assert customers.count() == 21
    close_database()
    assert check.check_file(db_path, full=True) == []


def test_starting_on_a_full_disk_says_so_and_leaves_no_lock(small_disk):
    db_path = small_disk / "office.db"
    _office(db_path, 5)
    filler = fill(small_disk)
    with pytest.raises(ServiceError) as failed:
        check.start(db_path)
    assert str(failed.value) == full_message(small_disk)
    assert not db_path.with_name("office.db.lock").exists()
    assert not check.marker_path(db_path).exists()
    filler.unlink()
    assert sqlite3.connect(str(db_path)).execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 5


def test_a_command_on_a_full_disk_gives_one_line(small_disk, tmp_path):
    db_path = small_disk / "office.db"
    _office(db_path, 5)
    csv = tmp_path / "in.csv"
    csv.write_text("Name,Phone,Notes\n" + "".join(f"Person {i},555-{i:04},{'n' * 2000}\n" for i in range(3000)))
    filler = fill(small_disk)
    run = subprocess.run([sys.executable, "-m", "servicedesk", "import-customers", str(csv), "--database",
                          str(db_path)], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                         timeout=300)
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines == [f"servicedesk: {full_message(small_disk)}"], run.stderr
    filler.unlink()
    assert sqlite3.connect(str(db_path)).execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 5


def test_repair_on_a_nearly_full_disk_leaves_the_damaged_database_in_place(small_disk):
    db_path = small_disk / "office.db"
    _office(db_path, 400)
    info = backup.create_backup(db_path)
    overwrite_middle_page(db_path)
    damaged = db_path.read_bytes()
    filler = fill(small_disk)
    with pytest.raises(ServiceError) as failed:
        check.start(db_path)
    assert str(failed.value) == full_message(small_disk)
    assert db_path.read_bytes() == damaged  # still there, as it was: the next start repairs it
    filler.unlink()
    assert info.path.exists() and backup.verify(info.path) == []
    assert not list(small_disk.glob("*.restoring"))


def test_a_backup_on_a_full_disk_keeps_the_older_ones(small_disk):
    db_path = small_disk / "office.db"
    _office(db_path, 50)
    first = backup.create_backup(db_path)
    open_database(db_path)
    customers.create(name="Changed")
    close_database()
    fill(small_disk)
    with pytest.raises(ServiceError, match="is full: no backup was saved, and older backups were kept"):
        backup.create_backup(db_path)
    assert [b.path for b in backup.list_backups(db_path)] == [first.path]
    assert not list(backup.backup_folder(db_path).glob("*.partial"))
