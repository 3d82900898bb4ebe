"""``servicedesk backup``, ``restore`` and ``check`` as a person runs them: a separate process, real files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from servicedesk.core import formatting
from servicedesk.core.store import backup
from tests.safety.conftest import ROOT
from tests.safety.test_recovery import _office, overwrite_middle_page


def run(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "servicedesk", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


def test_backup_list_and_restore(db_path):
    _office(db_path, 3)
    result = run("backup", "--database", db_path)
    assert result.returncode == 0, result.stderr
    assert "checked: ok" in result.stdout
    info = backup.list_backups(db_path)[0]
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600

    listing = run("restore", "--database", db_path)
    assert listing.returncode == 0
    assert f"  1  {formatting.format_moment(info.taken_at, year=True, locale='en_US')}" in listing.stdout and str(info.path) in listing.stdout

    _office(db_path, 2)  # two more customers after the backup
    restored = run("restore", "1", "--database", db_path)
    assert restored.returncode == 0, restored.stderr
    assert "was kept as" in restored.stdout
    checked = run("check", "--database", db_path)
    assert checked.returncode == 0, checked.stderr
    assert "ok" in checked.stdout and "3 customers" in checked.stdout


def test_restore_without_backups_says_so(db_path):
    _office(db_path, 1)
    result = run("restore", "--database", db_path)
    assert result.returncode == 0 and "no backups" in result.stdout


def test_check_repairs_a_damaged_database_from_its_backup(db_path):
    _office(db_path)
    assert run("backup", "--database", db_path).returncode == 0
    overwrite_middle_page(db_path)
    result = run("check", "--database", db_path)
    assert result.returncode == 1
    assert "was damaged" in result.stdout and "newest good backup" in result.stdout
    again = run("check", "--database", db_path)
    assert again.returncode == 0 and "400 customers" in again.stdout


def test_restore_is_refused_while_the_database_is_open(db_path):
    from servicedesk.core.store import check

    _office(db_path, 1)
    backup.create_backup(db_path)
    opened = check.start(db_path)
    try:
        result = run("restore", "1", "--database", db_path)
    finally:
        opened.close(take_backup=False)
    assert result.returncode == 1
    assert "already open for writing" in result.stderr
