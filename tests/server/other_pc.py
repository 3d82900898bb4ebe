"""Another PC of the office, in its own process, on the same PostgreSQL database.

    python other_pc.py URL PERSON      then one command a line on stdin, one answer a line on stdout:

    edit ID VERSION FIELD VALUE   save one customer field over VERSION: "saved V" or "conflict MESSAGE"
    generate YYYY-MM-DD           generate the plans' visits up to that day: "created N"
    call ID SUMMARY               log a phone call with the customer: "logged"
    notes ID                      the customer's notes as stored: "notes TEXT"
    sweep DAYS                    owe the follow-ups of the last DAYS: "owed N"
    quit
"""

from __future__ import annotations

import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from servicedesk.core import session  # noqa: E402
from servicedesk.core.errors import ConflictError  # noqa: E402
from servicedesk.core.services import customers, followups, interactions, recurrence  # noqa: E402
from servicedesk.core.store import close_database, open_database  # noqa: E402


def say(text: str) -> None:
    os.write(1, (text.replace("\n", " ") + "\n").encode())


def main(url: str, person: str) -> None:
    session.set_person(person)
    open_database(url)
    say("ready")
    for line in sys.stdin:
        cmd, *rest = line.rstrip("\n").split(" ", 4 if line.startswith("edit") else 2)
        if cmd == "edit":
            cid, version, field, value = rest
            try:
                say(f"saved {customers.update(int(cid), int(version), **{field: value}).version}")
            except ConflictError as exc:
                say(f"conflict {exc}")
        elif cmd == "generate":
            say(f"created {recurrence.generate(dt.date.fromisoformat(rest[0]))}")
        elif cmd == "call":
            interactions.log(int(rest[0]), "phone", "out", rest[1])
            say("logged")
        elif cmd == "sweep":
            say(f"owed {len(followups.sweep(int(rest[0])))}")
        elif cmd == "notes":
            say(f"notes {customers.get(int(rest[0])).notes}")
        elif cmd == "quit":
            break
    close_database()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
