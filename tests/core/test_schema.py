"""Schema steps on an empty file give exactly the schema the models describe."""

import sqlite3

import pytest

from servicedesk.core.store import SCHEMA_VERSION, close_database, open_database
from servicedesk.core.store.db import connect, database
from servicedesk.core.store.models import ALL_MODELS


def _shape(path):
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'customer_search%'")]
    shape = {}
    for table in tables:
        cols = [(r[1], r[2].upper(), r[3], r[5]) for r in con.execute(f'PRAGMA table_info("{table}")')]
        fks = sorted((r[2], r[3], r[4], r[6]) for r in con.execute(f'PRAGMA foreign_key_list("{table}")'))
        idx = sorted(
            (r[2], tuple(c[2] for c in con.execute(f'PRAGMA index_info("{r[1]}")')))
            for r in con.execute(f'PRAGMA index_list("{table}")') if r[3] == "c"
        )
        shape[table] = (sorted(cols), fks, idx)
    con.close()
    return shape


def test_steps_on_empty_file_give_current_schema(tmp_path):
    stepped = tmp_path / "stepped.db"
    db = open_database(stepped)
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    close_database()

    modelled = tmp_path / "modelled.db"
    db = connect(modelled)
    database.initialize(db)
    db.create_tables(ALL_MODELS)
    db.close()

    assert _shape(stepped) == _shape(modelled)


@pytest.mark.backends("sqlite")
def test_connection_settings_are_in_force(db):
    pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 5000
    assert pragma("synchronous") == 2  # FULL


def test_reopening_runs_no_step_twice(db_path):
    open_database(db_path)
    close_database()
    db = open_database(db_path)
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    close_database()
