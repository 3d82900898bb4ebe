"""Every subcommand against each kind of bad database: one line starting ``servicedesk:``, exit
status 1, no traceback, and nothing created or changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from servicedesk.cli import main
from servicedesk.core.store import backup
from tests.safety.conftest import ROOT
from tests.safety.test_recovery import _office

COMMANDS = {
    "init": [],
    "demo": [],
    "today": [],
    "concern-report": [],
    "import-customers": ["{csv}"],
    "import-visits": ["{csv}"],
    "export-customers": ["{out}/all.csv"],
    "letters": ["--out", "{out}/letters"],
    "visit-summary": ["--visit", "1", "--out", "{out}/summary.pdf"],
    "ics": ["--technician", "Carlos", "--from", "2026-11-23", "--to", "2026-11-29", "--out", "{out}/carlos.ics"],
    "backup": [],
    "restore": ["1"],
    "check": [],
}

# what each kind of bad database is told (commands that create, restore or refuse otherwise aside)
SAID = {
    "missing": "There is no database at",
    "folder": "is a folder, not a database file",
    "under-a-file": "is a file, so there can be no database at",
    "not-sqlite": "is not a ServiceDesk database",
    "newer-schema": "written by a newer ServiceDesk",
    "empty-with-backups": "is empty, but it has backups",
    "read-only": "cannot write to",
}


def make(kind: str, folder: Path) -> Path:
    path = folder / "office.db"
    if kind == "missing":
        return folder / "typo" / "offise.db"
    if kind == "folder":
        path.mkdir()
    elif kind == "under-a-file":
        (folder / "notes.txt").write_text("a file, not a folder")
        return folder / "notes.txt" / "office.db"
    elif kind == "not-sqlite":
        path.write_text("Name,Phone\nDorothy,555-0100\n")
    elif kind == "newer-schema":
        _office(path, 2)
        con = sqlite3.connect(str(path))
        con.execute("PRAGMA user_version = 999")
        con.commit()
        con.close()
    elif kind == "empty-with-backups":
        _office(path, 2)
        backup.create_backup(path)
        path.write_bytes(b"")
    elif kind == "read-only":
        _office(path, 2)
    return path


def snapshot(folder: Path) -> dict:
    """Every file under ``folder`` with its contents' hash (the lock of a command's use aside)."""
    return {p.relative_to(folder): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir")
            for p in sorted(folder.rglob("*")) if not p.name.endswith(".inuse")}


def argv(command: str, path: Path, folder: Path) -> list[str]:
    csv = folder / "in.csv"
    out = folder / "out"
    return [command, *(a.format(csv=csv, out=out) for a in COMMANDS[command]), "--database", str(path)]


def expected(command: str, kind: str) -> str:
    if command == "init" and kind in ("not-sqlite", "newer-schema", "empty-with-backups", "read-only"):
        return "already exists"
    if command == "restore" and kind in ("missing", "not-sqlite", "newer-schema", "read-only", "under-a-file"):
        return "There is no backup 1"
    if command in ("init", "demo") and kind == "missing":
        return ""  # creating one is what they are for
    if command == "restore" and kind == "empty-with-backups":
        return ""  # restoring it is the way out
    return SAID[kind]


@pytest.mark.parametrize("kind", [k for k in SAID if k != "read-only"])
def test_every_command_refuses_a_bad_database_in_one_line(kind, tmp_path, capsys):
    failures = []
    for command in COMMANDS:
        folder = tmp_path / command
        (folder / "out").mkdir(parents=True)
        (folder / "in.csv").write_text("Name,Phone\nRuth Cole,555-0101\n")
        path = make(kind, folder)
        want = expected(command, kind)
        before = snapshot(folder)
        try:
            code = main(argv(command, path, folder))
        except SystemExit as exc:  # argparse
            code = exc.code
        out, err = capsys.readouterr()
        if not want:
            continue
        lines = err.strip().splitlines()
        if code != 1 or len(lines) != 1 or not lines[0].startswith("servicedesk: ") or want not in lines[0]:
            failures.append(f"{command}: exit {code}, stderr {err!r}")
        elif snapshot(folder) != before:
            failures.append(f"{command}: changed files: {set(snapshot(folder)) ^ set(before)}")
    assert not failures, "\n".join(failures)


def test_a_mistyped_database_path_creates_nothing(tmp_path, capsys):
    path = tmp_path / "typo" / "offise.db"
    assert main(["today", "--database", str(path)]) == 1
    assert not path.parent.exists()
    assert main(["export-customers", str(tmp_path / "all.csv"), "--database", str(path)]) == 1
    assert not (tmp_path / "all.csv").exists()


def _read_only(folder: Path) -> list[str]:
    """A command prefix under which ``folder`` cannot be written: file modes for a user; for root (who
    may write anywhere) a read-only bind mount in a mount namespace of the command's own."""
    for p in [folder, *folder.rglob("*")]:
        os.chmod(p, 0o555 if p.is_dir() else 0o444)
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None or subprocess.run(["unshare", "--mount", "true"],
                                                          capture_output=True).returncode != 0:
        pytest.skip("running as root where no mount namespace can be made (a chroot, say): no way to make a "
                    "folder read-only for root")
    return ["unshare", "--mount", "sh", "-c",
            f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"', "sh"]


def test_every_command_refuses_a_read_only_database_in_one_line(tmp_path):
    failures = []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for command in COMMANDS:
        folder = tmp_path / command
        (folder / "out").mkdir(parents=True)
        (folder / "in.csv").write_text("Name,Phone\nRuth Cole,555-0101\n")
        path = make("read-only", folder)
        prefix = _read_only(folder)
        before = snapshot(folder)
        run = subprocess.run([*prefix, sys.executable, "-m", "servicedesk", *argv(command, path, folder)],
                             capture_output=True, text=True, env=dict(env, SERVICEDESK_DATA_DIR=str(tmp_path / "data")),
                             cwd=ROOT, timeout=120)
        lines = run.stderr.strip().splitlines()
        want = expected(command, "read-only")
        if run.returncode != 1 or len(lines) != 1 or not lines[0].startswith("servicedesk: ") or want not in lines[0]:
            failures.append(f"{command}: exit {run.returncode}, stderr {run.stderr!r}")
        elif snapshot(folder) != before:
            failures.append(f"{command}: changed files")
    assert not failures, "\n".join(failures)
