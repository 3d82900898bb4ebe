"""The dispatch board's busiest week, and generating visits from service plans."""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import time

from tests.benchmarks.harness import Result, clock, paired

PLANS = 20_000
WEEKS = 12


def _week_near(con: sqlite3.Connection, visits: int = 2_000) -> dt.date:
    """The Monday of the week whose visit count is nearest ``visits`` (the issue's busy week)."""
    row = con.execute(
        "SELECT date(starts_at, 'weekday 0', '-6 days') AS monday FROM visit"
        " GROUP BY monday ORDER BY abs(COUNT(*) - ?) LIMIT 1", (visits,)).fetchone()
    today = dt.date.today()
    return dt.date.fromisoformat(row[0]) if row else today - dt.timedelta(days=today.weekday())


def _week_near_server(con, visits: int = 2_000) -> dt.date:
    row = con.execute(
        "SELECT CAST(date_trunc('week', starts_at) AS DATE) AS monday FROM visit"
        " GROUP BY monday ORDER BY abs(COUNT(*) - %s) LIMIT 1", (visits,)).fetchone()
    today = dt.date.today()
    return row[0] if row else today - dt.timedelta(days=today.weekday())


def board_week(db_path: str, repeat: int) -> Result:
    from PySide6.QtWidgets import QScrollArea

    from servicedesk.core.store.dialect import is_server, pg_placeholders
    from servicedesk.ui.schedule.board import DispatchBoard

    if is_server(db_path):  # the floor: bare psycopg
        from tests.benchmarks.server import bare as bare_server

        bare = bare_server(db_path)
        monday, native = _week_near_server(bare), pg_placeholders
    else:
        bare = sqlite3.connect(db_path)
        monday, native = _week_near(bare), str
    start = dt.datetime.combine(monday, dt.time())
    end = start + dt.timedelta(days=7)
    count = bare.execute(native("SELECT COUNT(*) FROM visit WHERE starts_at >= ? AND starts_at < ?"),
                         (str(start), str(end))).fetchone()[0]
    board = DispatchBoard()
    scroll = QScrollArea()  # as in the Schedule pane: only what is on screen is painted
    scroll.setWidgetResizable(True)
    scroll.setWidget(board)
    scroll.resize(1600, 1000)

    def app() -> None:
        board.load(monday, "week")
        scroll.grab()  # paint what the office sees

    def floor() -> None:
        bare.execute(native(
            "SELECT v.id, v.customer_id, c.name, v.technician_id, s.name, v.starts_at, v.ends_at,"
            " v.service_type, v.status FROM visit v JOIN customer c ON c.id = v.customer_id"
            " LEFT JOIN staff s ON s.id = v.technician_id WHERE v.starts_at >= ? AND v.starts_at < ?"
            " ORDER BY v.starts_at"), (str(start), str(end))).fetchall()

    return paired("dispatch board week (load + paint the screen)", app, floor, repeat, 2.0,
                  note=f"{count:,} visits, week of {monday}")


def generation(db_path: str, repeat: int) -> Result:
    """Generate 12 weeks of visits from 20,000 plans, against bare inserts of the same rows.

    Each run happens inside a transaction that is rolled back, so every run starts alike.
    """
    from servicedesk.core import clock as office_clock
    from servicedesk.core.services import recurrence
    from servicedesk.core.store import database

    plan_ids = [r[0] for r in database.execute_sql(
        "SELECT id FROM service_plan WHERE active ORDER BY id LIMIT ?", (PLANS,)).fetchall()]
    marks = ",".join("?" * len(plan_ids))
    today = office_clock.today()
    until = today + dt.timedelta(weeks=WEEKS)

    def reset() -> None:
        database.execute_sql(f"DELETE FROM visit WHERE plan_id IN ({marks}) AND occurrence >= ?",
                             [*plan_ids, today])
        database.execute_sql(f"UPDATE service_plan SET generated_until = NULL WHERE id IN ({marks})", plan_ids)
        database.execute_sql(f"UPDATE service_plan SET active = 0 WHERE id NOT IN ({marks})", plan_ids)

    columns = ("customer_id", "site_id", "plan_id", "occurrence", "technician_id", "service_type",
               "starts_at", "ends_at", "status", "created_at")
    made_rows: list[tuple] = []

    def run_app() -> float:
        with database.atomic() as txn:
            reset()
            start = clock()
            recurrence.generate(until)
            took = clock() - start
            if not made_rows:
                made_rows.extend(database.execute_sql(
                    f"SELECT {', '.join(columns)} FROM visit WHERE plan_id IN ({marks}) AND occurrence >= ?",
                    [*plan_ids, today]).fetchall())
            txn.rollback()
        return took

    def run_floor() -> float:
        with database.atomic() as txn:
            reset()
            start = clock()
            database.cursor().executemany(
                f"INSERT INTO visit ({', '.join(columns)}, status_reason, work_done, findings, recommendations)"
                f" VALUES ({', '.join('?' * len(columns))}, '', '', '', '')", made_rows)
            took = clock() - start
            txn.rollback()
        return took

    run_app()  # warm-up, and collects the rows for the floor
    run_floor()
    app_t, floor_t = [], []
    for _ in range(repeat):
        app_t.append(run_app())
        floor_t.append(run_floor())
    a, f = statistics.median(app_t), statistics.median(floor_t)
    return Result(f"generate {WEEKS} weeks of visits from {len(plan_ids):,} plans", a, f, a / f, 2.0,
                  note=f"{len(made_rows):,} visits")
