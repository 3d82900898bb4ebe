"""Each trade records what it must at a visit — pest applications with registration numbers and the
applicator's licence, a pool's water readings, the areas cleaned and their moisture — entered when
the visit is completed and printed on its summary."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, documents, office, scheduling, technicians
from servicedesk.core.store.models import PestApplication, Visit, VisitReading

from tests.documents.pdf import text_of

AT = dt.datetime(2026, 11, 12, 9, 0)
ANT_GEL = {"target_pest": "Odorous house ants", "product": "Advion Ant Gel", "registration_number": "100-1498",
           "amount": "12", "unit": "g", "area": "Kitchen skirting, 6 m"}


def _visit(trade: str, licence: str = "TX-0654321") -> tuple[int, int]:
    clock.set_now(AT - dt.timedelta(days=30))
    office.update(name="Evergreen Services", phone="(512) 555-0100", owner_name="Rosa Delgado", configured=True)
    tech = technicians.create("Sam Ortiz", phone="(512) 555-0111", licence_number=licence)
    cid = customers.create(name="Dorothy Ames", salutation="Dear Dorothy", street="41 Orchard Way",
                           city="Riverton", postcode="78701", trade=trade).id
    vid = Visit.create(customer=cid, technician=tech, service_type=f"{trade.capitalize()} service", starts_at=AT,
                       ends_at=AT + dt.timedelta(minutes=75)).id
    clock.set_now(AT + dt.timedelta(hours=2))
    return vid, tech


def test_pest_applications_are_stored_one_row_each_and_printed_with_the_licence(db):
    vid, tech = _visit("pest")
    bait = dict(ANT_GEL, target_pest="House mice", product="Contrac Blox", registration_number="12455-79",
                amount="3", unit="blocks", area="Garage, two stations")
    scheduling.complete(vid, "Treated the kitchen; baited the garage.", applications=[ANT_GEL, bait])
    rows = [(a.applied_at, a.target_pest, a.product, a.registration_number, a.amount, a.unit, a.area,
             a.applicator_id, a.licence_number) for a in PestApplication.select().order_by(PestApplication.id)]
    assert rows == [
        (AT, "Odorous house ants", "Advion Ant Gel", "100-1498", 12.0, "g", "Kitchen skirting, 6 m", tech, "TX-0654321"),
        (AT, "House mice", "Contrac Blox", "12455-79", 3.0, "blocks", "Garage, two stations", tech, "TX-0654321"),
    ]
    text = text_of(documents.generate_visit_summary(vid).path)
    assert "Pesticide applications" in text
    assert "Advion Ant Gel Reg. no. 100-1498 Odorous house ants 12 g Kitchen skirting, 6 m 9:00 AM" in text
    assert "Contrac Blox Reg. no. 12455-79 House mice 3 blocks Garage, two stations" in text
    assert "Applied by Sam Ortiz, applicator licence no. TX-0654321." in text


def test_a_pesticide_application_without_a_licensed_applicator_is_refused(db):
    vid, tech = _visit("pest", licence="")
    with pytest.raises(ValidationError) as refused:
        scheduling.complete(vid, "Treated the kitchen.", applications=[ANT_GEL])
    assert refused.value.problems["applicator"].startswith("Sam Ortiz has no applicator licence number")
    assert Visit.get_by_id(vid).status == "scheduled" and PestApplication.select().count() == 0


@pytest.mark.parametrize("change, problem", [
    ({"registration_number": ""}, "Application 1 needs the product's registration number."),
    ({"registration_number": "see label"}, "“see label” is not a registration number"),
    ({"amount": "a little"}, "Application 1's amount: “a little” is not a number."),
    ({"target_pest": "", "area": ""}, "Application 1 needs the pest it targets, the area treated."),
])
def test_an_incomplete_application_is_named(db, change, problem):
    vid, _tech = _visit("pest")
    with pytest.raises(ValidationError) as refused:
        scheduling.complete(vid, "Treated the kitchen.", applications=[dict(ANT_GEL, **change)])
    assert problem in refused.value.problems["application_1"]
    assert PestApplication.select().count() == 0


def test_a_pool_visit_records_its_water_readings(db):
    vid, _tech = _visit("pool")
    with pytest.raises(ValidationError) as refused:
        scheduling.complete(vid, "Brushed and vacuumed.", readings={"free_chlorine": "2.5"})
    assert refused.value.problems == {"ph": "Record the pH: a pool visit's summary shows it."}
    with pytest.raises(ValidationError) as refused:
        scheduling.complete(vid, "Brushed and vacuumed.", readings={"free_chlorine": "2.5", "ph": "12"})
    assert refused.value.problems["ph"] == "pH 12 is outside 6–9: check the reading."
    scheduling.complete(vid, "Brushed and vacuumed.",
                        readings={"free_chlorine": "2.5", "ph": "7.4", "total_alkalinity": "90"})
    text = text_of(documents.generate_visit_summary(vid).path)
    assert "Water readings Free chlorine 2.5 ppm pH 7.4 Total alkalinity 90 ppm" in text


def test_a_restoration_visit_records_the_areas_done_and_moisture_by_area(db):
    vid, _tech = _visit("cleaning")
    with pytest.raises(ValidationError) as refused:
        scheduling.complete(vid, "Set up drying.", readings={"moisture": [("", "18")]})
    assert refused.value.problems["areas_done"].startswith("Record the areas done")
    assert refused.value.problems["moisture_1"] == "Moisture reading 1 needs the area it was taken in."
    scheduling.complete(vid, "Set up drying.", readings={
        "areas_done": "Kitchen, hallway and the downstairs bathroom",
        "moisture": [("Kitchen wall", "18"), ("Hallway floor", "22.5")]})
    assert VisitReading.select().count() == 3
    text = text_of(documents.generate_visit_summary(vid).path)
    assert ("Areas and moisture Areas done Kitchen, hallway and the downstairs bathroom Moisture Kitchen wall: 18 % "
            "Moisture Hallway floor: 22.5 %") in text


def test_the_complete_dialog_asks_what_the_trade_records(qtbot, db):
    from servicedesk.ui.schedule.dialogs import CompleteDialog

    vid, _tech = _visit("pest")
    dialog = CompleteDialog(vid)
    qtbot.addWidget(dialog)
    products = dialog.findChild(QPushButton, "addProduct")
    assert products is None or not products.isVisibleTo(dialog)  # each product is an application here
    qtbot.keyClicks(dialog.work_done, "Treated the kitchen.")
    qtbot.mouseClick(dialog.findChild(QPushButton, "applicationsTableAdd"), Qt.MouseButton.LeftButton)
    model = dialog.trade.applications
    for column, key in enumerate(("target_pest", "product", "registration_number", "amount", "unit", "area")):
        model.setData(model.index(0, column), ANT_GEL[key])
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmComplete"), Qt.MouseButton.LeftButton)
    assert Visit.get_by_id(vid).status == "completed"
    assert [a.registration_number for a in PestApplication.select()] == ["100-1498"]


def test_the_pool_dialog_has_a_field_per_reading(qtbot, db):
    from servicedesk.ui.schedule.dialogs import CompleteDialog

    vid, _tech = _visit("pool")
    dialog = CompleteDialog(vid)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.work_done, "Brushed and vacuumed.")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "reading_free_chlorine"), "3")
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmComplete"), Qt.MouseButton.LeftButton)
    assert "Record the pH" in dialog.error.text()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "reading_ph"), "7.6")
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmComplete"), Qt.MouseButton.LeftButton)
    assert Visit.get_by_id(vid).status == "completed"
    assert sorted((r.field, r.number) for r in VisitReading.select()) == [("free_chlorine", 3.0), ("ph", 7.6)]
