"""``servicedesk visit-summary``: the PDF summary of a completed visit, archived and logged."""

from __future__ import annotations

NAME = "visit-summary"
HELP = "write the PDF summary of a completed visit (archived; --sent records how it went to the customer)"


def add_arguments(parser) -> None:
    parser.add_argument("--visit", type=int, required=True, metavar="ID", help="the visit's number")
    parser.add_argument("--out", metavar="FILE", required=True, help="where to write the PDF")
    from servicedesk.cli.common import add_sent_arguments

    add_sent_arguments(parser, "the summary")


def run(args) -> int:
    from servicedesk.cli.common import mark_sent, open_from_args, sender
    from servicedesk.core.services import documents

    open_from_args(args)
    sent = sender(args, "servicedesk visit-summary")
    if sent is None:
        return 2
    generated = documents.generate_visit_summary(args.visit)
    from pathlib import Path

    documents.write_private_copy(generated.path, Path(args.out))
    print(f"wrote {args.out}")
    mark_sent(*sent, [generated.id])
    return 0
