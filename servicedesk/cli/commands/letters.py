"""``servicedesk letters``: this week's timeline letters, one PDF per active project plus one to print.

With ``--email`` the letters of customers who prefer email go to the outbox (PDF attached);
the others are written to ``--out`` for printing, as without it.
"""

from __future__ import annotations

import datetime as dt
import sys

NAME = "letters"
HELP = "write the weekly timeline letters for every active project (one PDF each, plus a combined PDF)"


def add_arguments(parser) -> None:
    parser.add_argument("--week", metavar="YYYY-MM-DD", default=None,
                        help="the letters' date (default: today); 'done since the last letter' counts from "
                             "each project's previous letter, or the week before this date")
    parser.add_argument("--out", metavar="DIR", help="folder for the PDFs (created if missing); needed unless "
                                                     "--email sends every letter")
    parser.add_argument("--email", action="store_true",
                        help="queue the letters of customers who prefer email in the outbox (then: servicedesk "
                             "outbox --send); the others are written to --out")
    parser.add_argument("--override-clarity", action="store_true",
                        help="print letters even for projects that fail the clarity check")
    from servicedesk.cli.common import add_sent_arguments

    add_sent_arguments(parser, "the letters written to --out")


def _report_problems(skipped: dict) -> None:
    from servicedesk.core.services import projects

    print(f"\n{len(skipped)} letter(s) not written: the clarity check found problems.", file=sys.stderr)
    for pid, problems in skipped.items():
        p = projects.get(pid)
        print(f"\n{p.customer} — {p.name} (project {pid}):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem.message}", file=sys.stderr)
    print("\nFix these, or run again with --override-clarity.", file=sys.stderr)


def _email(week: dt.date, override: bool):
    from servicedesk.core.services import projects
    from servicedesk.core.services.mail import rules

    result = rules.queue_week_letters(week, override_clarity=override)
    for pid in result.queued:
        p = projects.get(pid)
        print(f"queued for email: {p.customer} — {p.name}")
    return result


def run(args) -> int:
    from servicedesk.cli.common import mark_sent, open_from_args, out_folder, sender
    from servicedesk.core import clock
    from servicedesk.core.services import documents

    try:
        week = dt.date.fromisoformat(args.week) if args.week else clock.today()
    except ValueError:
        print(f"servicedesk letters: “{args.week}” is not a date (use YYYY-MM-DD).", file=sys.stderr)
        return 2
    if not args.out and not args.email:
        print("servicedesk letters: say where the PDFs go (--out DIR), or send them by email (--email).",
              file=sys.stderr)
        return 2
    open_from_args(args)
    out = out_folder(args.out) if args.out else None  # refused before any letter is archived and logged
    sent = sender(args, "servicedesk letters")
    if sent is None:
        return 2
    skipped, others = {}, None
    if args.email:
        emailed = _email(week, args.override_clarity)
        skipped.update(emailed.skipped)
        others = emailed.others
        if others and not args.out:
            print(f"{len(others)} letter(s) for customers who prefer paper: write them with --out DIR.")

    def progress(n, total):
        if sys.stderr.isatty():
            print(f"  letter {n} of {total}", file=sys.stderr, end="\r" if n < total else "\n")

    written = []
    if args.out and (others is None or others):
        result = documents.week_batch(week, out, override_clarity=args.override_clarity, progress=progress,
                                      project_ids=others)
        written = result.files
        despite = documents.overridden_of(result.documents)
        for path, document_id in zip(result.files, result.documents):
            print(f"wrote {path}")
            for problem in despite.get(document_id, ()):
                print(f"  printed despite the clarity check: {problem}")
        if result.combined:
            print(f"combined for printing: {result.combined}")
        if result.documents:
            mark_sent(*sent, result.documents)
        skipped.update(result.skipped)
    if skipped:
        _report_problems(skipped)
        return 1
    if not written and not args.email:
        print("No active projects: no letters to write.")
    return 0
