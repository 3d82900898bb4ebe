"""``servicedesk application-log``: every pesticide application of a period, one row each, as CSV or PDF."""

from __future__ import annotations

from servicedesk.cli.commands.concern_report import _day  # the same dates, read the same way

NAME = "application-log"
HELP = "write the pesticide application log of a month or period (CSV or PDF, by the file's name)"


def add_arguments(parser) -> None:
    parser.add_argument("--month", metavar="YYYY-MM", default=None, help="the month (default: last month)")
    parser.add_argument("--from", dest="start", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="first day of a period instead of a month")
    parser.add_argument("--to", dest="end", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="last day of the period (default: today)")
    parser.add_argument("--out", metavar="FILE", required=True, help="where to write it: a .csv or a .pdf file")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")


def run(args) -> int:
    import sys

    from servicedesk.cli.commands.report import out_path
    from servicedesk.cli.common import open_from_args
    from servicedesk.core import clock
    from servicedesk.core.services import application_log, reports

    target = out_path(args.out, args.force)
    if target.suffix.lower() not in (".csv", ".pdf"):
        print(f"servicedesk: {target.name} is neither a .csv nor a .pdf file; name the file for the kind wanted.",
              file=sys.stderr)
        return 2
    if args.month and (args.start or args.end):
        print("servicedesk: give --month or --from/--to, not both.", file=sys.stderr)
        return 2
    if args.start or args.end:
        first, last = args.start or (args.end or clock.today()).replace(day=1), args.end or clock.today()
    else:
        month = reports.parse(args.month) if args.month else reports.last_full_month()
        first, last = month.start, month.end
    open_from_args(args)
    found = application_log.entries(first, last)
    if target.suffix.lower() == ".csv":
        application_log.write_csv(found, target)
    else:
        application_log.write_pdf(found, first, last, target)
    print(f"wrote {target}")
    for line in application_log.summary(found, first, last):
        print(f"  {line}")
    return 0
