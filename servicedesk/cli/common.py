"""Helpers shared by the subcommands."""

from __future__ import annotations

from pathlib import Path

from servicedesk import paths
from servicedesk.core.store import open_database


def open_from_args(args) -> Path:
    """Open the database named on the command line (or the default) and return its path."""
    path = paths.database_path(getattr(args, "database", None))
    open_database(path)
    return path
