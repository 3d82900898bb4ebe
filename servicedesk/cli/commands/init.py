"""``servicedesk init``: a new, empty database for an office that starts from scratch."""

from __future__ import annotations

import sys

NAME = "init"
HELP = "create a new, empty database (the only command besides demo that creates one)"


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    from servicedesk.cli.common import database_path, open_from_args

    from servicedesk.core.store import check

    path = database_path(args)
    if path.is_file():
        print(f"servicedesk: {path} already exists; init only creates a new database.", file=sys.stderr)
        return 1
    check.validate_path(path, create=True)
    open_from_args(args, create=True)
    print(f"Created a new, empty database at {path}. Start ServiceDesk on it to set up the office.")
    return 0
