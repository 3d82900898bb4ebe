"""The same large office on a PostgreSQL server: a cluster kept in the benchmark cache, the office moved
there once with ``move-to-server``, and bare psycopg for the floors."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from tests.pg_server import Cluster


def server_office(cache: Path, sqlite_path: Path, name: str) -> tuple[Cluster, str]:
    """Start the kept cluster (made the first time) and return it with the URL of the office ``name`` in it."""
    import psycopg

    from servicedesk.core.store import transfer

    # As root, the server runs as the postgres user, who cannot enter root's home: the cluster lives in /var/tmp.
    # SERVICEDESK_BENCHMARK_CLUSTER names another folder (two runs side by side each need their own).
    root = Path("/var/tmp/servicedesk-benchmark-cluster") if os.geteuid() == 0 else cache / "pg-cluster"
    root = Path(os.environ.get("SERVICEDESK_BENCHMARK_CLUSTER") or root)
    cluster = Cluster(root, durable=True)
    cluster.start()
    with psycopg.connect(cluster.admin_url(), autocommit=True) as con:
        exists = con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    url = cluster.url(name)
    try:
        if not exists:
            print(f"Moving {sqlite_path.name} to PostgreSQL (once) ...", flush=True)
            start = time.perf_counter()
            cluster.drop_database(name + "_building")
            cluster.create_database(name + "_building")
            transfer.move(sqlite_path, cluster.url(name + "_building"))
            cluster.admin(f'ALTER DATABASE "{name}_building" RENAME TO "{name}"')
            print(f"  moved in {time.perf_counter() - start:.0f} s", flush=True)
        # Each operation adds its rows inside a transaction it rolls back: on a server those leave dead rows
        # behind (a customer given 500 history items each run), which later runs would read past. An office's
        # server vacuums as it goes; the cluster kept here is vacuumed before each run instead.
        cluster.admin("VACUUM (ANALYZE)", dbname=name)
    except BaseException:
        cluster.stop()
        raise
    return cluster, url


def bare(url: str):
    """A bare psycopg connection: the floor."""
    import psycopg

    return psycopg.connect(url, autocommit=True)


class Recorder:
    """The statements (and parameters) the app sends to the server from the recording thread while recording
    (what worker threads send meanwhile is not part of what the recording thread waited for)."""

    def __init__(self, db):
        self.db, self.ran, self.thread = db, None, None
        original = db.execute_sql

        def execute_sql(sql, params=None, **options):
            if self.ran is not None and threading.current_thread() is self.thread:
                self.ran.append((sql, params))
            return original(sql, params, **options)

        db.execute_sql = execute_sql

    def start(self) -> None:
        self.ran, self.thread = [], threading.current_thread()

    def stop(self) -> list:
        ran, self.ran = self.ran, None
        return ran
