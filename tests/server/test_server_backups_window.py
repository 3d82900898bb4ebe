"""The window's backups of an office server: one a day for the whole office, taken on a worker, checked by a
restore into a scratch database; what the server's own backup must do said once when this PC cannot."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction

from servicedesk.core import session
from servicedesk.core.services import customers
from servicedesk.core.store import close_database, open_database, server_backup
from servicedesk.core.store.models import Setting
from servicedesk.ui import operations, safety
from servicedesk.ui.actions import ActionId
from servicedesk.ui.server_backups import ServerBackups

pytestmark = pytest.mark.backends("postgresql")


@pytest.fixture
def guarded(qtbot, db, pg_url):
    from servicedesk.ui.main_window import MainWindow

    opened = safety.open_for_window(pg_url)
    w = MainWindow(pg_url)
    w.guard = safety.SafetyGuard(w, opened)
    w.show()
    yield w
    operations.shutdown()
    w.close()
    w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    safety.finish(opened)


def _dumps(url):
    return sorted(p.name for p in server_backup.backup_dir(url).glob("*.dump"))


def _record():
    return json.loads(Setting.get_by_id(server_backup.DAILY_KEY).value)


def test_the_window_takes_the_days_backup_on_a_worker_and_says_so(qtbot, guarded, pg_url):
    customers.create(name="Dorothy Finch")
    assert isinstance(guarded.guard.server, ServerBackups)
    op = guarded.guard.server.take_daily()
    assert op is not None and not op.done  # the window goes on while the server is dumped
    qtbot.waitUntil(lambda: op.done, timeout=60_000)
    assert op.error is None and op.result.state == "made"
    assert op.result.backup.checked == "restored into a scratch database" and op.result.note == ""
    assert len(_dumps(pg_url)) == 1
    made = _record()
    assert made["day"] == dt.date.today().isoformat() and made["by"] == session.who()
    assert made["file"] == _dumps(pg_url)[0]
    assert "Today's backup of the office server is saved" in guarded.statusBar().currentMessage()

    again = guarded.guard.server.take_daily()  # later the same day: nothing more
    qtbot.waitUntil(lambda: again.done, timeout=30_000)
    assert again.result.state == "done" and len(_dumps(pg_url)) == 1
    assert "was taken by" in guarded.statusBar().currentMessage()


def test_five_pcs_asking_at_once_make_one_dump(db, pg_url, other_pcs):
    pcs = [other_pcs(f"Desk {n}") for n in range(5)]
    for pc in pcs:
        pc.send("backup")
    answers = sorted(pc.read() for pc in pcs)
    assert answers.count("backup made") == 1, answers
    assert set(answers) <= {"backup made", "backup busy", "backup done"}
    assert len(_dumps(pg_url)) == 1
    assert _record()["by"].startswith("Desk ")
    # a PC that was busy a moment ago asks again later and finds the day's backup taken
    assert pcs[0].ask("backup") in ("backup done", "backup made") and len(_dumps(pg_url)) == 1


def test_without_the_client_tools_one_line_says_what_the_servers_backup_must_do_once(qtbot, guarded, pg_url,
                                                                                    monkeypatch):
    monkeypatch.setattr(server_backup, "tool", lambda _name: None)
    first = guarded.guard.server.take_daily()
    qtbot.waitUntil(lambda: first.done, timeout=30_000)
    notice = guarded.guard.server.notice
    assert first.result.state == "no_tools" and notice is not None and notice.isVisible()
    assert notice.text() == server_backup.NO_TOOLS and "pg_dump -Fc" in notice.text()
    notice.accept()
    guarded.guard.server.notice = None

    second = guarded.guard.server.take_daily()  # three hours later, or the next day: not said again
    qtbot.waitUntil(lambda: second.done, timeout=30_000)
    assert guarded.guard.server.notice is None
    assert _dumps(pg_url) == [] and Setting.get_or_none(Setting.key == server_backup.DAILY_KEY) is None


def test_back_up_now_runs_on_a_worker_with_a_progress_window(qtbot, guarded, pg_url):
    guarded.findChild(QAction, ActionId.BACKUP.value).trigger()
    qtbot.waitUntil(lambda: len(_dumps(pg_url)) == 1 and "Backed up to" in guarded.statusBar().currentMessage(),
                    timeout=60_000)


def test_a_user_that_may_not_create_databases_gets_a_read_through_backup_and_the_line(db, pg_cluster):
    pg_cluster.admin("CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw'")  # no CREATEDB
    pg_cluster.admin('CREATE DATABASE "clerk_office" OWNER clerk')  # its tables made by clerk itself
    url = f"postgresql://clerk:clerk-pw@127.0.0.1:{pg_cluster.port}/clerk_office"
    try:
        close_database()
        open_database(url)
        daily = server_backup.daily_backup(url)
        assert daily.state == "made" and daily.backup.checked == server_backup.READ_THROUGH
        assert daily.note == server_backup.NO_SCRATCH and "CREATEDB" in daily.note
        close_database()
    finally:
        pg_cluster.drop_database("clerk_office")
        pg_cluster.admin("DROP ROLE clerk")
