"""Helpers for the data-safety tests: a second process that writes, and an audit of what is stored."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("writer.py")
ROOT = Path(__file__).resolve().parents[2]


def writer(*args, **kwargs) -> subprocess.Popen:
    """Start tests/safety/writer.py in its own process with this checkout's code."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, str(WRITER), *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1, env=env, **kwargs)


def audit(path) -> dict:
    """What a file holds: check results and the tags of complete and partial operations."""
    con = sqlite3.connect(str(path))
    try:
        integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        a_customers = {r[0] for r in con.execute("SELECT notes FROM customer WHERE name LIKE 'Kill %'")}
        visits = dict(con.execute("SELECT work_done, COUNT(*) FROM visit WHERE work_done != '' GROUP BY work_done"))
        sites = dict(con.execute(
            "SELECT c.notes, COUNT(s.id) FROM customer c LEFT JOIN site s ON s.customer_id = c.id "
            "WHERE c.name LIKE 'Kill %' GROUP BY c.id"))
        concerns = {r[0] for r in con.execute("SELECT words FROM concern")}
        follow_ups = dict(con.execute(
            "SELECT f.reason, k.words FROM follow_up f LEFT JOIN concern k ON k.id = f.concern_id"))
    finally:
        con.close()
    complete_a = {t for t in a_customers if visits.get(t) == 3 and sites.get(t) == 1}
    complete_b = {t for t in concerns if follow_ups.get(t) == t}
    partial = (a_customers - complete_a) | (set(visits) - a_customers) | (concerns - complete_b) \
        | (set(follow_ups) - complete_b)
    return {"integrity": integrity, "fk": fk, "A": complete_a, "B": complete_b, "partial": partial}


@pytest.fixture
def seeded_db(db_path):
    """A database file with one customer (for concerns), closed again so other processes can use it."""
    from servicedesk.core.services import customers
    from servicedesk.core.store import close_database, open_database

    open_database(db_path)
    customers.create(name="Dorothy Base", street="2 Main St")
    close_database()
    return db_path


def holding(script: str, *args, ready: str):
    """Run ``script`` in another process until it prints ``ready``; yield it; then let it finish."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == ready
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.stdin.write("\n")
            proc.stdin.flush()
        proc.wait(timeout=30)
