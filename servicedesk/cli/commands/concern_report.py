"""``servicedesk concern-report``: how fast concerns were acknowledged and resolved over a period."""

from __future__ import annotations

import datetime as dt

NAME = "concern-report"
HELP = "median and worst times to acknowledge and to resolve the concerns raised in a period"


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"“{text}” is not a date (use YYYY-MM-DD)") from None


def add_arguments(parser) -> None:
    parser.add_argument("--from", dest="start", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="first day of the period (default: 30 days ago)")
    parser.add_argument("--to", dest="end", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="last day of the period (default: today)")


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core import clock, formatting
    from servicedesk.core.errors import ValidationError
    from servicedesk.core.services import concerns, office

    open_from_args(args)
    end = args.end or clock.today()
    start = args.start or end - dt.timedelta(days=29)
    try:
        report = concerns.report(start, end)
    except ValidationError as exc:
        print(exc)
        return 2
    o = office.get()
    print(f"Concerns raised {formatting.format_date(start)} – {formatting.format_date(end)}: {report.raised}")
    print(f"Targets: acknowledge within {o.ack_target_days} business day(s), "
          f"resolve within {o.resolve_target_days}.")
    for label, f in (("Acknowledge", report.acknowledge), ("Resolve", report.resolve)):
        print(f"{label:<12} median {concerns.describe_span(f.median):<12} worst {concerns.describe_span(f.worst):<12}"
              f" late {f.late}   still waiting {f.waiting}")
    return 0
