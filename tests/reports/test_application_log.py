"""The pesticide application log: every application of the month, one row each, the incomplete ones listed with what
they lack; as CSV and PDF; the records kept for the office's years and through every schema step."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from peewee import DatabaseError

from servicedesk.cli import main
from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import application_log, customers, office, scheduling, technicians
from servicedesk.core.store import transaction
from servicedesk.core.store.models import Customer, ProductApplied, Site, Visit
from tests.documents.pdf import text_of

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def _visit(customer_id, technician, starts, site=None) -> int:
    return Visit.create(customer=customer_id, site=site, technician=technician, service_type="Monthly pest control",
                        starts_at=starts, ends_at=starts + dt.timedelta(hours=1), status="scheduled").id


def _done(visit_id, starts, products):
    clock.set_now(starts + dt.timedelta(hours=1))
    scheduling.complete(visit_id, "Treated as planned.", products=products)


@pytest.fixture
def greenline(db):
    clock.set_now(dt.datetime(2024, 1, 8, 9))
    office.update(name="Greenline Pest Control", trade="pest", region="US", configured=True)
    kevin, tanya = technicians.create("Kevin Marsh"), technicians.create("Tanya Reyes")
    dorothy = customers.create(name="Dorothy Finch", street="214 Main Street", city="Riverton", state="TX",
                               postcode="78701", technician_id=kevin).id
    shop = Site.create(customer=dorothy, label="Shop", street="216 Main Street", street2="Back stockroom",
                       city="Riverton", state="TX", postcode="78701").id
    harold = customers.create(name="Harold Benson", street="12 Oak Lane", city="Riverton", state="TX",
                              postcode="78702", technician_id=tanya).id
    ids = {"kevin": kevin, "tanya": tanya, "dorothy": dorothy, "harold": harold}
    for when, who, tech, site, products in (
            (dt.datetime(2026, 9, 29, 9), dorothy, kevin, shop, [("Alpine WSG", "1 pack", "kitchen")]),
            (dt.datetime(2026, 10, 6, 9), dorothy, kevin, shop,
             [("Contrac Blox", "4 blocks", "stockroom stations"), ("Advion Ant Gel", "30 g", "")]),
            (dt.datetime(2026, 10, 20, 14), harold, tanya, None, [("Demand CS", "0.5 gal", "perimeter")]),
            (dt.datetime(2026, 11, 3, 9), dorothy, kevin, shop, [("Talstar P", "1 gal", "eaves")])):
        ids[when.date().isoformat()] = visit = _visit(who, tech, when, site)
        _done(visit, when, products)
    clock.set_now(dt.datetime(2026, 11, 5, 10))
    return ids


def test_every_application_of_the_month_one_row_each_the_incomplete_listed_not_dropped(greenline):
    found = application_log.entries(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert [(e.applied_at, e.site, e.customer, e.product, e.amount, e.area, e.applicator) for e in found] == [
        (dt.datetime(2026, 10, 6, 9), "216 Main Street, Back stockroom, Riverton, TX 78701", "Dorothy Finch",
         "Contrac Blox", "4 blocks", "stockroom stations", "Kevin Marsh"),
        (dt.datetime(2026, 10, 6, 9), "216 Main Street, Back stockroom, Riverton, TX 78701", "Dorothy Finch",
         "Advion Ant Gel", "30 g", "", "Kevin Marsh"),
        (dt.datetime(2026, 10, 20, 14), "12 Oak Lane, Riverton, TX 78702", "Harold Benson", "Demand CS", "0.5 gal",
         "perimeter", "Tanya Reyes")]
    assert [e.missing for e in found] == [
        ("Registration no.", "Target pest", "Licence no."),
        ("Registration no.", "Area treated", "Target pest", "Licence no."),
        ("Registration no.", "Target pest", "Licence no.")]
    assert application_log.summary(found, dt.date(2026, 10, 1), dt.date(2026, 10, 31)) == (
        "3 applications in October 2026, one row each, oldest first: 0 complete and 3 incomplete.",
        "An incomplete row is shaded and names what it lacks: registration no. (3); target pest (3); licence no. (3); "
        "area treated (1).",
        "Application records are kept for at least 3 years (the office's setting in Preferences); none younger can "
        "be deleted.")


def test_the_csv_reads_back_row_for_row(greenline, db_location, tmp_path, capsys):
    out = tmp_path / "october.csv"
    assert main(["application-log", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    assert "3 applications in October 2026" in capsys.readouterr().out
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Date"], r["Time"], r["Site address"], r["Product"], r["Amount"], r["Area treated"], r["Applicator"],
             r["Registration number"], r["Target pest"], r["Applicator licence number"], r["Complete"], r["Missing"])
            for r in rows] == [
        ("2026-10-06", "09:00", "216 Main Street, Back stockroom, Riverton, TX 78701", "Contrac Blox", "4 blocks",
         "stockroom stations", "Kevin Marsh", "", "", "", "no", "Registration no.; Target pest; Licence no."),
        ("2026-10-06", "09:00", "216 Main Street, Back stockroom, Riverton, TX 78701", "Advion Ant Gel", "30 g", "",
         "Kevin Marsh", "", "", "", "no", "Registration no.; Area treated; Target pest; Licence no."),
        ("2026-10-20", "14:00", "12 Oak Lane, Riverton, TX 78702", "Demand CS", "0.5 gal", "perimeter", "Tanya Reyes",
         "", "", "", "no", "Registration no.; Target pest; Licence no.")]
    assert [int(r["Visit"]) for r in rows] == [greenline["2026-10-06"]] * 2 + [greenline["2026-10-20"]]
    assert out.stat().st_mode & 0o077 == 0


def test_the_pdf_lists_every_row_with_what_it_lacks(greenline, db_location, tmp_path):
    out = tmp_path / "october.pdf"
    assert main(["application-log", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    text = text_of(out)
    assert "Pesticide application log: October 2026" in text
    assert "3 applications in October 2026, one row each, oldest first: 0 complete and 3 incomplete." in text
    for words in ("Oct 6, 2026, 9:00 AM", "Contrac Blox", "4 blocks", "Advion Ant Gel", "Oct 20, 2026, 2:00 PM",
                  "Demand CS", "Tanya Reyes", "12 Oak Lane, Riverton, TX 78702", "Kevin Marsh"):
        assert words in text
    assert text.count("Registration no., Target pest, Licence no.") == 2
    assert "Registration no., Area treated, Target pest, Licence no." in text
    assert "Alpine WSG" not in text and "Talstar P" not in text  # September's and November's


def test_a_month_without_applications_says_so(greenline, db_location, tmp_path):
    out = tmp_path / "august.pdf"
    assert main(["application-log", "--database", str(db_location), "--month", "2026-08", "--out", str(out)]) == 0
    assert "No pesticide applications were recorded in August 2026." in text_of(out)


def test_a_period_by_its_days(greenline, db_location, tmp_path):
    out = tmp_path / "autumn.csv"
    assert main(["application-log", "--database", str(db_location), "--from", "2026-09-29", "--to", "2026-10-06",
                 "--out", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        assert [r["Product"] for r in csv.DictReader(handle)] == ["Alpine WSG", "Contrac Blox", "Advion Ant Gel"]


def test_a_file_of_another_kind_is_refused_before_anything_is_written(greenline, db_location, tmp_path, capsys):
    out = tmp_path / "october.xlsx"
    assert main(["application-log", "--database", str(db_location), "--out", str(out)]) == 2
    assert "neither a .csv nor a .pdf file" in capsys.readouterr().err
    assert not out.exists()


def test_records_are_kept_for_the_offices_years(greenline):
    """The database keeps them against its own clock: dated from today, whenever the test runs."""
    today = dt.datetime.now().replace(microsecond=0, second=0)
    kept, spent = {}, {}
    for months, into in ((30, kept), (50, spent)):
        when = today - dt.timedelta(days=months * 30)
        into["visit"] = _visit(greenline["harold"], greenline["tanya"], when)
        _done(into["visit"], when, [("Termidor SC", "2 gal", "foundation")])
    clock.set_now(None)
    recent = greenline["2026-10-20"]
    for doomed in (Visit.delete().where(Visit.id.in_([recent, kept["visit"]])),
                   ProductApplied.delete().where(ProductApplied.visit == recent),
                   Customer.delete().where(Customer.id == greenline["dorothy"])):
        with pytest.raises(DatabaseError, match="kept for the years set in Preferences"):
            with transaction():
                doomed.execute()
    assert Customer.get_or_none(Customer.id == greenline["dorothy"]) is not None
    assert len(application_log.entries(dt.date(2026, 10, 1), dt.date(2026, 10, 31))) == 3
    with transaction():
        Visit.delete().where(Visit.id == spent["visit"]).execute()  # four years old: past the three years
    with pytest.raises(DatabaseError, match="kept for the years set in Preferences"):
        with transaction():
            Visit.delete().where(Visit.id == kept["visit"]).execute()  # two and a half years: still kept
    office.update(application_retention_years=2)
    with transaction():
        Visit.delete().where(Visit.id == kept["visit"]).execute()  # past the two years now set
    assert Visit.get_or_none(Visit.id == kept["visit"]) is None


@pytest.mark.parametrize("years, problem", [(0, "must be between 1 and 50"), ("three", "must be a whole number")])
def test_the_years_kept_are_checked(greenline, years, problem):
    with pytest.raises(ValidationError, match=problem):
        office.update(application_retention_years=years)
    assert application_log.retention_years() == 3


@pytest.mark.backends("sqlite")
def test_applications_recorded_before_survive_every_schema_step(db_path):
    from servicedesk.core.store import close_database, open_database
    from tests.safety.test_schema_versions import build_old_database

    build_old_database(db_path, 1)
    from servicedesk.core.store.db import connect

    old = connect(db_path)
    old.execute_sql("INSERT INTO product_applied (visit_id, name, amount, location) VALUES (1, 'Baquacil', '1 l',"
                    " 'pool')")
    old.close()
    open_database(db_path)
    try:
        found = application_log.entries(dt.date(2019, 5, 1), dt.date(2019, 5, 31))
        assert [(e.customer, e.product, e.amount, e.area) for e in found] == [("Dorothy Gale", "Baquacil", "1 l", "pool")]
        assert found[0].site == "Elm Street 4, Springfield, 12345"
    finally:
        close_database()
