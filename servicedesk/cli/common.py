"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from servicedesk import paths


def database_path(args) -> Path:
    return paths.database_path(getattr(args, "database", None))


def open_from_args(args, create: bool = False) -> Path:
    """Open the database named on the command line (or the default) the way the window does.

    The same checks, refusals and repair as the window's start; the database is shared with an
    open window rather than locked against it. Only ``create`` (init, demo) starts a new
    database where there is none. It stays open until the command ends (``close_all``).
    """
    from servicedesk.core.store import check

    path = database_path(args)
    opened = check.start(path, window=False, create=create)
    for message in opened.messages:
        print(f"servicedesk: {message}", file=sys.stderr)
    _opened.append(opened)
    return path


_opened: list = []


def close_all() -> None:
    """Close what the command opened: the database, and its share of the file."""
    while _opened:
        _opened.pop().close(take_backup=False)


def out_file(value: str, force: bool = False) -> Path:
    """Where a command writes one file (``--out``): refused in one line before anything is made or logged."""
    from servicedesk.core.errors import ServiceError

    path = Path(value).expanduser()
    if path.is_dir():
        raise ServiceError(f"{path} is a folder; give the name of the file to write in it. Nothing was written.")
    parent = path.parent
    if not parent.is_dir():
        raise ServiceError(f"The folder {parent} does not exist, so nothing was written. Create it first, or choose "
                           "another place.")
    if path.exists() and not force:
        raise ServiceError(f"{path} already exists; use --force to replace it. Nothing was written.")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ServiceError(f"{path} cannot be written (no permission, or a read-only disk), so nothing was written.")
    return path


def out_folder(value: str) -> Path:
    """The folder a command writes into (created if missing): refused in one line when it cannot be."""
    from servicedesk.core.errors import ServiceError

    path = Path(value).expanduser()
    existing = next((p for p in (path, *path.parents) if p.exists()), Path("."))
    if not existing.is_dir():
        raise ServiceError(f"{existing} is a file, not a folder; give a folder for the letters (it is created if "
                           "missing). Nothing was written.")
    if not os.access(existing, os.W_OK):
        raise ServiceError(f"{path} cannot be written (no permission, or a read-only disk), so nothing was written.")
    return path


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number (give 1 or more)")
    return value
