"""Before, during and after every visit: what goes out to whom, when, and what it looks like on arrival."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from servicedesk.core import clock
from servicedesk.core.services import communication, scheduling
from servicedesk.core.services.mail import outbox, rules, texts
from servicedesk.core.services.mail import settings as mail_settings
from servicedesk.core.store.models import Customer, Draft, Interaction, Visit
from tests.communication.conftest import at, visit

pytestmark = pytest.mark.backends("sqlite", "postgresql")  # what goes out when, on both engines


def prefer(customer_id, channel, **extra):
    Customer.update(preferred_channel=channel, **extra).where(Customer.id == customer_id).execute()


def _pdf_text(part) -> str:
    reader = PdfReader(io.BytesIO(part.get_content()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


# ------------------------------------------------------------------ before

def test_a_reminder_goes_the_set_number_of_days_before_to_email_customers_only(mail_office, smtp_server):
    ids = mail_office
    prefer(ids["tom"], "email")
    prefer(ids["ada"], "email", email="ada@example.com", visit_reminders=False)  # turned reminders off
    wednesday = visit(ids["tom"], ids["sam"], at(25, 9), status="scheduled", service="Pool opening check")
    friday = visit(ids["tom"], ids["sam"], at(27, 9), status="scheduled", service="Pool opening check")
    visit(ids["ruth"], ids["priya"], at(24, 9), status="scheduled")  # Ruth prefers a call
    visit(ids["ada"], ids["sam"], at(24, 9), status="scheduled")
    assert rules.sweep() == 1  # Wednesday is within 2 days; Friday is not yet; Ruth and Ada get none
    [row] = outbox.rows()
    assert (row.kind, row.to_address, row.customer) == ("reminder", "tom.alvarez@example.com", "Tom Alvarez")
    assert rules.sweep() == 0  # queued once
    outbox.send_due()
    [got] = smtp_server.received
    assert got.message["Subject"] == "Reminder: your Pool opening check visit on Wednesday, November 25, 2026"
    text = got.text
    assert "Sam Ortiz will come for your Pool opening check visit on Wednesday, November 25, 2026 at 9:00\u00a0AM" in text
    assert "call us on +1 555-010-2000" in text
    clock.set_now(at(25, 8, 30))
    assert rules.sweep() == 1  # Friday's, two days ahead now
    assert {m.visit_id for m in outbox.OutboxMessage.select()} == {wednesday, friday}


def test_a_reminder_waits_for_the_customers_best_time_and_follows_a_moved_visit(mail_office):
    ids = mail_office
    prefer(ids["tom"], "email", best_time="after 5 pm")
    v = visit(ids["tom"], ids["sam"], at(25, 9), status="scheduled")
    rules.sweep()
    [first] = outbox.rows()
    assert first.not_before == at(23, 17)  # Monday 5 pm: his best time, well before Wednesday 9:00
    scheduling.reschedule(v, at(25, 14), "The pump arrives later")
    rules.sweep()
    statuses = {r.id: r.status for r in outbox.rows()}
    assert statuses[first.id] == "cancelled"
    assert "moved or cancelled" in outbox.get(first.id).last_error
    [new] = [r for r in outbox.rows(("queued",)) if r.kind == "reminder"]
    assert "2:00" in new.body and new.not_before == at(23, 17)


def test_a_change_notice_goes_the_moment_the_change_is_confirmed_and_leaves_the_queue(mail_office, smtp_server):
    ids = mail_office
    prefer(ids["dorothy"], "email")
    v = visit(ids["dorothy"], ids["sam"], at(26, 10), status="scheduled")
    result = scheduling.assign(v, ids["priya"], "Sam is on a course that day")
    [row] = outbox.rows()
    assert (row.kind, row.to_address) == ("change_notice", "dorothy@finchsgifts.example")
    assert row.subject == Draft.get_by_id(result.draft_id).subject
    notices = [i for i in communication.today_queue() if i.kind == "notice" and i.record_id == result.draft_id]
    assert notices  # still owed until the server takes it
    outbox.send_due()
    [got] = smtp_server.received
    assert "Priya Shah" in got.text and "Sam is on a course that day" in got.text
    assert Draft.get_by_id(result.draft_id).status == "sent"
    assert not [i for i in communication.today_queue() if i.kind == "notice" and i.record_id == result.draft_id]


def test_a_notice_printed_meanwhile_is_not_emailed_as_well(mail_office, smtp_server):
    ids = mail_office
    prefer(ids["dorothy"], "email")
    v = visit(ids["dorothy"], ids["sam"], at(26, 10), status="scheduled")
    result = scheduling.assign(v, ids["priya"], "Sam is on a course that day")
    communication.mark_sent(result.draft_id, "letter")
    outbox.send_due()
    assert smtp_server.received == []
    assert outbox.rows(("cancelled",))[0].last_error.startswith("The notice was already sent another way")


# ------------------------------------------------------------------ during

def test_running_late_goes_at_once_even_outside_their_best_time(mail_office, smtp_server):
    ids = mail_office
    prefer(ids["tom"], "email", best_time="evenings")
    v = visit(ids["tom"], ids["sam"], at(23, 10), status="scheduled", service="Pool opening check")
    message = rules.running_late(v, 25)
    assert outbox.get(message).not_before is None
    outbox.send_due()
    [got] = smtp_server.received
    assert got.message["Subject"] == "Sam Ortiz is running late"
    assert "running about 25 minutes late" in got.text
    assert "around 10:25" in got.text


def test_running_late_for_someone_who_prefers_a_call_says_so(mail_office):
    import pytest

    from servicedesk.core.errors import ValidationError

    ids = mail_office
    Customer.update(phone="+1 555-010-3333").where(Customer.id == ids["ruth"]).execute()
    v = visit(ids["ruth"], ids["priya"], at(23, 10), status="scheduled")
    with pytest.raises(ValidationError) as caught:
        rules.running_late(v, 15)
    assert str(caught.value) == "Ruth Cole prefers a call: call them on +1 555-010-3333."
    assert outbox.counts() == {}


# ------------------------------------------------------------------ after

def test_the_visit_summary_goes_after_completion_with_the_pdf(mail_office, smtp_server):
    ids = mail_office
    prefer(ids["tom"], "email")
    v = visit(ids["tom"], ids["sam"], at(23, 8), status="scheduled", service="Pool opening check")
    scheduling.complete(v, "Balanced the water and cleaned the filter", findings="Pump seal worn",
                        recommendations="Replace the pump seal before summer",
                        readings={"free_chlorine": "2.5", "ph": "7.4"})
    [row] = outbox.rows()
    assert row.kind == "visit_summary" and row.document_id is not None
    before = Interaction.select().where(Interaction.customer == ids["tom"], Interaction.channel == "email").count()
    outbox.send_due()
    [got] = smtp_server.received
    assert got.message["Subject"] == "Your visit summary, Monday, November 23, 2026"
    [pdf] = [p for p in got.message.iter_attachments()]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename().startswith("Visit summary")
    pdf_text = _pdf_text(pdf)
    assert "Balanced the water and cleaned the filter" in pdf_text and "Replace the pump seal" in pdf_text
    assert "7.4" in pdf_text  # main's summary: the pool's water readings are on the attached PDF too
    after = Interaction.select().where(Interaction.customer == ids["tom"], Interaction.channel == "email").count()
    assert after == before + 1


def test_customers_who_prefer_paper_or_a_call_are_left_to_the_print_and_call_queues(mail_office):
    ids = mail_office
    v = visit(ids["ruth"], ids["priya"], at(23, 8), status="scheduled")
    scheduling.complete(v, "Treated the perimeter")
    assert outbox.counts() == {}


# ------------------------------------------------------------------ texts

def test_a_text_customer_gets_the_reminder_at_sms_length_through_their_gateway(mail_office, smtp_server):
    ids = mail_office
    mail_settings.update(sms_gateway="{number}@sms.brightwater.example")
    prefer(ids["walter"], "text", phone="+1 555-010-4444", phone_e164="+15550104444")
    visit(ids["walter"], ids["lee"], at(24, 9), status="scheduled", service="Fortnightly office clean with “extras”")
    rules.sweep()
    [row] = outbox.rows()
    assert row.channel == "text" and row.to_address == "15550104444@sms.brightwater.example"
    used, room = texts.length(row.body)
    assert room == 160 and used <= 160
    assert row.body.startswith('Bright Water & Green Leaf Services: reminder, Lee Brown comes for your')
    outbox.send_due()
    [got] = smtp_server.received
    assert got.rcpt_tos == ["15550104444@sms.brightwater.example"]
    assert got.text.strip() == row.body


def test_without_a_gateway_the_text_waits_to_be_copied_to_a_phone(mail_office, smtp_server):
    ids = mail_office
    prefer(ids["walter"], "text", phone="+1 555-010-4444", phone_e164="+15550104444")
    visit(ids["walter"], ids["lee"], at(24, 9), status="scheduled")
    rules.sweep()
    [row] = outbox.rows()
    assert row.copy_for_phone
    assert outbox.send_due().sent == [] and smtp_server.received == []
    outbox.mark_sent_by_hand(row.id)
    entry = Interaction.get(Interaction.customer == ids["walter"], Interaction.channel == "text")
    assert entry.summary.startswith("Texted: visit reminder\n\nBright Water & Green Leaf Services: reminder")


def test_a_long_text_is_cut_at_a_word_to_one_message():
    long = "Bright Water: " + "word " * 60
    cut = texts.fit(long)
    assert cut.endswith("...") and texts.length(cut)[0] <= 160 and " wor..." not in cut
    unicode = texts.fit("Привет! " * 20)
    assert texts.length(unicode) == (len(unicode), 70) and len(unicode) <= 70


def test_a_reminder_for_a_service_written_on_two_lines_goes_with_a_one_line_subject(mail_office, smtp_server):
    # a visit history from another program can bring a title typed on two lines
    ids = mail_office
    prefer(ids["tom"], "email")
    visit(ids["tom"], ids["sam"], at(25, 9), status="scheduled", service="Pool opening check\nand filter clean")
    assert rules.sweep() == 1
    batch = outbox.send_due()
    assert batch.sent and not batch.failed
    [got] = smtp_server.received
    subject = "Reminder: your Pool opening check and filter clean visit on Wednesday, November 25, 2026"
    assert got.message["Subject"] == subject
    assert outbox.rows()[0].subject == subject and outbox.rows()[0].status == "sent"
    assert Interaction.get(Interaction.customer == ids["tom"], Interaction.channel == "email").summary.startswith(
        f"Emailed: {subject}\n\n")
