"""``servicedesk visit-summary``: the PDF summary of a completed visit, archived and logged."""

from __future__ import annotations

NAME = "visit-summary"
HELP = "write the PDF summary of a completed visit (archived; --sent records how it went to the customer)"


def add_arguments(parser) -> None:
    parser.add_argument("--visit", type=int, required=True, metavar="ID", help="the visit's number")
    parser.add_argument("--out", metavar="FILE", required=True, help="where to write the PDF")
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    from servicedesk.cli.common import add_sent_arguments

    add_sent_arguments(parser, "the summary")


def run(args) -> int:
    from servicedesk.cli.common import mark_sent, open_from_args, out_file, sender
    from servicedesk.core.services import documents

    open_from_args(args)
    out = out_file(args.out, force=args.force)  # refused before the summary is archived and logged
    sent = sender(args, "servicedesk visit-summary")
    if sent is None:
        return 2
    generated = documents.generate_visit_summary(args.visit)
    documents.write_private_copy(generated.path, out)
    print(f"wrote {args.out}")
    mark_sent(*sent, [generated.id])
    return 0
