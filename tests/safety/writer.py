"""A second process that writes to a database, for the crash, backup and concurrency tests.

    python writer.py forker DB      read "go R" lines; for each, fork a writer for round R and
                                    print "started PID", then "reaped PID" once it is gone
    python writer.py loop DB R N    write N operations (0: until killed) as round R
    python writer.py increment DB N ID...   add 1 to each customer's counter N times

A writer prints "A tag" / "B tag" only AFTER the operation committed, so everything it
reported must be in the database however it dies. Operation A is a customer with its site and
three visits; operation B is a concern with its follow-up. Both carry the tag in every record.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from servicedesk.core.services import customers  # noqa: E402
from servicedesk.core.store import close_database, open_database, transaction  # noqa: E402
from servicedesk.core.store.models import Concern, Customer, FollowUp, Visit  # noqa: E402

VISITS_PER_CUSTOMER = 3


def say(text: str) -> None:
    os.write(1, (text + "\n").encode())  # unbuffered: reported the moment it is true


def operation_a(tag: str) -> None:
    with transaction():
        cid = customers.create(name=f"Kill {tag}", street="1 Crash Lane", city="Testville", notes=tag).id
        start = dt.datetime(2030, 1, 1, 9, 0)
        for i in range(VISITS_PER_CUSTOMER):
            at = start + dt.timedelta(days=i)
            Visit.create(customer=cid, starts_at=at, ends_at=at + dt.timedelta(hours=1), work_done=tag,
                         service_type="check")
        customers.refresh_summary([cid])


def operation_b(tag: str, customer_id: int) -> None:
    with transaction():
        concern = Concern.create(customer=customer_id, words=tag, category="other")
        FollowUp.create(customer=customer_id, due_on=dt.date(2030, 1, 2), reason=tag, concern=concern,
                        source="concern_resolved")
        customers.refresh_summary([customer_id])


def loop(db: str, round_no: int, count: int) -> None:
    open_database(db)
    first = Customer.select(Customer.id).order_by(Customer.id).first().id
    n = 0
    while count == 0 or n < count:
        tag = f"r{round_no}o{n}"
        if n % 2:
            operation_b(tag, first)
            say(f"B {tag}")
        else:
            operation_a(tag)
            say(f"A {tag}")
        n += 1
    close_database()


def forker(db: str) -> None:
    for line in sys.stdin:
        if not line.startswith("go"):
            continue
        round_no = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                loop(db, round_no, 0)
            finally:
                os._exit(0)
        say(f"started {pid}")
        os.waitpid(pid, 0)
        say(f"reaped {pid}")


def increment(db: str, times: int, ids: list[int]) -> None:
    open_database(db)
    for _ in range(times):
        for cid in ids:
            with transaction():
                value = Customer.get_by_id(cid).contact_rhythm_days
                Customer.update(contact_rhythm_days=value + 1).where(Customer.id == cid).execute()
    close_database()
    say("done")


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "forker":
        forker(path)
    elif mode == "loop":
        loop(path, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "increment":
        increment(path, int(sys.argv[3]), [int(a) for a in sys.argv[4:]])
