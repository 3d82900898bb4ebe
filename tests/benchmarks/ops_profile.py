"""Opening a customer profile with 500 history items."""

from __future__ import annotations

import datetime as dt

from tests.benchmarks.harness import paired

HISTORY_ITEMS = 500


def _add_history(database, customer_id: int, technician_id: int) -> None:
    """Give one customer 500 history items (half visits, half calls), inside the caller's transaction."""
    start = dt.datetime(2021, 1, 4, 9, 0)
    visits = [(customer_id, technician_id, start + dt.timedelta(days=7 * n), start + dt.timedelta(days=7 * n, hours=1),
               "completed", "Monthly service", "Checked every station; all clear.") for n in range(HISTORY_ITEMS // 2)]
    from servicedesk.core.store.db import execute_many

    execute_many(
        "INSERT INTO visit (customer_id, technician_id, starts_at, ends_at, status, service_type, work_done,"
        " status_reason, findings, recommendations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', '', '', ?)",
        [(*v, v[2]) for v in visits])
    calls = [(customer_id, start + dt.timedelta(days=7 * n + 2), "phone", "in", "Asked about the next visit.", "")
             for n in range(HISTORY_ITEMS // 2)]
    execute_many(
        "INSERT INTO interaction (customer_id, occurred_at, channel, direction, summary, mood) VALUES (?, ?, ?, ?, ?, ?)",
        calls)


def profile(db_path: str, repeat: int):
    from servicedesk.core.services import history
    from servicedesk.core.store import database
    from servicedesk.ui.customers.profile import ProfileView
    from servicedesk.ui.navigation import Navigator

    from servicedesk.core.store.dialect import current

    con = database.connection()  # the floor reads through the same connection, bare (sqlite3 or psycopg)
    timeline_sql = current().native(history._SQL)
    customer_id, other = [r[0] for r in con.execute(
        "SELECT id FROM customer c WHERE NOT EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = c.id)"
        " ORDER BY id LIMIT 2")] or [r[0] for r in con.execute("SELECT id FROM customer ORDER BY id LIMIT 2")]
    technician_id = con.execute("SELECT id FROM staff WHERE role = 'technician' ORDER BY id LIMIT 1").fetchone()[0]
    with database.atomic() as txn:
        _add_history(database, customer_id, technician_id)
        items = len(history.timeline(customer_id))
        navigator = Navigator()
        view = ProfileView(navigator)
        view.resize(800, 900)
        view.show()

        def app() -> None:
            view.show_customer(other)  # coming from someone else, as the receptionist does
            view.show_customer(customer_id)  # the query and every widget filled; painting follows

        def floor() -> None:
            con.execute(timeline_sql, {"c": other}).fetchall()
            con.execute(timeline_sql, {"c": customer_id}).fetchall()

        result = paired("open a customer profile (history timeline)", app, floor, repeat, 2.0,
                        note=f"{items} history items")
        txn.rollback()
    return result
