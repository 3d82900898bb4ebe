"""``servicedesk check``: the full start-up check from the command line, with recovery if needed."""

from __future__ import annotations

NAME = "check"
HELP = "check the database (integrity and references); a damaged one is set aside and restored from backup"


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    from servicedesk import paths
    from servicedesk.core.services import customers
    from servicedesk.core.store import SCHEMA_VERSION, check
    from servicedesk.core.store.dialect import is_server
    from servicedesk.core.store.lock import DatabaseInUse

    path = paths.database_path(getattr(args, "database", None))
    if is_server(path):
        from servicedesk.core.store import server

        problems, summary = server.check(path)
        for problem in problems:
            print(f"  found: {problem}")
        print(summary)
        return 1 if problems else 0
    try:
        opened = check.start(path, full=True, create=False, take_over=getattr(args, "take_over_lock", False))
    except DatabaseInUse as exc:
        problems = check.check_file(path, full=True)  # reading is safe while the other copy writes
        print(f"{path} is open in ServiceDesk ({exc.holder.describe()}); checked without repairing.")
        if exc.other_host:
            print(exc)
        for problem in problems:
            print(f"  {problem}")
        print("ok" if not problems else "Damaged: close ServiceDesk and run this check again to repair it.")
        return 1 if problems else 0
    try:
        for message in opened.messages:
            print(message)
        for problem in opened.details:
            print(f"  found: {problem}")
        count = customers.count()
    finally:
        opened.close(take_backup=False)
    if opened.recovered:
        return 1
    print(f"{path}: ok (integrity check, foreign key check and connection settings passed; "
          f"schema version {SCHEMA_VERSION}; {count} customers).")
    return 0
