"""A throwaway PostgreSQL cluster for the tests: initdb, pg_ctl on a free loopback port, removed at the end.

initdb and pg_ctl refuse to run as root, so as root they run as the ``postgres`` user (Debian's
package creates it). The office connects as ``office``, a role without superuser rights that
owns its databases, as the README's grants describe; ``postgres`` only creates and drops them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

OFFICE_ROLE = "office"
OFFICE_PASSWORD = "office-test-password"


def bin_dir() -> Path | None:
    """The folder with initdb and pg_ctl, or None when PostgreSQL is not installed."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]),
                            reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, root: Path | None = None, durable: bool = False):
        """A new cluster in a temporary folder, or the one kept in ``root`` (made there the first time)."""
        self.bin = bin_dir()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (bash packaging/bootstrap.sh test installs it)")
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)
        self.root = root or Path(tempfile.mkdtemp(prefix="servicedesk-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        self.superuser = "postgres"
        # Tests trade durability for speed; a benchmark runs the server as an office would (fsync on).
        self.options = "-c max_connections=60 " + ("-c shared_buffers=128MB" if durable else
                                                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                                                   "-c shared_buffers=32MB")

    def _run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=self.root, **kwargs)

    def start(self) -> None:
        if (self.data / "PG_VERSION").exists():  # kept from an earlier run
            if (self.data / "postmaster.pid").exists():  # still running after an interrupted run
                try:
                    self.stop()
                except subprocess.CalledProcessError:
                    pass
            self.restart_server()
            return
        pwfile = self.root / "pw"
        pwfile.write_text("postgres\n")
        if self.as_postgres:
            shutil.chown(pwfile, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "scram-sha-256", "--pwfile", str(pwfile),
                  "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8")
        self.restart_server()
        # not a superuser: CREATEDB only so that backups can be verified in a scratch database
        self.admin(f"CREATE ROLE {OFFICE_ROLE} LOGIN CREATEDB PASSWORD '{OFFICE_PASSWORD}'")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart_server(self) -> None:
        """Start a stopped server again on the same port (a server that went away comes back)."""
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 {self.options}"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "-t", "60",
                  "start")

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def admin_url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres:postgres@127.0.0.1:{self.port}/{dbname}"

    def url(self, dbname: str, password: bool = True) -> str:
        secret = f":{OFFICE_PASSWORD}" if password else ""
        return f"postgresql://{OFFICE_ROLE}{secret}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, *statements: str, dbname: str = "postgres") -> None:
        import psycopg

        for attempt in range(50):
            try:
                with psycopg.connect(self.admin_url(dbname), autocommit=True) as con:
                    for statement in statements:
                        con.execute(statement)
                return
            except psycopg.errors.ObjectInUse:  # a template still being released by a closed connection
                time.sleep(0.1)
        raise RuntimeError(f"could not run {statements!r}")

    def create_database(self, name: str, template: str | None = None) -> str:
        tail = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.admin(f'CREATE DATABASE "{name}" OWNER {OFFICE_ROLE}{tail}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
