"""``servicedesk import-customers FILE``: bring an office's customer list in from a CSV file."""

from __future__ import annotations

import sys

NAME = "import-customers"
HELP = ("import customers from a CSV file (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab); "
        "a file with any bad row imports nothing")


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="the CSV file to import")
    parser.add_argument("--check", action="store_true",
                        help="only check the file and report what would be imported")
    parser.add_argument("--include-duplicates", action="store_true",
                        help="also import rows that look like customers already in the office")


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.services import imports

    open_from_args(args)
    plan = imports.read(args.file)
    columns = ", ".join(f"{h} → {imports.FIELD_LABELS[f]}" for h, f in zip(plan.headers, plan.mapping) if f)
    print(f"{args.file}: {plan.total} row(s), {plan.encoding}, columns: {columns}")
    ignored = [h for h, f in zip(plan.headers, plan.mapping) if not f]
    if ignored:
        print(f"Ignored column(s): {', '.join(ignored)}")
    for warning in plan.warnings:
        print(f"warning: {warning}")
    if plan.problems:
        for problem in plan.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"Nothing was imported: {len(plan.problems)} bad row(s). Fix them and import the file again.",
              file=sys.stderr)
        return 1
    for duplicate in plan.duplicates:
        action = "imported anyway" if args.include_duplicates else "not imported"
        print(f"likely duplicate, {action}: {duplicate}")
    if args.check:
        skipped = 0 if args.include_duplicates else len(plan.duplicates)
        print(f"Check only: {len(plan.rows) - skipped} customer(s) would be imported.")
        return 0
    result = imports.run(plan, include_duplicates=args.include_duplicates)
    print(f"Imported {result.imported} customer(s)"
          + (f"; {result.skipped_duplicates} likely duplicate(s) left out "
             "(use --include-duplicates to import them)." if result.skipped_duplicates else "."))
    return 0
