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
    from servicedesk.core.store.dialect import is_server

    path = database_path(args)
    if is_server(path):
        return _on_server(args, path)
    if path.is_file():
        print(f"servicedesk: {path} already exists; init only creates a new database.", file=sys.stderr)
        return 1
    check.validate_path(path, create=True)
    open_from_args(args, create=True)
    print(f"Created a new, empty database at {path}. Start ServiceDesk on it to set up the office.")
    return 0


def _on_server(args, url: str) -> int:
    """On an office server the database itself is made by its administrator (README: "An office with several
    PCs"); init sets up the office's tables in it, and refuses one that already holds an office's records."""
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.store.models import Customer, Staff
    from servicedesk.paths import shown

    open_from_args(args, create=True)  # an empty database gets the office's tables, as the window would give it
    people, staff = Customer.select().count(), Staff.select().count()
    if people or staff:
        print(f"servicedesk: {shown(url)} already holds an office ({people:,} customer{'s' * (people != 1)}, {staff:,} staff); "
              "init only sets up an empty database, so nothing was changed.", file=sys.stderr)
        return 1
    print(f"Set up a new, empty office in {shown(url)}. Start ServiceDesk on it to set up the office.")
    return 0
