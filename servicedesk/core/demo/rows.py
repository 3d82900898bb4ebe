"""Buffered bulk writes for the demo: ids handed out up front, rows inserted in chunks with executemany.

Handing out ids before the insert lets a visit name its customer, a concern its visit and so on
without a round trip per row; flushing every table in schema order keeps each foreign key
pointing at a row that already exists. Call it inside one ``transaction()``.
"""

from __future__ import annotations

import datetime as dt

from servicedesk.core.store import database, dialect
from servicedesk.core.store.models import ALL_MODELS


_CONVERT = {dt.datetime: lambda v: v.isoformat(" "), dt.date: dt.date.isoformat, dt.time: dt.time.isoformat, bool: int}
_CONVERT_SERVER = {**_CONVERT, bool: bool}  # PostgreSQL has real booleans


def sql_value(value, convert_table=_CONVERT):
    """What the database stores for a Python value, as peewee would write it."""
    convert = convert_table.get(type(value))
    return convert(value) if convert else value


class _Table:
    def __init__(self, model, stamp: str, convert: dict):
        meta = model._meta
        self.name = meta.table_name
        self.fields = [f for f in meta.sorted_fields]
        self.columns = [f.column_name for f in self.fields]
        self.defaults = []
        for f in self.fields:
            default = f.default
            if callable(default):
                default = stamp
            self.defaults.append(sql_value(default, convert))
        self.position = {c: i for i, c in enumerate(self.columns)}
        self.has_id = self.columns[0] == "id"
        self.sql = dialect.current().native(f'INSERT INTO "{self.name}" ({", ".join(chr(34) + c + chr(34) for c in self.columns)}) '
                    f"VALUES ({', '.join('?' * len(self.columns))})")
        self.with_ids = False
        self.rows: list = []
        self.next_id = 0
        self.count = 0


class Writer:
    """Collects rows per table and writes them in chunks, parents before children.

    With ``chunk=None`` nothing is written until ``flush()``: the rows are prepared before the write
    transaction begins, and ``claim_ids()`` inside it makes sure nobody took the ids meanwhile.
    """

    def __init__(self, now: dt.datetime, chunk: int | None = 20_000):
        self.chunk = chunk
        self.buffered = 0
        stamp = now.isoformat(" ")
        self.convert = _CONVERT_SERVER if dialect.current() is dialect.POSTGRES else _CONVERT
        self.tables = {m: _Table(m, stamp, self.convert) for m in ALL_MODELS}
        for table in self.tables.values():
            if table.has_id:
                table.next_id = self._top(table) + 1
        self.first_ids = {model: table.next_id for model, table in self.tables.items()}

    @staticmethod
    def _top(table: _Table) -> int:
        return database.execute_sql(f'SELECT MAX(id) FROM "{table.name}"').fetchone()[0] or 0

    def claim_ids(self) -> bool:
        """Inside the write transaction: True when every id handed out is still free."""
        return all(self._top(table) < self.first_ids[model]
                   for model, table in self.tables.items() if table.has_id)

    def add(self, model, **values) -> int:
        """Queue one row (columns by their database names: ``customer_id``) and return its id."""
        table = self.tables[model]
        if table.has_id and "id" not in values:
            values["id"] = table.next_id
            table.next_id += 1
        table.with_ids = table.has_id
        row = table.defaults.copy()
        position = table.position
        conversions = self.convert
        for column, value in values.items():
            convert = conversions.get(type(value))
            row[position[column]] = convert(value) if convert else value
        table.rows.append(row)
        self.buffered += 1
        if self.chunk is not None and self.buffered >= self.chunk:
            self.flush()
        return values.get("id", 0)

    def change(self, model, row_id: int, **values) -> None:
        """Change columns of a row added earlier, whether it is still held or already written."""
        table = self.tables[model]
        for row in reversed(table.rows):
            if row[0] == row_id:
                for column, value in values.items():
                    row[table.position[column]] = sql_value(value, self.convert)
                return
        sets = ", ".join(f'"{column}" = ?' for column in values)
        database.execute_sql(dialect.current().native(f'UPDATE "{table.name}" SET {sets} WHERE "id" = ?'),
                             [*(sql_value(v, self.convert) for v in values.values()), row_id])

    def flush(self) -> None:
        cursor = database.connection().cursor()
        for table in self.tables.values():
            if table.rows:
                cursor.executemany(table.sql, table.rows)
                table.count += len(table.rows)
                table.rows = []
                if table.with_ids:
                    dialect.current().reset_ids(database, table.name)
        self.buffered = 0

    def count(self, model) -> int:
        table = self.tables[model]
        return table.count + len(table.rows)
