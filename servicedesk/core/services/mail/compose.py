"""The message as the customer receives it: From, To, Reply-To, Subject, Date, a stable Message-ID,
the text, and the PDF attached when there is one."""

from __future__ import annotations

import datetime as dt
import uuid
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from servicedesk import __version__

# Headers on one line up to the limit SMTP allows: Python's folding at 78 characters puts a long
# subject on a line of its own, which some mail programs then show with a leading space.
POLICY = policy.SMTP.clone(max_line_length=998)


def new_message_id(sender_address: str) -> str:
    """A Message-ID made once, when the message is queued, and sent unchanged on every attempt."""
    domain = sender_address.rpartition("@")[2] or "servicedesk.invalid"
    return f"<{uuid.uuid4().hex}@{domain}>"  # short enough to stay on one header line


def one_line(subject: str) -> str:
    """A subject as a header carries it: one line. A line break that came in with what fills it (a service
    typed on two lines in another program) becomes a space, so the message can go."""
    return " ".join(subject.split())


def build(settings, *, message_id: str, to_name: str, to_address: str, subject: str, body: str,
          when: dt.datetime, attachment: Path | None = None, attachment_name: str = "") -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    msg["From"] = formataddr((settings.sender_name, settings.sender_address))
    msg["To"] = formataddr((to_name, to_address))
    if settings.reply_to:
        msg["Reply-To"] = settings.reply_to
    msg["Subject"] = one_line(subject)
    msg["Date"] = format_datetime(when.astimezone())
    msg["Message-ID"] = message_id
    msg["X-Mailer"] = f"ServiceDesk {__version__}"
    msg.set_content(body if body.endswith("\n") else body + "\n")
    if attachment is not None:
        msg.add_attachment(Path(attachment).read_bytes(), maintype="application", subtype="pdf",
                           filename=attachment_name or Path(attachment).name)
    return msg


def as_bytes(msg: EmailMessage) -> bytes:
    """The message with CRLF line ends, as it goes over the wire."""
    return msg.as_bytes(policy=POLICY)
