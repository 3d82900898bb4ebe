"""Send the outbox's due messages in this process, and stop dead at one step for a test to kill it.

    python -m tests.mail.send_batch DATABASE STEP N MARKER

At the Nth message's ``STEP`` (claimed, accepted, recorded) the message's Message-ID is written
to MARKER and the process waits to be killed.
"""

import sys
import threading
from pathlib import Path

from servicedesk.core.services.mail import outbox
from servicedesk.core.store import open_database


def main() -> None:
    database, step, nth, marker = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    open_database(database)
    seen = []

    def checkpoint(at: str, message_id: str) -> None:
        if at == step:
            seen.append(message_id)
            if len(seen) == nth:
                marker.write_text(message_id)
                threading.Event().wait()  # until killed

    outbox.send_due(checkpoint=checkpoint)
    marker.write_text("finished without stopping")


if __name__ == "__main__":
    main()
