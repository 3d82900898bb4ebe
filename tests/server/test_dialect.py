"""The SQL written once with ``?`` placeholders, as psycopg takes it; SQLite DDL in PostgreSQL's words."""

import pytest

from servicedesk.core.store.dialect import pg_placeholders, translate_statement


def test_question_marks_become_psycopg_placeholders_and_percent_signs_are_kept_literal():
    sql = "SELECT id FROM customer WHERE name LIKE '100% sure?' AND id = ? AND notes LIKE ?"
    assert pg_placeholders(sql) == "SELECT id FROM customer WHERE name LIKE '100%% sure?' AND id = %s AND notes LIKE %s"


def test_named_parameters_become_psycopg_names_but_casts_stay():
    assert pg_placeholders("SELECT :c, x::text FROM t WHERE a = :c") == "SELECT %(c)s, x::text FROM t WHERE a = %(c)s"


def test_sql_already_written_for_psycopg_is_left_alone():
    sql = 'SELECT "t1"."id" FROM "customer" AS "t1" WHERE ("t1"."name" = %s)'
    assert pg_placeholders(sql) == sql


def test_peewee_sqlite_ddl_translates_types_booleans_and_keys():
    sql = ('CREATE TABLE "staff" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
           '"active" INTEGER NOT NULL, "left_on" DATE, "created_at" DATETIME NOT NULL)')
    out = translate_statement(sql, {("staff", "active")})
    assert out == ('CREATE TABLE "staff" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
                   '"active" BOOLEAN NOT NULL, "left_on" DATE, "created_at" TIMESTAMP NOT NULL)')


def test_added_boolean_column_gets_a_boolean_default():
    out = translate_statement('ALTER TABLE "customer" ADD COLUMN "vip" INTEGER NOT NULL DEFAULT 1', {("customer", "vip")})
    assert out == 'ALTER TABLE "customer" ADD COLUMN "vip" BOOLEAN NOT NULL DEFAULT TRUE'


def test_pragmas_have_no_meaning_on_the_server_and_sqlite_only_sql_is_refused():
    assert translate_statement("PRAGMA foreign_keys = OFF", set()) == ""
    with pytest.raises(ValueError, match="pg_steps"):
        translate_statement("CREATE VIRTUAL TABLE x USING fts5(a)", set())
