"""Today's queue as the Communication pane reads it, against the same SQL through bare sqlite3."""

from __future__ import annotations

import sqlite3

from tests.benchmarks.harness import Result, paired, traced


def today_queue(db_path: str, repeat: int, customers: int) -> Result:
    from servicedesk.core.services import communication
    from servicedesk.core.store import database
    from servicedesk.ui.communication.models import QueueModel

    communication.housekeeping()  # the day's health scores and follow-ups, once, as the pane does first
    model = QueueModel()
    bare = sqlite3.connect(db_path)
    statements = traced(database.connection(), model.load)
    assert statements, "the queue ran no query"

    def floor() -> None:
        for sql in statements:
            bare.execute(sql).fetchall()

    result = paired(f"today's queue, {customers:,}-customer office", model.load, floor, repeat, 2.0,
                    note=f"{model.rowCount():,} rows")
    bare.close()
    return result


def on_office(db_path: str, fn):
    """Run ``fn()`` with the app's database switched to ``db_path``, then switch back."""
    from servicedesk.core.store import close_database, database, open_database

    was = database.obj.database
    close_database()
    open_database(db_path)
    try:
        return fn()
    finally:
        close_database()
        open_database(was)
