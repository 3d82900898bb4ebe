"""Another PC of the office, in its own process, on the same database (a PostgreSQL URL or a SQLite file).

    python other_pc.py LOCATION PERSON      then one command a line on stdin, one answer a line on stdout:

    edit ID VERSION FIELD VALUE   save one customer field over VERSION: "saved V" or "conflict MESSAGE"
    generate YYYY-MM-DD           generate the plans' visits up to that day: "created N"
    call ID SUMMARY               log a phone call with the customer: "logged"
    notes ID                      the customer's notes as stored: "notes TEXT"
    sweep DAYS                    owe the follow-ups of the last DAYS: "owed N"
    resolve ID VERSION TEXT       resolve a concern opened at VERSION: "resolved" or "conflict MESSAGE"
    acknowledge ID                acknowledge a concern: "acknowledged"
    concern ID                    the concern as stored: "concern VERSION RESOLUTION"
    project ID VERSION FIELD VALUE  save one project field over VERSION: "saved V" or "conflict MESSAGE"
    done ID OUTCOME               close a follow-up with what came of it: "done"
    regular VISIT TECH REASON     send TECH to the visit and make them the customer's own: "regular"
    milestone ID FIELD VALUE      change a milestone's field as it shows now: "saved" or "conflict MESSAGE"
    backup                        the day's automatic backup of an office server: "backup STATE"
    region CODE                   set the office's region (en_US, de_DE…) in Preferences: "region CODE"
    quit
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from servicedesk.core import session  # noqa: E402
from servicedesk.core.errors import ConflictError  # noqa: E402
from servicedesk.core.services import concerns, customers, followups, interactions, projects, recurrence  # noqa: E402
from servicedesk.core.store import close_database, open_database  # noqa: E402

PARTS = {"edit": 5, "call": 3, "resolve": 4, "project": 5, "milestone": 4, "regular": 4, "done": 3}  # the last part may hold spaces


def say(text: str) -> None:
    os.write(1, (text.replace("\n", " ") + "\n").encode())


def _saved(work, answer) -> None:
    try:
        say(answer(work()))
    except ConflictError as exc:
        say(f"conflict {exc}")


def main(location: str, person: str) -> None:
    session.set_person(person)
    open_database(location)
    say("ready")
    for line in sys.stdin:
        words = line.rstrip("\n").split(" ")
        cmd, rest = words[0], line.rstrip("\n").split(" ", PARTS.get(words[0], 2) - 1)[1:]
        if cmd == "edit":
            cid, version, field, value = rest
            _saved(lambda: customers.update(int(cid), int(version), **{field: value}), lambda r: f"saved {r.version}")
        elif cmd == "generate":
            say(f"created {recurrence.generate(dt.date.fromisoformat(rest[0]))}")
        elif cmd == "call":
            interactions.log(int(rest[0]), "phone", "out", rest[1])
            say("logged")
        elif cmd == "sweep":
            say(f"owed {len(followups.sweep(int(rest[0])))}")
        elif cmd == "notes":
            say(f"notes {customers.get(int(rest[0])).notes}")
        elif cmd == "resolve":
            kid, version, text = rest
            _saved(lambda: concerns.resolve(int(kid), text, expected_version=int(version)), lambda _r: "resolved")
        elif cmd == "acknowledge":
            concerns.acknowledge(int(rest[0]))
            say("acknowledged")
        elif cmd == "concern":
            info = concerns.get(int(rest[0]))
            say(f"concern {info.version} {info.resolution}")
        elif cmd == "project":
            pid, version, field, value = rest
            _saved(lambda: projects.update(int(pid), int(version), **{field: value}), lambda v: f"saved {v}")
        elif cmd == "milestone":
            mid, field, value = rest
            seen = getattr(projects.get_milestone(int(mid)), field)
            _saved(lambda: projects.update_milestone(int(mid), seen={field: seen}, **{field: value}),
                   lambda _r: "saved")
        elif cmd == "done":
            followups.complete(int(rest[0]), rest[1])
            say("done")
        elif cmd == "regular":
            from servicedesk.core.services import scheduling

            vid, tech, reason = rest
            scheduling.assign(int(vid), int(tech), reason, make_regular=True)
            say("regular")
        elif cmd == "backup":
            from servicedesk.core.store import server_backup

            say(f"backup {server_backup.daily_backup(location).state}")
        elif cmd == "region":
            from servicedesk.core.services import office

            say(f"region {office.update(locale=rest[0]).locale}")
        elif cmd == "quit":
            break
    close_database()


class OtherPC:
    """This module run as another PC; ``ask`` sends one command and reads its answer."""

    def __init__(self, location, person: str, env: dict | None = None):
        self.proc = subprocess.Popen([sys.executable, __file__, str(location), person], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1, env=env or dict(os.environ))
        assert self.read() == "ready"

    def send(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def read(self) -> str:
        return self.proc.stdout.readline().rstrip("\n")

    def ask(self, line: str) -> str:
        self.send(line)
        return self.read()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("quit")
            self.proc.wait(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
