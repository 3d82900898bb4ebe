"""What the import commands share: placing a file's columns, saying how the file was read, and refusing it."""

from __future__ import annotations

import sys


def add_column_arguments(parser, example: str, notes_of: str) -> None:
    """``--map``, ``--drop`` and ``--keep-in-notes``: where the columns without a place go."""
    parser.add_argument("--map", action="append", default=[], metavar="'COLUMN=FIELD'",
                        help=f"put a column's data in a field, e.g. --map '{example}' "
                             "(repeatable; --map help lists the fields)")
    parser.add_argument("--drop", action="append", default=[], metavar="COLUMN",
                        help="leave a column's data out on purpose (repeatable)")
    parser.add_argument("--keep-in-notes", action="store_true",
                        help=f"keep every column that has no place as labelled lines in {notes_of}")


def pairs(items: list[str], option: str, what: str, split_at_first: bool = False) -> dict[str, str]:
    """'LEFT=RIGHT' items of a repeated option ({} when none); a column name may itself hold "="."""
    from servicedesk.core.services.import_csv import ImportFileError

    out = {}
    for item in items:
        left, sep, right = item.partition("=") if split_at_first else item.rpartition("=")
        if not sep or not left.strip():
            raise ImportFileError(f"{option} needs '{what}', not “{item}”.")
        out[left.strip()] = right.strip()
    return out


def list_fields(labels: dict[str, str]) -> int:
    print("Fields a column can go to:")
    for key, label in labels.items():
        print(f"  {key:16} {label}")
    return 0


def describe(path: str, plan, labels: dict[str, str], product: str) -> None:
    """The file as read: rows, encoding, the product it looks like, each column's place, warnings."""
    from servicedesk.core.formatting import plural

    looks = f", looks like a {plan.layout}{product}" if plan.layout else ""
    print(f"{path}: {plural(plan.total, 'row')}, {plan.encoding}{looks}")
    print("Columns: " + ", ".join(f"{h} → {labels[f]}" for h, f in zip(plan.headers, plan.mapping) if f and f != "skip"))
    if plan.left_out():
        print(f"Left out on purpose: {', '.join(plan.left_out())}")
    for warning in plan.warnings:
        print(f"warning: {warning}")


def refuse(plan, more: list[str] = ()) -> int:
    """Name every column without a place and every bad row; nothing was imported. Exit status 1."""
    from servicedesk.core.formatting import plural

    for column in plan.unmapped:
        print(f"error: {column} with --drop '{column.header}'", file=sys.stderr)
    if plan.unmapped:
        print("Map a column with --map 'COLUMN=FIELD' (--map help lists the fields), or keep every such "
              "column in the notes with --keep-in-notes.", file=sys.stderr)
    for problem in plan.problems:
        print(f"error: {problem}", file=sys.stderr)
    what = [plural(len(plan.problems), "bad row")] if plan.problems else []
    what += [f"{plural(len(plan.unmapped), 'column')} with no place"] if plan.unmapped else []
    print(f"Nothing was imported: {' and '.join([*what, *more])}. Fix them and import the file again.",
          file=sys.stderr)
    return 1
