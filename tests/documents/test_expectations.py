"""The “what to expect” letter: printed at the start, offered again when any of it changes, with the
change marked; read back from the PDF."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import contact, customers, expectations, office, recurrence, technicians
from servicedesk.core.store.models import CustomerGoal, Document, ExpectationLetter, ServicePlan

from tests.documents.pdf import text_of


@pytest.fixture
def dorothy(db):
    clock.set_now(dt.datetime(2026, 1, 5, 9, 0))
    office.update(name="Green Leaf Pest Control", phone="(512) 555-0100", owner_name="Maria Keller",
                  ack_target_days=1, resolve_target_days=5, configured=True)
    sam = technicians.create("Sam Ortiz")
    lee = technicians.create("Lee Park")
    cid = customers.create(name="Dorothy Finch", salutation="Dear Dorothy", street="214 Main Street",
                           city="Riverton", postcode="78701", trade="pest", technician_id=sam).id
    plan = recurrence.create_plan(cid, service_type="Monthly rodent control", recurrence="monthly_weekday",
                                  weekday=1, week_of_month=2, technician_id=sam, starts_on="2026-01-13",
                                  includes="Check and rebait every station; advice on keeping mice out")
    CustomerGoal.create(customer=cid, kind="expect_when", text="The second Tuesday, before the shop opens",
                        recorded_at=clock.now())
    customers.add_what_matters(cid, "same_technician", words="Are you the one doing the service?",
                               technician_id=sam)
    return {"customer": cid, "plan": plan, "sam": sam, "lee": lee}


def sent(generated):
    contact.send_document(generated.id, "posted")
    return generated


def test_the_first_letter_says_what_to_expect(dorothy):
    assert expectations.offer(dorothy["customer"]) == ["first letter"]
    written = expectations.generate(dorothy["customer"])
    assert expectations.offer(dorothy["customer"]) == ["first letter"]  # written is not sent
    text = text_of(sent(written).path)
    assert "What to expect from us" in text and "Dear Dorothy," in text
    assert ("Monthly rodent control: monthly on the 2nd Tuesday, between 8:00 AM and 12:00 PM, with Sam Ortiz. "
            "It includes: Check and rebait every station; advice on keeping mice out.") in text
    assert "Sam Ortiz is your technician. To reach them, call us on (512) 555-0100" in text
    assert ("We acknowledge every concern within 1 business day and aim to resolve it within 5 business days"
            in text)
    assert "When we come: “The second Tuesday, before the shop opens”" in text
    assert "The same technician every time (Sam Ortiz): “Are you the one doing the service?”" in text
    assert "Changed:" not in text and "New:" not in text
    assert expectations.offer(dorothy["customer"]) == []  # nothing changed since
    assert Document.get(Document.kind == "expectations").customer_id == dorothy["customer"]


def test_a_change_is_offered_and_marked_in_the_next_letter(dorothy):
    sent(expectations.generate(dorothy["customer"]))
    clock.set_now(dt.datetime(2026, 3, 2, 9, 0))
    ServicePlan.update(technician=dorothy["lee"]).where(ServicePlan.id == dorothy["plan"]).execute()
    from servicedesk.core.store.models import Customer

    Customer.update(technician=dorothy["lee"]).where(Customer.id == dorothy["customer"]).execute()
    CustomerGoal.create(customer=dorothy["customer"], kind="expect_includes", text="A call the day before",
                        recorded_at=clock.now())
    offered = expectations.offer(dorothy["customer"])
    assert offered == ["your monthly rodent control — changed", "your technician — changed",
                       "what is included — new"]
    text = text_of(expectations.generate(dorothy["customer"]).path)
    assert "What to expect from us: an update" in text
    assert "Something has changed since our letter of January 5, 2026" in text
    assert ("What changed • Your monthly rodent control — changed • Your technician — changed • What is included "
            "— new") in text
    assert "Changed: Lee Park is your technician." in text
    assert "New: What is included: “A call the day before”" in text
    assert "Changed: When we come" not in text  # what did not change is not marked
    assert ExpectationLetter.select().count() == 2


def test_a_customer_on_no_plan_or_project_gets_no_letter(db):
    cid = customers.create(name="Walk In").id
    assert expectations.offer(cid) == []
    with pytest.raises(ValidationError) as refused:
        expectations.generate(cid)
    assert "has no service plan or project" in refused.value.problems["customer"]
    assert Document.select().count() == 0


def test_a_project_customer_is_told_who_leads_it_and_when_letters_come(pool):
    text = text_of(expectations.generate(pool.customer_id).path)
    assert "Backyard pool build from October 5, 2026 to December 18, 2026, in 7 steps: Design and permit" in text
    assert "We write to you every Friday with where it stands" in text
    assert "Marek Kowalski leads Backyard pool build and is the person to call on (503) 555-0187 (direct line)." in text


def test_the_profile_offers_the_letter_and_prints_it(dorothy, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton

    from servicedesk.core.services import documents
    from servicedesk.ui.customers.profile import ProfileView
    from servicedesk.ui.navigation import Navigator

    profile = ProfileView(Navigator())
    qtbot.addWidget(profile)
    profile.show()
    profile.show_customer(dorothy["customer"])
    offer = profile.findChild(QLabel, "expectationsText")
    qtbot.waitUntil(lambda: offer.isVisible())
    assert offer.text() == "No “what to expect” letter has been printed for this customer yet."
    profile.grab().save(str(tmp_path / "profile.png"))
    qtbot.mouseClick(profile.findChild(QPushButton, "printExpectations"), Qt.MouseButton.LeftButton)
    written = Document.get(Document.kind == "expectations")
    assert "What to expect from us" in text_of(documents.documents_dir() / written.path)
    qtbot.mouseClick(profile.expectations.send_dialog.findChild(QPushButton, "sendHandedOver"),
                     Qt.MouseButton.LeftButton)
    assert Document.get_by_id(written.id).sent_how == "handed_over"
    profile.show_customer(dorothy["customer"])
    qtbot.wait(50)
    assert not offer.isVisible()  # the letter printed still holds
    CustomerGoal.create(customer=dorothy["customer"], kind="goal", text="No mice by Christmas",
                        recorded_at=clock.now())
    profile.show_customer(dorothy["customer"])
    qtbot.waitUntil(lambda: offer.isVisible())
    assert "your goal — new" in offer.text()
