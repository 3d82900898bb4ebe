"""Every file and folder ServiceDesk writes is readable by its owner only: the database and its side
files, backups, documents, .ics files, letters folders, the log, the settings file and the folders."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.safety.conftest import ROOT


def _run(*args, env):
    run = subprocess.run([sys.executable, "-m", "servicedesk", *map(str, args)], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    return run


def _modes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): oct(stat.S_IMODE(p.stat().st_mode))
            for p in [folder, *sorted(folder.rglob("*"))]}


def test_everything_written_is_owner_only(tmp_path):
    data, config = tmp_path / "data", tmp_path / "config"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", SERVICEDESK_QUIT_AFTER_MS="300",
               SERVICEDESK_DATA_DIR=str(data), SERVICEDESK_CONFIG_DIR=str(config))
    office = tmp_path / "office" / "2026"
    db = office / "office.db"
    out = tmp_path / "out"
    out.mkdir(mode=0o755)  # the person's own folder: left as it is
    os.chmod(out, 0o755)
    old_umask = os.umask(0o022)  # the usual umask: what is not made private on purpose would be readable
    try:
        _run("demo", "--database", db, env=env)
        _run("ics", "--technician", "Carlos", "--from", "2026-11-23", "--to", "2026-11-29",
             "--out", out / "carlos.ics", "--database", db, env=env)
        _run("letters", "--out", out / "letters" / "week", "--override-clarity", "--database", db, env=env)
        _run("backup", "--database", db, env=env)
        _run("--database", db, env=env)  # the window, started headless and closed again
    finally:
        os.umask(old_umask)
    made = {"data": _modes(data), "config": _modes(config), "office": _modes(tmp_path / "office"),
            "ics": {"carlos.ics": oct(stat.S_IMODE((out / "carlos.ics").stat().st_mode))},
            "letters": _modes(out / "letters")}
    assert (config / "servicedesk.ini").exists() and (data / "logs" / "servicedesk.log").exists()
    assert list((out / "letters" / "week").glob("*.pdf"))
    wrong = [f"{where}/{name}: {mode}" for where, modes in made.items() for name, mode in modes.items()
             if mode not in ("0o600", "0o700")]
    assert not wrong, "\n".join(wrong)
    assert oct(stat.S_IMODE(out.stat().st_mode)) == "0o755"
