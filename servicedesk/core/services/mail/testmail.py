"""“Send test email”: one message straight to the server, and its answer in plain words."""

from __future__ import annotations

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services.mail import compose, settings as mail_settings, smtp
from servicedesk.core.validation import check_email


def send_test(to_address: str, settings=None, password: str | None = None) -> str:
    """Send a short test message to ``to_address``; the server's acceptance in words, or MailProblem saying why not."""
    settings = settings or mail_settings.get()
    to_address, problem = check_email(to_address)
    if not to_address or problem:
        raise ValidationError({"to": problem or "Give an address to send the test message to."})
    if not settings.configured:
        raise ValidationError({"host": "Fill in the mail server and the sender's address first."})
    if password is None:
        password, _where = mail_settings.password(settings)
    msg = compose.build(settings, message_id=compose.new_message_id(settings.sender_address), to_name="",
                        to_address=to_address, subject="ServiceDesk test message",
                        body="This is a test message from ServiceDesk. If you can read it, the office's "
                             "mail settings work.", when=clock.now())
    conn = smtp.connect(settings, password)
    try:
        reply = smtp.send(conn, settings.sender_address, to_address, compose.as_bytes(msg))
    finally:
        smtp.close(conn)
    return f"The server {settings.host} accepted the test message for {to_address} (it said “{reply}”)."
