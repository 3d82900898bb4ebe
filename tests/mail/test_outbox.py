"""The outbox against a real SMTP server: sent once, retried on 4xx, failed on 5xx, kept while unreachable."""

from __future__ import annotations

import datetime as dt
import stat

import pytest

from servicedesk.core import clock
from servicedesk.core.services import history
from servicedesk.core.services.documents import documents_dir
from servicedesk.core.services.mail import outbox
from servicedesk.core.services.mail import settings as mail_settings
from servicedesk.core.store.models import Customer, Interaction
from tests.mail.smtp_server import USER, free_port

pytestmark = pytest.mark.backends("sqlite", "postgresql")  # the outbox runs on both engines

BODY = "Dear Tom,\n\nThe tiles arrive on Thursday.\n.\nA line with only a dot stays in the text.\n\nMaria"


def _queue(ids, **extra):
    return outbox.queue(ids["tom"], "message", "Your tiles", BODY, **extra)


def test_a_message_goes_once_with_its_headers_and_counts_as_contact(mail_office, smtp_server):
    ids = mail_office
    before = Customer.get_by_id(ids["tom"]).last_contact_at
    message = _queue(ids)
    queued = outbox.get(message)
    assert queued.status == "queued" and queued.message_id.startswith("<") and queued.message_id.endswith(
        "@brightwater.example>")
    assert Customer.get_by_id(ids["tom"]).last_contact_at == before  # queued is not contact
    clock.set_now(dt.datetime(2026, 11, 23, 9, 0))
    batch = outbox.send_due()
    assert batch.sent == [message] and not batch.problem
    [got] = smtp_server.received
    assert got.mail_from == USER and got.rcpt_tos == ["tom.alvarez@example.com"]
    assert got.message["To"] == "Tom Alvarez <tom.alvarez@example.com>"
    assert got.message["From"] == f"Bright Water Pools <{USER}>"
    assert got.message["Reply-To"] == "maria@brightwater.example"
    assert got.message["Subject"] == "Your tiles"
    assert got.message["Message-ID"] == queued.message_id
    assert got.text.rstrip("\n") == BODY
    sent = outbox.get(message)
    assert sent.status == "sent" and sent.sent_at == dt.datetime(2026, 11, 23, 9, 0)
    assert sent.server_reply == "250 2.0.0 Ok: queued"
    # the history has the exact text; last contact follows
    entry = Interaction.get(Interaction.customer == ids["tom"], Interaction.channel == "email")
    assert entry.summary == f"Emailed: Your tiles\n\n{BODY}" and entry.direction == "out"
    newest = history.timeline(ids["tom"])[0]
    assert (newest.kind, newest.at) == ("interaction", dt.datetime(2026, 11, 23, 9, 0))
    assert newest.text.startswith("Emailed: Your tiles")
    assert dict(history.detail("interaction", newest.record_id))["Summary"] == entry.summary
    last_contact = Customer.get_by_id(ids["tom"]).last_contact_at
    assert last_contact == dt.datetime(2026, 11, 23, 9, 0)
    # archived as sent, owner-only
    row = outbox.OutboxMessage.get_by_id(message)
    archived = documents_dir() / row.archive_path
    assert archived.read_bytes().replace(b"\r\n", b"\n") == got.raw.replace(b"\r\n", b"\n")
    assert stat.S_IMODE(archived.stat().st_mode) == 0o600
    # a second batch sends nothing again
    assert outbox.send_due().sent == []
    assert len(smtp_server.received) == 1


def test_unreachable_server_keeps_everything_queued(mail_office, smtp_server):
    ids = mail_office
    first, second = _queue(ids), outbox.queue(ids["ruth"], "message", "Wednesday", "See you Wednesday.")
    mail_settings.update(port=free_port())
    batch = outbox.send_due()
    assert batch.sent == [] and "connection was refused" in batch.problem
    for message in (first, second):
        row = outbox.get(message)
        assert row.status == "queued" and row.attempts == 0
        assert "connection was refused" in row.last_error
    mail_settings.update(port=smtp_server.port)
    assert sorted(outbox.send_due().sent) == sorted([first, second])
    assert len(smtp_server.received) == 2


def test_a_temporary_refusal_is_retried_after_a_wait(mail_office, smtp_server):
    ids = mail_office
    smtp_server.answers.append("451 4.3.0 Mailbox busy, try again later")
    message = _queue(ids)
    batch = outbox.send_due()
    assert batch.retry == [message]
    row = outbox.get(message)
    assert row.status == "queued" and row.attempts == 1
    assert "451 4.3.0 Mailbox busy, try again later" in row.last_error
    assert row.not_before == clock.now() + dt.timedelta(minutes=1)
    assert outbox.send_due().sent == []  # not before its time
    clock.set_now(row.not_before)
    assert outbox.send_due().sent == [message]
    assert len(smtp_server.received) == 1
    assert outbox.get(message).attempts == 2


def test_a_final_refusal_fails_with_the_servers_reason(mail_office, smtp_server):
    ids = mail_office
    smtp_server.answers.append("550 5.1.1 No such user here")
    message = _queue(ids)
    other = outbox.queue(ids["ruth"], "message", "Wednesday", "See you Wednesday.")
    batch = outbox.send_due()
    assert batch.failed == [message] and batch.sent == [other]
    row = outbox.get(message)
    assert row.status == "failed"
    assert row.last_error == "The server refused it: “550 5.1.1 No such user here” (while taking the message)."
    assert not Interaction.select().where(Interaction.customer == ids["tom"], Interaction.channel == "email").exists()
    assert outbox.send_due().sent == []  # a failed message is not tried again by itself
    outbox.send_again(message)
    assert outbox.send_due().sent == [message]
    assert [r.message["Subject"] for r in smtp_server.received] == ["Wednesday", "Your tiles"]


def test_a_connection_dropped_mid_message_is_retried_and_sent_once(mail_office, smtp_server):
    ids = mail_office
    smtp_server.answers.append("drop")
    message = _queue(ids)
    batch = outbox.send_due()
    assert batch.retry == [message] and smtp_server.received == []
    assert "connection to the mail server was lost" in outbox.get(message).last_error
    clock.set_now(outbox.get(message).not_before)
    assert outbox.send_due().sent == [message]
    assert len(smtp_server.received) == 1


def test_a_wrong_password_stops_the_batch_and_keeps_the_messages(mail_office, smtp_server):
    ids = mail_office
    mail_settings.store_password(mail_settings.get(), "wrong")
    message = _queue(ids)
    batch = outbox.send_due()
    assert "refused the user name or password" in batch.problem
    assert outbox.get(message).status == "queued" and outbox.get(message).attempts == 0


def test_messages_wait_for_their_time(mail_office, smtp_server):
    ids = mail_office
    later = clock.now() + dt.timedelta(hours=2)
    message = _queue(ids, not_before=later)
    assert outbox.send_due().sent == []
    assert outbox.next_due() == later
    clock.set_now(later)
    assert outbox.send_due().sent == [message]


def test_the_same_purpose_is_queued_once(mail_office):
    ids = mail_office
    first = _queue(ids, key="reminder:visit:1")
    assert _queue(ids, key="reminder:visit:1") == first
    assert outbox.counts() == {"queued": 1}


def test_bad_messages_are_refused_plainly(mail_office):
    import pytest

    from servicedesk.core.errors import ValidationError

    ids = mail_office
    with pytest.raises(ValidationError) as caught:
        outbox.queue(ids["walter"], "message", "Hello", "   ")
    assert caught.value.problems == {"to": "Walter Grimes has no email address to send to.",
                                     "body": "The message is empty."}
    assert outbox.counts() == {}
