"""``servicedesk outbox``: what waits to go out, what went and what failed; ``--send`` sends what is due."""

from __future__ import annotations

import sys

NAME = "outbox"
HELP = "list the messages waiting, sent and failed; --send sends those whose time has come"

STATUS_WORDS = {"queued": "waiting", "sending": "sending", "sent": "sent", "failed": "FAILED",
                "unsure": "UNSURE", "cancelled": "cancelled"}


def add_arguments(parser) -> None:
    parser.add_argument("--send", action="store_true", help="queue the reminders and notices due, then send every "
                                                            "message whose time has come")
    parser.add_argument("--all", action="store_true", help="list sent and cancelled messages too")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="list at most N (default 50)")


def describe(row) -> str:
    from servicedesk.core import clock, formatting

    what = row.subject or row.body.splitlines()[0][:60]
    to = row.to_address or "copy to a phone"
    line = f"#{row.id} {STATUS_WORDS.get(row.status, row.status)}: {row.customer} <{to}> — {what}"
    if row.status == "sent":
        line += f"\n    sent {formatting.format_datetime(row.sent_at)}; the server said “{row.server_reply}”"
    elif row.status == "queued" and row.not_before and row.not_before > clock.now():
        line += f"\n    goes at {formatting.format_datetime(row.not_before)}"
    if row.last_error and row.status != "sent":
        line += f"\n    {row.last_error}"
    return line


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.services.mail import outbox

    open_from_args(args)
    code = 0
    if args.send:
        from servicedesk.core.services.mail import rules

        batch = rules.send_round()
        print(batch.summary())
        code = 1 if batch.problem or batch.failed else 0
    statuses = None if args.all else ("queued", "sending", "failed", "unsure")
    listed = outbox.rows(statuses, limit=args.limit)
    if not listed:
        print("The outbox is empty." if args.all else "Nothing waits in the outbox.")
    for row in listed:
        print(describe(row))
    counts = outbox.counts()
    if counts:
        print(", ".join(f"{n} {STATUS_WORDS.get(s, s)}" for s, n in sorted(counts.items())), file=sys.stderr)
    return code
