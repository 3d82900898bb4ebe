"""``servicedesk import-customers FILE``: bring an office's customer list in from a CSV file."""

from __future__ import annotations

from servicedesk.cli.importing import add_column_arguments

NAME = "import-customers"
HELP = ("import customers from a CSV file: the office's own list or a Jobber, Housecall Pro, GorillaDesk, "
        "ServiceTitan, QuickBooks, Outlook or Google export; a file with any bad row imports nothing")


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="the CSV file to import")
    parser.add_argument("--check", action="store_true",
                        help="only check the file and report what would be imported or changed")
    parser.add_argument("--update", action="store_true",
                        help="update the customers already in the office (same client id, or same name and "
                             "phone or email) instead of leaving those rows out")
    parser.add_argument("--include-duplicates", action="store_true",
                        help="also import rows that look like customers already in the office")
    add_column_arguments(parser, "Gate code=site_access", "the customer's notes")


def run(args) -> int:
    from servicedesk.cli import importing
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.formatting import plural
    from servicedesk.core.services import imports

    if args.map == ["help"]:
        return importing.list_fields(imports.FIELD_LABELS)
    open_from_args(args)
    plan = imports.read(args.file, maps=importing.pairs(args.map, "--map", "COLUMN=FIELD"), drop=args.drop,
                        keep_in_notes=args.keep_in_notes, update=args.update)
    importing.describe(args.file, plan, imports.FIELD_LABELS, " export")
    if not plan.ok:
        return importing.refuse(plan)
    for duplicate in plan.duplicates:
        action = "imported anyway" if args.include_duplicates else "not imported"
        print(f"likely duplicate, {action}: {duplicate}")
    for change in plan.updates:
        print(f"{'update' if change.changes else 'unchanged'}: {change}")
    new = plan.new_count(args.include_duplicates)
    if args.check:
        changed = sum(1 for u in plan.updates if u.changes)
        print(f"Check only: {plural(new, 'customer')} would be imported"
              + (f", {changed} updated" if args.update else "") + ".")
        return 0
    result = imports.run(plan, include_duplicates=args.include_duplicates)
    print(f"Imported {plural(result.imported, 'customer')}"
          + (f"; updated {result.updated}, unchanged {result.unchanged}" if args.update else "")
          + (f"; {plural(result.skipped_duplicates, 'likely duplicate')} left out "
             + ("(use --include-duplicates to import them as new customers)." if args.update else
                "(use --include-duplicates to import them, or --update to update them).")
             if result.skipped_duplicates else "."))
    return 0
