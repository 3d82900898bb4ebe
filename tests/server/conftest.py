"""Two PCs of one office: this test's window on the database, and other PCs in processes of their own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from servicedesk.core import clock
from tests.server.other_pc import OtherPC


@pytest.fixture
def other_pcs(pg_url):
    started = []

    def start(person: str) -> OtherPC:
        pc = OtherPC(pg_url, person)
        started.append(pc)
        return pc

    yield start
    for pc in started:
        pc.close()


@pytest.fixture
def window(qtbot, db, pg_url):
    from servicedesk.ui.live import LiveUpdates
    from servicedesk.ui.main_window import MainWindow

    clock.set_now(None)
    w = MainWindow(pg_url)
    w.live = LiveUpdates(pg_url, w)
    w.show()
    yield w
    w.live.stop()
    try:
        w.customers.profile.revert()  # no "save your changes?" question on closing
    finally:
        w.close()
        w.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # its timers go with it
