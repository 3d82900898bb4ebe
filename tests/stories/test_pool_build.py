"""The pool build: a vague letter is refused; with a reason and a date it prints, is archived and logged."""

import datetime as dt

import pytest

from servicedesk.core import clock, formatting
from servicedesk.core.services import clarity, contact, documents, history, projects
from servicedesk.core.store.models import Customer, Document, Interaction, Staff
from tests.documents.pdf import text_of

from .conftest import customer_named

REASON = "The city asked for a revised drainage plan before it signs the permit."


def test_a_delay_needs_a_reason_and_a_date_before_the_letter_goes_out(demo_db):
    clock.set_now(clock.now().replace(microsecond=0))  # one fixed moment for the whole story
    today = clock.today()
    patel = customer_named("Priya Patel")
    project = projects.list_projects(customer_id=patel)[0]
    assert clarity.clarity_check(project.id) == []
    permit = next(m for m in projects.milestones(project.id) if m.name == "Permit")
    last_contact = Customer.get_by_id(patel).last_contact_at
    letters = Document.select().where(Document.customer == patel).count()

    projects.update_milestone(permit.id, status="delayed")  # late, and nobody said why
    with pytest.raises(documents.ClarityError) as refused:
        documents.generate_timeline_letter(project.id)
    problem = refused.value.problems[0]
    assert (problem.rule, problem.milestone_id) == ("delay_unexplained", permit.id)
    assert "“Permit” is late: add a plain reason for the delay and a revised date" in problem.message
    assert Document.select().where(Document.customer == patel).count() == letters  # nothing archived
    assert Customer.get_by_id(patel).last_contact_at == last_contact

    revised = today + dt.timedelta(days=12)
    projects.update_milestone(permit.id, delay_reason=REASON, revised_end=revised.isoformat())
    letter = documents.generate_timeline_letter(project.id)

    text = text_of(letter.path)
    assert REASON in text and "Priya" in text and "Dana Whitfield" in text
    assert formatting.format_day(revised, year=False, locale="en_US") in text
    assert documents.verify(letter.id)
    # written is not sent: no contact, the letter is still due
    assert Interaction.select().where(Interaction.document == letter.id).count() == 0
    assert Customer.get_by_id(patel).last_contact_at == last_contact
    assert projects.get(project.id).last_letter_at != clock.now()

    desk = Staff.get(Staff.role == "office").id
    contact.send_document(letter.id, "posted", desk)
    logged = Interaction.get(Interaction.document == letter.id)
    assert (logged.customer_id, logged.channel, logged.direction, logged.staff_id) == (patel, "letter", "out", desk)
    entries = [item for item in history.timeline(patel) if item.at == clock.now()]
    assert [(e.kind, e.record_id, e.title) for e in entries] == [("interaction", logged.id, "Letter to the customer")]
    assert entries[0].text.startswith(project.name) and entries[0].text.endswith("posted")
    assert Customer.get_by_id(patel).last_contact_at == clock.now()
    assert projects.get(project.id).last_letter_at == clock.now()


def test_a_decision_asked_for_in_letters_owes_one_call_until_it_is_made(demo_db):
    from servicedesk.core.services import followups
    from servicedesk.core.store.models import FollowUp

    nguyen = customer_named("Michael Nguyen")
    project = projects.list_projects(customer_id=nguyen)[0]
    asked = [m for m in projects.milestones(project.id) if m.decision_needed and not m.done]
    assert asked
    letter = documents.generate_timeline_letter(project.id)
    calls = FollowUp.select().where((FollowUp.customer == nguyen) & (FollowUp.source == "letter_decision"))
    followups.sweep(days=14)
    assert calls.count() == 0  # a letter only written asked nobody anything
    contact.send_document(letter.id, "emailed")
    assert calls.count() == len(asked)
    followups.sweep(days=14)
    clock.set_now(clock.now() + dt.timedelta(days=7))
    again = documents.generate_timeline_letter(project.id, override_clarity=True)  # next week: asked again
    contact.send_document(again.id, "printed")
    assert calls.count() == len(asked)  # the call is still open: not owed twice
    assert all(asked[0].name in c.reason and c.assigned_to_id == project.lead_id for c in calls)
