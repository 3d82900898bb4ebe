"""Where ServiceDesk keeps its files, and where it finds the files it ships.

The data folder comes from platformdirs unless ``SERVICEDESK_DATA_DIR`` says otherwise; the
database is ``servicedesk.db`` in it unless ``--database`` or ``SERVICEDESK_DATABASE`` says
otherwise. Tests point both at a temporary folder.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

APP_DIR_NAME = "ServiceDesk"


def file_stem(text: str, default: str, most: int = 40) -> str:
    """``text`` (a name, a title) as part of a file name on any system: its words joined by hyphens, with
    nothing a folder or a drive would read as its own ("/", ":", "*"), at most ``most`` characters;
    ``default`` when nothing is left."""
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-")[:most] or default


def private_folder(path: str | os.PathLike) -> Path:
    """Create ``path`` and any missing parents readable by their owner only (0700); return it.

    Folders that already exist are left as they are.
    """
    path = Path(path)
    if path.is_dir():  # asked for often (the data folder): one look when it is there
        return path
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    for folder in missing:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass
    return path


def write_private(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by its owner only (0600), whole or not at all, and on the disk
    when it returns (a power cut afterwards keeps it)."""
    write_private_many([(path, data)])


def write_private_many(files: Iterable[tuple[str | os.PathLike, bytes]]) -> None:
    """Write each ``(path, data)`` as ``write_private`` does, waiting for the disk once for all of them.

    Every file is written to ``<name>.part`` first; once all are written they are flushed to the disk
    together (the flushes in flight at once, which the file system commits as one), put in place and
    their folders flushed, so a power cut leaves each file whole or absent. On failure no ``.part``
    file is left; files already put in place stay (each is whole). A path given twice is written
    once, with the later data.
    """
    pending: list[list] = []  # [temporary path, target, open descriptor or None]
    try:
        for path, data in {Path(path): data for path, data in files}.items():  # a path given twice: the last data
            temp = path.with_name(path.name + ".part")
            entry = [temp, path, os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                                         0o600)]
            pending.append(entry)
            view = memoryview(data)
            while view:
                view = view[os.write(entry[2], view):]
        _flush_all([fd for _temp, _path, fd in pending])
        for entry in pending:
            os.close(entry[2])
            entry[2] = None
            os.chmod(entry[0], 0o600)
            os.replace(entry[0], entry[1])
        for folder in dict.fromkeys(path.parent for _temp, path, _fd in pending):
            _flush_folder(folder)
    except BaseException:
        for temp, _path, fd in pending:
            if fd is not None:
                os.close(fd)
            temp.unlink(missing_ok=True)
        raise


FLUSHES_AT_ONCE = 8


def _flush_all(fds: list[int]) -> None:
    """fsync every file, several at a time: a file system commits the flushes waiting together in one
    go, where one after the other each waits for a commit of its own."""
    if len(fds) <= 1:
        for fd in fds:
            os.fsync(fd)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(FLUSHES_AT_ONCE, len(fds)), thread_name_prefix="flush") as flushing:
        for _done in flushing.map(os.fsync, fds):  # the first failure is raised here
            pass


def _flush_folder(folder: Path) -> None:
    """Put a folder's new entries (a file renamed into it) on the disk; Windows does so with the file."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def data_dir() -> Path:
    override = os.environ.get("SERVICEDESK_DATA_DIR")
    if override:
        return private_folder(Path(override))
    from platformdirs import user_data_dir  # imported when asked: a start on a named file may never ask

    return private_folder(Path(user_data_dir(APP_DIR_NAME, appauthor=False)))


def import_config_tools() -> None:
    """Import what ``config_dir`` needs now (for the window: before Qt, which makes every later import slower)."""
    importlib.import_module("platformdirs")


def config_dir() -> Path:
    override = os.environ.get("SERVICEDESK_CONFIG_DIR")
    if override:
        return private_folder(Path(override))
    from platformdirs import user_config_dir

    return private_folder(Path(user_config_dir(APP_DIR_NAME, appauthor=False)))


SERVER_SCHEMES = ("postgresql://", "postgres://")


def database_path(explicit: str | os.PathLike | None = None) -> Path | str:
    """The database to open: a SQLite file, or the URL of an office server (``postgresql://...``) as a string."""
    chosen = explicit or os.environ.get("SERVICEDESK_DATABASE")
    if chosen:
        if isinstance(chosen, str) and chosen.startswith(SERVER_SCHEMES):
            return chosen
        return Path(chosen).expanduser().resolve()
    return data_dir() / "servicedesk.db"


def folder_beside(database: Path, name: str) -> Path:
    """A folder that belongs to one database (documents, backups): next to it, named after it."""
    return private_folder(database.parent / f"{database.stem}-{name}")


def shown(database) -> str:
    """The database as a person may see it: a file's path, or a server's URL without its password."""
    if isinstance(database, str) and database.startswith(SERVER_SCHEMES):
        from urllib.parse import urlsplit

        parts = urlsplit(database)
        user = f"{parts.username}@" if parts.username else ""
        port = f":{parts.port}" if parts.port else ""
        return f"postgresql://{user}{parts.hostname or 'localhost'}{port}{parts.path}"
    return str(database)


def folder_for(database, name: str) -> Path:
    """A folder that belongs to one database: beside a file, or in the data folder for an office server."""
    if isinstance(database, str) and database.startswith(SERVER_SCHEMES):
        from urllib.parse import urlsplit

        parts = urlsplit(database)
        label = f"{parts.hostname or 'localhost'}-{parts.port or 5432}-{parts.path.strip('/') or 'servicedesk'}"
        return private_folder(data_dir() / f"{label}-{name}")
    return folder_beside(Path(database), name)


def log_dir() -> Path:
    return private_folder(data_dir() / "logs")


def resource_roots() -> list[Path]:
    """Where the shipped ``resources/`` folder may be, most specific first.

    A frozen build unpacks it beside the program (``sys._MEIPASS``); an installed wheel carries
    it inside the package (``servicedesk/resources``, copied there by the build hook in
    setup.py); a source checkout or an editable install has it beside the package.
    """
    here = Path(__file__).resolve().parent
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen) / "resources")
    roots.append(here / "resources")
    roots.append(here.parent / "resources")
    return roots


def resource(*parts: str) -> Path:
    """A file or folder shipped in ``resources/``, e.g. ``resource("icons", "servicedesk.svg")``.

    With no parts, the ``resources/`` folder itself. Raises FileNotFoundError naming every
    place it looked.
    """
    roots = resource_roots()
    for root in roots:
        path = root.joinpath(*parts)
        if root.is_dir() and path.exists():
            return path
    wanted = "/".join(parts) or "resources/"
    raise FileNotFoundError(f"resource not found: {wanted} (looked in {', '.join(map(str, roots))})")
