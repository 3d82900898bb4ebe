"""A type-ahead keystroke on the whole customer base: the query plus the list model's update."""

from __future__ import annotations

import sqlite3
import statistics
import time

from tests.benchmarks.harness import Result

# What a receptionist types, a keystroke at a time: surnames, a street, a phone fragment.
TYPED = ("smith", "garcia", "oak st", "555 01", "nguyen", "finch")


def keystrokes() -> list[str]:
    out = []
    for word in TYPED:
        out += [word[:n] for n in range(1, len(word) + 1)]
    return out


def search_keystroke(db_path: str, repeat: int) -> Result:
    from servicedesk.core.services import customers
    from servicedesk.ui.customers.model import CustomerListModel

    model = CustomerListModel()
    bare = None if db_path.startswith("postgresql://") else sqlite3.connect(db_path)

    statements: dict[str, list[str]] = {}

    def bare_query(text: str) -> None:
        # Exactly the statements the app ran for this text (values inlined), through bare sqlite3.
        for sql in statements[text]:
            bare.execute(sql).fetchall()

    def app_keystroke(text: str) -> None:
        model.set_query(text)
        model.data(model.index(0, 0))  # the first visible rows are drawn
        model.data(model.index(min(30, model.rowCount() - 1), 0))

    app_t, floor_t = [], []
    texts = keystrokes()
    from servicedesk.core.store import database
    from servicedesk.core.store.dialect import is_server, pg_placeholders

    if is_server(db_path):  # the floor: the same statements and parameters through bare psycopg
        from tests.benchmarks.server import Recorder, bare as bare_server

        bare = bare_server(db_path)
        recorder = Recorder(database.obj)
        recorded: dict[str, list] = {}

        def bare_query(text: str) -> None:  # noqa: F811
            for sql, params in recorded[text]:
                bare.execute(pg_placeholders(sql), params).fetchall()

        for text in texts:
            recorder.start()
            app_keystroke(text)
            recorded[text] = [(q, p) for q, p in recorder.stop() if q.lstrip()[:6].upper() in ("SELECT", "WITH R")]
            assert recorded[text], f"no query recorded for {text!r}"
            bare_query(text)
    else:
        connection = database.connection()
        for text in texts:  # warm-up, recording what the app asks SQLite for each keystroke
            ran: list[str] = []
            connection.set_trace_callback(ran.append)
            app_keystroke(text)
            connection.set_trace_callback(None)
            statements[text] = [q for q in ran if q.lstrip()[:6].upper() in ("SELECT", "WITH R")]
            assert statements[text], f"no query recorded for {text!r}"
            bare_query(text)
    for _ in range(repeat):
        for text in texts:
            start = time.perf_counter()
            app_keystroke(text)
            app_t.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare_query(text)
            floor_t.append(time.perf_counter() - start)
    a, f = statistics.median(app_t), statistics.median(floor_t)
    worst = max(app_t)
    return Result("type-ahead keystroke (query + model update)", a, f, a / f, 3.0,
                  note=f"{'under' if a < 0.016 else 'OVER'} 16 ms; slowest keystroke {worst * 1000:.0f} ms")
