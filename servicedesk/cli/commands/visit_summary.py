"""``servicedesk visit-summary``: the PDF summary of a completed visit, archived and logged."""

from __future__ import annotations

NAME = "visit-summary"
HELP = "write the PDF summary of a completed visit (also archived and logged on the customer)"


def add_arguments(parser) -> None:
    parser.add_argument("--visit", type=int, required=True, metavar="ID", help="the visit's number")
    parser.add_argument("--out", metavar="FILE", required=True, help="where to write the PDF")


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.services import documents

    open_from_args(args)
    generated = documents.generate_visit_summary(args.visit)
    from pathlib import Path

    documents.write_private_copy(generated.path, Path(args.out))
    print(f"wrote {args.out}")
    return 0
