"""Shared fixtures: a real temporary database file, services on it, and one pane at a time."""

from __future__ import annotations

import os

# Qt must know it has no screen before it loads, or it aborts the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from servicedesk.core import clock  # noqa: E402
from servicedesk.core.store import close_database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """Every test gets its own data and config folders; nothing touches the user's real files."""
    monkeypatch.setenv("SERVICEDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SERVICEDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SERVICEDESK_DATABASE", raising=False)
    yield
    clock.set_now(None)
    import logging
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        handler.close()  # a command run in this process logged into this test's folder
        root.removeHandler(handler)


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
