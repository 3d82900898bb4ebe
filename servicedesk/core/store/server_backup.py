"""Backups of an office server: pg_dump's custom format, verified by a restore into a scratch database.

The same rotation as a file's backups (the newest, then 7 daily, 4 weekly, 12 monthly) in the
data folder of the PC that takes them. A dump is written under a temporary name, restored into a
scratch database that is dropped again (the role needs CREATEDB for that; without it the whole
archive is read through with pg_restore instead), and only then given its real name.
Without PostgreSQL's client tools on this PC, one line says what the server's own backup must do.

The window takes one automatic backup a day for the whole office (``daily_backup``): whichever PC
comes first takes it, holding an advisory lock on the server while it does, and records the day,
itself and the file in the ``server_backup`` setting; the other PCs read that and take none.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import re
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from servicedesk import paths
from servicedesk.core import clock, session
from servicedesk.core.store.backup import STAMP, BackupInfo, to_keep
from servicedesk.core.store.db import StorageError

log = logging.getLogger(__name__)

_NAME = re.compile(r"-(\d{8}-\d{6})(?:-(\d+))?(?:-([a-z0-9-]+))?\.dump$")
NO_TOOLS = ("PostgreSQL's client tools (pg_dump, pg_restore) are not installed on this PC, so ServiceDesk cannot "
            "back up the office server itself: the server's own backup must dump the database every day "
            "(pg_dump -Fc) and keep copies off the server.")


READ_THROUGH = "read through (this user may not create a scratch database to restore it into)"
NO_SCRATCH = ("The office server's user may not create a scratch database, so ServiceDesk can only read its backups "
              "through, not restore them to prove them: give the user CREATEDB (ALTER ROLE … CREATEDB), or let the "
              "server's own backup restore its dumps into a scratch database to check them.")
DAILY_KEY = "server_backup"  # the setting saying which PC took the day's automatic backup, and when
_DAILY_LOCK = "servicedesk: the day's automatic backup"


@dataclass(frozen=True)
class ServerBackup:
    info: BackupInfo
    checked: str  # how the dump was verified, in words


@dataclass(frozen=True)
class Daily:
    """What became of the day's automatic backup on this PC."""

    state: str  # "made" here now, "done" earlier today (``by``, ``at``), "busy" on another PC now, "no_tools"
    by: str = ""
    at: dt.datetime | None = None
    backup: ServerBackup | None = None
    note: str = ""  # when this PC cannot back the server up fully: what the server's own backup must do


def tool(name: str) -> str | None:
    """The path of a PostgreSQL client program (newest installed version first), or None."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(folder, name).exists():
            return str(Path(folder, name))
    return shutil.which(name)


def _split(url: str) -> tuple[str, dict]:
    """``url`` without its password, and the environment that gives the password to libpq's tools."""
    from servicedesk.core.store import credentials

    parts = urlsplit(url)
    env = dict(os.environ)
    password = parts.password or credentials.password_for(url)
    if password:
        env["PGPASSWORD"] = password
    netloc = parts.hostname or ""
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")), env


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def backup_dir(url: str) -> Path:
    return paths.folder_for(url, "backups")


def _stem(url: str) -> str:
    return urlsplit(url).path.strip("/") or "servicedesk"


def _info(path: Path) -> BackupInfo | None:
    match = _NAME.search(path.name)
    if not match:
        return None
    return BackupInfo(path, dt.datetime.strptime(match.group(1), STAMP), path.stat().st_size,
                      match.group(3) or "", int(match.group(2) or 0))


def list_backups(url: str) -> list[BackupInfo]:
    found = [i for i in (_info(p) for p in backup_dir(url).glob(f"{_stem(url)}-*.dump")) if i]
    return sorted(found, key=lambda i: i.order, reverse=True)


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, capture_output=True, text=True)


def _verify(dump: Path, url: str, env: dict) -> str:
    """Restore ``dump`` into a scratch database (or read it all through); returns how, raises when it fails."""
    import psycopg
    from psycopg import sql

    scratch = f"{_stem(url)}_check_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(_with_database(url, _stem(url)), autocommit=True, password=env.get("PGPASSWORD")) as con:
            con.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    except psycopg.errors.InsufficientPrivilege:
        result = _run([tool("pg_restore"), "--file", os.devnull, str(dump)], env)
        if result.returncode != 0:
            raise StorageError(f"The new backup could not be read back: {result.stderr.strip()[:300]}")
        return READ_THROUGH
    try:
        result = _run([tool("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", _with_database(url, scratch),
                       str(dump)], env)
        if result.returncode != 0:
            raise StorageError(f"The new backup could not be restored into a scratch database: "
                               f"{result.stderr.strip()[:300]}")
        with psycopg.connect(_with_database(url, scratch), password=env.get("PGPASSWORD")) as con:
            con.execute("SELECT version FROM schema_version").fetchone()
        return "restored into a scratch database"
    finally:
        with psycopg.connect(_with_database(url, _stem(url)), autocommit=True, password=env.get("PGPASSWORD")) as con:
            con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))


def create_backup(url: str, reason: str = "", also_keep: Path | None = None) -> ServerBackup:
    """Dump the office server's database, verify the dump, give it its name and rotate older ones."""
    if tool("pg_dump") is None or tool("pg_restore") is None:
        raise StorageError(NO_TOOLS)
    bare, env = _split(url)
    folder = backup_dir(url)
    stamp = clock.now().strftime(STAMP)
    tail = f"-{reason}" if reason else ""
    target, n = folder / f"{_stem(url)}-{stamp}{tail}.dump", 1
    while target.exists():
        target, n = folder / f"{_stem(url)}-{stamp}-{n}{tail}.dump", n + 1
    temporary = target.with_name(target.name + ".part")
    fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        result = _run([tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(temporary), "--dbname", bare],
                      env)
        if result.returncode != 0:
            raise StorageError(f"The office server could not be backed up: {result.stderr.strip()[:300]}")
        checked = _verify(temporary, bare, env)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    backups = list_backups(url)
    for old in backups:
        if old.path not in to_keep(backups) and old.path not in (target, also_keep):
            old.path.unlink(missing_ok=True)
    return ServerBackup(_info(target), checked)


def restore(dump: Path, url: str) -> ServerBackup:
    """Put ``dump`` in place of the server's data in one transaction; the data it replaces is backed up first."""
    if tool("pg_restore") is None:
        raise StorageError(NO_TOOLS)
    before = create_backup(url, reason="before-restore", also_keep=Path(dump))
    bare, env = _split(url)
    result = _run([tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                   "--exit-on-error", "--dbname", bare, str(dump)], env)
    if result.returncode != 0:
        raise StorageError(f"The backup could not be restored, and the office server was left as it was: "
                           f"{result.stderr.strip()[:300]}")
    return before


def _made_today() -> dict | None:
    """The record of today's automatic backup, if a PC took one."""
    import json

    from servicedesk.core.store.models import Setting

    row = Setting.get_or_none(Setting.key == DAILY_KEY)
    made = json.loads(row.value) if row is not None else None
    return made if made and made.get("day") == clock.today().isoformat() else None


def _record(made: dict) -> None:
    import json

    from servicedesk.core.store.db import transaction
    from servicedesk.core.store.models import Setting

    with transaction():
        Setting.insert(key=DAILY_KEY, value=json.dumps(made)).on_conflict(
            conflict_target=[Setting.key], preserve=[Setting.value]).execute()


def daily_backup(url: str) -> Daily:
    """Take the office's automatic backup for today unless a PC already did (or is doing it now).

    An advisory lock on the server, held on a connection of its own while the dump is taken and
    checked, lets one PC at a time look and make it; the others find it held ("busy") or find the
    day's record ("done"). Reads and writes the record through the models' database, ``url``.
    """
    if tool("pg_dump") is None or tool("pg_restore") is None:
        return Daily("no_tools", note=NO_TOOLS)
    import psycopg

    bare, env = _split(url)
    with psycopg.connect(bare, autocommit=True, password=env.get("PGPASSWORD")) as con:
        if not con.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (_DAILY_LOCK,)).fetchone()[0]:
            return Daily("busy")
        try:
            made = _made_today()
            if made is not None:
                return Daily("done", made.get("by", ""), dt.datetime.fromisoformat(made["at"]))
            result = create_backup(url)
            at = clock.now()
            _record({"day": at.date().isoformat(), "at": at.isoformat(" ", "seconds"), "by": session.who(),
                     "file": result.info.path.name, "checked": result.checked})
            return Daily("made", session.who(), at, result, NO_SCRATCH if result.checked == READ_THROUGH else "")
        finally:
            con.execute("SELECT pg_advisory_unlock(hashtext(%s))", (_DAILY_LOCK,))
