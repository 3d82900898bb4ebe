"""On PostgreSQL the numbered steps (translated) give exactly the schema the models describe."""

import pytest
from peewee import SQL

from servicedesk.core.store import SCHEMA_VERSION, close_database, open_database
from servicedesk.core.store.db import connect, database
from servicedesk.core.store.models import ALL_MODELS

pytestmark = pytest.mark.backends("postgresql")


def _shape(db) -> dict:
    columns = db.execute_sql(
        "SELECT table_name, column_name, data_type, is_nullable, COALESCE(column_default LIKE 'nextval%', FALSE)"
        " FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name NOT IN ('schema_version', 'customer_search')").fetchall()
    fks = db.execute_sql(
        "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
        " AND conrelid::regclass::text != 'customer_search'").fetchall()
    indexes = db.execute_sql(
        "SELECT tablename, regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') FROM pg_indexes"
        " WHERE schemaname = current_schema() AND tablename NOT IN ('schema_version', 'customer_search')"
        " AND indexname NOT IN ('customer_name_nocase', 'customer_sort_name_pattern', 'customer_surname_initial',"
        " 'customer_given_initial')").fetchall()
    return {"columns": sorted(columns), "fks": sorted(fks), "indexes": sorted(indexes)}


def test_steps_on_an_empty_server_database_give_the_models_schema(db, pg_cluster):
    from servicedesk.core.store import schema

    assert schema.current_version(db) == SCHEMA_VERSION
    stepped = _shape(db)
    close_database()

    modelled = connect(pg_cluster.create_database("modelled"))
    database.initialize(modelled)
    try:
        for model in ALL_MODELS:
            model._schema.create_table()
            for index in model._meta.fields_to_index():
                if not isinstance(index, SQL):  # the SQLite-only name index has its own PostgreSQL text
                    modelled.execute(index)
        assert stepped == _shape(modelled)
    finally:
        modelled.close()
        pg_cluster.drop_database("modelled")


def test_reopening_runs_no_step_twice_and_two_openers_agree(db_location):
    from servicedesk.core.store import schema

    db = open_database(db_location)
    close_database()
    db = open_database(db_location)
    assert schema.current_version(db) == SCHEMA_VERSION
    assert db.execute_sql("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 1
    close_database()


def test_the_office_role_is_no_superuser(db):
    assert db.execute_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0] is False
