"""``servicedesk export-customers FILE``: every customer to a CSV file that imports back unchanged."""

from __future__ import annotations

from pathlib import Path

NAME = "export-customers"
HELP = "export every customer to a CSV file (UTF-8, readable by you only; re-imports as the same customers)"


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="the CSV file to write")
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.formatting import plural
    from servicedesk.core.services import imports

    target = Path(args.file)
    if target.exists() and not args.force:
        print(f"{target} already exists; use --force to replace it.")
        return 1
    open_from_args(args)
    count = imports.export(target)
    print(f"Exported {plural(count, 'customer')} to {target}.")
    return 0
