"""Moving an office from its SQLite file to an empty PostgreSQL database, verified table by table.

The file is never written: its rows are read from a private copy brought to the current schema.
Everything goes to the server in one transaction; before it commits, the rows of every table are
read back and their count and checksum compared with the file's. Any difference rolls it all back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from peewee import BooleanField, DateField, DateTimeField, TimeField

from servicedesk.core.errors import ServiceError
from servicedesk.core.store.models import ALL_MODELS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TableReport:
    table: str
    rows: int
    checksum: str  # sha256 of the table's rows in id order, values written the same way on both sides
    nuls: int = 0  # values of the file that held NUL characters, left out on the server


def _storable(row) -> tuple:
    """A row as the server can keep it: without NUL characters, which PostgreSQL refuses and the office never
    keeps (``validation.clean_text``); a file written by other tools may hold them."""
    return tuple(v.replace("\x00", "") if isinstance(v, str) else v for v in row)


def _nuls(row) -> int:
    return sum(1 for v in row if isinstance(v, str) and "\x00" in v)


class TargetNotEmpty(ServiceError):
    pass


def _canonical(field, value) -> str:
    """One value as the same text whichever engine it came from."""
    if value is None:
        return "\\N"
    if isinstance(field, BooleanField):
        return "1" if value in (1, True, "1") else "0"
    if isinstance(field, DateTimeField):
        value = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        return value.isoformat(" ")
    if isinstance(field, DateField):
        value = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
        return value.isoformat()
    if isinstance(field, TimeField):
        value = value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))
        return value.isoformat()
    return str(value)


def _table_digest(model, rows) -> TableReport:
    fields = model._meta.sorted_fields
    digest, count = hashlib.sha256(), 0
    for row in rows:
        digest.update("\x1f".join(_canonical(f, v) for f, v in zip(fields, row)).encode("utf-8"))
        digest.update(b"\x1e")
        count += 1
    return TableReport(model._meta.table_name, count, digest.hexdigest())


def _select(model) -> str:
    columns = ", ".join(f'"{f.column_name}"' for f in model._meta.sorted_fields)
    key = ", ".join(f'"{f.column_name}"' for f in model._meta.sorted_fields if f.primary_key)
    return f'SELECT {columns} FROM "{model._meta.table_name}" ORDER BY {key}'


def _current_copy(source: Path, folder: Path) -> Path:
    """A private copy of ``source`` at the current schema (the file itself stays as it is)."""
    from servicedesk.core.store import backup
    from servicedesk.core.store.db import close_database, open_database

    copy = folder / "office.db"
    backup.copy_database(source, copy)
    open_database(copy, backup_before_upgrade=False)
    close_database()
    return copy


def _same_columns(con: sqlite3.Connection) -> None:
    """The file's tables have every column this program knows (else it came from another program's schema)."""
    for model in ALL_MODELS:
        have = {r[1] for r in con.execute(f'PRAGMA table_info("{model._meta.table_name}")')}
        missing = [f.column_name for f in model._meta.sorted_fields if f.column_name not in have]
        if missing:
            raise ServiceError(f"The file's table {model._meta.table_name} lacks {', '.join(missing)}: it was written "
                               "by another version of ServiceDesk. Nothing was copied.")


def _refuse_unless_empty(db, url: str) -> None:
    from servicedesk.paths import shown

    tables = db.execute_sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()
    busy = []
    for (table,) in tables:
        if table == "schema_version":
            continue
        if db.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]:
            busy.append(table)
    if busy:
        raise TargetNotEmpty(f"{shown(url)} already holds data (in {', '.join(sorted(busy)[:5])}); "
                             "an office is moved only into an empty database, so nothing was copied.")


def move(source: str | os.PathLike, url: str, progress=None) -> list[TableReport]:
    """Copy the office in ``source`` (a SQLite file) into the empty database at ``url``; the reports per table."""
    from servicedesk.core.store import database, transaction
    from servicedesk.core.store.db import close_database, open_database
    from servicedesk.core.store.dialect import POSTGRES

    source = Path(source)
    if not source.exists():
        raise ServiceError(f"There is no database at {source}.")
    with tempfile.TemporaryDirectory(prefix="servicedesk-move-") as folder:
        copy = _current_copy(source, Path(folder))
        db = open_database(url)
        try:
            _refuse_unless_empty(db, url)
            con = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
            try:
                _same_columns(con)
                reports, nuls = [], {}
                with transaction():
                    for model in ALL_MODELS:
                        table = model._meta.table_name
                        columns = [f.column_name for f in model._meta.sorted_fields]
                        names = ", ".join(f'"{c}"' for c in columns)
                        cursor = database.cursor()
                        nuls[table] = 0
                        with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as out:
                            for row in con.execute(_select(model)):
                                nuls[table] += _nuls(row)
                                out.write_row(_storable(row))
                        if model._meta.primary_key.column_name == "id":
                            POSTGRES.reset_ids(database, table)
                        if progress is not None:
                            progress(table)
                    for model in ALL_MODELS:
                        wanted = _table_digest(model, map(_storable, con.execute(_select(model))))
                        got = _table_digest(model, database.execute_sql(_select(model)))
                        if wanted != got:
                            raise ServiceError(
                                f"The copy of {wanted.table} did not match the file ({wanted.rows} rows in the file, "
                                f"{got.rows} on the server), so nothing was kept on the server. The file is unchanged.")
                        reports.append(dataclasses.replace(got, nuls=nuls[got.table]))
            finally:
                con.close()
        finally:
            close_database()
    return reports
