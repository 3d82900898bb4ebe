"""One database module: the proxy every model binds to, and the one way to open a file."""

from __future__ import annotations

import errno
import os
import threading
from contextlib import contextmanager
from pathlib import Path

import sqlite3

from servicedesk.core.store.driver import Psycopg3  # first: peewee without psycopg until a server is opened
import peewee  # noqa: E402
from peewee import DatabaseError, DatabaseProxy, InterfaceError, PostgresqlDatabase, SqliteDatabase  # noqa: E402

from servicedesk.core.errors import ServiceError  # noqa: E402
from servicedesk.core.store import dialect  # noqa: E402

database = DatabaseProxy()

BUSY_TIMEOUT_MS = 10_000

PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", BUSY_TIMEOUT_MS),
    ("cache_size", -32_000),  # the window's own connection: what a person goes back and forth over stays read
    # Sorts, temporary indexes and savepoint journals stay in memory while small and go on to a
    # temporary file past that, so a big sort or a large write inside a savepoint does not grow
    # the process by hundreds of MB ("memory" would keep them all in RAM, without a bound).
    ("temp_store", "file"),
)


# Work on other threads (counting today's queue, a report, reading the rest of the list) reads through once: a
# smaller cache of pages for each such connection while it runs, several at once at the start (the system keeps
# the file's pages in its own cache either way). 16 MB instead of 32 takes some 30 MB off the window's peak.
WORKER_CACHE_SIZE = -16_000


class StorageError(ServiceError):
    """The database file could not be written or trusted; the message says why in plain words."""


def disk_full_error(folder: str | os.PathLike) -> StorageError:
    """The one message for a full disk, naming the folder whose disk it is."""
    return StorageError(f"The disk holding {folder} is full: nothing was saved. Free some space and try again.")


def is_disk_full(exc: BaseException) -> bool:
    """True for an operating-system or SQLite error that means the disk (or the user's quota) is full."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return True
    text = f"{exc} {getattr(exc, 'sqlite_errorname', '')}".lower()
    return "disk is full" in text or "sqlite_full" in text


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only, so the customer data is not world-readable."""
    if path.exists():
        return
    from servicedesk.paths import private_folder

    private_folder(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


class _Database(SqliteDatabase):
    """SQLite as peewee opens it, except that a rollback after SQLite already rolled back is quiet.

    A full disk (and a few other failures) make SQLite end the transaction itself; peewee's
    ROLLBACK would then fail with "no transaction is active" and hide the real error.
    """

    def _set_pragmas(self, conn):
        super()._set_pragmas(conn)
        if threading.current_thread() is not threading.main_thread():
            conn.execute(f"PRAGMA cache_size = {WORKER_CACHE_SIZE}")

    def rollback(self):
        if not self.is_closed() and not self.connection().in_transaction:
            return  # nothing left to undo: the original error is what the caller sees
        super().rollback()


class OfficeServer(PostgresqlDatabase):
    """An office's PostgreSQL database through psycopg 3; raw SQL is written with ``?`` as for SQLite."""

    dialect_name = "postgresql"
    read_only = False
    psycopg3_adapter = psycopg2_adapter = Psycopg3  # psycopg is imported with the first server

    def execute_sql(self, sql, params=None, prepare=None):
        """``prepare``: the server keeps the parsed statement from its first run (psycopg would wait for the fifth),
        for a statement sent with every screen a user opens all day. PostgreSQL still plans it for its values for
        its first five runs, then keeps one plan for all values when that one is estimated no worse."""
        try:
            if not prepare:
                return super().execute_sql(dialect.pg_placeholders(sql), params)
            with peewee.__exception_wrapper__:
                cursor = self.cursor()
                cursor.execute(dialect.pg_placeholders(sql), params or (), prepare=True)
            return cursor
        except (DatabaseError, InterfaceError) as exc:
            self._lost(exc)
            raise

    def execute_together(self, statements) -> list:
        """Read-only ``statements`` (``(sql, params, prepare)`` each) sent in one message (psycopg's pipeline) and
        answered in one: a screen that needs two statements waits for the server once. Their cursors, in order."""
        try:
            with peewee.__exception_wrapper__:
                cursors = [self.cursor() for _ in statements]
                with self.connection().pipeline():
                    for cursor, (sql, params, prepare) in zip(cursors, statements):
                        cursor.execute(dialect.pg_placeholders(sql), params or (), prepare=True if prepare else None)
            return cursors
        except (DatabaseError, InterfaceError) as exc:
            self._lost(exc)
            raise

    def _lost(self, exc: BaseException) -> None:
        """After a statement failed: a server gone away is said plainly (for reads too), never as a crash."""
        self.drop_if_lost()
        plain = plain_storage_error(exc)
        if plain is not None and str(plain) == SERVER_GONE:
            raise plain from exc

    def drop_if_lost(self) -> bool:
        """After the server went away: forget the dead connection so the next statement connects anew."""
        if self.is_closed() or self.in_transaction():
            return False
        if not getattr(self.connection(), "broken", False):
            return False
        try:
            self.close()
        except Exception:  # closing a dead connection may complain; it is gone either way
            pass
        return True


def connect_server(url: str, read_only: bool = False) -> OfficeServer:
    """A connection to the office's PostgreSQL database at ``url`` without touching the schema."""
    from servicedesk.core.store import server

    db = OfficeServer(url, prefer_psycopg3=True, **server.connect_options(url, read_only))
    db.read_only = read_only
    server.open_connection(db)
    return db


def connect(path: str | os.PathLike) -> SqliteDatabase:
    """A configured connection to ``path`` without touching the schema."""
    if dialect.is_server(path):
        return connect_server(path)
    path = Path(path)
    try:
        _create_private(path)
    except OSError as exc:
        raise disk_full_error(path.parent) if is_disk_full(exc) else StorageError(
            f"{path} could not be created ({exc.strerror or exc}).") from exc
    db = _Database(
        str(path),
        pragmas=PRAGMAS,
        timeout=BUSY_TIMEOUT_MS / 1000,
        lock_type="IMMEDIATE",  # every atomic() takes the write lock at BEGIN
        check_same_thread=False,
    )
    db.connect(reuse_if_open=True)
    return db


def verify_settings(db: SqliteDatabase) -> None:
    """Start-up self-test: read the safety settings back and refuse to run without them."""
    got = {name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]
           for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    wrong = []
    if str(got["journal_mode"]).lower() != "wal":
        wrong.append(f"journal mode is {got['journal_mode']!r}, not 'wal'")
    if got["synchronous"] != 2:
        wrong.append(f"synchronous is {got['synchronous']}, not FULL (2)")
    if got["foreign_keys"] != 1:
        wrong.append("foreign keys are not enforced")
    if got["busy_timeout"] < 1000:
        wrong.append(f"busy timeout is only {got['busy_timeout']} ms")
    if getattr(db, "_lock_type", None) != "IMMEDIATE":
        wrong.append("write transactions do not take the write lock at their start")
    if wrong:
        raise StorageError(
            "ServiceDesk will not work on this database because the settings that keep it safe "
            "could not be switched on: " + "; ".join(wrong) + ". The file may be on a drive that "
            "does not support them (a network share, say); copy it to a local disk and try again."
        )


def open_database(path: str | os.PathLike, migrate: bool = True, read_only: bool = False,
                  backup_before_upgrade: bool = True) -> SqliteDatabase:
    """Open ``path``, set the pragmas, bring the schema up to date and bind the models.

    ``read_only`` opens it for reading only (another copy of the program holds the write lock):
    every write is refused with a plain message. Before an existing database is upgraded to a
    newer schema, a verified backup is taken.
    """
    from servicedesk.core.store import schema

    if dialect.is_server(path):
        db = connect_server(path, read_only=read_only)
        database.initialize(db)
        if read_only:
            if schema.pending_steps(db):
                raise StorageError("This database needs an upgrade, which cannot be done while it is open "
                                   "read-only.")
            return db
        if migrate:
            schema.upgrade(db)
        return db
    db = connect(path)
    verify_settings(db)
    if read_only:
        db.execute_sql("PRAGMA query_only = 1")
    database.initialize(db)
    if read_only:
        if schema.pending_steps(db):
            raise StorageError("This database needs an upgrade, which cannot be done while it is open read-only.")
        return db
    if migrate:
        schema.upgrade(db, before_step=_backup_before_upgrade if backup_before_upgrade else None)
    return db


def _backup_before_upgrade(version: int) -> None:
    from servicedesk.core.store import backup

    backup.create_backup(reason=f"before-upgrade-v{version}")


def close_database() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def checkpoint() -> None:
    """Write the write-ahead log into the database file and empty it (no-op when nothing is open)."""
    if database.obj is not None and not database.is_closed() and dialect.current() is dialect.SQLITE:
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def is_read_only() -> bool:
    """True when the bound database refuses writes (opened read-only beside another copy)."""
    db = database.obj
    if isinstance(db, OfficeServer):
        return db.read_only
    return db is not None and bool(db.execute_sql("PRAGMA query_only").fetchone()[0])


def execute_many(sql: str, rows) -> int:
    """Run ``sql`` (with ``?`` placeholders) once per row of parameters, on either engine; rows changed."""
    if not rows:
        return 0
    cursor = database.cursor()
    cursor.executemany(dialect.current().native(sql), rows)
    return max(cursor.rowcount, 0)


def insert_id(sql: str, params) -> int:
    """Run one ``INSERT`` (with ``?`` placeholders) and return the new row's id, on either engine."""
    return dialect.current().insert_id(database.cursor(), sql, params)


def insert_ids(sql: str, rows: list) -> list[int]:
    """Run one ``INSERT`` (one row's ``?`` placeholders) for each of ``rows``, on either engine; their new ids."""
    return dialect.current().insert_ids(database.cursor(), sql, rows) if rows else []


def for_update(query):
    """``query`` locking the rows it reads until the transaction ends, on a server where other PCs write
    at the same time (SQLite's write lock, taken at the transaction's start, already keeps writers apart)."""
    return query.for_update() if is_server() else query


def is_server() -> bool:
    """True when the models are bound to an office server (PostgreSQL) rather than a file."""
    return isinstance(database.obj, OfficeServer)


def database_file() -> Path | None:
    """The file the models are bound to, or None (none, or an office server)."""
    db = database.obj
    return Path(db.database) if db is not None and not isinstance(db, OfficeServer) else None


SERVER_GONE = ("The office server cannot be reached (it may be restarting, or the network is down), so this "
               "was not saved or read. What you typed is still here: try again when the server is back.")

_PLAIN = (
    (("database is locked", "database is busy"),
     "Another program kept the database busy for too long, so this change was not saved. Try again when it "
     "has finished."),
    (("readonly", "read-only", "query_only"),
     "This database is open read-only, so this change could not be saved and nothing of it was kept."),
    (("disk i/o error", "unable to open"),
     "The database file could not be written (a disk or permission problem), so nothing of this "
     "change was kept. Check the disk and try again."),
    (("server closed the connection", "connection is lost", "terminating connection", "connection refused",
      "the connection is closed", "consuming input failed", "could not connect", "timeout expired",
      "server conn crashed", "connection already closed", "sending query failed"),
     None),
    (("permission denied for schema", "permission denied for table", "permission denied for sequence",
      "permission denied to create extension", "must be owner of"),
     "The office server refused this user a right ServiceDesk needs on the database, so nothing was changed. "
     "Have the server's administrator give it the grants in the README (“An office with several PCs”): "
     "CONNECT on the database, USAGE and CREATE on its schema, and the pg_trgm extension."),
    (("malformed", "not a database"),
     "The database file is damaged. Nothing of this change was kept. Close ServiceDesk and start it "
     "again: it checks the file and restores the newest good backup."),
)


def plain_storage_error(exc: BaseException) -> StorageError | None:
    """A StorageError with a plain message for a low-level disk or file failure, else None."""
    if is_disk_full(exc):
        where = database_file()
        return disk_full_error(where.parent if where is not None else "the database")
    text = f"{exc} {getattr(exc, 'sqlite_errorname', '')}".lower()
    for needles, message in _PLAIN:
        if any(n in text for n in needles):
            return StorageError(message or SERVER_GONE)
    return None


# The window installs a function here that shows a waiting state while another program writes
# (or its start-up check runs): ``wait_for_writer(attempt, why)`` is called after each short wait,
# ``why`` being "writer" or "check", and returns False to give up (the person pressed Cancel);
# ``wait_for_writer(None, why)`` says the wait is over.
wait_for_writer = None
QUICK_BUSY_MS = 250  # how long a transaction waits for the write lock before the waiting state shows

WAITED_TOO_LONG = ("Another program was still saving to the database, so this change was not saved. "
                   "Nothing was lost: save it again when the other program has finished.")


CHECK_NOT_DONE = ("The database was still being checked, so this change was not saved. Nothing was lost: "
                  "save it again once the check is done.")
_held = threading.Event()  # set while the window's start-up check runs beside it
_free = threading.Event()  # the opposite of _held, for a write to wait on without a window
_free.set()
_repair_pending = threading.Event()  # set when that check found damage, until the repair is done


def hold_writes() -> None:
    """Make every write wait (the window's start-up check is still reading the file)."""
    _free.clear()
    _held.set()


def release_writes() -> None:
    _repair_pending.clear()
    _held.clear()
    _free.set()


def repair_pending() -> None:
    """The check found damage: writes stay held until the window has repaired the file."""
    _repair_pending.set()


def writes_held() -> bool:
    return _held.is_set()


def _wait_for_check() -> None:
    """Wait while writes are held, showing the window's waiting state; Cancel gives the write up."""
    attempt = 0
    while _held.is_set():
        if wait_for_writer is None:  # no window to wait in: give up rather than write into a damaged file
            if _repair_pending.is_set():
                raise StorageError(CHECK_NOT_DONE)
            _free.wait(0.25)  # asleep until the check is done, looking again for damage found meanwhile
            continue
        if not wait_for_writer(attempt, "check"):
            raise StorageError(CHECK_NOT_DONE)
        attempt += 1
    if attempt:
        wait_for_writer(None, "check")


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def _begin_waiting(db) -> object:
    """Begin a write transaction, showing the window's waiting state while another program writes."""
    attempt = 0
    while True:
        db.execute_sql(f"PRAGMA busy_timeout = {QUICK_BUSY_MS}")
        try:
            ctx = database.atomic()
            ctx.__enter__()
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            if not _is_busy(exc):
                raise
            if not wait_for_writer(attempt, "writer"):
                raise StorageError(WAITED_TOO_LONG) from exc
            attempt += 1
            continue
        finally:
            db.execute_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if attempt:
            wait_for_writer(None, "writer")
        return ctx


@contextmanager
def transaction():
    """A write transaction that holds the write lock from its first statement.

    It is all or nothing: on any failure it is rolled back, and disk-full or read-only failures
    reach the caller as a StorageError with a plain message. In the window, waiting for another
    program's write shows a waiting state with Cancel (``wait_for_writer``).
    """
    try:
        db = database.obj
        if _held.is_set() and not (db is not None and db.in_transaction()):
            _wait_for_check()
        if wait_for_writer is None or db is None or db.in_transaction() or isinstance(db, OfficeServer):
            with database.atomic():
                yield
            return
        ctx = _begin_waiting(db)
        try:
            yield
        except BaseException as exc:
            if not ctx.__exit__(type(exc), exc, exc.__traceback__):
                raise
        else:
            ctx.__exit__(None, None, None)
    except (DatabaseError, InterfaceError, sqlite3.DatabaseError) as exc:
        if isinstance(database.obj, OfficeServer):
            database.obj.drop_if_lost()
        plain = plain_storage_error(exc)
        if plain is None:
            raise
        raise plain from exc
