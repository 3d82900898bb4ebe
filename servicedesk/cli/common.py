"""Helpers shared by the subcommands."""

from __future__ import annotations

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
