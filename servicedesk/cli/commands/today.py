"""``servicedesk today``: today's queue, first thing first, as plain text."""

from __future__ import annotations

NAME = "today"
HELP = "print today's queue: who is waiting for the office, in the order to deal with them"


def add_arguments(parser) -> None:
    from servicedesk.cli.common import positive_int

    parser.add_argument("--limit", type=positive_int, default=None, metavar="N", help="print only the first N rows")


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.services import communication, followups

    open_from_args(args)
    followups.sweep()
    queue = communication.today_queue()
    if not queue:
        print("Nobody is waiting for the office today.")
        return 0
    shown = queue[: args.limit] if args.limit else queue
    for n, item in enumerate(shown, 1):
        print(f"{n:>3}. {item.customer} — {item.todo}")
        print(f"     {item.why}")
    if len(shown) < len(queue):
        print(f"... and {len(queue) - len(shown)} more.")
    return 0
