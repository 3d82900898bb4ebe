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

from servicedesk import paths
from servicedesk.core import formatting
from servicedesk.core.store import backup, leftovers
from peewee import DatabaseError

from servicedesk.core.store.dialect import is_server
from servicedesk.core.store.db import (StorageError, checkpoint, close_database, disk_full_error, is_disk_full,
                                        open_database, plain_storage_error)
from servicedesk.core.store.lock import DatabaseLock, network_warning
from servicedesk.core.store.use import InUse, UseLock

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
        if not backup.is_damage(exc):
            raise backup.cannot_read(exc, Path(db_path).parent) from exc
        return [str(exc)]
    if connected is not None:
        connected(con)
    return backup.problems_in(con, full, folder=Path(db_path).parent)


def recover(db_path: str | os.PathLike, problems: list[str]) -> list[str]:
    """Put the newest sound backup (or a new, empty database) in place of the damaged file. Returns messages.

    The replacement is built and checked beside the damaged file and swapped in with one rename;
    the damaged file is kept under a dated name first. A kill at any moment leaves the damaged
    or the replacement file in place, never none.
    """
    db_path = Path(db_path)
    damaged_backups, chosen, incoming = [], None, None
    for info in backup.newest_first_with_data(db_path):
        if backup.verify(info.path):
            kept = info.path.with_name(info.path.name + ".damaged")
            os.replace(info.path, kept)
            damaged_backups.append(kept)
            continue
        chosen = info
        break
    incoming = backup.build_replacement(db_path, chosen.path if chosen else None)
    aside = backup.replace_live(db_path, incoming, "damaged")
    log.error("database %s damaged (%s); kept as %s", db_path, "; ".join(problems[:3]), aside)
    if chosen is not None:
        log.warning("restored %s from backup %s", db_path, chosen.path)
        return [
            f"The database {db_path.name} was damaged. It was kept as {aside} and the newest good backup, "
            f"taken {formatting.format_moment(chosen.taken_at, None, year=True)}, was restored. Anything entered "
            "after that backup is not in the restored database; the damaged file was kept in case it is needed."
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


def shown_time(value) -> str:
    """A date and time for a message, in the office's region when the database can say which."""
    from servicedesk.core import formatting
    from servicedesk.core.store.db import database

    if database.obj is not None and not database.is_closed():  # a closed one would be opened again
        try:
            return formatting.format_datetime(value)
        except Exception:  # a database too damaged to say
            pass
    return formatting.format_datetime(value, locale=formatting.DEFAULT_LOCALE)


class MissingDatabase(StorageError):
    """The database file is missing or empty while good backups of it exist: not a new office."""

    def __init__(self, db_path: Path, newest: backup.BackupInfo):
        self.path, self.newest = db_path, newest
        state = "is empty" if db_path.exists() else "is missing"
        super().__init__(
            f"The database {db_path} {state}, but it has backups: the newest good one was taken "
            f"{shown_time(newest.taken_at)}. Restore it (servicedesk restore 1) instead of starting a new, "
            "empty office; nothing was changed.")


def refuse_missing_with_backups(db_path: Path) -> None:
    """Raise MissingDatabase when ``db_path`` is missing or empty but a good backup with customers exists."""
    if db_path.exists() and db_path.stat().st_size > 0:
        return
    if not backup.has_backups(db_path):
        return
    newest = backup.newest_good_backup(db_path)
    if newest is not None:
        raise MissingDatabase(db_path, newest)


def restore_backup(db_path: str | os.PathLike, backup_file: str | os.PathLike, use: UseLock | None = None,
                   take_over: bool = False) -> Path | None:
    """Restore ``backup_file`` in place of ``db_path``; returns where the replaced database was kept.

    Refused while another window has the database open or any other program uses it (an import,
    say). The window restoring its own database passes the ``use`` it holds (its database closed).
    """
    db_path = Path(db_path)
    if db_path.is_dir():
        raise not_a_file(db_path)
    lock = DatabaseLock(db_path) if use is None else None
    holder = use or UseLock(db_path)
    if lock is not None:
        lock.take_over() if take_over else lock.acquire()
    try:
        holder.alone()
        try:
            return backup.restore(backup_file, db_path)
        finally:
            if use is not None:
                use.share()
    finally:
        if use is None:
            holder.release()
        if lock is not None:
            lock.release()


def not_a_file(db_path: Path) -> StorageError:
    return StorageError(f"{db_path} is a folder, not a database file. Give the database file itself "
                        "(it usually ends in .db).")


def no_database(db_path: Path) -> StorageError:
    return StorageError(f"There is no database at {db_path}. To start a new office there, run "
                        f"servicedesk init --database {db_path} (or servicedesk demo for the demo office).")


def validate_path(db_path: Path, create: bool) -> None:
    """Plain refusals before anything is opened: a folder, a missing file (unless creating one)."""
    if db_path.is_dir():
        raise not_a_file(db_path)
    parent = next((p for p in db_path.parents if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise StorageError(f"{parent} is a file, so there can be no database at {db_path}.")
    if not create and not db_path.exists():
        refuse_missing_with_backups(db_path)
        raise no_database(db_path)
    if db_path.exists() and db_path.stat().st_size > 0 and not _looks_like_sqlite(db_path) \
            and not backup.has_backups(db_path):
        raise StorageError(f"{db_path} is not a ServiceDesk database, so it was left as it is. "
                           "Choose the database file itself (it usually ends in .db).")


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
    use: UseLock | None = None  # shared with every other program that has the database open

    def recover(self, problems: list[str]) -> list[str]:
        """What a later check found: set the open file aside, restore the newest sound backup, reopen."""
        close_database()
        try:
            if self.use is not None:
                self.use.alone()
            messages = recover(self.path, problems)
        except InUse:
            raise StorageError(
                f"{self.path.name} is damaged ({problems[0]}), but another ServiceDesk program is using it, so it "
                "cannot be repaired now. Close the other program, then close ServiceDesk and start it again."
            ) from None
        finally:
            if self.use is not None:
                self.use.share()
            open_database(self.path)
        self.details = problems[:20]
        self.recovered = True
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
        if not self.read_only and self.lock is not None:
            marker_path(self.path).unlink(missing_ok=True)
        if self.lock is not None:
            self.lock.release()
        if self.use is not None:
            self.use.release()
        return problem


def _window_open(db_path: Path) -> bool:
    """Whether a window that is still running holds the database's lock (it checked the file at its start)."""
    lock = DatabaseLock(db_path)
    holder = lock.holder()
    return holder is not None and holder.pid != 0 and not lock.is_stale(holder)


def _repair(opened: Opened, problems: list[str]) -> None:
    """Recover a damaged file found at start; only while no other program uses it."""
    try:
        opened.use.alone()
    except InUse:
        raise StorageError(
            f"{opened.path.name} is damaged ({problems[0]}), but another ServiceDesk program is using it, so it "
            "cannot be repaired now. Close the other program and start again.") from None
    opened.details = problems[:20]
    opened.messages += recover(opened.path, problems)
    opened.recovered = True
    opened.use.share()


def start(db_path: str | os.PathLike, read_only: bool = False, full: bool = False,
          check_later_above: int | None = None, window: bool = True, create: bool = True,
          take_over: bool = False) -> Opened:
    """Lock, check (and if need be recover), then open ``db_path``. Raises DatabaseInUse when held.

    With ``check_later_above`` (bytes), the quick check of a larger file after a clean shutdown is
    left to the caller (``Opened.check_later``); the full check after an unclean one never is.
    ``window=False`` is a command: it shares the database with an open window instead of taking
    the window's lock, and leaves the check to that window when one is running. Without
    ``create``, a missing file is refused instead of starting a new office.
    An office server (a ``postgresql://`` URL) is simply opened: its checks are the server's own.
    ``take_over`` takes the window's lock from whoever holds it (confirmed by the person first).
    """
    if is_server(db_path):
        open_database(db_path, read_only=read_only)
        return Opened(db_path, read_only)
    db_path = Path(db_path)
    opened = Opened(db_path, read_only)
    validate_path(db_path, create)
    if not read_only:
        try:
            paths.private_folder(db_path.parent)
        except OSError as exc:
            raise StorageError(f"The folder {db_path.parent} could not be created ({exc.strerror or exc}).") from exc
        _require_writable(db_path)
    warning = network_warning(db_path)
    if warning:
        opened.messages.append(warning)
    if not read_only and window:
        opened.lock = DatabaseLock(db_path)
        stale = opened.lock.take_over() if take_over else opened.lock.acquire()
        if stale is not None:
            log.warning("took over the lock of %s", stale.describe())
    marker, wrote_marker = marker_path(db_path), False
    opened.use = UseLock(db_path)
    try:
        try:
            opened.use.share()
        except OSError:
            if not read_only:
                raise
            opened.use = None  # looking only, in a folder this user cannot write to
        if not read_only:
            refuse_missing_with_backups(db_path)
            leftovers.tidy(db_path)  # nobody swaps a file in while we share it: what is there is left over
        checked_by_window = not window and _window_open(db_path)
        opened.unclean = marker.exists() and not checked_by_window
        if not read_only and not checked_by_window and db_path.exists() and db_path.stat().st_size > 0:
            full = full or opened.unclean
            opened.check_later = (not full and check_later_above is not None
                                  and db_path.stat().st_size > check_later_above)
            problems = [] if opened.check_later else check_file(db_path, full=full)
            if problems:
                _repair(opened, problems)
        if not read_only and window:
            wrote_marker = not opened.unclean
            try:
                paths.write_private(marker, str(os.getpid()).encode("ascii"))
            except OSError as exc:
                raise (disk_full_error(db_path.parent) if is_disk_full(exc) else StorageError(
                    f"{marker} could not be written ({exc.strerror or exc}).")) from exc
        try:
            open_database(db_path, read_only=read_only)
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            if backup.nearly_full(db_path.parent):
                raise disk_full_error(db_path.parent) from exc
            raise plain_storage_error(exc) or StorageError(f"{db_path} could not be opened: {exc}") from exc
    except BaseException:
        close_database()
        if wrote_marker:
            marker.unlink(missing_ok=True)
        if opened.lock is not None:
            opened.lock.release()
        if opened.use is not None:
            opened.use.release()
        raise
    return opened
