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


SENT_CHOICES = {"printed": "printed", "handed-over": "handed_over", "posted": "posted", "emailed": "emailed"}


def add_sent_arguments(parser, what: str) -> None:
    """``--sent HOW --by NAME``: the documents went out (a written PDF alone is not contact)."""
    parser.add_argument("--sent", choices=sorted(SENT_CHOICES), default=None,
                        help=f"{what} went out this way: only then it is on the customer's history, counts as "
                             "contact and clears what was due (without it, it is written and archived only)")
    parser.add_argument("--by", metavar="NAME", default=None,
                        help="who sent it (a staff member's name; a unique beginning is enough)")


def sender(args, prog: str):
    """(how, staff id) from ``--sent``/``--by``, checked before anything is written; None after a message."""
    import sys

    from servicedesk.core.errors import ServiceError
    from servicedesk.core.services import technicians

    if args.by and not args.sent:
        print(f"{prog}: --by needs --sent (how it went out).", file=sys.stderr)
        return None
    try:
        staff_id = technicians.find_by_name(args.by).id if args.by else None
    except ServiceError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None
    return (SENT_CHOICES[args.sent] if args.sent else None), staff_id


def mark_sent(how: str | None, staff_id: int | None, document_ids) -> None:
    """Send the documents (or say they are written only)."""
    from servicedesk.core.services import contact

    ids = list(document_ids)
    if how is None:
        print("Written, not sent: run again with --sent printed|posted|handed-over|emailed once it goes out.")
        return
    contact.send_documents(ids, how, staff_id)
    print(f"Marked as {how.replace('_', ' ')}: {len(ids)} document(s), on each customer's history.")
