"""``servicedesk ics``: a technician's visits for a date range as an .ics file for their phone."""

from __future__ import annotations

import datetime as dt

NAME = "ics"
HELP = "export a technician's schedule as an iCalendar (.ics) file"


def _date(text: str) -> dt.date:
    import argparse

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (use YYYY-MM-DD)") from None


def add_arguments(parser) -> None:
    parser.add_argument("--technician", required=True, metavar="NAME", help="the technician's name (a unique beginning is enough)")
    parser.add_argument("--from", dest="first", type=_date, required=True, metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="last", type=_date, required=True, metavar="DATE", help="last day, included (YYYY-MM-DD)")
    parser.add_argument("--out", required=True, metavar="FILE", help="the .ics file to write")
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")


def run(args) -> int:
    from servicedesk.cli.common import open_from_args, out_file
    from servicedesk.core.services import ics, technicians

    open_from_args(args)
    out_file(args.out, force=args.force)
    tech = technicians.find_by_name(args.technician)  # a ServiceError is reported by the command line
    try:
        count = ics.export(tech.id, args.first, args.last, args.out)
    except OSError as exc:
        print(f"Could not write {args.out}: {exc.strerror or exc}")
        return 1
    print(f"{count} visit{'s' if count != 1 else ''} for {tech.name} written to {args.out}")
    return 0
