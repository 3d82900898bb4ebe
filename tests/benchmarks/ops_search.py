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
    bare = sqlite3.connect(db_path)

    def bare_query(text: str) -> None:
        # The statement the app needs for this text, run through bare sqlite3.
        match, short = customers._fts_query(text)
        sql, params = "SELECT c.id FROM customer c", []
        where = []
        if match:
            where.append("c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)")
            params.append(match)
        for word in short:
            where.append("(c.name LIKE ? OR c.company LIKE ?)")
            params += [f"%{word}%", f"%{word}%"]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.sort_name, c.id"
        bare.execute(sql, params).fetchall()

    def app_keystroke(text: str) -> None:
        model.set_query(text)
        model.data(model.index(0, 0))  # the first visible rows are drawn
        model.data(model.index(min(30, model.rowCount() - 1), 0))

    app_t, floor_t = [], []
    texts = keystrokes()
    for text in texts:  # warm-up
        app_keystroke(text)
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
