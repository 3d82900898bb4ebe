"""One connection to the office's mail server, and every answer it gives in plain words.

``send`` hands a message over in the SMTP steps (MAIL, RCPT, DATA) so that ``on_handover`` runs
just before the final line that makes the server take the message: the outbox commits there,
and a crash can tell "never reached the server" from "may have reached it".

``MailProblem.scope`` says what a failure concerns: ``server`` (cannot connect, refused the
password, closing down: every message waits) or ``message`` (this message refused or deferred).
``temporary`` (4xx answers, dropped connections) means try again later; otherwise it is final.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl

from servicedesk.core.errors import ServiceError

TIMEOUT_S = 30


class MailProblem(ServiceError):
    def __init__(self, message: str, scope: str = "message", temporary: bool = False, code: int | None = None):
        self.scope, self.temporary, self.code = scope, temporary, code
        super().__init__(message)


def _reply(code, text) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text or "")
    return f"{code} {' '.join(text.split())}".strip()


def _answer(code: int, text, doing: str) -> MailProblem:
    """A refusal from the server in plain words: 4xx is temporary, 5xx final."""
    said = _reply(code, text)
    temporary = 400 <= code < 500
    if code in (421,):
        return MailProblem(f"The server is not taking messages now (it said “{said}”); "
                           "the outbox tries again later.", "server", True, code)
    if code in (530, 534, 535, 538):
        return MailProblem(f"The server refused the user name or password (it said “{said}”). "
                           "Check the mail settings in Edit > Preferences.", "server", False, code)
    if temporary:
        return MailProblem(f"The server asked to try again later: “{said}” (while {doing}).", "message", True, code)
    return MailProblem(f"The server refused it: “{said}” (while {doing}).", "message", False, code)


def _network(exc: BaseException, settings) -> MailProblem:
    where = f"{settings.host} on port {settings.port}"
    if isinstance(exc, ConnectionRefusedError):
        why = "the connection was refused (no mail server is listening there)"
    elif isinstance(exc, socket.gaierror):
        why = "that server name is not known (check the spelling, or the internet connection)"
    elif isinstance(exc, (socket.timeout, TimeoutError)):
        why = "it did not answer in time"
    elif isinstance(exc, ssl.SSLCertVerificationError):
        return MailProblem(f"The secure connection to {where} failed: its certificate could not be trusted "
                           f"({exc.verify_message}).", "server", False)
    elif isinstance(exc, ssl.SSLError):
        return MailProblem(f"The secure connection to {where} failed ({exc.reason or exc}). Check the security "
                           "setting: port 465 usually means SSL/TLS, port 587 STARTTLS.", "server", False)
    elif isinstance(exc, smtplib.SMTPServerDisconnected):
        why = "the server closed the connection"
    else:
        why = str(exc) or type(exc).__name__
    return MailProblem(f"Could not reach the mail server {where}: {why}.", "server", True)


def connect(settings, password: str | None, timeout: float = TIMEOUT_S) -> smtplib.SMTP:
    """A connection, secured and logged in as the settings say; MailProblem (scope ``server``) when not."""
    context = ssl.create_default_context()
    try:
        if settings.security == "ssl":
            conn = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
        else:
            conn = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        try:
            conn.ehlo()
            if settings.security == "starttls":
                if not conn.has_extn("starttls"):
                    raise MailProblem(f"{settings.host} does not offer STARTTLS on port {settings.port}; choose "
                                      "another security setting or port.", "server", False)
                conn.starttls(context=context)
                conn.ehlo()
            if settings.user:
                if not conn.has_extn("auth"):
                    raise MailProblem(f"{settings.host} does not accept a log-in on this connection"
                                      f"{' without encryption' if settings.security == 'none' else ''}; "
                                      "check the security setting.", "server", False)
                if password is None:
                    raise MailProblem("There is no password for the mail account on this computer; enter it in "
                                      "Edit > Preferences > Mail.", "server", False)
                conn.login(settings.user, password)
        except BaseException:
            close(conn)
            raise
    except MailProblem:
        raise
    except smtplib.SMTPResponseException as exc:
        raise _answer(exc.smtp_code, exc.smtp_error, "connecting") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise _network(exc, settings) from exc
    return conn


def close(conn) -> None:
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        conn.close()


_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


def send(conn: smtplib.SMTP, sender: str, recipient: str, data: bytes, on_handover=None) -> str:
    """Hand one message (``data``: bytes with CRLF line ends) over; the server's reply when it took it."""
    try:
        code, text = conn.mail(sender)
        if code != 250:
            raise _answer(code, text, "giving the sender")
        code, text = conn.rcpt(recipient)
        if code not in (250, 251):
            raise _answer(code, text, f"giving the address {recipient}")
        code, text = conn.docmd("data")
        if code != 354:
            raise _answer(code, text, "starting the message")
        body = _LEADING_DOT.sub(b"..", data)
        conn.send(body if body.endswith(b"\r\n") else body + b"\r\n")
        if on_handover is not None:
            on_handover()
        conn.send(b".\r\n")
        code, text = conn.getreply()
        if code != 250:
            raise _answer(code, text, "taking the message")
        return _reply(code, text)
    except MailProblem:
        raise
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        raise MailProblem("The connection to the mail server was lost while handing the message over; "
                          "the outbox tries again later.", "message", True) from exc


def reset(conn: smtplib.SMTP) -> bool:
    """Ready the connection for the next message after a refusal; False when it is no longer usable."""
    try:
        return conn.rset()[0] == 250
    except (OSError, smtplib.SMTPException):
        return False
