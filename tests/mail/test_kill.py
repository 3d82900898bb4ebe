"""A send batch killed with SIGKILL between its steps: nothing sent twice, nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from servicedesk.core.services.mail import outbox

ROOT = Path(__file__).resolve().parents[2]


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.read_text():
            return path.read_text()
        if proc.poll() is not None:
            raise AssertionError(f"the batch ended by itself: {proc.stderr.read()}")
        time.sleep(0.05)
    raise AssertionError("the batch never reached the step")


@pytest.mark.parametrize("step", ["claimed", "accepted", "recorded"])
def test_killed_between_steps(mail_office, smtp_server, db_path, tmp_path, step):
    ids = mail_office
    queued = [outbox.queue(ids[name], "message", f"Note for {name}", f"Hello {name}.") for name in
              ("tom", "ruth", "dorothy")]
    message_ids = {outbox.get(m).message_id: m for m in queued}
    marker = tmp_path / "stopped-at"
    proc = subprocess.Popen([sys.executable, "-m", "tests.mail.send_batch", str(db_path), step, "2", str(marker)],
                            cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), stderr=subprocess.PIPE, text=True)
    stopped_at = _wait_for(marker, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    second = message_ids[stopped_at]

    outbox.send_due()  # the next batch, as the window or `outbox --send` would run it

    received = Counter(r.message["Message-ID"] for r in smtp_server.received)
    assert set(received) == set(message_ids)  # nothing lost: the server has every message
    assert set(received.values()) == {1}  # nothing sent twice
    statuses = {m: outbox.get(m).status for m in queued}
    if step == "accepted":  # the server took it; the dead process never wrote that down
        assert statuses == {**{m: "sent" for m in queued}, second: "unsure"}
        assert "may have reached ruth.cole@example.com" in outbox.get(second).last_error
        outbox.send_due()
        assert len(smtp_server.received) == 3  # an unsure message is not sent again by itself
        outbox.mark_sent_by_hand(second)
        assert outbox.get(second).status == "sent"
    else:
        assert statuses == {m: "sent" for m in queued}
