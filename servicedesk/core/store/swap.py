"""Putting a new database file in place of the live one without ever leaving none.

The replacement is built beside the live file (``office.db.restoring``), checked, written to
disk and put in place with one atomic rename. The file it replaces is kept before that, by a
hard link (or a copy where the file system has no links) under a dated name, with its
write-ahead log. A kill or a power cut at any instant leaves the old or the new database at the
live path, never neither; what an interrupted run leaves beside it is tidied at the next start.

``pause`` is called with the name of each step (``STEPS``); tests pause or kill the process there.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from servicedesk.core.store.db import StorageError, disk_full_error, is_disk_full

log = logging.getLogger(__name__)

STEPS = ("built", "verified", "kept", "folded", "cleared", "swapped")
STAMP = "%Y%m%d-%H%M%S"
pause = None


def _step(name: str) -> None:
    if pause is not None:
        pause(name)


def side_files(db_path: Path) -> tuple[Path, Path]:
    return Path(f"{db_path}-wal"), Path(f"{db_path}-shm")


def incoming_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restoring")


def dated_name(db_path: Path, label: str) -> Path:
    stamp = dt.datetime.now().strftime(STAMP)
    target, n = db_path.with_name(f"{db_path.stem}-{label}-{stamp}.db"), 1
    while target.exists():
        target, n = db_path.with_name(f"{db_path.stem}-{label}-{stamp}-{n}.db"), n + 1
    return target


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        try:
            shutil.copyfile(source, target)
            os.chmod(target, 0o600)
        except OSError as exc:
            target.unlink(missing_ok=True)
            if is_disk_full(exc):
                raise disk_full_error(target.parent) from exc
            raise StorageError(f"A copy of {source.name} could not be kept as {target.name} ({exc.strerror or exc}), "
                               "so it was left in place unchanged.") from exc


def keep(db_path: Path, label: str) -> Path:
    """Keep the live file and its write-ahead log under a dated name beside it; returns that name."""
    target = dated_name(db_path, label)
    _link_or_copy(db_path, target)
    wal = side_files(db_path)[0]
    if wal.exists() and wal.stat().st_size > 0:
        _link_or_copy(wal, Path(f"{target}-wal"))
    _step("kept")
    return target


def fold_log(db_path: Path) -> bool:
    """Write the live file's write-ahead log into it, so the file alone is the whole database.

    False when the log could not be folded in (a file too damaged to open): the kept copy has it.
    """
    folded = _fold(db_path)
    _step("folded")
    return folded


def _fold(db_path: Path) -> bool:
    wal = side_files(db_path)[0]
    if not wal.exists() or wal.stat().st_size == 0:
        return True
    try:
        con = sqlite3.connect(str(db_path), timeout=10)
        try:
            busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        log.warning("could not fold the write-ahead log of %s: %s", db_path, exc)
        return False
    return busy == 0 and (not wal.exists() or wal.stat().st_size == 0)


def put_in_place(incoming: Path, db_path: Path) -> None:
    """Swap the checked ``incoming`` file in for ``db_path`` with one rename.

    The live file's log and shared-memory index go first: a log left beside the new file would be
    read as its own. Both are kept (``keep``) or empty by then.
    """
    with open(incoming, "rb+") as fh:
        os.fsync(fh.fileno())
    wal, shm = side_files(db_path)
    for side in (wal, shm):
        side.unlink(missing_ok=True)
    _step("cleared")
    os.replace(incoming, db_path)
    fsync_folder(db_path.parent)
    _step("swapped")
