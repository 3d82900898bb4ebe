"""Addresses carry their state, province or county where the country they go to puts it."""

import pytest

from servicedesk.core.addresses import Address, lines
from servicedesk.core.services import documents, office
from servicedesk.core.store.models import Customer, Site

from tests.documents.conftest import LETTER_DAY
from tests.documents.pdf import text_of


@pytest.mark.parametrize("office_region, address, expected", [
    ("US", Address("18 Pecan Hollow", "Suite 2", "Bastrop Bend", "TX", "78684"),
     ["18 Pecan Hollow", "Suite 2", "Bastrop Bend, TX 78684"]),
    ("CA", Address("200 Rue Sainte-Catherine", "", "Montréal", "QC", "H2X 1Y4"),
     ["200 Rue Sainte-Catherine", "Montréal QC H2X 1Y4"]),
    ("AU", Address("5 George Street", "", "Parramatta", "NSW", "2150"), ["5 George Street", "Parramatta NSW 2150"]),
    ("GB", Address("12 Mill Lane", "", "Harrogate", "North Yorkshire", "HG1 2AB"),
     ["12 Mill Lane", "Harrogate", "North Yorkshire", "HG1 2AB"]),
    ("IE", Address("4 Quay Street", "", "Galway", "Co. Galway", "H91 X2Y3"),
     ["4 Quay Street", "Galway", "Co. Galway", "H91 X2Y3"]),
    ("DE", Address("Hauptstraße 5", "", "Berlin", "", "10115"), ["Hauptstraße 5", "10115 Berlin"]),
    ("IT", Address("Via Roma 1", "", "Roma", "RM", "00144"), ["Via Roma 1", "00144 Roma RM"]),
    ("ES", Address("Calle Mayor 3", "", "Alcalá de Henares", "Madrid", "28801"),
     ["Calle Mayor 3", "28801 Alcalá de Henares", "Madrid"]),
    ("US", Address("12 Mill Lane", "", "Harrogate", "North Yorkshire", "HG1 2AB", "GB"),
     ["12 Mill Lane", "Harrogate", "North Yorkshire", "HG1 2AB", "United Kingdom"]),
    ("US", Address("1 Congress Ave", "", "Austin", "", "78701"), ["1 Congress Ave", "Austin 78701"]),
])
def test_each_country_puts_the_state_where_it_belongs(office_region, address, expected):
    assert lines(address, office_region) == expected


def test_a_letter_goes_to_the_customer_with_their_state(pool):
    Customer.update(street2="Unit 4", city="Bastrop Bend", state="TX", postcode="78684").where(
        Customer.id == pool.customer_id).execute()
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert "Hannah Whitfield 2210 SE Alder Street Unit 4 Bastrop Bend, TX 78684" in text


def test_a_british_office_prints_the_county_above_the_postcode(pool):
    office.update(region="GB", locale="en_GB")
    Customer.update(city="Harrogate", state="North Yorkshire", postcode="HG1 2AB").where(
        Customer.id == pool.customer_id).execute()
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert "2210 SE Alder Street Harrogate North Yorkshire HG1 2AB" in text


def test_a_customer_abroad_gets_their_country_on_the_last_line(pool):
    Customer.update(city="Toronto", state="ON", postcode="M5V 2T6", country="CA").where(
        Customer.id == pool.customer_id).execute()
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert "Toronto ON M5V 2T6 Canada" in text


def test_a_visit_summary_and_a_change_notice_carry_the_state(pest_visit):
    Customer.update(state="IL").where(Customer.id == pest_visit["customer"]).execute()
    Site.update(state="IL", street2="Back entrance").where(Site.customer == pest_visit["customer"]).execute()
    summary = text_of(documents.generate_visit_summary(pest_visit["visit"]).path)
    assert "Dorothy Ames 41 Orchard Way Springfield, IL 62704" in summary
    assert "41 Orchard Way, Back entrance, Springfield, IL 62704" in summary
    notice = text_of(documents.generate_change_notice(pest_visit["next"]).path)
    assert "Springfield, IL 62704" in notice
