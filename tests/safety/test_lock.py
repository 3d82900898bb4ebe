"""One writer: a second opener learns who holds the database; stale locks are taken over."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import customers
from servicedesk.core.store import check
from servicedesk.core.store.lock import DatabaseInUse, DatabaseLock, network_filesystem, network_warning

HOLD = """
import sys, time
from servicedesk.core.store import check
opened = check.start(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
opened.close(take_backup=False)
"""


def test_second_opener_is_told_who_holds_it_and_may_read(db_path, monkeypatch):
    first = check.start(db_path)
    customers.create(name="Written By First")
    first.close(take_backup=False)

    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(DatabaseInUse) as info:
            check.start(db_path)
        message = str(info.value)
        assert f"process {holder.pid} on {socket.gethostname()}" in message
        assert "read-only" in message

        reader = check.start(db_path, read_only=True)
        try:
            assert [r.name for r in customers.rows(customers.search_ids())] == ["Written By First"]
            with pytest.raises(ServiceError, match="read-only"):
                customers.create(name="Not Allowed")
            assert customers.count() == 1  # still usable after the refusal
        finally:
            reader.close()
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=10)
    assert not DatabaseLock(db_path).path.exists()


def test_a_lock_left_by_a_dead_process_is_stale_and_taken_over(db_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = DatabaseLock(db_path)
    lock.path.write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname(), "started": "2026-11-20T08:00:00"}))
    check.marker_path(db_path).write_text(str(dead.pid))
    opened = check.start(db_path)
    try:
        assert opened.unclean
        assert json.loads(lock.path.read_text())["pid"] != dead.pid
    finally:
        opened.close(take_backup=False)


def test_a_lock_whose_pid_now_belongs_to_a_newer_process_is_stale(db_path):
    newer = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        lock = DatabaseLock(db_path)
        lock.path.write_text(json.dumps({"pid": newer.pid, "host": socket.gethostname(),
                                         "started": "2020-01-01T08:00:00"}))  # long before that process began
        assert lock.is_stale(lock.holder())
        lock.path.write_text(json.dumps({"pid": newer.pid, "host": socket.gethostname(),
                                         "started": "2100-01-01T08:00:00"}))
        assert not lock.is_stale(lock.holder())
    finally:
        newer.stdin.close()
        newer.wait()


def test_a_lock_held_on_another_computer_is_respected(db_path):
    lock = DatabaseLock(db_path)
    lock.path.write_text(json.dumps({"pid": 1, "host": "front-desk-pc", "started": "2026-11-20T08:00:00"}))
    with pytest.raises(DatabaseInUse, match="process 1 on front-desk-pc, since Nov 20, 2026, 8:00\u00a0AM"):
        check.start(db_path)
    assert lock.path.exists()


MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/office nfs4 rw 0 0
//nas/share /mnt/nas cifs rw 0 0
me@host:/data /home/me/remote fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize("path, kind", [
    ("/home/me/servicedesk.db", None),
    ("/mnt/office/servicedesk.db", "nfs4"),
    ("/mnt/nas/sub/dir/office.db", "cifs"),
    ("/home/me/remote/office.db", "fuse.sshfs"),
    ("/mnt/officer/servicedesk.db", None),
])
def test_network_shares_are_recognised(path, kind):
    assert network_filesystem(path, MOUNTS) == kind
    assert bool(network_warning(path, MOUNTS)) == bool(kind)
