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
