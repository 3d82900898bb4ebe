"""Shared fixtures: a real temporary database file, services on it, and one pane at a time."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

# Qt must know it has no screen before it loads, or it aborts the whole run. The offscreen screen
# is the office's usual one, 1366×768, rather than the plugin's 800×800.
_SCREEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "screen-1366x768.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

import pytest  # noqa: E402

from servicedesk.core import clock  # noqa: E402
from servicedesk.core.store import close_database, open_database  # noqa: E402


@pytest.fixture(scope="session")
def qapp(qapp):
    """The application as ServiceDesk starts it: with English plural forms ("1 visit", "2 visits")."""
    from servicedesk.ui import plurals

    plurals.install(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """Every test gets its own data and config folders; nothing touches the user's real files."""
    monkeypatch.setenv("SERVICEDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SERVICEDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SERVICEDESK_DATABASE", raising=False)
    # Passwords go to a throwaway keyring file of the test's own, never the user's real keyring.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.mail.throwaway_keyring.ThrowawayKeyring")
    monkeypatch.setenv("THROWAWAY_KEYRING", str(tmp_path / "keyring.json"))
    monkeypatch.delenv("SERVICEDESK_SMTP_PASSWORD", raising=False)
    yield
    clock.set_now(None)
    import sys

    from servicedesk.core.store import db as store_db

    beside = sys.modules.get("servicedesk.ui.startup_check")
    if beside is not None:
        beside.cancel_all()  # a start-up check a failed test left running
    store_db.release_writes()  # so one failed test never leaves every later write waiting
    store_db.wait_for_writer = None
    import logging
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        handler.close()  # a command run in this process logged into this test's folder
        root.removeHandler(handler)


TESTS = Path(__file__).resolve().parent
# Folders whose store, service and command-line tests run on both engines; tests that drive
# widgets (they use qtbot) run on SQLite only.
BOTH_BACKENDS = ("core", "customers", "schedule", "communication", "documents", "server", "test_cli.py")
BACKENDS = tuple(b.strip() for b in os.environ.get("SERVICEDESK_TEST_BACKENDS", "sqlite,postgresql").split(",")
                 if b.strip())


def pytest_generate_tests(metafunc):
    if "backend" not in metafunc.fixturenames:
        return
    top = Path(str(metafunc.definition.fspath)).resolve().relative_to(TESTS).parts[0]
    fixed = metafunc.definition.get_closest_marker("backends")
    if fixed:
        wanted = [b for b in fixed.args if b in BACKENDS]
    elif top in BOTH_BACKENDS and "qtbot" not in metafunc.fixturenames:
        wanted = list(BACKENDS)
    else:
        wanted = ["sqlite"]
    metafunc.parametrize("backend", wanted, indirect=True)


def pytest_configure(config):
    config.addinivalue_line("markers", "backends(*names): run this test on these database engines only")


@pytest.fixture
def backend(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL server for the whole run, with a template database at the current schema."""
    from tests.pg_server import Cluster

    cluster = Cluster()
    try:
        cluster.start()
        url = cluster.create_database("servicedesk_template")
        open_database(url)
        close_database()
        yield cluster
    finally:
        close_database()
        cluster.remove()


_numbers = itertools.count(1)


@pytest.fixture
def pg_url(request, backend):
    """A fresh PostgreSQL database at the current schema (copied from the template), dropped afterwards."""
    cluster = request.getfixturevalue("pg_cluster")
    name = f"office_{os.getpid()}_{next(_numbers)}"
    url = cluster.create_database(name, template="servicedesk_template")
    yield url
    close_database()
    cluster.drop_database(name)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "office.db"


@pytest.fixture
def db_location(request, backend, db_path):
    """Where the test's office lives: a SQLite file, or a PostgreSQL URL when the test runs on the server."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_url")
    return db_path


@pytest.fixture
def db(db_location):
    """An empty, current-schema database (a file, or a database on the test server), bound to the models."""
    database = open_database(db_location)
    yield database
    close_database()


@pytest.fixture
def demo_db(db):
    """The demo office."""
    from servicedesk.core import demo

    demo.build()
    return db


@pytest.fixture
def demo_window(qtbot, demo_db, db_path):
    """The main window on the demo office, the size a 1366×768 screen under a taskbar gives it."""
    from tests.tools import screens

    window = screens.open_window(db_path)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window
