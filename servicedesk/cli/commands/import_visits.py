"""``servicedesk import-visits FILE``: bring the customers' visit history in from another program's export."""

from __future__ import annotations

import sys

from servicedesk.cli.importing import add_column_arguments

NAME = "import-visits"
SHOWN = 20  # rows already imported listed one by one; the rest are counted
HELP = ("import visits into the customers' history from a CSV file: a Jobber visits report or jobs export, a "
        "Housecall Pro, GorillaDesk or ServiceTitan jobs export, or the office's own list; recurring jobs become "
        "service plans; a file with any bad row imports nothing")


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="the CSV file to import")
    parser.add_argument("--check", action="store_true",
                        help="only check the file and report what would be imported")
    parser.add_argument("--create-technicians", action="store_true",
                        help="add the technicians the file names and the office does not have")
    parser.add_argument("--technician", action="append", default=[], metavar="'FILE NAME=NAME HERE'",
                        help="say who a technician of the file is here, e.g. --technician 'Carlos D=Carlos Díaz' "
                             "(repeatable; nothing after = leaves their visits unassigned)")
    add_column_arguments(parser, "Done by=technician", "the visit's notes")


def run(args) -> int:
    from servicedesk.cli import importing
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.formatting import format_date, plural
    from servicedesk.core.services import visit_import

    if args.map == ["help"]:
        return importing.list_fields(visit_import.FIELDS)
    answers = {old: (new or None) for old, new in importing.pairs(args.technician, "--technician",
                                                                   "FILE NAME=NAME HERE", True).items()}
    open_from_args(args)
    plan = visit_import.read(args.file, maps=importing.pairs(args.map, "--map", "COLUMN=FIELD"), drop=args.drop,
                             keep_in_notes=args.keep_in_notes, technicians=answers,
                             create_technicians=args.create_technicians)
    importing.describe(args.file, plan, visit_import.FIELDS, "")
    if not plan.ok:
        return _refuse(plan, plural, importing)
    for item in plan.not_scheduled:
        print(f"not scheduled, not imported: {item}")
    for item in plan.already[:SHOWN]:
        print(f"already imported: {item}")
    if len(plan.already) > SHOWN:
        print(f"… and {plural(len(plan.already) - SHOWN, 'more visit')} already imported")
    for _visit_id, v in plan.updates:
        print(f"update: line {v.line}: {v.customer}: {v.service or 'visit'} of {format_date(v.starts_at)}, booked here, "
              f"is {v.status.replace('_', ' ')} in the file")
    for draft in plan.plans:
        print(f"service plan{' (kept)' if draft.existing_id else ''}: {draft}")
    for item in plan.no_plan:
        print(f"no service plan: {item}")
    new_people = [name for name in plan.unknown if visit_import.fold(name) in plan.create]
    if args.check:
        print(f"Check only: {plural(len(plan.rows), 'visit')} would be imported ({plan.count('completed')} completed)"
              + (f", {plural(len(plan.new_plans()), 'service plan')} made" if plan.new_plans() else "")
              + (f", {plural(len(new_people), 'technician')} added: {', '.join(new_people)}" if new_people else "")
              + ".")
        return 0
    result = visit_import.run(plan)
    print(f"Imported {plural(result.imported, 'visit')} ({result.completed} completed)"
          + (f"; {plural(result.already, 'visit')} already here" if result.already else "")
          + (f"; {plural(result.updated, 'booked visit')} brought up to date" if result.updated else "")
          + (f"; made {plural(result.plans, 'service plan')}, which booked {plural(result.generated, 'visit')} "
             "ahead" if result.plans else "")
          + (f"; added {plural(len(result.technicians), 'technician')}: {', '.join(result.technicians)}"
             if result.technicians else "") + ".")
    return 0


def _refuse(plan, plural, importing) -> int:
    if plan.unresolved:
        named = ", ".join(f"“{name}” ({plural(plan.unknown[name], 'visit')})" for name in plan.unresolved)
        print(f"error: technicians the office does not have: {named}.", file=sys.stderr)
        example = plan.unresolved[0]
        print(f"Add them with --create-technicians, or say who each is here with --technician '{example}=Name Here' "
              f"(--technician '{example}=' leaves their visits unassigned).", file=sys.stderr)
    unknown = [f"{plural(len(plan.unresolved), 'technician')} unknown"] if plan.unresolved else []
    return importing.refuse(plan, unknown)
