"""Importing 100,000 CSV rows, and a verified backup of the large office.

Import floor: the csv module reading the same file and ``executemany`` inserting its rows into
the same schema (search index triggers included), in one transaction. Backup floor: SQLite's
backup API copying the file, then ``PRAGMA integrity_check`` on the copy.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import statistics
import tempfile
from pathlib import Path

from tests.benchmarks.harness import Result, clock

ROWS = 100_000
HEADERS = ("Name", "Company", "Phone", "Email", "Street", "City", "Postcode", "Notes")
COLUMNS = ("name", "company", "phone", "email", "street", "city", "postcode", "notes")


def _write_csv(db_path: str, path: Path) -> int:
    """The office's own customers as a spreadsheet would hold them; names made unique with their row."""
    bare = sqlite3.connect(db_path)
    rows = bare.execute(f"SELECT {', '.join(COLUMNS)} FROM customer ORDER BY id LIMIT ?", (ROWS,)).fetchall()
    bare.close()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADERS)
        for n, row in enumerate(rows):
            out.writerow((f"{row[0]} {n}", *row[1:]))  # one person each: the likely-duplicate check finds no one
    return len(rows)


def _empty_office(folder: Path) -> Path:
    """A new office file at the current schema, set up (region and country), without customers."""
    from servicedesk.core.services import office
    from servicedesk.core.store import close_database, open_database

    path = folder / "empty.db"
    open_database(str(path))
    office.update(name="Import Test", region="US", configured=True)
    close_database()
    return path


def import_rows(db_path: str, repeat: int) -> Result:
    from servicedesk.core.services import imports
    from servicedesk.core.store import close_database, open_database

    from tests.benchmarks.ops_queue import on_office

    work = Path(tempfile.mkdtemp(prefix="servicedesk-import-"))
    try:
        source = work / "customers.csv"
        count = _write_csv(db_path, source)

        def run_app() -> float:
            target = work / "app.db"
            for stale in work.glob("app.db*"):
                stale.unlink()
            shutil.copy(template, target)
            open_database(str(target))
            start = clock()
            plan = imports.read(source)
            result = imports.run(plan, include_duplicates=True)  # the same phone twice is fine here: all rows go in, as in the floor
            took = clock() - start
            assert result.imported == count, (result.imported, plan.problems[:3], plan.duplicates[:3])
            close_database()
            return took

        def run_floor() -> float:
            target = work / "floor.db"
            for stale in work.glob("floor.db*"):
                stale.unlink()
            shutil.copy(template, target)
            con = sqlite3.connect(target)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA foreign_keys=ON")
            start = clock()
            with open(source, encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                next(reader)
                with con:
                    con.executemany(
                        f"INSERT INTO customer ({', '.join(COLUMNS)}, sort_name, phone_e164, status, salutation,"
                        " cancel_reason, trade, preferred_channel, best_time, fit_check, fit_note, open_concerns,"
                        " health_score, version, created_at, updated_at)"
                        f" VALUES ({', '.join('?' * len(COLUMNS))}, lower(?), ?, 'active', '', '', '', '', '', '', '',"
                        " 0, 100, 1, datetime('now'), datetime('now'))", ((*row, row[0], row[2]) for row in reader))
            took = clock() - start
            con.close()
            return took

        def measure():
            app_t, floor_t = [], []
            for _ in range(repeat):
                app_t.append(run_app())
                floor_t.append(run_floor())
            return app_t, floor_t

        template = None

        def inside():
            nonlocal template
            close_database()
            template = _empty_office(work)
            return measure()

        app_t, floor_t = on_office(db_path, inside)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    a, f = statistics.median(app_t), statistics.median(floor_t)
    return Result(f"import {count:,} customers from CSV (check + write)", a, f, a / f, 2.0)


def verified_backup(db_path: str, repeat: int) -> Result:
    from servicedesk.core.store import backup

    work = Path(tempfile.mkdtemp(prefix="servicedesk-backup-"))
    source = work / "office.db"
    shutil.copy(db_path, source)  # backups land beside the file: keep the cache's folder clean

    def run_app() -> float:
        start = clock()
        info = backup.create_backup(source, reason="benchmark")
        took = clock() - start
        info.path.unlink()
        return took

    def run_floor() -> float:
        copy = work / "floor.db"
        copy.unlink(missing_ok=True)
        start = clock()
        src = sqlite3.connect(source)
        dst = sqlite3.connect(copy)
        src.backup(dst)
        src.close()
        ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        dst.close()
        took = clock() - start
        assert ok == "ok"
        copy.unlink()
        return took

    try:
        app_t, floor_t = [], []
        for _ in range(max(1, repeat)):
            app_t.append(run_app())
            floor_t.append(run_floor())
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(backup.backup_dir(source), ignore_errors=True)
    a, f = statistics.median(app_t), statistics.median(floor_t)
    size = Path(db_path).stat().st_size / 1e6
    return Result(f"verified backup of the {size:,.0f} MB office", a, f, a / f, 2.0)
