"""The office server: connecting to PostgreSQL and saying in plain words why it did not work."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from peewee import InterfaceError, OperationalError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5


def describe(url: str) -> str:
    """``url`` without its password, for messages and the window title."""
    from servicedesk.paths import shown

    return shown(url)


def program_name() -> str:
    import os

    from servicedesk.core import session

    return f"ServiceDesk {session.computer()[:40]} {os.getpid()}"


def connect_options(url: str, read_only: bool = False) -> dict:
    """psycopg connection options: every connection of every thread gets them."""
    from servicedesk.core.store import credentials

    # The program's name is unique per running copy: a PC's own change signals are told from others'.
    options = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": program_name()}
    if not urlsplit(url).password:
        password = credentials.password_for(url)
        if password:
            options["password"] = password
    if read_only:
        options["options"] = "-c default_transaction_read_only=on"
    return options


def plain_connect_error(url: str, exc: BaseException) -> str:
    """What went wrong connecting to ``url``, in words an office can act on."""
    text = str(exc)
    where = describe(url)
    low = text.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return (f"The office server {where} refused the password for this user. Check the user name and "
                "password (Edit > Preferences > Office server, or the password file) and try again.")
    if "does not exist" in low and "database" in low:
        return f"The office server is reachable, but it has no database named in {where}."
    if "does not exist" in low and "role" in low:
        return f"The office server is reachable, but it has no user (role) named in {where}."
    if any(n in low for n in ("connection refused", "timeout expired", "could not translate host name",
                              "no route to host", "network is unreachable", "server closed the connection",
                              "could not connect", "connection timed out")):
        return (f"The office server {where} cannot be reached (it may be switched off, or the network is "
                "down). Nothing was changed; try again when it is back.")
    if "ssl" in low:
        return f"The secure connection to the office server {where} could not be made: {text.strip()}"
    return f"The office server {where} could not be opened: {text.strip()}"


def open_connection(db) -> None:
    """Connect ``db`` (an OfficeServer), raising a StorageError with a plain message on failure."""
    from servicedesk.core.store.db import StorageError

    try:
        db.connect(reuse_if_open=True)
    except (OperationalError, InterfaceError) as exc:
        raise StorageError(plain_connect_error(db.database, exc)) from exc


def check(url: str) -> tuple[list[str], str]:
    """What ``servicedesk check`` finds on an office server: (problems, a summary line)."""
    from servicedesk.core.store import SCHEMA_VERSION
    from servicedesk.core.store.db import close_database, open_database
    from servicedesk.core.store.models import Customer

    db = open_database(url)
    try:
        problems = []
        version = db.server_version
        if version < 130000:
            problems.append(f"the server runs PostgreSQL {version // 10000}; ServiceDesk needs 13 or newer")
        for table, name in db.execute_sql(
                "SELECT conrelid::regclass::text, conname FROM pg_constraint"
                " WHERE NOT convalidated AND connamespace = current_schema()::regnamespace").fetchall():
            problems.append(f"the rule {name} of {table} is not checked for the rows already there")
        customers = Customer.select().count()
        indexed = db.execute_sql("SELECT COUNT(*) FROM customer_search").fetchone()[0]
        if indexed != customers:
            problems.append(f"the search index holds {indexed} customers of {customers}")
    finally:
        close_database()
    if problems:
        return problems, f"{describe(url)}: {len(problems)} problem(s) found."
    return problems, (f"{describe(url)}: ok (PostgreSQL {version // 10000}, references enforced by the server, "
                      f"search index complete; schema version {SCHEMA_VERSION}; {customers} customers).")


def test_connection(url: str, password: str | None = None) -> str:
    """Connect to ``url`` as the office would and say what is there; a StorageError says why not."""
    import psycopg

    from servicedesk.core.store import SCHEMA_VERSION
    from servicedesk.core.store.db import StorageError

    options = connect_options(url)
    if password:
        options["password"] = password
    try:
        with psycopg.connect(url, autocommit=True, **options) as con:
            version = con.info.server_version
            # tables go into the schema (its USAGE and CREATE); pg_trgm is there already, or added by a user with
            # CREATE on the database (a trusted extension)
            can_create, has_trgm = con.execute(
                "SELECT COALESCE(has_schema_privilege(current_schema(), 'USAGE')"
                " AND has_schema_privilege(current_schema(), 'CREATE'), false),"
                " EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')"
                " OR has_database_privilege(current_database(), 'CREATE')").fetchone()
            has_schema = con.execute("SELECT to_regclass('schema_version')").fetchone()[0] is not None
            schema = con.execute("SELECT version FROM schema_version").fetchone()[0] if has_schema else 0
            people = con.execute("SELECT COUNT(*) FROM customer").fetchone()[0] if has_schema else 0
            secure = "encrypted" if con.info.pgconn.ssl_in_use else "not encrypted"
    except psycopg.Error as exc:
        raise StorageError(plain_connect_error(url, exc)) from exc
    if version < 130000:
        raise StorageError(f"The office server runs PostgreSQL {version // 10000}; ServiceDesk needs 13 or newer.")
    if schema == 0:
        if not can_create:
            raise StorageError("Connected, but this user may not create tables in the database; grant it USAGE "
                               "and CREATE on its schema (see the README's grants).")
        if not has_trgm:
            raise StorageError("Connected, but the database lacks the pg_trgm extension that search needs, and this "
                               "user may not add it; have the database's owner run CREATE EXTENSION pg_trgm there "
                               "(see the README).")
        return f"Connected to PostgreSQL {version // 10000} ({secure}). The database is empty: ready for an office."
    if schema > SCHEMA_VERSION:
        raise StorageError("Connected, but the office there was written by a newer ServiceDesk; update this PC first.")
    return (f"Connected to PostgreSQL {version // 10000} ({secure}): an office with {people:,} customers "
            f"(schema {schema}).")
