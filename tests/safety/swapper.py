"""A process that restores or recovers a database, to be killed at a pause point or at random.

    python swapper.py prepare FOLDER             an office (old, part of it only in the write-ahead
                                                 log), a backup of a different size, a damaged copy
    python swapper.py pause OP STEP FOLDER       run OP (restore | recover) on FOLDER and print
                                                 "at STEP", then wait to be killed, at that step
    python swapper.py random OP N SEED TEMPLATE ROOT
                                                 until N runs are killed: copy TEMPLATE to ROOT/run-I,
                                                 fork a child running OP there, SIGKILL it after a
                                                 random delay (0 to 1.2 times one whole run); print
                                                 "run I killed" or "run I finished"

The live file is FOLDER/office.db; the backup is the only one in office-backups/. For
``recover`` the live file is first replaced by the damaged copy.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from servicedesk.core.store import backup, check, swap  # noqa: E402

OLD_IN_FILE, OLD_IN_LOG, IN_BACKUP = 300, 50, 200


def say(text: str) -> None:
    os.write(1, (text + "\n").encode())


def _write_customers(db: Path, first: int, count: int, leave_log: bool) -> None:
    from servicedesk.core.services import customers
    from servicedesk.core.store import close_database, open_database

    pid = os.fork()
    if pid == 0:  # a child that dies without closing leaves its last commits in the log only
        open_database(db)
        for i in range(first, first + count):
            customers.create(name=f"Customer {i}", notes=f"note {i} " * 20)
        if leave_log:
            os._exit(0)
        close_database()
        os._exit(0)
    os.waitpid(pid, 0)


def prepare(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "office.db"
    _write_customers(db, 0, IN_BACKUP, leave_log=False)
    backup.create_backup(db)
    _write_customers(db, IN_BACKUP, OLD_IN_FILE - IN_BACKUP, leave_log=False)
    # the damaged copy: the whole file, a page in the middle overwritten
    damaged = folder / "damaged.db"
    shutil.copyfile(db, damaged)
    with open(damaged, "r+b") as fh:
        size = fh.seek(0, 2)
        fh.seek((size // 4096 // 2) * 4096)
        fh.write(random.Random(size).randbytes(4096))
    _write_customers(db, OLD_IN_FILE, OLD_IN_LOG, leave_log=True)


def run(op: str, folder: Path) -> None:
    db = folder / "office.db"
    if op == "restore":
        [info] = backup.list_backups(db)
        backup.restore(info.path, db)
    else:
        check.recover(db, ["damaged"])


def use_damaged(folder: Path) -> None:
    """The recovery runs start from the damaged copy in place of the live file (no log beside it)."""
    db = folder / "office.db"
    for side in swap.side_files(db):
        side.unlink(missing_ok=True)
    os.replace(folder / "damaged.db", db)


def pause_at(op: str, step: str, folder: Path) -> None:
    if op == "recover":
        use_damaged(folder)

    def hook(name: str) -> None:
        if name == step:
            say(f"at {step}")
            while True:
                time.sleep(60)

    swap.pause = hook
    run(op, folder)
    say("finished")


def random_kills(op: str, n: int, seed: int, template: Path, root: Path) -> None:
    rng = random.Random(seed)

    def fresh(i: int) -> Path:
        folder = root / f"run-{i}"
        shutil.copytree(template, folder)
        if op == "recover":
            use_damaged(folder)
        return folder

    def child(folder: Path) -> int:
        pid = os.fork()
        if pid == 0:
            try:
                run(op, folder)
            finally:
                os._exit(0)
        return pid

    first = fresh(-1)
    started = time.monotonic()  # one whole run, to spread the kills over it
    os.waitpid(child(first), 0)
    whole = time.monotonic() - started
    i = kills = 0
    while kills < n and i < 3 * n:  # runs that finish before their kill do not count as kills
        pid = child(fresh(i))
        time.sleep(rng.uniform(0, whole * 1.2))
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status)
        kills += killed
        say(f"run {i} {'killed' if killed else 'finished'}")
        i += 1


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "prepare":
        prepare(Path(sys.argv[2]))
    elif mode == "pause":
        pause_at(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
    elif mode == "random":
        random_kills(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5]), Path(sys.argv[6]))
