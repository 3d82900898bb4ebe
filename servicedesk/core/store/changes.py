"""Knowing cheaply that nothing can have changed: for the few office-wide facts every screen reads.

The technicians at work and the office's settings are read each time a profile opens; they change
a few times a year. On the office's own SQLite file a change is known without reading anything:
this connection has written nothing (``total_changes``) and no other connection has committed
(``PRAGMA data_version``). On an office server only asking tells, so there they are read each time,
in the same statement as the rest of what the screen shows.
"""

from __future__ import annotations

from servicedesk.core.store.db import database


def token():
    """A value that differs whenever the database may have changed since it was taken; None when only a read
    can tell (an office server, or no office open)."""
    db = database.obj
    if db is None or getattr(db, "dialect_name", "sqlite") != "sqlite":
        return None
    con = db.connection()  # the connection itself, not its id: a closed one's id may be given to the next
    return con, con.total_changes, con.execute("PRAGMA data_version").fetchone()[0]


class Kept:
    """One fact, kept with the token taken just before it was read."""

    def __init__(self):
        self._token = None
        self._value = None

    def get(self, mark):
        """The fact when nothing can have changed since it was kept (``mark``: ``token()`` now), else None."""
        return self._value if mark is not None and mark == self._token else None

    def keep(self, mark, value) -> None:
        self._token, self._value = mark, value
