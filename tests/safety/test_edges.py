"""The edges of the command line and the window's start: far .ics ranges, --out to the wrong place,
an unterminated CSV quote, a closed pipe, --limit, no display, unknown options, SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.safety.conftest import ROOT
from tests.safety.test_every_command import _read_only


def _env(tmp_path, **extra):
    env = dict(os.environ, PYTHONPATH=str(ROOT), SERVICEDESK_DATA_DIR=str(tmp_path / "data"),
               SERVICEDESK_CONFIG_DIR=str(tmp_path / "config"))
    env.update(extra)
    return env


def sd(tmp_path, *args, prefix=(), **env):
    return subprocess.run([*prefix, sys.executable, "-m", "servicedesk", *map(str, args)], capture_output=True,
                          text=True, env=_env(tmp_path, **env), cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    run = sd(folder, "demo", "--database", folder / "office.db")
    assert run.returncode == 0, run.stderr
    return folder / "office.db"


@pytest.fixture
def office(demo_template, tmp_path):
    db = tmp_path / "office" / "office.db"
    db.parent.mkdir()
    shutil.copy2(demo_template, db)
    return db


def _count(db, sql):
    con = sqlite3.connect(str(db))
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def one_line(run, code=1):
    lines = run.stderr.strip().splitlines()
    assert run.returncode == code and len(lines) == 1 and lines[0].startswith("servicedesk: "), run.stderr
    assert "Traceback" not in run.stderr
    return lines[0]


def test_ics_refuses_a_range_beyond_a_year_and_stores_nothing(office, tmp_path):
    visits = _count(office, "SELECT COUNT(*) FROM visit")
    run = sd(tmp_path, "ics", "--technician", "Carlos", "--from", "2026-12-01", "--to", "2999-12-06",
             "--out", tmp_path / "carlos.ics", "--database", office)
    assert "at most a year ahead" in one_line(run)
    assert _count(office, "SELECT COUNT(*) FROM visit") == visits
    assert not (tmp_path / "carlos.ics").exists()


def _completed_visit(db) -> int:
    return _count(db, "SELECT id FROM visit WHERE status = 'completed' ORDER BY id LIMIT 1")


def _traces(db):
    return (_count(db, "SELECT COUNT(*) FROM document"), _count(db, "SELECT COUNT(*) FROM interaction"))


@pytest.mark.parametrize("where, said", [
    ("folder", "is a folder"),
    ("existing", "already exists; use --force"),
    ("missing-parent", "does not exist, so nothing was written"),
])
def test_visit_summary_out_to_the_wrong_place_writes_archives_and_logs_nothing(office, tmp_path, where, said):
    visit = _completed_visit(office)
    out = {"folder": tmp_path, "existing": tmp_path / "old.pdf",
           "missing-parent": tmp_path / "nonexistent" / "s.pdf"}[where]
    if where == "existing":
        out.write_bytes(b"%PDF- an older summary")
    before = _traces(office)
    run = sd(tmp_path, "visit-summary", "--visit", visit, "--out", out, "--database", office)
    assert said in one_line(run)
    assert _traces(office) == before
    assert not (tmp_path / "nonexistent").exists()
    if where == "existing":
        assert out.read_bytes() == b"%PDF- an older summary"
        forced = sd(tmp_path, "visit-summary", "--visit", visit, "--out", out, "--force", "--database", office)
        assert forced.returncode == 0, forced.stderr
        assert out.read_bytes().startswith(b"%PDF-1")


def test_visit_summary_to_an_unwritable_folder_is_refused(office, tmp_path):
    visit = _completed_visit(office)
    locked = tmp_path / "locked"
    locked.mkdir()
    before = _traces(office)
    run = sd(tmp_path, "visit-summary", "--visit", visit, "--out", locked / "s.pdf", "--database", office,
             prefix=_read_only(locked))
    assert "cannot be written" in one_line(run)
    assert _traces(office) == before


def test_letters_out_to_an_existing_file_writes_archives_and_logs_nothing(office, tmp_path):
    target = tmp_path / "letters.pdf"
    target.write_text("not a folder")
    before = _traces(office)
    run = sd(tmp_path, "letters", "--out", target, "--override-clarity", "--database", office)
    assert "is a file, not a folder" in one_line(run)
    assert _traces(office) == before


def test_an_unterminated_quote_is_a_line_numbered_error(office, tmp_path):
    csv = tmp_path / "in.csv"
    csv.write_text('Name,Phone,Notes\nRuth Cole,555-0101,fine\n"Open Quote,555-0111,never closed\nBob,555-0112,\n')
    customers = _count(office, "SELECT COUNT(*) FROM customer")
    run = sd(tmp_path, "import-customers", csv, "--database", office)
    line = one_line(run)
    assert "Line 3: a quoted value starts on this line and its closing quote" in line
    assert _count(office, "SELECT COUNT(*) FROM customer") == customers


def test_today_survives_a_closed_pipe(office, tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "servicedesk", "today", "--database", str(office)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path), cwd=ROOT)
    first = proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    _, err = proc.communicate(timeout=120)
    assert first.strip()
    assert proc.returncode == 0 and b"BrokenPipe" not in err and b"Traceback" not in err


@pytest.mark.parametrize("value", ["-3", "0", "ten"])
def test_limit_takes_positive_numbers_only(office, tmp_path, value):
    run = sd(tmp_path, "today", "--limit", value, "--database", office)
    assert run.returncode == 2 and "--limit" in run.stderr and "Traceback" not in run.stderr


def test_limit_three_prints_three(office, tmp_path):
    run = sd(tmp_path, "today", "--limit", "3", "--database", office)
    assert run.returncode == 0
    assert [line[:4] for line in run.stdout.splitlines() if line[:4].strip().rstrip(".").isdigit()] == \
        ["  1.", "  2.", "  3."]


def test_no_display_gives_one_clear_line(office, tmp_path):
    env = {k: v for k, v in _env(tmp_path).items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    run = subprocess.run([sys.executable, "-m", "servicedesk", "--database", str(office)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120)
    assert "There is no display to show the window on" in one_line(run)
    assert not Path(f"{office}.lock").exists()


def test_unknown_options_are_refused_before_qt_starts(office, tmp_path):
    run = sd(tmp_path, "--database", office, "-reverse", "--bogus", QT_QPA_PLATFORM="offscreen")
    assert run.returncode == 2 and "unrecognized arguments: -reverse --bogus" in run.stderr
    assert "qt." not in run.stderr.lower() and not Path(f"{office}.lock").exists()


def test_sigterm_closes_the_window_the_normal_way(office, tmp_path):
    log = tmp_path / "data" / "logs" / "servicedesk.log"
    proc = subprocess.Popen([sys.executable, "-m", "servicedesk", "--database", str(office)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"))
    try:
        deadline = time.monotonic() + 120
        while not (log.exists() and "main window shown" in log.read_text()):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
            time.sleep(0.1)
        assert Path(f"{office}.lock").exists()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=120) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not Path(f"{office}.lock").exists() and not Path(f"{office}.open").exists()
    backups = list((office.parent / "office-backups").glob("office-*.db"))
    assert len(backups) == 1  # the close-time backup of a database never backed up before
    assert "terminated: closing the window" in log.read_text()
