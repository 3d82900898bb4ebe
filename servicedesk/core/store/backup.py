"""Backups with SQLite's online backup API: consistent while others write, verified, rotated.

A backup is never a file copy of a live database: ``sqlite3.Connection.backup`` copies a
consistent snapshot even while another process writes. Each new copy is written under a
temporary name, checked with ``integrity_check`` and only then given its real name; only then
are older copies rotated out (7 daily, 4 weekly, 12 monthly). A copy that fails the check is
kept aside as ``*.damaged`` and never pushes out a good one. Files are readable by the owner only.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from servicedesk import paths
from servicedesk.core import clock
from servicedesk.core.store.db import StorageError, database_file

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"-(\d{8}-\d{6})(?:-(\d+))?(?:-([a-z0-9-]+))?\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    size: int
    reason: str = ""
    sequence: int = 0  # a second backup within the same second gets -1, -2...

    @property
    def order(self):
        return self.taken_at, self.sequence


def backup_dir(db_path: str | os.PathLike) -> Path:
    return paths.folder_beside(Path(db_path), "backups")


def has_backups(db_path: str | os.PathLike) -> bool:
    """Whether any backup of ``db_path`` exists (without creating the backup folder)."""
    folder = Path(db_path).parent / f"{Path(db_path).stem}-backups"
    return folder.is_dir() and any(_info(p) for p in folder.glob(f"{Path(db_path).stem}-*.db"))


def _private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _info(path: Path) -> BackupInfo | None:
    match = _NAME.search(path.name)
    if not match:
        return None
    return BackupInfo(path, dt.datetime.strptime(match.group(1), STAMP), path.stat().st_size,
                      match.group(3) or "", int(match.group(2) or 0))


def list_backups(db_path: str | os.PathLike) -> list[BackupInfo]:
    """The verified backups of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    found = [i for i in (_info(p) for p in folder.glob(f"{Path(db_path).stem}-*.db")) if i]
    return sorted(found, key=lambda i: i.order, reverse=True)


def problems_in(con: sqlite3.Connection, full: bool = True) -> list[str]:
    """What SQLite's own checks find through ``con``: ``integrity_check`` and ``foreign_key_check``
    (or only ``quick_check`` when not ``full``); empty when the file is sound. Closes ``con``."""
    try:
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")]
            problems = [] if rows == ["ok"] else rows
            if full:
                problems += [f"broken reference in {r[0]} row {r[1]}" for r in con.execute("PRAGMA foreign_key_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return problems


def verify(path: str | os.PathLike) -> list[str]:
    """Problems found by ``integrity_check`` and ``foreign_key_check``; empty when the file is sound."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return [f"{path.name} is missing or empty"]
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return problems_in(con)


def copy_database(source: str | os.PathLike, dest: Path, journal_mode: str = "delete") -> None:
    """Copy ``source`` into a new private file ``dest`` with the online backup API."""
    _private_file(dest)
    src = sqlite3.connect(str(source), timeout=30)
    try:
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst)  # one step: a consistent snapshot, writers are not blocked in WAL mode
            dst.execute(f"PRAGMA journal_mode = {journal_mode}")
        finally:
            dst.close()
    finally:
        src.close()
    with open(dest, "rb+") as fh:
        os.fsync(fh.fileno())


def _new_name(folder: Path, stem: str, reason: str) -> Path:
    stamp = clock.now().strftime(STAMP)
    tail = f"-{reason}" if reason else ""
    path, n = folder / f"{stem}-{stamp}{tail}.db", 1
    while path.exists():
        path, n = folder / f"{stem}-{stamp}-{n}{tail}.db", n + 1
    return path


def create_backup(db_path: str | os.PathLike | None = None, reason: str = "", after_copy=None) -> BackupInfo:
    """Back up ``db_path`` (default: the open database) and rotate older copies once it is verified.

    ``after_copy(path)`` runs between copying and checking (tests use it to damage a copy).
    """
    source = Path(db_path) if db_path else database_file()
    if source is None or not source.exists():
        raise StorageError(f"There is no database at {source} to back up.")
    folder = backup_dir(source)
    final = _new_name(folder, source.stem, reason)
    partial = final.with_name(final.name + ".partial")
    try:
        copy_database(source, partial)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"The backup could not be written to {folder}: {exc}. Older backups were kept.") from exc
    if after_copy is not None:
        after_copy(partial)
    problems = verify(partial)
    if problems:
        damaged = final.with_name(final.name + ".damaged")
        os.replace(partial, damaged)
        raise StorageError(
            f"The new backup failed its check ({problems[0]}), so no older backup was removed. "
            f"The failed copy was kept as {damaged.name}."
        )
    os.replace(partial, final)
    rotate(source, also_keep=final)
    return _info(final)


def changed_since_last_backup(db_path: str | os.PathLike) -> bool:
    """True when the database (or its write-ahead log) was written after the newest backup was taken."""
    db_path = Path(db_path)
    backups = list_backups(db_path)
    if not backups:
        return True
    newest = max(b.path.stat().st_mtime for b in backups)
    # an empty log only means the file was opened; a log holding pages was written to
    written = [s.st_mtime for s in (p.stat() for p in (db_path, Path(f"{db_path}-wal")) if p.exists())
               if s.st_size > 0]
    return bool(written) and max(written) > newest


def to_keep(backups: list[BackupInfo]) -> set[Path]:
    """The newest backup, the newest of each of the last 7 days, 4 ISO weeks and 12 months."""
    ordered = sorted(backups, key=lambda b: b.order, reverse=True)
    keep = {ordered[0].path} if ordered else set()
    for key, count in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        seen = []
        for b in ordered:
            k = key(b.taken_at)
            if k not in seen:
                seen.append(k)
                if len(seen) > count:
                    break
                keep.add(b.path)
    return keep


def rotate(db_path: str | os.PathLike, also_keep: Path | None = None) -> list[Path]:
    """Remove verified backups no longer needed by the 7/4/12 scheme; returns the removed files."""
    backups = list_backups(db_path)
    keep = to_keep(backups) | {also_keep}
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def set_aside(db_path: str | os.PathLike, label: str) -> Path:
    """Move a database file (and its -wal/-shm) out of the way under a dated name; never deletes."""
    db_path = Path(db_path)
    stamp = dt.datetime.now().strftime(STAMP)
    target, n = db_path.with_name(f"{db_path.stem}-{label}-{stamp}.db"), 1
    while target.exists():
        target, n = db_path.with_name(f"{db_path.stem}-{label}-{stamp}-{n}.db"), n + 1
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, f"{target}{suffix}")
    os.replace(db_path, target)
    return target


def restore(backup_file: str | os.PathLike, db_path: str | os.PathLike) -> Path | None:
    """Put ``backup_file`` in place of ``db_path``; the database it replaces is set aside, not deleted.

    The caller closes the database first. Returns where the replaced database was put (or None).
    """
    backup_file, db_path = Path(backup_file), Path(db_path)
    problems = verify(backup_file)
    if problems:
        raise StorageError(f"{backup_file.name} cannot be restored because it is damaged: {problems[0]}.")
    incoming = db_path.with_name(db_path.name + ".restoring")
    copy_database(backup_file, incoming, journal_mode="wal")
    aside = set_aside(db_path, "replaced") if db_path.exists() else None
    os.replace(incoming, db_path)
    return aside
