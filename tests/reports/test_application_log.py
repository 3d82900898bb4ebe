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
from servicedesk.core.store.models import Customer, PestApplication, ProductApplied, Site, Visit
from tests.documents.pdf import text_of

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def _visit(customer_id, technician, starts, site=None) -> int:
    return Visit.create(customer=customer_id, site=site, technician=technician, service_type="Monthly pest control",
                        starts_at=starts, ends_at=starts + dt.timedelta(hours=1), status="scheduled").id


def _done(visit_id, starts, applications):
    """The visit completed with its applications: (product, registration, pest, amount, unit, area, minutes in)."""
    clock.set_now(starts + dt.timedelta(hours=1))
    scheduling.complete(visit_id, "Treated as planned.", applications=[
        {"product": p, "registration_number": r, "target_pest": t, "amount": a, "unit": u, "area": area,
         "applied_at": starts + dt.timedelta(minutes=m)} for p, r, t, a, u, area, m in applications])


@pytest.fixture
def greenline(db):
    clock.set_now(dt.datetime(2024, 1, 8, 9))
    office.update(name="Greenline Pest Control", trade="pest", region="US", configured=True)
    kevin = technicians.create("Kevin Marsh", licence_number="TX-0654321")
    tanya = technicians.create("Tanya Reyes", licence_number="TX-0712345")
    dorothy = customers.create(name="Dorothy Finch", street="214 Main Street", city="Riverton", state="TX",
                               postcode="78701", technician_id=kevin).id
    shop = Site.create(customer=dorothy, label="Shop", street="216 Main Street", street2="Back stockroom",
                       city="Riverton", state="TX", postcode="78701").id
    harold = customers.create(name="Harold Benson", street="12 Oak Lane", city="Riverton", state="TX",
                              postcode="78702", technician_id=tanya).id
    ids = {"kevin": kevin, "tanya": tanya, "dorothy": dorothy, "harold": harold}
    for when, who, tech, site, applications in (
            (dt.datetime(2026, 9, 29, 9), dorothy, kevin, shop,
             [("Alpine WSG", "499-561", "German cockroaches", "1", "pack", "Kitchen", 15)]),
            (dt.datetime(2026, 10, 6, 9), dorothy, kevin, shop,
             [("Contrac Blox", "12455-79", "House mice", "4", "blocks", "Stockroom stations", 10),
              ("Advion Ant Gel", "100-1498", "Odorous house ants", "30", "g", "Back door sill, 2 m", 35)]),
            (dt.datetime(2026, 10, 20, 14), harold, tanya, None,
             [("Demand CS", "100-1066", "Spiders", "0.5", "gal", "Perimeter, 60 m", 5)]),
            (dt.datetime(2026, 11, 3, 9), dorothy, kevin, shop,
             [("Talstar P", "279-3206", "Fleas", "1", "gal", "Eaves", 20)])):
        ids[when.date().isoformat()] = visit = _visit(who, tech, when, site)
        _done(visit, when, applications)
    # one row as it came from the office's former product: no registration number, no applicator
    PestApplication.create(visit=ids["2026-10-20"], applied_at=dt.datetime(2026, 10, 20, 14, 40), target_pest="Wasps",
                           product="Wasp Freeze II", registration_number="", amount=12, unit="oz", area="Garage eaves",
                           applicator=None, licence_number="")
    clock.set_now(dt.datetime(2026, 11, 5, 10))
    return ids


DOROTHYS_SHOP = "216 Main Street, Back stockroom, Riverton, TX 78701"
HAROLDS = "12 Oak Lane, Riverton, TX 78702"


def test_every_application_of_the_month_one_row_each_the_incomplete_listed_not_dropped(greenline):
    found = application_log.entries(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert [(e.applied_at, e.site, e.customer, e.product, e.registration_number, e.amount, e.area, e.target_pest,
             e.applicator, e.licence_number) for e in found] == [
        (dt.datetime(2026, 10, 6, 9, 10), DOROTHYS_SHOP, "Dorothy Finch", "Contrac Blox", "12455-79", "4 blocks",
         "Stockroom stations", "House mice", "Kevin Marsh", "TX-0654321"),
        (dt.datetime(2026, 10, 6, 9, 35), DOROTHYS_SHOP, "Dorothy Finch", "Advion Ant Gel", "100-1498", "30 g",
         "Back door sill, 2 m", "Odorous house ants", "Kevin Marsh", "TX-0654321"),
        (dt.datetime(2026, 10, 20, 14, 5), HAROLDS, "Harold Benson", "Demand CS", "100-1066", "0.5 gal",
         "Perimeter, 60 m", "Spiders", "Tanya Reyes", "TX-0712345"),
        (dt.datetime(2026, 10, 20, 14, 40), HAROLDS, "Harold Benson", "Wasp Freeze II", "", "12 oz", "Garage eaves",
         "Wasps", "", "")]
    assert [e.missing for e in found] == [(), (), (), ("Registration no.", "Applicator", "Licence no.")]
    assert application_log.summary(found, dt.date(2026, 10, 1), dt.date(2026, 10, 31)) == (
        "4 applications in October 2026, one row each, oldest first: 3 complete and 1 incomplete.",
        "An incomplete row is shaded and names what it lacks: registration no. (1); applicator (1); licence no. (1).",
        "Application records are kept for at least 3 years (the office's setting in Preferences); none younger can "
        "be deleted.")


def test_the_csv_reads_back_row_for_row(greenline, db_location, tmp_path, capsys):
    out = tmp_path / "october.csv"
    assert main(["application-log", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    assert "4 applications in October 2026" in capsys.readouterr().out
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Date"], r["Time"], r["Site address"], r["Product"], r["Registration number"], r["Amount"],
             r["Area treated"], r["Target pest"], r["Applicator"], r["Applicator licence number"], r["Complete"],
             r["Missing"]) for r in rows] == [
        ("2026-10-06", "09:10", DOROTHYS_SHOP, "Contrac Blox", "12455-79", "4 blocks", "Stockroom stations",
         "House mice", "Kevin Marsh", "TX-0654321", "yes", ""),
        ("2026-10-06", "09:35", DOROTHYS_SHOP, "Advion Ant Gel", "100-1498", "30 g", "Back door sill, 2 m",
         "Odorous house ants", "Kevin Marsh", "TX-0654321", "yes", ""),
        ("2026-10-20", "14:05", HAROLDS, "Demand CS", "100-1066", "0.5 gal", "Perimeter, 60 m", "Spiders",
         "Tanya Reyes", "TX-0712345", "yes", ""),
        ("2026-10-20", "14:40", HAROLDS, "Wasp Freeze II", "", "12 oz", "Garage eaves", "Wasps", "", "", "no",
         "Registration no.; Applicator; Licence no.")]
    assert [int(r["Visit"]) for r in rows] == [greenline["2026-10-06"]] * 2 + [greenline["2026-10-20"]] * 2
    assert out.stat().st_mode & 0o077 == 0


def test_the_pdf_lists_every_row_with_what_it_lacks(greenline, db_location, tmp_path):
    out = tmp_path / "october.pdf"
    assert main(["application-log", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    text = text_of(out)
    assert "Pesticide application log: October 2026" in text
    assert "4 applications in October 2026, one row each, oldest first: 3 complete and 1 incomplete." in text
    for words in ("Oct 6, 2026 9:10 AM", "Contrac Blox", "12455-79", "4 blocks", "House mice", "TX-0654321",
                  "Advion Ant Gel", "100-1498", "Oct 20, 2026 2:05 PM", "Demand CS", "Spiders", "Tanya Reyes",
                  "TX-0712345", "12 Oak Lane, Riverton, TX 78702", "Kevin Marsh", "Oct 20, 2026 2:40 PM",
                  "Wasp Freeze II", "Registration no., Applicator, Licence no."):
        assert words in text
    assert "Alpine WSG" not in text and "Talstar P" not in text  # September's and November's


def test_a_log_with_every_record_complete_has_no_column_for_gaps(greenline, db_location, tmp_path):
    out = tmp_path / "november.pdf"
    assert main(["application-log", "--database", str(db_location), "--month", "2026-11", "--out", str(out)]) == 0
    text = text_of(out)
    assert "1 application in November 2026, one row each, oldest first: 1 complete and 0 incomplete." in text
    assert "Talstar P" in text and "Incomplete" not in text
    october = tmp_path / "october.pdf"
    assert main(["application-log", "--database", str(db_location), "--month", "2026-10", "--out", str(october)]) == 0
    assert "Incomplete: missing" in text_of(october)


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
        _done(into["visit"], when, [("Termidor SC", "7969-210", "Subterranean termites", "2", "gal", "Foundation", 0)])
    clock.set_now(None)
    recent = greenline["2026-10-20"]
    for doomed in (Visit.delete().where(Visit.id.in_([recent, kept["visit"]])),
                   PestApplication.delete().where(PestApplication.visit == recent),
                   Customer.delete().where(Customer.id == greenline["dorothy"])):
        with pytest.raises(DatabaseError, match="kept for the years set in Preferences"):
            with transaction():
                doomed.execute()
    assert Customer.get_or_none(Customer.id == greenline["dorothy"]) is not None
    assert len(application_log.entries(dt.date(2026, 10, 1), dt.date(2026, 10, 31))) == 4
    with transaction():
        Visit.delete().where(Visit.id == spent["visit"]).execute()  # four years old: past the three years
    assert not PestApplication.select().where(PestApplication.visit == spent["visit"]).exists()
    with pytest.raises(DatabaseError, match="kept for the years set in Preferences"):
        with transaction():
            Visit.delete().where(Visit.id == kept["visit"]).execute()  # two and a half years: still kept
    office.update(application_retention_years=2)
    with transaction():
        Visit.delete().where(Visit.id == kept["visit"]).execute()  # past the two years now set
    assert Visit.get_or_none(Visit.id == kept["visit"]) is None


def test_a_visit_without_applications_and_other_records_may_go(greenline):
    clock.set_now(None)
    quiet = _visit(greenline["harold"], greenline["tanya"], dt.datetime.now().replace(microsecond=0))
    ProductApplied.create(visit=quiet, name="Pool shock", amount="1 bag", location="pool")
    with transaction():
        Visit.delete().where(Visit.id == quiet).execute()
    assert Visit.get_or_none(Visit.id == quiet) is None


@pytest.mark.parametrize("years, problem", [(0, "must be between 1 and 50"), ("three", "must be a whole number")])
def test_the_years_kept_are_checked(greenline, years, problem):
    with pytest.raises(ValidationError, match=problem):
        office.update(application_retention_years=years)
    assert application_log.retention_years() == 3


@pytest.mark.backends("sqlite")
def test_applications_recorded_before_survive_every_schema_step(db_path):
    from servicedesk.core.store import close_database, open_database
    from servicedesk.core.store.db import connect
    from servicedesk.core.store.steps import STEPS
    from tests.safety.test_schema_versions import build_old_database

    build_old_database(db_path, [s.__name__ for s in STEPS].index(f"{STEPS[0].__package__}.s0011_trade_records") + 1)
    old = connect(db_path)
    old.execute_sql("INSERT INTO pest_application (visit_id, applied_at, target_pest, product, registration_number,"
                    " amount, unit, area, applicator_id, licence_number) VALUES (1, '2019-05-01 09:30:00',"
                    " 'Yellowjackets', 'Wasp Freeze II', '499-362', 12, 'oz', 'Pool house eaves', NULL, 'TX-0101010')")
    old.close()
    open_database(db_path)
    try:
        found = application_log.entries(dt.date(2019, 5, 1), dt.date(2019, 5, 31))
        assert [(e.applied_at, e.customer, e.product, e.registration_number, e.amount, e.area, e.target_pest,
                 e.licence_number, e.missing) for e in found] == [
            (dt.datetime(2019, 5, 1, 9, 30), "Dorothy Gale", "Wasp Freeze II", "499-362", "12 oz", "Pool house eaves",
             "Yellowjackets", "TX-0101010", ("Applicator",))]
        assert found[0].site == "Elm Street 4, Springfield 12345"  # as the office's country writes it
    finally:
        close_database()
