"""One writer per database: a lock file naming the process that holds it.

The lock file sits next to the database (``office.db.lock``) and holds the pid, the host name
and the start time of the copy of ServiceDesk that writes to it. A second copy learns who
holds it and may open the database read-only. A lock whose process is gone (same host, dead
pid) is stale and taken over. A database on a network share is worth a warning: locking and
durability there depend on the file server.
"""

from __future__ import annotations

import datetime as dt
import json
import ntpath
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from servicedesk.core import formatting
from servicedesk.core.store.db import StorageError, disk_full_error, is_disk_full

NETWORK_FILESYSTEMS = ("nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "sshfs", "fuse.sshfs",
                       "afs", "9p", "davfs", "fuse.davfs", "fuse.rclone", "fuse.gvfsd-fuse")


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: str

    def describe(self) -> str:
        when = self.started
        try:
            when = formatting.format_moment(dt.datetime.fromisoformat(self.started), None, year=True)
        except ValueError:
            pass
        return f"process {self.pid} on {self.host}, since {when}"


class DatabaseInUse(StorageError):
    def __init__(self, holder: Holder, path: Path):
        self.holder, self.path = holder, path
        self.other_host = bool(holder.host) and holder.host != socket.gethostname()
        if self.other_host:
            text = (f"{path.name} is locked by ServiceDesk on another computer, {holder.host} "
                    f"({holder.describe()}). If ServiceDesk is not running there any more (the data folder was "
                    "moved to this PC, say), take the lock over: in the window after a confirmation, or with "
                    "--take-over-lock. Otherwise it can be opened read-only here.")
        else:
            text = (f"{path.name} is already open for writing in another copy of ServiceDesk "
                    f"({holder.describe()}). It can be opened read-only here.")
        super().__init__(text)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would send Ctrl+C there
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child not yet reaped by its parent is dead for our purposes
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _pid_alive_windows(pid: int) -> bool:
    try:
        import psutil
    except ImportError:
        return True  # unknown: never take a lock over on a guess
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:
        return True


def process_started(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), from /proc or psutil; None where unknown."""
    if sys.platform == "win32":
        try:
            import psutil

            return psutil.Process(pid).create_time()
        except Exception:
            return None
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/stat", encoding="ascii") as fh:
            boot = next(int(line.split()[1]) for line in fh if line.startswith("btime "))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _cannot_write(path: Path, exc: OSError) -> StorageError:
    if is_disk_full(exc):
        return disk_full_error(path.parent)
    return StorageError(f"The lock file {path} could not be written ({exc.strerror or exc}), so the database was "
                        "not opened. Check that the folder can be written to and try again.")


class DatabaseLock:
    def __init__(self, db_path: str | os.PathLike):
        self.db_path = Path(db_path)
        self.path = self.db_path.with_name(self.db_path.name + ".lock")
        self.me = Holder(os.getpid(), socket.gethostname(), dt.datetime.now().replace(microsecond=0).isoformat())
        self.held = False

    def holder(self) -> Holder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Holder(int(data["pid"]), str(data["host"]), str(data.get("started", "")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return Holder(0, "", "")  # unreadable: left half-written by a crash

    def is_stale(self, holder: Holder) -> bool:
        if holder.pid == 0:
            return True
        if holder.host != self.me.host or holder.pid == self.me.pid:
            return False
        if not pid_alive(holder.pid):
            return True
        # the pid may have been reused by a process that started after the lock was written
        started = process_started(holder.pid)
        try:
            locked_at = dt.datetime.fromisoformat(holder.started).timestamp()
        except ValueError:
            return False
        return started is not None and started > locked_at + 60

    def acquire(self) -> Holder | None:
        """Take the lock. Returns the stale holder taken over (or None); raises DatabaseInUse."""
        taken_over = None
        for _attempt in range(5):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                holder = self.holder()
                if holder is None:
                    continue
                if holder.pid == self.me.pid and holder.host == self.me.host:
                    break  # this process already holds it
                if not self.is_stale(holder):
                    raise DatabaseInUse(holder, self.db_path) from None
                taken_over = holder
                self.path.unlink(missing_ok=True)
                continue
            except OSError as exc:
                raise _cannot_write(self.path, exc) from exc
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({"pid": self.me.pid, "host": self.me.host, "started": self.me.started}, fh)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:  # a full disk: no half-written lock is left behind
                self.path.unlink(missing_ok=True)
                raise _cannot_write(self.path, exc) from exc
            break
        else:
            raise StorageError(f"Could not take the lock {self.path}; please try again.")
        self.held = True
        return taken_over

    def take_over(self) -> Holder | None:
        """Take the lock from whoever holds it (after the person confirmed they no longer run)."""
        holder = self.holder()
        if holder is not None and (holder.pid, holder.host) != (self.me.pid, self.me.host):
            self.path.unlink(missing_ok=True)
        self.acquire()
        return holder

    def release(self) -> None:
        holder = self.holder()
        if holder is not None and holder.pid == self.me.pid and holder.host == self.me.host:
            self.path.unlink(missing_ok=True)
        self.held = False


DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive


def _drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)


def _network_windows(path: str | os.PathLike) -> str | None:
    """A UNC path (\\\\server\\share) or a mapped network drive, on Windows."""
    text = ntpath.abspath(str(path))
    if text.startswith(("\\\\", "//")):
        return "network share"
    drive = ntpath.splitdrive(text)[0]
    if drive:
        try:
            if _drive_type(drive + "\\") == DRIVE_REMOTE:
                return "network drive"
        except Exception:
            return None
    return None


def network_filesystem(path: str | os.PathLike, mounts_text: str | None = None) -> str | None:
    """The file system type when ``path`` lies on a network share (from /proc/mounts), else None."""
    if sys.platform == "win32" and mounts_text is None:
        return _network_windows(path)
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = str(Path(path).expanduser().resolve())
    best, best_type = "", ""
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) > len(best):
            best, best_type = mount, parts[2]
    kind = best_type.lower()
    if kind in NETWORK_FILESYSTEMS or kind.startswith(("fuse.sshfs", "nfs", "smb", "cifs")) or kind == "fuse":
        return kind
    return None


def network_warning(path: str | os.PathLike, mounts_text: str | None = None) -> str:
    kind = network_filesystem(path, mounts_text)
    if not kind:
        return ""
    return (f"The database {Path(path).name} is on a network share ({kind}). SQLite databases can be "
            "damaged on network shares when the connection drops or two computers write at once. "
            "Keep the database on this computer's own disk; back it up to the share instead.")
