"""``servicedesk report``: the owner's monthly report as a PDF, with the same figures as the Reports tab."""

from __future__ import annotations

NAME = "report"
HELP = "write the owner's monthly report (concerns, continuity, customers gained and lost, promises kept, health) as a PDF"


def add_arguments(parser) -> None:
    parser.add_argument("--month", metavar="YYYY-MM", default=None,
                        help="the month to report on, with the twelve before it on every trend (default: last month)")
    parser.add_argument("--out", metavar="FILE", required=True, help="where to write the PDF")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")


def out_path(value: str, force: bool):
    """Where to write, refused in one line before anything is worked out."""
    from pathlib import Path

    from servicedesk.core.errors import ServiceError

    path = Path(value).expanduser()
    if path.is_dir():
        raise ServiceError(f"{path} is a folder; give the name of the file to write in it. Nothing was written.")
    if not path.parent.is_dir():
        raise ServiceError(f"The folder {path.parent} does not exist, so nothing was written.")
    if path.exists() and not force:
        raise ServiceError(f"{path} already exists; use --force to replace it. Nothing was written.")
    return path


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core import clock
    from servicedesk.core.services import health, reports
    from servicedesk.core.services.reports import pdf
    from servicedesk.core.store.db import is_read_only

    target = out_path(args.out, args.force)
    month = reports.parse(args.month) if args.month else reports.last_full_month()
    open_from_args(args)
    if month.contains(clock.today()) and not is_read_only():
        health.refresh_if_stale()  # today's silences and clocks, as the queue would show them
    report = reports.build(month)
    pdf.write(report, target)
    print(f"wrote {target}")
    for line in report.summary:
        print(f"  {line}")
    return 0
