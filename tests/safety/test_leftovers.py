"""What interrupted runs leave is tidied at the next start or backup; damaged and replaced copies are
listed in the Restore dialog with their sizes and can be deleted there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from servicedesk.core.services import customers
from servicedesk.core.store import backup, check, leftovers, swap
from servicedesk.ui import safety
from servicedesk.ui.restore_dialog import RestoreDialog
from tests.safety.conftest import ROOT
from tests.safety.test_recovery import _office, overwrite_middle_page

KILLED_BACKUP = """
import os, sys
from servicedesk.core.store import backup, db
real = backup.copy_database
def copy_then_die(source, dest, journal_mode="delete"):
    real(source, dest, journal_mode)
    print("copied", flush=True)
    os.kill(os.getpid(), 9)  # killed after the copy, before its check and rename
backup.copy_database = copy_then_die
backup.create_backup(sys.argv[1])
"""


def _kill_a_backup(db_path) -> None:
    run = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(db_path)], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert run.returncode == -signal.SIGKILL and "copied" in run.stdout


def test_partial_backups_of_killed_runs_are_removed_at_the_next_backup(db_path):
    _office(db_path, 30)
    folder = backup.backup_folder(db_path)
    for _ in range(3):
        _kill_a_backup(db_path)
        assert len(list(folder.glob("*.partial"))) == 1  # each run tidies what the one before left
    info = backup.create_backup(db_path)
    assert list(folder.glob("*.partial*")) == []
    assert [b.path for b in backup.list_backups(db_path)] == [info.path]


def test_a_partial_backup_being_written_by_a_live_program_is_left_alone(db_path):
    _office(db_path, 3)
    folder = backup.backup_dir(db_path)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = folder / f"office-20261129-120000.db.{sleeper.pid}.partial"
        busy.write_bytes(b"being written")
        backup.create_backup(db_path)
        assert busy.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    backup.create_backup(db_path)
    assert not busy.exists()


def test_an_interrupted_restore_is_tidied_at_the_next_start(db_path):
    _office(db_path, 5)
    incoming = swap.incoming_path(db_path)
    incoming.write_bytes(b"half a copy")
    (incoming.parent / (incoming.name + "-wal")).write_bytes(b"log")
    marker_partial = backup.backup_dir(db_path) / "office-20261129-120000.db.999999999.partial"
    marker_partial.write_bytes(b"x")
    opened = check.start(db_path)
    try:
        assert customers.count() == 5
    finally:
        opened.close(take_backup=False)
    assert not incoming.exists() and not (incoming.parent / (incoming.name + "-wal")).exists()
    assert not marker_partial.exists()


@pytest.fixture
def kept(db_path):
    """An office that was repaired once and restored once: one damaged and one replaced copy beside it."""
    _office(db_path, 400)
    info = backup.create_backup(db_path)
    overwrite_middle_page(db_path)
    opened = check.start(db_path)  # repaired from the backup; the damaged file is kept
    opened.close(take_backup=False)
    check.restore_backup(db_path, info.path)  # and restored once more: the replaced file is kept
    return db_path


def test_the_restore_dialog_lists_kept_copies_with_sizes_and_deletes_one(qtbot, kept, monkeypatch):
    opened = check.start(kept)
    try:
        dialog = RestoreDialog(kept)
        qtbot.addWidget(dialog)
        texts = [dialog.kept.item(i).text() for i in range(dialog.kept.count())]
        assert len(texts) == 2
        assert any(t.startswith("Damaged database, set aside ") and t.endswith(" MB)") for t in texts)
        assert any(t.startswith("Database replaced by a restore ") for t in texts)
        tips = [dialog.kept.item(i).toolTip() for i in range(dialog.kept.count())]
        assert any("office-damaged-" in t for t in tips) and any("office-replaced-" in t for t in tips)
        assert dialog.backups.count() == 1 and dialog.restore_button.isEnabled()
        size = [c for c in leftovers.kept_copies(kept) if c.kind == "damaged"][0].size
        assert f"({size / 1_000_000:.1f} MB)" in [t for t in texts if t.startswith("Damaged")][0]

        row = next(i for i, t in enumerate(texts) if t.startswith("Damaged"))
        dialog.kept.setCurrentRow(row)
        asked = []
        monkeypatch.setattr(dialog, "confirm_delete", lambda path: asked.append(path.name) or True)
        qtbot.mouseClick(dialog.delete_button, qtbot_left())
        assert asked and asked[0].startswith("office-damaged-")
        assert dialog.kept.count() == 1 and not list(kept.parent.glob("office-damaged-*"))
        assert customers.count() == 400  # the live database is untouched
    finally:
        opened.close(take_backup=False)


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_only_kept_copies_can_be_deleted(kept):
    with pytest.raises(backup.StorageError, match="is not a kept copy"):
        leftovers.delete_kept(kept, kept)
    with pytest.raises(backup.StorageError, match="is not a kept copy"):
        leftovers.delete_kept(kept, backup.list_backups(kept)[0].path)
    assert kept.exists()


def test_restore_from_the_window_through_the_dialog(qtbot, kept, monkeypatch):
    shown = []
    monkeypatch.setattr(safety, "run_box", shown.append)
    monkeypatch.setattr(safety, "run_dialog", lambda dialog: dialog.choose())
    from servicedesk.ui.main_window import MainWindow

    opened = safety.open_for_window(kept)
    try:
        w = MainWindow(kept)
        qtbot.addWidget(w)
        guard = safety.SafetyGuard(w, opened)
        customers.create(name="After The Backup")
        assert guard.restore_from_backup() is True
        assert customers.count() == 400
        assert shown[-1].objectName() == "restored"
    finally:
        safety.finish(opened)
