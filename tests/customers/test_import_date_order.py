"""A file writes all its dates one way: 13/02/2025 in one row says how 02/03/2025 in another reads."""

import datetime as dt

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, imports, visit_import
from servicedesk.core.store.models import Customer, Visit
from tests.customers.test_import_layouts import _write


def _since():
    return {c.name: c.customer_since for c in Customer.select()}


def test_a_day_first_customer_list_is_read_day_first_in_every_row(office_db, tmp_path):
    # the office is in the US (month first); the file came from a European product
    path = _write(tmp_path / "c.csv", ("Name", "Customer since"),
                  [("Anna Dee", "13/02/2021"), ("Bob Eff", "02/03/2021"), ("Cal Gee", "05.06.2021")])
    imports.run(imports.read(path))
    assert _since() == {"Anna Dee": dt.date(2021, 2, 13), "Bob Eff": dt.date(2021, 3, 2),
                        "Cal Gee": dt.date(2021, 6, 5)}


def test_a_month_first_list_in_a_day_first_office_is_read_month_first(office_db, tmp_path):
    from servicedesk.core.services import office

    office.update(region="GB")
    path = _write(tmp_path / "c.csv", ("Name", "Customer since"),
                  [("Anna Dee", "02/03/2021"), ("Bob Eff", "12/31/2020")])
    imports.run(imports.read(path))
    assert _since() == {"Anna Dee": dt.date(2021, 2, 3), "Bob Eff": dt.date(2020, 12, 31)}


def test_a_list_without_a_telling_date_is_read_as_the_office_writes_dates(office_db, tmp_path):
    path = _write(tmp_path / "c.csv", ("Name", "Customer since"), [("Anna Dee", "02/03/2021")])
    imports.run(imports.read(path))
    assert _since() == {"Anna Dee": dt.date(2021, 2, 3)}  # a US office: 3 February


def test_a_list_that_writes_dates_both_ways_is_refused_by_its_line(office_db, tmp_path):
    path = _write(tmp_path / "c.csv", ("Name", "Customer since"),
                  [("Anna Dee", "13/02/2021"), ("Bob Eff", "02/03/2021"), ("Cal Gee", "02/13/2021")])
    plan = imports.read(path)
    assert [str(p) for p in plan.problems] == [
        "line 4: Date “02/13/2021” can only be month first, but line 2 writes “13/02/2021”, which can only be "
        "day first: write the file's dates one way (YYYY-MM-DD reads the same everywhere)."]
    with pytest.raises(ValidationError):
        imports.run(plan)
    assert _since() == {}


@pytest.fixture
def two_customers(office_db):
    return {name: customers.create(name=name, phone=phone).id
            for name, phone in (("Anna Dee", "555 201 0001"), ("Bob Eff", "555 201 0002"))}


def test_a_day_first_visit_history_books_every_visit_on_its_day(two_customers, tmp_path):
    path = _write(tmp_path / "v.csv", ("Date", "Time", "Client", "Service", "Completed"),
                  [("13/02/2025", "09:00", "Anna Dee", "Spray", "13/02/2025"),
                   ("02/03/2025", "10:00", "Bob Eff", "Spray", "02/03/2025"),
                   ("04/05/2025", "10:00", "Bob Eff", "Spray", "")])
    visit_import.run(visit_import.read(path))
    days = sorted((v.customer_id, v.starts_at, v.completed_at and v.completed_at.date()) for v in Visit.select())
    assert days == [
        (two_customers["Anna Dee"], dt.datetime(2025, 2, 13, 9), dt.date(2025, 2, 13)),
        (two_customers["Bob Eff"], dt.datetime(2025, 3, 2, 10), dt.date(2025, 3, 2)),
        (two_customers["Bob Eff"], dt.datetime(2025, 5, 4, 10), None)]


def test_a_visit_history_that_writes_dates_both_ways_imports_nothing(two_customers, tmp_path):
    path = _write(tmp_path / "v.csv", ("Date", "Client", "Service"),
                  [("02/13/2025", "Anna Dee", "Spray"), ("13/02/2025", "Bob Eff", "Spray")])
    plan = visit_import.read(path)
    assert [str(p) for p in plan.problems] == [
        "line 3: Date “13/02/2025” can only be day first, but line 2 writes “02/13/2025”, which can only be "
        "month first: write the file's dates one way (YYYY-MM-DD reads the same everywhere)."]
    with pytest.raises(ValidationError):
        visit_import.run(plan)
    assert Visit.select().count() == 0
