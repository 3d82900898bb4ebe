"""python -m tests.benchmarks [--quick] [--customers N] [--repeat N] [--only NAME ...]

Builds (once, then reuses) a large demo office, times each operation of the app against its
floor in this one process run, prints the table and writes benchmark-results.json here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import harness  # noqa: E402


def dataset(customers: int, seed: int = 7) -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "servicedesk-benchmarks"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"office-{customers}-seed{seed}.db"
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


def operations():
    from tests.benchmarks import ops_letters, ops_profile, ops_schedule, ops_search, ops_start

    return {
        "start": lambda db, n: ops_start.cold_start(db, n),
        "search": lambda db, n: ops_search.search_keystroke(db, n),
        "profile": lambda db, n: ops_profile.profile(db, n),
        "board": lambda db, n: ops_schedule.board_week(db, n),
        "letters": lambda db, n: ops_letters.letters(db, n),
        "generation": lambda db, n: ops_schedule.generation(db, n),
        "memory": lambda db, n: ops_start.peak_memory(db),
    }


SERVER_OPERATIONS = ("search", "profile", "board", "letters")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.split("\n\n")[1])
    parser.add_argument("--quick", action="store_true", help="a smaller office (10,000 customers), fewer repetitions")
    parser.add_argument("--customers", type=int, help="size of the office (default 100,000; 10,000 with --quick)")
    parser.add_argument("--repeat", type=int, help="repetitions per operation (default 5; 3 with --quick)")
    parser.add_argument("--only", nargs="*", help="run only these operations")
    parser.add_argument("--json", default="benchmark-results.json", help="where to write the results")
    parser.add_argument("--server", action="store_true",
                        help="the same office on a PostgreSQL server (a cluster kept in the cache); "
                             "measures search, profile, board and letters against bare psycopg")
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
    for name, op in operations().items():
        if args.only and name not in args.only:
            continue
        if args.server and name not in SERVER_OPERATIONS:
            continue
        print(f"  {name} ...", flush=True)
        results.append(op(db_path, repeat))
    meta = {"customers": customers, "machine": harness.machine(), "date": dt.date.today().isoformat(),
            "engine": "postgresql" if args.server else "sqlite"}
    if cluster is not None:
        from servicedesk.core.store import close_database

        close_database()
        cluster.stop()
    print()
    print(f"ServiceDesk benchmarks, {customers:,} customers on {meta['engine']}, {meta['date']}, {meta['machine']}")
    print(harness.table(results))
    harness.write_json(results, Path(args.json), meta)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
