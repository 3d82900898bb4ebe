"""Schema versions keyed by ``PRAGMA user_version``; each step and its bump in one transaction."""

from __future__ import annotations

import logging
import sqlite3

from peewee import SqliteDatabase

from servicedesk.core.errors import ServiceError
from servicedesk.core.store.steps import STEPS

log = logging.getLogger(__name__)

SCHEMA_VERSION = len(STEPS)


class SchemaTooNew(ServiceError):
    pass


def current_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


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


def apply_step(db: SqliteDatabase, number: int, step) -> None:
    with db.atomic():
        for statement in _statements(getattr(step, "SQL", "")):
            db.execute_sql(statement)
        if hasattr(step, "run"):
            step.run(db)
        db.execute_sql(f"PRAGMA user_version = {number}")


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
