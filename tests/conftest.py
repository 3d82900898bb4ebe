"""Shared fixtures: a real temporary database file, services on it, and one pane at a time."""

from __future__ import annotations

import os

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
    yield
    clock.set_now(None)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "office.db"


@pytest.fixture
def db(db_path):
    """An empty, current-schema database file, bound to the models for the test."""
    database = open_database(db_path)
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
