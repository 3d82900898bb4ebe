"""``servicedesk letters``: this week's timeline letters, one PDF per active project plus one to print."""

from __future__ import annotations

import datetime as dt
import sys

NAME = "letters"
HELP = "write the weekly timeline letters for every active project (one PDF each, plus a combined PDF)"


def add_arguments(parser) -> None:
    parser.add_argument("--week", metavar="YYYY-MM-DD", default=None,
                        help="the letters' date (default: today); 'done since the last letter' counts from "
                             "each project's previous letter, or the week before this date")
    parser.add_argument("--out", metavar="DIR", required=True, help="folder for the PDFs (created if missing)")
    parser.add_argument("--override-clarity", action="store_true",
                        help="print letters even for projects that fail the clarity check")
    from servicedesk.cli.common import add_sent_arguments

    add_sent_arguments(parser, "the letters")


def run(args) -> int:
    from servicedesk.cli.common import mark_sent, open_from_args, out_folder, sender
    from servicedesk.core import clock
    from servicedesk.core.services import documents, projects

    try:
        week = dt.date.fromisoformat(args.week) if args.week else clock.today()
    except ValueError:
        print(f"servicedesk letters: “{args.week}” is not a date (use YYYY-MM-DD).", file=sys.stderr)
        return 2
    open_from_args(args)
    out = out_folder(args.out)  # refused before any letter is archived and logged
    sent = sender(args, "servicedesk letters")
    if sent is None:
        return 2

    def progress(n, total):
        if sys.stderr.isatty():
            print(f"  letter {n} of {total}", file=sys.stderr, end="\r" if n < total else "\n")

    result = documents.week_batch(week, out, override_clarity=args.override_clarity, progress=progress)
    for path in result.files:
        print(f"wrote {path}")
    if result.combined:
        print(f"combined for printing: {result.combined}")
    if result.documents:
        mark_sent(*sent, result.documents)
    if result.skipped:
        print(f"\n{len(result.skipped)} letter(s) not written: the clarity check found problems.", file=sys.stderr)
        for pid, problems in result.skipped.items():
            p = projects.get(pid)
            print(f"\n{p.customer} — {p.name} (project {pid}):", file=sys.stderr)
            for problem in problems:
                print(f"  - {problem.message}", file=sys.stderr)
        print("\nFix these, or run again with --override-clarity.", file=sys.stderr)
        return 1
    if not result.files:
        print("No active projects: no letters to write.")
    return 0
