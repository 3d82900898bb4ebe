"""The window's side of data safety: File > Back Up Now / Restore, start-up messages, failures shown."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from servicedesk import paths
from servicedesk.core.services import customers
from servicedesk.core.store import backup, check
from servicedesk.core.store.lock import DatabaseLock
from servicedesk.ui import app as app_module
from servicedesk.ui import safety, startup_check
from servicedesk.ui.actions import ActionId
from servicedesk.ui.main_window import MainWindow
from tests.safety.test_recovery import _office, overwrite_middle_page, overwrite_search_page


class Shown(list):
    """Message boxes shown so far; ``answer`` is the button text to click on a question."""

    answer = ""

    def run(self, box):
        self.append(box)
        for button in box.buttons():
            if self.answer and button.text() == self.answer:
                box.clickedButton = lambda b=button: b


@pytest.fixture
def shown(monkeypatch):
    """Message boxes are recorded instead of blocking."""
    boxes = Shown()
    monkeypatch.setattr(safety, "run_box", boxes.run)
    return boxes


@pytest.fixture
def window(qtbot, db_path, shown):
    opened = safety.open_for_window(db_path)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.guard = safety.SafetyGuard(w, opened)
    yield w
    safety.finish(opened)


def _action(window, action_id):
    return window.findChild(QAction, action_id.value)


def test_back_up_now_writes_a_verified_backup_on_a_worker(qtbot, window):
    customers.create(name="Saved Before Backup")
    action = _action(window, ActionId.BACKUP)
    assert action.isEnabled()
    action.trigger()  # the window goes on meanwhile; a progress window shows if it takes more than a moment
    op = window.guard._backing_up
    assert window.guard.back_up_now() is op  # asked again while under way: the same backup, not a second
    qtbot.waitUntil(lambda: op.done, timeout=60_000)
    taken = backup.list_backups(window.database_path)
    assert len(taken) == 1 and backup.verify(taken[0].path) == []
    assert str(taken[0].path) in window.statusBar().currentMessage()



def test_back_up_now_that_cannot_write_says_why_and_the_window_goes_on(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(safety, "run_box", lambda box: shown.append((box.objectName(), box.text())))
    backup.backup_folder(window.database_path).write_text("a file where the backups folder goes")
    _action(window, ActionId.BACKUP).trigger()
    qtbot.waitUntil(lambda: window.guard._backing_up.done, timeout=60_000)
    assert [name for name, _text in shown] == ["backupFailed"]
    assert "backups folder" in shown[0][1] and "could not be made or opened" in shown[0][1]
    backup.backup_folder(window.database_path).unlink()  # put right: closing takes its backup as usual
    customers.create(name="Typed After The Failed Backup")  # the database is as usable as before

def test_restore_from_backup_brings_the_old_data_back_on_screen(window, monkeypatch, shown):
    customers.create(name="In The Backup")
    backup.create_backup(window.database_path)
    customers.create(name="Typed Afterwards")
    window.customers.refresh()
    assert window.customers.model.rowCount() == 2

    monkeypatch.setattr(safety, "run_dialog", lambda dialog: dialog.choose())  # the newest, as offered
    _action(window, ActionId.RESTORE).trigger()
    assert window.customers.model.rowCount() == 1
    assert [r.name for r in customers.rows(customers.search_ids())] == ["In The Backup"]
    assert shown[-1].objectName() == "restored"
    replaced = list(window.database_path.parent.glob("office-replaced-*.db"))
    assert len(replaced) == 1 and replaced[0].name in shown[-1].text()


def test_work_under_way_when_a_backup_is_restored_ends_whole_in_the_database_it_began_in(
        qtbot, window, monkeypatch, shown):
    """A worker halfway through its transaction when File > Restore replaces the database finishes in the
    file being set aside: nothing of it lands in the restored one, and its result still arrives."""
    import sqlite3
    import threading

    from servicedesk.core.store import transaction
    from servicedesk.ui import operations

    customers.create(name="In The Backup")
    backup.create_backup(window.database_path)
    inside, go = threading.Event(), threading.Event()
    real_wait_all = operations.wait_all
    monkeypatch.setattr(operations, "wait_all", lambda: (go.set(), real_wait_all()))

    def work(_step):  # paused halfway through its transaction until the restore waits for the work under way
        with transaction():
            customers.create(name="Written Before The Restore")
            inside.set()
            go.wait()
            customers.create(name="Written After The Restore Began")
        return "done"

    results = []
    op = operations.run(window, work, results.append)
    assert inside.wait(60)
    monkeypatch.setattr(safety, "run_dialog", lambda dialog: dialog.choose())  # the newest, as offered
    go_if_never_waited = threading.Timer(30, go.set)  # the worker is never left paused for good
    go_if_never_waited.start()
    try:
        _action(window, ActionId.RESTORE).trigger()
        qtbot.waitUntil(lambda: op.done, timeout=60_000)
    finally:
        go_if_never_waited.cancel()
    assert results == ["done"]
    assert [r.name for r in customers.rows(customers.search_ids())] == ["In The Backup"]
    replaced = list(window.database_path.parent.glob("office-replaced-*.db"))
    assert len(replaced) == 1
    con = sqlite3.connect(str(replaced[0]))
    try:
        names = {r[0] for r in con.execute("SELECT name FROM customer WHERE name LIKE 'Written %'")}
    finally:
        con.close()
    assert names == {"Written Before The Restore", "Written After The Restore Began"}
    customers.create(name="Typed After The Restore")  # the restored database takes writes at once


def test_restore_with_no_backups_says_so(window, shown):
    _action(window, ActionId.RESTORE).trigger()
    assert shown[-1].objectName() == "noBackups"


def test_automatic_backup_runs_off_the_gui_thread_only_when_something_changed(window, qtbot):
    customers.create(name="Changed")
    with qtbot.waitSignal(window.guard.backupDone) as done:
        assert window.guard.back_up_if_changed() is not None
    assert isinstance(done.args[0], backup.BackupInfo)
    assert done.args[0].path.name in window.statusBar().currentMessage()
    assert window.guard.back_up_if_changed() is None  # nothing changed since
    assert len(backup.list_backups(window.database_path)) == 1
    assert window.guard.timer.isActive() and window.guard.timer.interval() == safety.BACKUP_EVERY_MS


def test_a_second_copy_is_told_who_holds_the_database_and_opens_read_only(qtbot, db_path, shown):
    _office(db_path, 2)
    lock = DatabaseLock(db_path)
    lock.path.write_text('{"pid": 1, "host": "front-desk-pc", "started": "2026-11-23T08:15:00"}')
    shown.answer = "Open Read-Only"
    opened = safety.open_for_window(db_path)
    try:
        assert shown[0].objectName() == "databaseInUse"
        assert "process 1 on front-desk-pc, since Nov 23, 2026, 8:15\u00a0AM" in shown[0].text()
        assert opened is not None and opened.read_only
        w = MainWindow(db_path)
        qtbot.addWidget(w)
        safety.SafetyGuard(w, opened)
        assert w.windowTitle().endswith("(read-only)")
        assert not _action(w, ActionId.RESTORE).isEnabled()
        assert customers.count() == 2
    finally:
        safety.finish(opened)
    assert lock.path.exists()  # the other copy's lock is left alone


def test_quitting_instead_of_read_only_does_not_start(db_path, shown):
    DatabaseLock(db_path).path.write_text('{"pid": 1, "host": "front-desk-pc", "started": "2026-11-23T08:15:00"}')
    shown.answer = "Quit"
    assert safety.open_for_window(db_path) is None


def test_a_damaged_database_is_explained_at_start(db_path, shown):
    _office(db_path)
    backup.create_backup(db_path)
    overwrite_middle_page(db_path)
    opened = safety.open_for_window(db_path)
    try:
        assert [b.objectName() for b in shown] == ["startupMessage"]
        assert "was damaged" in shown[0].text() and "restored" in shown[0].text()
        found = shown[0].detailedText().splitlines()  # the checks' own words, kept out of the message
        assert found and found[0] not in shown[0].text()
        assert customers.count() == 400
    finally:
        safety.finish(opened)


def test_a_large_file_is_checked_beside_the_window_and_damage_found_there_is_recovered(
        qtbot, db_path, shown, monkeypatch):
    _office(db_path)
    backup.create_backup(db_path)
    overwrite_search_page(db_path)
    monkeypatch.setattr(safety, "CHECK_BESIDE_WINDOW_ABOVE", 0)  # every file counts as large
    opened = safety.open_for_window(db_path)
    try:
        assert opened.check_later and shown == []  # the window opens first
        beside = startup_check.start_beside(opened)
        w = MainWindow(db_path)
        qtbot.addWidget(w)
        guard = safety.SafetyGuard(w, opened, beside)
        with qtbot.waitSignal(guard.checkDone, timeout=60_000) as done:  # reported through the event loop
            w.show()
        assert done.args[0]  # the check's own findings
        assert [b.objectName() for b in shown] == ["startupMessage"]
        assert "was damaged" in shown[0].text() and "restored" in shown[0].text()
        qtbot.waitUntil(w.customers.count_known, timeout=20_000)  # the list's first screenful, then the rest
        assert customers.count() == 400 and w.customers.model.rowCount() == 400
        assert check.check_file(db_path, full=True) == []
        assert len(list(db_path.parent.glob("office-damaged-*.db"))) == 1
    finally:
        safety.finish(opened)


def test_a_sound_large_file_checked_beside_the_window_says_so(qtbot, db_path, shown, monkeypatch):
    _office(db_path, 5)
    monkeypatch.setattr(safety, "CHECK_BESIDE_WINDOW_ABOVE", 0)
    opened = safety.open_for_window(db_path)
    try:
        beside = startup_check.start_beside(opened)
        w = MainWindow(db_path)
        qtbot.addWidget(w)
        guard = safety.SafetyGuard(w, opened, beside)
        with qtbot.waitSignal(guard.checkDone, timeout=60_000) as done:  # reported through the event loop
            w.show()
        assert done.args[0] == []
        qtbot.waitUntil(lambda: w.statusBar().currentMessage() == "Database checked: no problems found.")
        assert shown == []
    finally:
        safety.finish(opened)


def test_a_large_file_is_checked_once_the_window_shows_its_figures_and_writes_wait_until_then(
        qtbot, db_path, shown, monkeypatch):
    from servicedesk.core.store import db

    _office(db_path, 150)
    monkeypatch.setattr(safety, "CHECK_BESIDE_WINDOW_ABOVE", 0)
    real_check = check.check_file
    began = []  # whether the window's figures were shown when the check began reading

    def check_file(path, full=False, connected=None):
        began.append(window.figures_ready())
        return real_check(path, full, connected)

    monkeypatch.setattr(check, "check_file", check_file)
    opened = safety.open_for_window(db_path)
    try:
        beside = startup_check.start_beside(opened)
        assert db.writes_held()  # from the moment the file is open
        window = MainWindow(db_path)
        qtbot.addWidget(window)
        guard = safety.SafetyGuard(window, opened, beside)
        with qtbot.waitSignal(guard.checkDone, timeout=60_000) as done:
            window.show()
        assert done.args[0] == [] and began == [True]
        assert not db.writes_held()
        assert window.customers.count_label.text() == "150 customers"
    finally:
        safety.finish(opened)


def test_work_under_way_when_the_window_closes_ends_in_its_own_database_before_the_next_one_opens(
        qtbot, db_path, tmp_path, shown, monkeypatch):
    """A worker's write (today's queue housekeeping, say) still under way when the window closes is
    finished in its own database, whole, before the database closes; none of it lands in the next
    database opened, whose own writes then never meet a write lock held across the two."""
    import sqlite3
    import threading

    from servicedesk.core.store import close_database, open_database, transaction
    from servicedesk.ui import operations

    _office(db_path, 2)
    opened = safety.open_for_window(db_path)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    inside, go = threading.Event(), threading.Event()
    real_cancel = operations.Operation.cancel
    monkeypatch.setattr(operations.Operation, "cancel", lambda op: (real_cancel(op), go.set()))

    def work(_step):  # paused halfway through its transaction until the window asks its work to stop
        with transaction():
            customers.create(name="Written Before The Close")
            inside.set()
            go.wait()
            customers.create(name="Written After The Close")

    op = operations.run(w, work, lambda _result: None)
    assert inside.wait(60)
    safety.finish(opened)
    open_database(tmp_path / "next" / "office.db")
    go.set()  # a worker the closing window did not wait for goes on only now, with the next database open
    try:
        qtbot.waitUntil(lambda: op.done, timeout=60_000)
        assert customers.count() == 0  # the next database holds nothing of the closed window's work
        customers.create(name="The Next Office's Own")  # and its own writes go through at once
    finally:
        close_database()
    con = sqlite3.connect(str(db_path))
    try:
        names = {r[0] for r in con.execute("SELECT name FROM customer WHERE name LIKE 'Written %'")}
    finally:
        con.close()
    assert names == {"Written Before The Close", "Written After The Close"}


@pytest.fixture
def hook(monkeypatch):
    """The application's own exception hook and log file, with dialogs recorded instead of blocking."""
    root = logging.getLogger()
    for h in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(h)
    dialogs = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: dialogs.append(box) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.setup_logging()
    app_module.install_exception_hook()
    yield dialogs
    for h in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        h.close()
        root.removeHandler(h)


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_with_details(qapp, qtbot, hook):
    def broken_slot():
        raise RuntimeError("the printer caught fire")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(hook) == 1)
    box = hook[0]
    assert box.objectName() == "errorDialog"
    assert "the printer caught fire" in box.text()
    assert "Traceback" in box.detailedText() and "broken_slot" in box.detailedText()
    log_text = (paths.log_dir() / "servicedesk.log").read_text(encoding="utf-8")
    assert "unhandled exception" in log_text and "the printer caught fire" in log_text



@pytest.mark.qt_no_exception_capture
def test_an_exception_on_a_worker_thread_is_logged_and_no_window_is_made_there(qapp, qtbot, hook):
    """Windows belong to the GUI thread: one made on a worker hangs or crashes the program."""
    import threading

    def broken():
        try:
            raise RuntimeError("the scanner jammed")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())

    worker = threading.Thread(target=broken)
    worker.start()
    worker.join()
    assert hook == []
    log_text = (paths.log_dir() / "servicedesk.log").read_text(encoding="utf-8")
    assert "unhandled exception" in log_text and "the scanner jammed" in log_text

@pytest.mark.qt_no_exception_capture
def test_disk_full_gives_a_plain_message_keeps_nothing_and_the_app_stays_usable(qapp, qtbot, db, hook):
    customers.create(name="Already Here", street="1 Main St")
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")  # the disk has no room for one more page

    QTimer.singleShot(0, lambda: customers.create(name="Too Big", street="2 Main St", notes="x" * 200_000))
    qtbot.waitUntil(lambda: len(hook) == 1)
    assert "is full: nothing was saved. Free some space and try again." in hook[0].text()
    assert [r.name for r in customers.rows(customers.search_ids())] == ["Already Here"]
    assert db.execute_sql("SELECT COUNT(*) FROM site").fetchone()[0] == 1  # no half-saved customer
    db.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed: the next save works
    customers.create(name="After Cleanup")
    assert customers.count() == 2
    assert check.check_file(db.database, full=True) == []
