"""peewee without its PostgreSQL driver until an office server is opened.

peewee imports psycopg (and through it libpq) as soon as peewee itself is imported, which
costs a start on an office's own SQLite file about as much CPU as showing the window does.
Here peewee is imported with psycopg held back, and ``Psycopg3`` (peewee's own psycopg 3
adapter, set on ``OfficeServer``) imports psycopg when the first server connection is made.
"""

from __future__ import annotations

import sys

if "peewee" not in sys.modules and "psycopg" not in sys.modules:
    sys.modules["psycopg"] = None  # peewee's optional import of the driver fails at once
    try:
        import peewee
    finally:
        del sys.modules["psycopg"]
else:
    import peewee


class Psycopg3(peewee.Psycopg3Adapter):
    """peewee's psycopg 3 adapter, with psycopg imported when it is first needed."""

    def __init__(self):
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb

        super().__init__()
        self.psycopg, self.transaction_status = psycopg, TransactionStatus
        self.txn_idle, self.txn_inerror = TransactionStatus.IDLE, TransactionStatus.INERROR
        self.txn_unknown = TransactionStatus.UNKNOWN
        self.json_type, self.jsonb_type = Json, Jsonb

    def check_driver(self) -> None:
        pass  # imported above, or this adapter would not exist

    def get_binary_type(self):
        return self.psycopg.Binary

    def connect(self, db, **params):
        if db.database.startswith("postgresql://"):
            params.setdefault("conninfo", db.database)
        else:
            params.setdefault("dbname", db.database)
        return self.psycopg.connect(**params)

    def server_side_cursor(self, conn):
        import uuid

        in_txn = self.txn_status(conn) == self.transaction_status.INTRANS
        return conn.cursor(name=str(uuid.uuid1()), withhold=not in_txn)
