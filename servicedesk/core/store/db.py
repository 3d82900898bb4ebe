"""One database module: the proxy every model binds to, and the one way to open a file."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

database = DatabaseProxy()

BUSY_TIMEOUT_MS = 10_000

PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", BUSY_TIMEOUT_MS),
    ("cache_size", -32_000),
    ("temp_store", "memory"),
)


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only, so the customer data is not world-readable."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def connect(path: str | os.PathLike) -> SqliteDatabase:
    """A configured connection to ``path`` without touching the schema."""
    path = Path(path)
    _create_private(path)
    db = SqliteDatabase(
        str(path),
        pragmas=PRAGMAS,
        timeout=BUSY_TIMEOUT_MS / 1000,
        lock_type="IMMEDIATE",  # every atomic() takes the write lock at BEGIN
        check_same_thread=False,
    )
    db.connect(reuse_if_open=True)
    return db


def open_database(path: str | os.PathLike, migrate: bool = True) -> SqliteDatabase:
    """Open ``path``, set the pragmas, bring the schema up to date and bind the models."""
    from servicedesk.core.store import schema

    db = connect(path)
    database.initialize(db)
    if migrate:
        schema.upgrade(db)
    return db


def close_database() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


@contextmanager
def transaction():
    """A write transaction that holds the write lock from its first statement."""
    with database.atomic():
        yield
