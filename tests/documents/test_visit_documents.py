"""Visit summaries and change notices, read back from the PDF."""

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import contact, documents
from servicedesk.core.store.models import Document, Interaction, Visit

from tests.documents.pdf import embedded, text_of


def test_visit_summary_tells_the_customer_everything_about_the_visit(pest_visit):
    generated = documents.generate_visit_summary(pest_visit["visit"])
    text = text_of(generated.path)
    assert "Dear Dorothy," in text
    assert "Visit summary: Quarterly pest treatment" in text
    assert "Thursday, November 12, 2026, 9:00 AM – 10:15 AM" in text
    assert "Technician Sam Ortiz" in text
    assert "sealed two gaps behind the dishwasher" in text
    assert "Ant trail along the back door sill" in text
    assert "Advion Ant Gel 12 g Kitchen skirting" in text
    assert "Dust & <seal> 50 1 tube Back door sill" in text
    assert "Keep the pet bowls off the floor overnight" in text
    assert "Thursday, February 11, 2027, 2:00 PM, with Lee Park" in text
    assert "Call Evergreen Pest Care on (555) 010-2200" in text
    assert "Rosa Delgado" in text
    assert embedded(generated.path)
    row = Document.get_by_id(generated.id)
    assert (row.kind, row.visit_id, row.customer_id) == ("visit_summary", pest_visit["visit"], pest_visit["customer"])
    assert Interaction.select().where(Interaction.document == row.id).count() == 0  # written, not sent
    contact.send_document(row.id, "handed_over")
    logged = Interaction.get(Interaction.document == row.id)
    assert (logged.channel, logged.direction, logged.visit_id) == ("in_person", "out", pest_visit["visit"])


def test_no_summary_for_a_visit_that_has_not_happened(pest_visit):
    with pytest.raises(ValidationError) as caught:
        documents.generate_visit_summary(pest_visit["next"])
    assert "complete this visit first" in str(caught.value)
    assert Document.select().count() == 0


def test_change_notice_as_text_for_an_email(pest_visit):
    subject, body = documents.change_notice_text(pest_visit["next"])
    assert subject == "Visit change notice"
    assert body.startswith("Dear Dorothy,")
    assert "Tuesday, February 9 at 9:00\u00a0AM will now be on Thursday, February 11 at 2:00\u00a0PM" in body
    assert "with Lee Park instead of Sam Ortiz" in body
    assert "Why: Sam is on a training course that week." in body


def test_change_notice_pdf_is_archived_and_logged_once_sent(pest_visit):
    generated = documents.generate_change_notice(pest_visit["next"])
    text = text_of(generated.path)
    assert "We want you to hear this from us first" in text
    assert "with Lee Park instead of Sam Ortiz" in text
    assert Interaction.select().where(Interaction.document == generated.id).count() == 0
    contact.send_document(generated.id, "posted")
    assert Interaction.get(Interaction.document == generated.id).visit_id == pest_visit["next"]


def test_no_change_notice_without_a_change(pest_visit):
    Visit.update(status="scheduled").where(Visit.id == pest_visit["visit"]).execute()
    with pytest.raises(ValidationError):
        documents.change_notice_text(pest_visit["visit"])


def test_delay_notice_text_from_the_office_template(pool):
    subject, body = documents.delay_notice_text(pool.milestones["Gunite shell"])
    assert subject == "An update on Backyard pool build"
    assert body.startswith("Dear Hannah,")
    assert "Gunite shell was planned for December 3, 2026 and will now be finished on December 10, 2026." in body
    assert "The concrete plant closed" in body
    assert "Call Marek Kowalski directly on (503) 555-0187." in body


def test_no_delay_notice_without_a_reason(pool):
    with pytest.raises(ValidationError) as caught:
        documents.delay_notice_text(pool.milestones["Tiling and coping"])
    assert "plain reason and a revised date" in str(caught.value)
