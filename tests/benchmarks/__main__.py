"""python -m tests.benchmarks [--quick] [--customers N] [--repeat N] [--only NAME ...]

Builds (once, then reuses) a large demo office, times each operation of the app against its
floor in this one process run, prints the table and writes benchmark-results.json here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import harness  # noqa: E402


def _schema_version(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def dataset(customers: int, seed: int = 7) -> Path:
    """The cached demo office of ``customers``, built once and brought to this schema version.

    A cache made by an older version is upgraded by the schema steps, as an office's own file
    would be; one made by a newer version (another branch) is built again.
    """
    from servicedesk.core.store.schema import SCHEMA_VERSION

    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "servicedesk-benchmarks"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"office-{customers}-seed{seed}.db"
    if path.exists():
        version = _schema_version(path)
        if version > SCHEMA_VERSION:
            print(f"{path.name} has schema version {version}, newer than {SCHEMA_VERSION}: building it again", flush=True)
            path.unlink()
        elif version < SCHEMA_VERSION:
            print(f"Upgrading {path.name} from schema version {version} to {SCHEMA_VERSION} ...", flush=True)
            subprocess.run([sys.executable, "-c", "import sys; from servicedesk.core.store import open_database, "
                            "close_database; open_database(sys.argv[1]); close_database()", str(path)], check=True)
    if not path.exists():
        print(f"Building a demo office of {customers:,} customers in {path} (once) ...", flush=True)
        start = time.perf_counter()
        partial = path.with_suffix(".building")
        for stale in partial.parent.glob(partial.name + "*"):
            stale.unlink()
        subprocess.run([sys.executable, "-m", "servicedesk", "demo", "--customers", str(customers),
                        "--seed", str(seed), "--database", str(partial)], check=True)
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        partial.rename(path)
        print(f"  built in {time.perf_counter() - start:.0f} s, {path.stat().st_size / 1e6:.0f} MB", flush=True)
    return path


def operations(customers: int):
    from tests.benchmarks import ops_letters, ops_profile, ops_queue, ops_schedule, ops_search, ops_start, ops_transfer

    small = min(customers, 10_000)
    return {
        "start": lambda db, n: ops_start.cold_start(db, n),
        "search": lambda db, n: ops_search.search_keystrokes(db, n),
        "everyone": lambda db, n: ops_search.everyone_keystroke(db, n),
        "profile": lambda db, n: ops_profile.profile(db, n),
        "board": lambda db, n: ops_schedule.board_week(db, n),
        "queue": lambda db, n: [
            ops_queue.on_office(str(dataset(small)), lambda: ops_queue.today_queue(str(dataset(small)), n, small)),
            *([ops_queue.today_queue(db, n, customers)] if customers > small else [])],
        "letters": lambda db, n: ops_letters.letters(db, n),
        "generation": lambda db, n: ops_schedule.generation(db, n),
        "import": lambda db, n: ops_transfer.import_rows(db, min(n, 3)),
        "backup": lambda db, n: ops_transfer.verified_backup(db, min(n, 3)),
        "memory": lambda db, n: ops_start.peak_memory(db),
    }


SERVER_OPERATIONS = ("search", "everyone", "profile", "board", "letters")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.split("\n\n")[1])
    parser.add_argument("--quick", action="store_true", help="a smaller office (10,000 customers), fewer repetitions")
    parser.add_argument("--customers", type=int, help="size of the office (default 100,000; 10,000 with --quick)")
    parser.add_argument("--repeat", type=int, help="repetitions per operation (default 5; 3 with --quick)")
    parser.add_argument("--only", nargs="*", help="run only these operations")
    parser.add_argument("--json", default="benchmark-results.json", help="where to write the results")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="time by the wall clock (default) or by CPU seconds, which a machine others load "
                             "disturbs far less")
    parser.add_argument("--server", action="store_true",
                        help="the same office on a PostgreSQL server (a cluster kept in the cache); "
                             "measures search, everyone, profile, board and letters against bare psycopg")
    args = parser.parse_args(argv)
    customers = args.customers or (10_000 if args.quick else 100_000)
    repeat = args.repeat or (3 if args.quick else 5)

    db_path = str(dataset(customers))
    cluster = None
    if args.server:
        from tests.benchmarks.server import server_office

        cluster, db_path = server_office(Path(db_path).parent, Path(db_path), f"office_{customers}_seed7")
    from servicedesk.core.store import open_database
    from servicedesk.ui.app import make_application

    make_application([])  # the in-process operations need a QApplication (offscreen)
    open_database(db_path)
    results = []
    harness.use_clock(args.clock)
    meta = {"customers": customers, "machine": harness.machine(), "date": dt.date.today().isoformat(),
            "clock": args.clock, "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            "engine": "postgresql" if args.server else "sqlite"}
    failed = []
    for name, op in operations(customers).items():
        if args.only and name not in args.only:
            continue
        if args.server and name not in SERVER_OPERATIONS:
            continue
        print(f"  {name} ...", flush=True)
        try:
            got = op(db_path, repeat)
        except Exception as exc:  # one operation that fails leaves the others' results
            import traceback

            traceback.print_exc()
            failed.append(f"{name}: {exc}")
            continue
        results += got if isinstance(got, list) else [got]
        harness.write_json(results, Path(args.json), meta)  # as it goes: a long run that stops keeps what it had
    if cluster is not None:
        from servicedesk.core.store import close_database

        close_database()
        cluster.stop()
    print()
    print(f"ServiceDesk benchmarks, {customers:,} customers on {meta['engine']}, {meta['date']}, {meta['machine']}, "
          f"{args.clock} clock, load average {meta['load_average']}")
    print(harness.table(results))
    harness.write_json(results, Path(args.json), meta)
    if failed:
        print("Failed: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
