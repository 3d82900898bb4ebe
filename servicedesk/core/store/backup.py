"""Backups with SQLite's online backup API: consistent while others write, verified, rotated.

A backup is never a file copy of a live database: ``sqlite3.Connection.backup`` copies a
consistent snapshot even while another process writes. Each new copy is written under a
temporary name, checked with ``integrity_check`` and only then given its real name; only then
are older copies rotated out (7 daily, 4 weekly, 12 monthly). A copy that fails the check is
kept aside as ``*.damaged`` and never pushes out a good one. Files are readable by the owner only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from servicedesk import paths
from servicedesk.core import clock
from servicedesk.core.store import swap
from servicedesk.core.store.db import StorageError, database_file, disk_full_error, is_disk_full

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


@dataclass(frozen=True)
class Contents:
    """How much a backup holds: its customers, and its rows in every table."""

    customers: int
    records: int


SHRINK_RATIO = 0.5  # a backup holding under half the records of an older good one never pushes it out
INDEX = "contents.json"


def backup_dir(db_path: str | os.PathLike) -> Path:
    return paths.folder_beside(Path(db_path), "backups")


def backup_folder(db_path: str | os.PathLike) -> Path:
    """Where the backups of ``db_path`` are kept, without creating the folder."""
    return Path(db_path).parent / f"{Path(db_path).stem}-backups"


def has_backups(db_path: str | os.PathLike) -> bool:
    """Whether any backup of ``db_path`` exists (without creating the backup folder)."""
    folder = backup_folder(db_path)
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


def count_contents(path: str | os.PathLike) -> Contents:
    """Count the customers and the rows of every ordinary table in the file (read-only)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        records = sum(con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables)
        customers = con.execute("SELECT COUNT(*) FROM customer").fetchone()[0] if "customer" in tables else 0
    except sqlite3.DatabaseError:
        return Contents(0, 0)
    finally:
        con.close()
    return Contents(customers, records)


def _read_index(folder: Path) -> dict:
    try:
        return json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_index(folder: Path, index: dict) -> None:
    partial = folder / (INDEX + ".partial")
    try:
        _private_file(partial)
        partial.write_text(json.dumps(index, sort_keys=True), encoding="utf-8")
        os.replace(partial, folder / INDEX)
    except OSError:  # only a cache: counted again next time
        partial.unlink(missing_ok=True)


def contents(info: BackupInfo) -> Contents:
    """What ``info`` holds, from the folder's index (counted once and remembered)."""
    folder = info.path.parent
    index = _read_index(folder)
    entry = index.get(info.path.name)
    if isinstance(entry, list) and len(entry) == 2:
        return Contents(*entry)
    found = count_contents(info.path)
    index = {name: v for name, v in index.items() if (folder / name).exists()}
    index[info.path.name] = [found.customers, found.records]
    _write_index(folder, index)
    return found


def newest_first_with_data(db_path: str | os.PathLike) -> list[BackupInfo]:
    """The backups, those holding customers first, each group newest first (what recovery tries)."""
    backups = list_backups(db_path)
    return [b for b in backups if contents(b).customers] + [b for b in backups if not contents(b).customers]


def newest_good_backup(db_path: str | os.PathLike) -> BackupInfo | None:
    """The newest backup that holds customers and passes its check, or None."""
    for info in list_backups(db_path):
        if contents(info).customers and not verify(info.path):
            return info
    return None


def list_backups(db_path: str | os.PathLike) -> list[BackupInfo]:
    """The verified backups of ``db_path``, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = [i for i in (_info(p) for p in folder.glob(f"{Path(db_path).stem}-*.db")) if i]
    return sorted(found, key=lambda i: i.order, reverse=True)


def problems_in(con: sqlite3.Connection, full: bool = True, folder: Path | None = None) -> list[str]:
    """What SQLite's own checks find through ``con``: ``integrity_check`` and ``foreign_key_check``
    (or only ``quick_check`` when not ``full``); empty when the file is sound. Closes ``con``.

    Only damage is a problem: a check that cannot run (a full disk, a disk error) raises
    StorageError, so a file that is merely unreadable now is never repaired away.
    """
    try:
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")]
            problems = [] if rows == ["ok"] else rows
            if full:
                problems += [f"broken reference in {r[0]} row {r[1]}" for r in con.execute("PRAGMA foreign_key_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise cannot_read(exc, folder) from exc
        return [str(exc)]
    return problems


def is_damage(exc: BaseException) -> bool:
    """Whether an SQLite error says the file itself is damaged (not that it could not be read now)."""
    name = str(getattr(exc, "sqlite_errorname", ""))
    text = str(exc).lower()
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text


def cannot_read(exc: BaseException, folder: Path | None) -> StorageError:
    """A read that failed for a reason other than damage (a full disk, a disk error, a lock)."""
    if folder is not None and (is_disk_full(exc) or nearly_full(folder)):
        return disk_full_error(folder)
    return StorageError(f"The database could not be read ({exc}), so it was left as it is. Check the disk and try "
                        "again.")


def nearly_full(folder: Path) -> bool:
    """Under a megabyte free: SQLite then reports a full disk as a disk I/O error."""
    try:
        return shutil.disk_usage(folder).free < 1_000_000
    except OSError:
        return False


def verify(path: str | os.PathLike) -> list[str]:
    """Problems found by ``integrity_check`` and ``foreign_key_check``; empty when the file is sound."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return [f"{path.name} is missing or empty"]
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    try:
        return problems_in(con, folder=path.parent)
    except StorageError as exc:
        return [str(exc)]  # a backup that cannot be read now is no backup to rely on


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
    try:
        folder = backup_dir(source)
    except OSError as exc:  # a file where the folder goes, or a folder this user may not write in
        raise StorageError(f"The backups folder {backup_folder(source)} could not be made or opened "
                           f"({exc.strerror or exc}): no backup was saved. The database is unchanged.") from exc
    final = _new_name(folder, source.stem, reason)
    from servicedesk.core.store import leftovers

    leftovers.tidy_backups(source)  # partial copies of interrupted backups
    partial = leftovers.partial_name(final)
    try:
        copy_database(source, partial)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        if is_disk_full(exc) or nearly_full(folder):
            raise StorageError(f"The disk holding {folder} is full: no backup was saved, and older backups were "
                               "kept. Free some space and try again.") from exc
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
    found = count_contents(partial)
    os.replace(partial, final)
    index = _read_index(folder)
    index[final.name] = [found.customers, found.records]
    _write_index(folder, index)
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


def protected(backups: list[BackupInfo], keep: set[Path]) -> set[Path]:
    """Backups the 7/4/12 scheme would drop but which no newer kept backup may replace.

    A backup holding customers goes only when a newer kept one also holds customers and at least
    half as many records: an empty or much smaller copy (a file emptied by accident, a start on
    the wrong database) never pushes out a good one, and the newest good backup is always kept.
    """
    kept = [b for b in backups if b.path in keep]
    extra: set[Path] = set()
    for b in sorted(backups, key=lambda b: b.order, reverse=True):
        if b.path in keep or not contents(b).customers:
            continue
        mine = contents(b).records
        newer = [k for k in kept if k.order > b.order]
        if not any(contents(k).customers and contents(k).records >= SHRINK_RATIO * mine for k in newer):
            extra.add(b.path)
            kept.append(b)
    return extra


def rotate(db_path: str | os.PathLike, also_keep: Path | None = None) -> list[Path]:
    """Remove verified backups no longer needed by the 7/4/12 scheme; returns the removed files."""
    backups = list_backups(db_path)
    keep = to_keep(backups) | {also_keep}
    keep |= protected(backups, keep)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def build_replacement(db_path: Path, source: Path | None) -> Path:
    """A checked copy of the backup ``source`` (or, with None, an empty file for a new database)
    beside ``db_path``, ready for ``swap.put_in_place``. Nothing is left behind if it fails."""
    incoming = swap.incoming_path(db_path)
    try:
        if source is None:
            _private_file(incoming)
        else:
            copy_database(source, incoming, journal_mode="wal")
            swap._step("built")
            problems = verify(incoming)
            if problems:
                raise StorageError(f"The copy of {source.name} failed its check ({problems[0]}), so the database "
                                   "was left as it was.")
        swap._step("verified")
    except BaseException as exc:
        incoming.unlink(missing_ok=True)
        if isinstance(exc, (OSError, sqlite3.Error)) and (is_disk_full(exc) or nearly_full(db_path.parent)):
            raise disk_full_error(db_path.parent) from exc
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise StorageError(f"The replacement for {db_path.name} could not be written beside it ({exc}), so "
                               "the database was left as it was.") from exc
        raise
    return incoming


def replace_live(db_path: Path, incoming: Path, label: str) -> Path | None:
    """Keep the live file under a dated ``label`` name, then swap ``incoming`` in with one rename."""
    aside = None
    try:
        if db_path.exists():
            aside = swap.keep(db_path, label)
            swap.fold_log(db_path)
        swap.put_in_place(incoming, db_path)
    except BaseException:
        incoming.unlink(missing_ok=True)
        if aside is not None and db_path.exists():  # the live file is still the old one: no copy needed
            for kept in (aside, Path(f"{aside}-wal")):
                kept.unlink(missing_ok=True)
        raise
    return aside


def restore(backup_file: str | os.PathLike, db_path: str | os.PathLike) -> Path | None:
    """Put ``backup_file`` in place of ``db_path``; the database it replaces is kept beside it, not deleted.

    The copy is built and checked beside the live file and swapped in with one rename, so a kill
    at any moment leaves the old or the restored database in place. The caller closes the
    database first. Returns where the replaced database was kept (or None).
    """
    backup_file, db_path = Path(backup_file), Path(db_path)
    problems = verify(backup_file)
    if problems:
        raise StorageError(f"{backup_file.name} cannot be restored because it is damaged: {problems[0]}.")
    incoming = build_replacement(db_path, backup_file)
    return replace_live(db_path, incoming, "replaced")
