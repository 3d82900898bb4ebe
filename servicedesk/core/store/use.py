"""Who is using a database: every program that opens it shares it; restore and repair need it alone.

Every window (read-only ones too) and every command holds a shared lock on ``<name>.db.inuse``
while the database is open. Restore and the start-up repair take it exclusively, so they refuse
while an import or another window is at work, and nobody opens a file that is being swapped.
The operating system drops the lock when a process dies, so a crash never leaves one behind.
POSIX: ``flock``. Windows: one locked byte per user (``msvcrt.locking``), every byte for the one
who needs it alone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from servicedesk.core.store.db import StorageError, disk_full_error, is_disk_full

SLOTS = 64  # Windows: how many programs may share one database


class InUse(StorageError):
    """Another program has the database open (or is restoring it) right now."""


def _busy_alone(db_path: Path) -> InUse:
    return InUse(f"{db_path.name} is in use by another ServiceDesk program (a window or a command such as an "
                 "import), so it cannot be replaced now; nothing was changed. Try again when it has finished.")


def _busy_shared(db_path: Path) -> InUse:
    return InUse(f"{db_path.name} is being restored or repaired by another ServiceDesk program right now; "
                 "nothing was changed. Try again in a moment.")


class UseLock:
    def __init__(self, db_path: str | os.PathLike):
        self.db_path = Path(db_path)
        self.path = self.db_path.with_name(self.db_path.name + ".inuse")
        self.fd: int | None = None
        self.mode = ""  # "", "shared" or "alone"
        self._bytes: list[int] = []  # Windows: the bytes held

    def _open(self) -> int:
        if self.fd is None:
            try:
                self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                if is_disk_full(exc):
                    raise disk_full_error(self.path.parent) from exc
                raise
        return self.fd

    # -- the two platforms' primitives: try to hold, let go
    def _try(self, exclusive: bool) -> bool:
        fd = self._open()
        if sys.platform == "win32":
            return self._try_windows(fd, exclusive)
        import fcntl

        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _try_windows(self, fd: int, exclusive: bool) -> bool:
        import msvcrt

        def hold(offset: int) -> bool:
            os.lseek(fd, offset, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except OSError:
                return False
            self._bytes.append(offset)
            return True

        self._let_go_windows(fd)
        if not hold(0):  # byte 0: held by whoever wants the file alone (and briefly by each sharer)
            return False
        wanted = range(1, SLOTS + 1)
        if exclusive:
            if all(hold(i) for i in wanted):
                return True
            self._let_go_windows(fd)
            return False
        got = any(hold(i) for i in wanted)
        self._let_go_windows(fd, only=0)
        return got

    def _let_go_windows(self, fd: int, only: int | None = None) -> None:
        import msvcrt

        for offset in [b for b in self._bytes if only is None or b == only]:
            os.lseek(fd, offset, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            except OSError:
                pass
            self._bytes.remove(offset)

    # -- what the store asks for
    def share(self) -> None:
        """Hold the database together with other programs; refused while one has it alone."""
        if self.mode == "shared":
            return
        if not self._try(exclusive=False):
            raise _busy_shared(self.db_path)
        self.mode = "shared"

    def alone(self) -> None:
        """Hold the database alone (restore, repair); refused while anyone else uses it.

        A holder that shared it keeps sharing it when refused.
        """
        if self.mode == "alone":
            return
        was = self.mode
        if not self._try(exclusive=True):
            self.mode = ""
            if was == "shared":
                self.share()
            raise _busy_alone(self.db_path)
        self.mode = "alone"

    def release(self) -> None:
        if self.fd is None:
            return
        if sys.platform == "win32":
            self._let_go_windows(self.fd)
        os.close(self.fd)  # closing the file lets go of an flock
        self.fd, self.mode = None, ""
