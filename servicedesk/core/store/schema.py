"""Schema versions: each step and its bump in one transaction.

SQLite keeps the version in ``PRAGMA user_version``; PostgreSQL in the one-row table
``schema_version``, and a step there runs under an advisory lock, so two PCs starting at once
apply it once.
"""

from __future__ import annotations

import logging
import sqlite3

from peewee import SqliteDatabase

from servicedesk.core.errors import ServiceError
from servicedesk.core.store import dialect
from servicedesk.core.store.steps import STEPS

log = logging.getLogger(__name__)

SCHEMA_VERSION = len(STEPS)


class SchemaTooNew(ServiceError):
    pass


VERSION_TABLE = "schema_version"
_LOCK_KEY = 0x5E7D_E5C0  # pg_advisory_xact_lock key for schema steps


def current_version(db: SqliteDatabase) -> int:
    if dialect.of(db) is dialect.SQLITE:
        return db.execute_sql("PRAGMA user_version").fetchone()[0]
    if db.execute_sql("SELECT to_regclass(?)", (VERSION_TABLE,)).fetchone()[0] is None:
        return 0
    row = db.execute_sql(f"SELECT version FROM {VERSION_TABLE}").fetchone()
    return row[0] if row else 0


def _set_version(db, number: int) -> None:
    if dialect.of(db) is dialect.SQLITE:
        db.execute_sql(f"PRAGMA user_version = {number}")
        return
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)")
    if not db.execute_sql(f"UPDATE {VERSION_TABLE} SET version = ?", (number,)).rowcount:
        db.execute_sql(f"INSERT INTO {VERSION_TABLE} (version) VALUES (?)", (number,))


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers contain inner semicolons)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if buf.strip() and sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def step_statements(db, step) -> list[str]:
    statements = _statements(getattr(step, "SQL", ""))
    return statements if dialect.of(db) is dialect.SQLITE else dialect.step_sql(step, statements)


def apply_step(db: SqliteDatabase, number: int, step) -> None:
    with db.atomic():
        if dialect.of(db) is dialect.POSTGRES:
            db.execute_sql("SELECT pg_advisory_xact_lock(?)", (_LOCK_KEY,))
            if current_version(db) >= number:
                return  # another PC applied it while this one waited
        for statement in step_statements(db, step):
            db.execute_sql(statement)
        if hasattr(step, "run"):
            step.run(db)
        _set_version(db, number)


def pending_steps(db: SqliteDatabase) -> list[int]:
    return list(range(current_version(db) + 1, SCHEMA_VERSION + 1))


def upgrade(db: SqliteDatabase, target: int = SCHEMA_VERSION, before_step=None) -> int:
    """Apply the missing steps up to ``target``; returns the version reached.

    ``before_step(version_now)`` is called once before the first step that would change an
    existing (non-empty) database, e.g. to take a backup.
    """
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"This database was written by a newer ServiceDesk (schema {version}, "
            f"this program knows up to {SCHEMA_VERSION}). Please update ServiceDesk."
        )
    if version < target and version > 0 and before_step is not None:
        before_step(version)
    for number in range(version + 1, target + 1):
        log.info("applying schema step %d", number)
        apply_step(db, number, STEPS[number - 1])
    return max(version, target)
