"""What interrupted runs leave beside a database, tidied; and the copies kept on purpose, listed.

Tidied at each start and each backup: partial backups whose writer is gone (``*.partial``), a
replacement that was never swapped in (``<name>.db.restoring``) with its log, the journals of
interrupted copies and a half-written contents index. Kept on purpose, never tidied away:
damaged and replaced databases (``<name>-damaged-…db``, ``<name>-replaced-…db``) and backups
that failed their check (``*.damaged``); the Restore dialog lists them with their sizes and
deletes the ones the office no longer wants.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from servicedesk.core.store import backup, swap
from servicedesk.core.store.lock import pid_alive

log = logging.getLogger(__name__)

_PARTIAL = re.compile(r"\.(\d+)\.partial$")


def partial_name(final: Path) -> Path:
    """Where a backup is written before it is checked: named after the process writing it."""
    return final.with_name(f"{final.name}.{os.getpid()}.partial")


def _remove(path: Path, removed: list[Path]) -> None:
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("could not remove the leftover %s: %s", p, exc)


def tidy_backups(db_path: Path) -> list[Path]:
    """Partial backups whose writing process is gone (and their journals); returns what was removed."""
    removed: list[Path] = []
    folder = backup.backup_folder(db_path)
    if not folder.is_dir():
        return removed
    for path in folder.glob("*.partial"):
        match = _PARTIAL.search(path.name)
        if match and pid_alive(int(match.group(1))):
            continue  # another program (the window's automatic backup, say) is writing it right now
        _remove(path, removed)
    for journal in folder.glob("*.partial-journal"):
        if not journal.with_name(journal.name[: -len("-journal")]).exists():
            _remove(journal, removed)
    return removed


def tidy(db_path: str | os.PathLike) -> list[Path]:
    """Everything an interrupted run left; call while holding the database's use (no swap under way)."""
    db_path = Path(db_path)
    removed = tidy_backups(db_path)
    incoming = swap.incoming_path(db_path)
    if incoming.exists() or Path(f"{incoming}-wal").exists() or Path(f"{incoming}-journal").exists():
        _remove(incoming, removed)
    if removed:
        log.info("removed leftovers of interrupted runs: %s", ", ".join(p.name for p in removed))
    return removed


@dataclass(frozen=True)
class KeptCopy:
    path: Path
    kind: str  # "damaged", "replaced" or "failed backup"
    taken_at: dt.datetime
    size: int  # bytes, with its write-ahead log


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def kept_copies(db_path: str | os.PathLike) -> list[KeptCopy]:
    """The damaged and replaced databases and failed backups kept beside ``db_path``, newest first."""
    db_path = Path(db_path)
    found = []
    for kind in ("damaged", "replaced"):
        for path in db_path.parent.glob(f"{db_path.stem}-{kind}-*.db"):
            found.append(KeptCopy(path, kind, dt.datetime.fromtimestamp(path.stat().st_mtime), _size(path)))
    folder = backup.backup_folder(db_path)
    if folder.is_dir():
        for path in folder.glob(f"{db_path.stem}-*.db.damaged"):
            found.append(KeptCopy(path, "failed backup", dt.datetime.fromtimestamp(path.stat().st_mtime),
                                  path.stat().st_size))
    return sorted(found, key=lambda k: k.taken_at, reverse=True)


def delete_kept(db_path: str | os.PathLike, path: str | os.PathLike) -> None:
    """Delete one kept copy (with its log); refuses anything that is not one of ``kept_copies``."""
    path = Path(path)
    if path not in {k.path for k in kept_copies(db_path)}:
        raise backup.StorageError(f"{path.name} is not a kept copy of {Path(db_path).name}, so it was not deleted.")
    removed: list[Path] = []
    _remove(path, removed)
    log.info("deleted the kept copy %s", path)
