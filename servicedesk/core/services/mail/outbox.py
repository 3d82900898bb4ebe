"""The outbox: every message queued, sending, sent (with the server's reply and time) or failed (with why).

Sending one message is three committed steps, so that a crash never sends a message twice and
never loses one:

1. *claim*: ``queued`` becomes ``sending`` (phase ``claimed``), naming this process;
2. *hand over*: the text goes to the server; just before the final line that makes the server
   take it, the phase becomes ``handing_over``;
3. *record*: the server's reply arrives and, in one transaction, the message becomes ``sent``,
   counts as contact (``contact.record_as_sent``) and is archived as an owner-only ``.eml``.

A message found ``sending`` by a process that no longer runs is put back in the queue when it
never reached the server (``claimed``), and marked ``unsure`` when it may have (``handing_over``):
it is not sent again by itself; the office marks it sent or sends it again. The Message-ID is
made when the message is queued and is the same on every attempt.

A temporary refusal (4xx, a dropped connection) waits ``BACKOFF_MINUTES`` before the next try
and gives up after ``GIVE_UP_AFTER``; a final refusal (5xx) fails the message with the server's
reason. While the server cannot be reached, or refuses the password, every message stays queued.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from servicedesk.core import clock, formatting
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services.mail import compose, contact, private_file, settings as mail_settings, smtp
from servicedesk.core.services.mail.smtp import MailProblem
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import Customer, Document, Draft, OutboxMessage
from servicedesk.core.validation import check_email, clean_text

BACKOFF_MINUTES = (1, 5, 15, 60, 180)  # after the 1st, 2nd... temporary failure; the last one repeats
GIVE_UP_AFTER = dt.timedelta(days=2)
STALE_CLAIM = dt.timedelta(minutes=15)  # a claim by another computer older than this is taken as abandoned
WAITING = ("queued", "sending")


@dataclass(frozen=True)
class OutboxRow:
    id: int
    customer_id: int | None
    customer: str
    kind: str
    channel: str
    to_address: str
    subject: str
    body: str
    status: str
    not_before: dt.datetime | None
    attempts: int
    last_error: str
    server_reply: str
    queued_at: dt.datetime
    sent_at: dt.datetime | None
    document_id: int | None
    message_id: str

    @property
    def copy_for_phone(self) -> bool:
        """A text with no gateway address: the office copies it to a phone."""
        return self.channel == "text" and not self.to_address


@dataclass
class Batch:
    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    problem: str = ""  # why nothing (more) could be sent: the server, the settings

    def summary(self) -> str:
        parts = [f"{len(self.sent)} sent"]
        if self.retry:
            parts.append(f"{len(self.retry)} to try again later")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts) + (f". {self.problem}" if self.problem else ".")


def _dt(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


# ------------------------------------------------------------------ queueing

def queue(customer_id: int, kind: str, subject: str, body: str, *, channel: str = "email",
          to_address: str | None = None, document_id: int | None = None, visit_id: int | None = None,
          project_id: int | None = None, draft_id: int | None = None, key: str | None = None,
          not_before: dt.datetime | None = None) -> int:
    """Queue one message (``key``: what it is for; queued once, the first id returned after that)."""
    if key is not None:
        found = OutboxMessage.get_or_none(OutboxMessage.key == key)
        if found is not None:
            return found.id
    customer = Customer.get_or_none(Customer.id == customer_id)
    problems = {}
    if customer is None:
        raise NotFound(f"Customer {customer_id} no longer exists.")
    to_address = customer.email if to_address is None and channel == "email" else clean_text(to_address).strip()
    body = clean_text(body).strip()
    if channel == "email" or to_address:
        to_address, problem = check_email(to_address)
        if not to_address:
            problems["to"] = f"{customer.name} has no email address to send to."
        elif problem:
            problems["to"] = problem
    if not body:
        problems["body"] = "The message is empty."
    if problems:
        raise ValidationError(problems)
    sender = mail_settings.get().sender_address
    with transaction():
        return OutboxMessage.create(
            message_id=compose.new_message_id(sender), key=key, customer=customer_id, kind=kind, channel=channel,
            to_address=to_address, subject=compose.one_line(clean_text(subject)), body=body, document=document_id,
            visit=visit_id, project=project_id, draft=draft_id, not_before=not_before, queued_at=clock.now()).id


# ------------------------------------------------------------------ reading

_SELECT = (
    "SELECT m.id, m.customer_id, COALESCE(c.name, ''), m.kind, m.channel, m.to_address, m.subject, m.body,"
    " m.status, m.not_before, m.attempts, m.last_error, m.server_reply, m.queued_at, m.sent_at, m.document_id,"
    " m.message_id FROM outbox_message m LEFT JOIN customer c ON c.id = m.customer_id"
)


def _row(r) -> OutboxRow:
    return OutboxRow(*r[:9], _dt(r[9]), r[10], r[11], r[12], _dt(r[13]), _dt(r[14]), r[15], r[16])


def get(message_id: int) -> OutboxRow:
    r = database.execute_sql(_SELECT + " WHERE m.id = ?", (message_id,)).fetchone()
    if r is None:
        raise NotFound(f"Message {message_id} is no longer in the outbox.")
    return _row(r)


def rows(statuses: tuple[str, ...] | None = None, limit: int = 500) -> list[OutboxRow]:
    """Newest first; waiting messages (queued, sending, unsure, failed) before the sent ones."""
    where, params = "", []
    if statuses:
        where = f" WHERE m.status IN ({','.join('?' * len(statuses))})"
        params = list(statuses)
    sql = (_SELECT + where + " ORDER BY CASE m.status WHEN 'sent' THEN 1 WHEN 'cancelled' THEN 2 ELSE 0 END,"
           " COALESCE(m.sent_at, m.queued_at) DESC, m.id DESC LIMIT ?")
    return [_row(r) for r in database.execute_sql(sql, (*params, limit)).fetchall()]


def counts() -> dict[str, int]:
    return dict(database.execute_sql("SELECT status, COUNT(*) FROM outbox_message GROUP BY status").fetchall())


def due_ids(now: dt.datetime | None = None) -> list[int]:
    """Messages the server should get now: queued, with an address, their time come."""
    now = now or clock.now()
    query = (OutboxMessage.select(OutboxMessage.id)
             .where((OutboxMessage.status == "queued") & (OutboxMessage.to_address != "")
                    & (OutboxMessage.not_before.is_null() | (OutboxMessage.not_before <= now)))
             .order_by(OutboxMessage.not_before, OutboxMessage.id))
    return [m.id for m in query]


def next_due() -> dt.datetime | None:
    """When the next waiting message falls due (None: nothing waits for a time)."""
    return _dt(OutboxMessage.select(OutboxMessage.not_before)
               .where((OutboxMessage.status == "queued") & (OutboxMessage.to_address != "")
                      & OutboxMessage.not_before.is_null(False))
               .order_by(OutboxMessage.not_before).scalar())


# ------------------------------------------------------------------ the office's own actions

def _change(message_id: int, allowed: tuple[str, ...], what: str, **values) -> None:
    with transaction():
        changed = (OutboxMessage.update(**values)
                   .where((OutboxMessage.id == message_id) & OutboxMessage.status.in_(allowed)).execute())
    if not changed:
        status = get(message_id).status
        raise ValidationError({"status": f"This message is {status}; it cannot be {what}."})


def cancel(message_id: int) -> None:
    _change(message_id, ("queued", "failed", "unsure"), "cancelled", status="cancelled")


def withdraw_drafts(draft_ids) -> int:
    """Messages for these notices that have not gone yet are cancelled: the notice no longer says
    what will happen. One that is being handed to the server now still goes."""
    ids = list(draft_ids)
    if not ids:
        return 0
    return (OutboxMessage.update(status="cancelled")
            .where(OutboxMessage.draft.in_(ids) & OutboxMessage.status.in_(("queued", "failed", "unsure")))
            .execute())


def send_again(message_id: int) -> None:
    """A failed, unsure or cancelled message goes back in the queue (same Message-ID), to go now."""
    _change(message_id, ("failed", "unsure", "cancelled"), "sent again", status="queued", not_before=None,
            attempts=0, phase="", last_error="")


def mark_sent_by_hand(message_id: int) -> int:
    """The office sent it itself (a text from the phone) or knows it arrived (unsure): it becomes contact."""
    row = OutboxMessage.get_or_none(OutboxMessage.id == message_id)
    if row is None:
        raise NotFound(f"Message {message_id} is no longer in the outbox.")
    if row.status not in ("queued", "unsure", "failed"):
        raise ValidationError({"status": f"This message is {row.status}; it cannot be marked as sent."})
    when = clock.now()
    reply = "Sent from the office's phone" if row.channel == "text" and not row.to_address else "Marked as sent by hand"
    with transaction():
        interaction_id = contact.record_as_sent(_sent(row), when)
        OutboxMessage.update(status="sent", phase="", sent_at=when, server_reply=reply, interaction=interaction_id
                             ).where(OutboxMessage.id == message_id).execute()
    return interaction_id


def _sent(row: OutboxMessage) -> contact.SentMessage:
    return contact.SentMessage(row.customer_id, row.channel, row.kind, row.subject, row.body, row.visit_id,
                               row.project_id, row.draft_id, row.document_id)


# ------------------------------------------------------------------ crash recovery

def _me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{clock.now().isoformat()}"


def _abandoned(claimed_by: str) -> bool:
    from servicedesk.core.store.lock import pid_alive

    host, _, rest = claimed_by.partition(":")
    pid, _, since = rest.partition(":")
    if host == socket.gethostname():
        return not (pid.isdigit() and pid_alive(int(pid)))
    try:
        return clock.now() - dt.datetime.fromisoformat(since) > STALE_CLAIM
    except ValueError:
        return True


def recover() -> int:
    """Messages left ``sending`` by a process that stopped: back to the queue, or ``unsure``. Returns how many."""
    found = 0
    for row in OutboxMessage.select().where(OutboxMessage.status == "sending"):
        if not _abandoned(row.claimed_by):
            continue
        found += 1
        if row.phase == "handing_over":
            values = {"status": "unsure", "last_error": (
                f"ServiceDesk stopped while the server was taking this message, so it may have reached "
                f"{row.to_address}. Mark it as sent if it did; “Send again” sends it once more with the same "
                "Message-ID, which most mail programs show only once.")}
        else:
            values = {"status": "queued", "last_error": "Interrupted before it reached the server; it goes with "
                                                        "the next batch."}
        with transaction():
            (OutboxMessage.update(phase="", **values)
             .where((OutboxMessage.id == row.id) & (OutboxMessage.status == "sending")).execute())
    return found


# ------------------------------------------------------------------ sending

def _claim(message_id: int) -> bool:
    with transaction():
        return bool(OutboxMessage.update(status="sending", phase="claimed", claimed_by=_me(),
                                         attempts=OutboxMessage.attempts + 1)
                    .where((OutboxMessage.id == message_id) & (OutboxMessage.status == "queued")).execute())


def _set(message_id: int, **values) -> None:
    with transaction():
        OutboxMessage.update(**values).where(OutboxMessage.id == message_id).execute()


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=BACKOFF_MINUTES[min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1])


def _after_problem(row: OutboxMessage, problem: MailProblem, batch: Batch) -> None:
    now = clock.now()
    if problem.scope == "server":  # not this message's fault: it waits, its try not counted
        _set(row.id, status="queued", phase="", attempts=row.attempts - 1, last_error=str(problem))
        batch.problem = str(problem)
    elif problem.temporary and now - _dt(row.queued_at) < GIVE_UP_AFTER:
        retry_at = now + backoff(row.attempts)
        _set(row.id, status="queued", phase="", not_before=retry_at,
             last_error=f"{problem} Next try at {formatting.format_time(retry_at)}.")
        batch.retry.append(row.id)
    else:
        gave_up = " The server kept asking to wait for two days; the outbox gave up." if problem.temporary else ""
        _set(row.id, status="failed", phase="", last_error=f"{problem}{gave_up}")
        batch.failed.append(row.id)


def _attachment(row: OutboxMessage) -> tuple[Path | None, str]:
    if row.document_id is None:
        return None, ""
    from servicedesk.core.services.documents import documents_dir

    doc = Document.get_or_none(Document.id == row.document_id)
    path = documents_dir() / doc.path if doc is not None else None
    if path is None or not path.is_file():
        raise MailProblem("The PDF to attach is no longer in the documents archive.", "message", False)
    return path, (doc.title or doc.kind).replace("/", "-") + ".pdf"


def _record(row: OutboxMessage, reply: str, when: dt.datetime, data: bytes) -> None:
    from servicedesk.core.services.documents import documents_dir

    relative = Path(f"{when:%Y}") / f"{when:%Y%m%d-%H%M%S}-email-{row.id}.eml"
    with transaction():
        interaction_id = contact.record_as_sent(_sent(row), when)
        OutboxMessage.update(status="sent", phase="", sent_at=when, server_reply=reply, last_error="",
                             interaction=interaction_id, archive_path=relative.as_posix()
                             ).where(OutboxMessage.id == row.id).execute()
        private_file.write(documents_dir() / relative, data)


def _send_one(conn, settings, message_id: int, batch: Batch, checkpoint) -> bool:
    """Claim, hand over and record one message; False when the connection can no longer be used."""
    if not _claim(message_id):
        return True  # someone else took it
    row = OutboxMessage.get_by_id(message_id)
    checkpoint("claimed", row.message_id)
    if row.draft_id is not None and (Draft.get_or_none(Draft.id == row.draft_id) is None
                                     or Draft.get_by_id(row.draft_id).status != "queued"):
        _set(row.id, status="cancelled", phase="", last_error="The notice was already sent another way "
                                                               "(printed, or marked as sent).")
        return True
    when = clock.now()
    try:
        path, name = _attachment(row)
        customer = Customer.get_or_none(Customer.id == row.customer_id)
        data = compose.as_bytes(compose.build(
            settings, message_id=row.message_id, to_name="" if row.channel == "text" else (customer.name if customer else ""),
            to_address=row.to_address, subject=row.subject, body=row.body, when=when, attachment=path,
            attachment_name=name))
        reply = smtp.send(conn, settings.sender_address, row.to_address, data,
                          on_handover=lambda: _set(row.id, phase="handing_over"))
    except MailProblem as problem:
        _after_problem(row, problem, batch)
        lost = problem.scope == "server" or (problem.temporary and problem.code is None)
        return not lost and smtp.reset(conn)
    except Exception as exc:  # anything else: this message fails, plainly, and nothing stays "sending"
        _set(row.id, status="failed", phase="", last_error=f"The message could not be prepared: {exc}")
        batch.failed.append(row.id)
        return smtp.reset(conn)
    checkpoint("accepted", row.message_id)
    _record(row, reply, clock.now(), data)
    batch.sent.append(row.id)
    checkpoint("recorded", row.message_id)
    return True


def _no_checkpoint(step: str, message_id: str) -> None:
    pass


def send_due(limit: int | None = None, checkpoint=None) -> Batch:
    """Send every message whose time has come, one connection for the batch.

    ``checkpoint(step, message_id)`` is called after each committed step (``claimed``,
    ``accepted``, ``recorded``), for a progress display.
    """
    checkpoint = checkpoint or _no_checkpoint
    recover()
    batch = Batch()
    ids = due_ids()[:limit] if limit else due_ids()
    if not ids:
        return batch
    settings = mail_settings.get()
    if not settings.configured:
        batch.problem = "Mail is not set up yet (Edit > Preferences > Mail); the messages wait in the outbox."
        return batch
    password, _where = mail_settings.password(settings)
    conn = None
    try:
        for message_id in ids:
            if conn is None:
                try:
                    conn = smtp.connect(settings, password)
                except MailProblem as problem:
                    batch.problem = f"{problem} The messages wait in the outbox."
                    with transaction():
                        (OutboxMessage.update(last_error=str(problem))
                         .where(OutboxMessage.id.in_(ids) & (OutboxMessage.status == "queued")).execute())
                    break
            if not _send_one(conn, settings, message_id, batch, checkpoint):
                smtp.close(conn)
                conn = None
                if batch.problem:
                    break
    finally:
        if conn is not None:
            smtp.close(conn)
    return batch
