"""``servicedesk import-customers FILE``: bring an office's customer list in from a CSV file."""

from __future__ import annotations

import sys

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
    parser.add_argument("--map", action="append", default=[], metavar="'COLUMN=FIELD'",
                        help="put a column's data in a field, e.g. --map 'Gate code=site_access' "
                             "(repeatable; --map help lists the fields)")
    parser.add_argument("--drop", action="append", default=[], metavar="COLUMN",
                        help="leave a column's data out on purpose (repeatable)")
    parser.add_argument("--keep-in-notes", action="store_true",
                        help="keep every column that has no place as labelled lines in the customer's notes")


def _maps(items: list[str]) -> dict[str, str]:
    from servicedesk.core.services.imports import ImportFileError

    out = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip():
            raise ImportFileError(f"--map needs 'COLUMN=FIELD', not “{item}”.")
        out[column.strip()] = target.strip()
    return out


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.formatting import plural
    from servicedesk.core.services import imports

    if args.map == ["help"]:
        print("Fields a column can go to:")
        for key, label in imports.FIELD_LABELS.items():
            print(f"  {key:16} {label}")
        return 0
    open_from_args(args)
    plan = imports.read(args.file, maps=_maps(args.map), drop=args.drop, keep_in_notes=args.keep_in_notes,
                        update=args.update)
    looks = f", looks like a {plan.layout} export" if plan.layout else ""
    print(f"{args.file}: {plural(plan.total, 'row')}, {plan.encoding}{looks}")
    columns = ", ".join(f"{h} → {imports.FIELD_LABELS[f]}" for h, f in zip(plan.headers, plan.mapping)
                        if f and f != "skip")
    print(f"Columns: {columns}")
    if plan.left_out():
        print(f"Left out on purpose: {', '.join(plan.left_out())}")
    for warning in plan.warnings:
        print(f"warning: {warning}")
    if not plan.ok:
        for column in plan.unmapped:
            print(f"error: {column} with --drop '{column.header}'", file=sys.stderr)
        if plan.unmapped:
            print("Map a column with --map 'COLUMN=FIELD' (--map help lists the fields), or keep every such "
                  "column in the notes with --keep-in-notes.", file=sys.stderr)
        for problem in plan.problems:
            print(f"error: {problem}", file=sys.stderr)
        what = [plural(len(plan.problems), "bad row")] if plan.problems else []
        what += [f"{plural(len(plan.unmapped), 'column')} with no place"] if plan.unmapped else []
        print(f"Nothing was imported: {' and '.join(what)}. Fix them and import the file again.", file=sys.stderr)
        return 1
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
             "(use --include-duplicates to import them, or --update to update them)."
             if result.skipped_duplicates else "."))
    return 0
