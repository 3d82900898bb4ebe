"""Opening a database safely: lock, check, recover, and say plainly what happened.

Every start runs ``quick_check``. After an unclean shutdown (the marker file written at open
was not removed at close) the full ``integrity_check`` and ``foreign_key_check`` run instead.
The window may ask for the quick check of a large file (it reads every page: seconds for a
large office) to run beside it instead of before it: ``Opened.check_later`` then says so,
``check_file`` runs on its own connection, and ``Opened.recover`` acts on what it found.
A damaged database is moved aside (never deleted) and the newest backup that passes its
check is put in its place; if no backup is sound, a fresh database is started and every
damaged file is kept.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from servicedesk.core import formatting
from servicedesk.core.store import backup
from peewee import DatabaseError

from servicedesk.core.store.dialect import is_server
from servicedesk.core.store.db import StorageError, checkpoint, close_database, open_database, plain_storage_error
from servicedesk.core.store.lock import DatabaseLock, network_warning

log = logging.getLogger(__name__)


def marker_path(db_path: str | os.PathLike) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".open")


def check_file(db_path: str | os.PathLike, full: bool = False, connected=None) -> list[str]:
    """Problems in the file: ``quick_check``, or ``integrity_check`` + ``foreign_key_check`` when ``full``.

    ``connected(con)`` is given the check's own connection (to interrupt it from another thread).
    """
    try:
        con = sqlite3.connect(str(db_path), timeout=10, check_same_thread=False)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    if connected is not None:
        connected(con)
    return backup.problems_in(con, full)


def recover(db_path: str | os.PathLike, problems: list[str]) -> list[str]:
    """Set the damaged file aside and restore the newest sound backup (or start fresh). Returns messages."""
    db_path = Path(db_path)
    aside = backup.set_aside(db_path, "damaged")
    log.error("database %s damaged (%s); moved to %s", db_path, "; ".join(problems[:3]), aside)
    damaged_backups = []
    for info in backup.list_backups(db_path):
        if backup.verify(info.path):
            kept = info.path.with_name(info.path.name + ".damaged")
            os.replace(info.path, kept)
            damaged_backups.append(kept)
            continue
        backup.restore(info.path, db_path)
        log.warning("restored %s from backup %s", db_path, info.path)
        return [
            f"The database {db_path.name} was damaged. It was moved aside to "
            f"{aside} and the newest good backup, taken {formatting.format_moment(info.taken_at, None, year=True)}, was restored. "
            "Anything entered after that backup is not in the restored database; the damaged file "
            "was kept in case it is needed."
        ]
    also = ""
    if damaged_backups:
        also = " The backups were damaged too and were kept as: " + ", ".join(str(p) for p in damaged_backups) + "."
    log.error("no sound backup of %s; starting a fresh database", db_path)
    return [
        f"The database {db_path.name} was damaged and no good backup was found, so a new, "
        f"empty database was started. The damaged file was kept at {aside}.{also}"
    ]


def _looks_like_sqlite(db_path: Path) -> bool:
    with open(db_path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _require_writable(db_path: Path) -> None:
    """A clear message instead of a crash when the file or its folder cannot be written."""
    folder = db_path.parent
    if not folder.exists():
        return  # created on open
    side_files = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
    if not os.access(folder, os.W_OK) or any(p.exists() and not os.access(p, os.W_OK) for p in side_files):
        raise StorageError(
            f"ServiceDesk cannot write to {db_path} (the file or its folder is read-only), so it cannot "
            "keep your changes safely. Fix the permissions, or copy the database to a folder you can "
            "write to and open that copy."
        )


@dataclass
class Opened:
    """An open database and what the person at the desk should be told about opening it."""

    path: Path | str  # the file, or an office server's URL
    read_only: bool = False
    messages: list[str] = field(default_factory=list)
    recovered: bool = False
    details: list[str] = field(default_factory=list)  # what the checks found, for the curious
    unclean: bool = False
    lock: DatabaseLock | None = None
    check_later: bool = False  # the quick check was left for the caller to run beside the window

    def recover(self, problems: list[str]) -> list[str]:
        """What a later check found: set the open file aside, restore the newest sound backup, reopen."""
        close_database()
        self.details = problems[:20]
        self.recovered = True
        messages = recover(self.path, problems)
        open_database(self.path)
        self.messages += messages
        return messages

    def close(self, take_backup: bool = True) -> str:
        """Back up if something changed, close cleanly, remove the marker, release the lock."""
        if is_server(self.path):  # the server keeps its own data safe; nothing lies beside it here
            close_database()
            return ""
        problem = ""
        if take_backup and not self.read_only and self.path.exists():
            try:
                checkpoint()  # the file's time then says when its data last changed, not when it was tidied
                if backup.changed_since_last_backup(self.path):
                    backup.create_backup(self.path, reason="")
            except Exception as exc:  # a failed backup must not stop a clean close
                log.exception("backup on close failed")
                problem = str(exc)
        close_database()
        if not self.read_only:
            marker_path(self.path).unlink(missing_ok=True)
        if self.lock is not None:
            self.lock.release()
        return problem


def start(db_path: str | os.PathLike, read_only: bool = False, full: bool = False,
          check_later_above: int | None = None) -> Opened:
    """Lock, check (and if need be recover), then open ``db_path``. Raises DatabaseInUse when held.

    With ``check_later_above`` (bytes), the quick check of a larger file after a clean shutdown is
    left to the caller (``Opened.check_later``); the full check after an unclean one never is.
    An office server (a ``postgresql://`` URL) is simply opened: its checks are the server's own.
    """
    if is_server(db_path):
        open_database(db_path, read_only=read_only)
        return Opened(db_path, read_only)
    db_path = Path(db_path)
    opened = Opened(db_path, read_only)
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        _require_writable(db_path)
    warning = network_warning(db_path)
    if warning:
        opened.messages.append(warning)
    if not read_only:
        opened.lock = DatabaseLock(db_path)
        stale = opened.lock.acquire()
        if stale is not None:
            log.warning("took over a stale lock of %s", stale.describe())
    marker, wrote_marker = marker_path(db_path), False
    try:
        opened.unclean = marker.exists()
        if not read_only and db_path.exists() and db_path.stat().st_size > 0:
            if not _looks_like_sqlite(db_path) and not backup.has_backups(db_path):
                raise StorageError(f"{db_path} is not a ServiceDesk database, so it was left as it is. "
                                   "Choose the database file itself (it usually ends in .db).")
            full = full or opened.unclean
            opened.check_later = (not full and check_later_above is not None
                                  and db_path.stat().st_size > check_later_above)
            problems = [] if opened.check_later else check_file(db_path, full=full)
            if problems:
                opened.details = problems[:20]
                opened.messages += recover(db_path, problems)
                opened.recovered = True
        if not read_only:
            wrote_marker = not opened.unclean
            marker.write_text(str(os.getpid()), encoding="ascii")
        try:
            open_database(db_path, read_only=read_only)
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            raise plain_storage_error(exc) or StorageError(f"{db_path} could not be opened: {exc}") from exc
    except BaseException:
        close_database()
        if wrote_marker:
            marker.unlink(missing_ok=True)
        if opened.lock is not None:
            opened.lock.release()
        raise
    return opened
