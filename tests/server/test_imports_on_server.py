"""Moving in on an office server: the customers, then their visit history and plans, as the command line
brings them onto the PostgreSQL database every PC of the office shares."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk.cli import main
from servicedesk.core import clock
from servicedesk.core.services import history
from servicedesk.core.store import close_database, open_database
from servicedesk.core.store.models import Customer, ServicePlan, Staff, Visit
from tests.customers.test_import_layouts import _write

pytestmark = pytest.mark.backends("postgresql")

HEADER = ("Client ID", "Date", "Service", "Frequency", "Status", "Notes", "Technician")
ROWS = [("1001", "2026-02-17 09:00", "Spray", "Weekly", "Completed", "Kitchen and porch", "Priya Nair"),
        ("1001", "2026-02-24 09:00", "Spray", "Weekly", "Completed", "", "Priya Nair"),
        ("1002", "2026-02-11 13:00", "Termite inspection", "", "Completed", "Crawl space checked", "Tom Becker"),
        ("1002", "2026-03-12 13:00", "Rodent follow-up", "", "Scheduled", "Gate code 4411", "Tom Becker")]


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _rows(url: str) -> list[tuple]:
    """Every visit on the server: whose, when, what, status, the technician, what was done, its notes, its plan."""
    open_database(url)
    try:
        names = {s.id: s.name for s in Staff.select()}
        return [(v.customer.name, v.starts_at, v.service_type, v.status, names.get(v.technician_id, ""), v.work_done,
                 v.notes, v.plan_id is not None) for v in Visit.select().order_by(Visit.starts_at, Visit.id)]
    finally:
        close_database()


@pytest.fixture
def office(pg_url, tmp_path, capsys):
    clock.set_now(dt.datetime(2026, 3, 2, 9, 0))
    people = _write(tmp_path / "people.csv", ("Name", "Client id", "Phone"),
                    [("Dorothy Finch", "1001", "555 201 4455"), ("Walter Brown", "1002", "555 201 7777")])
    code, out, err = _run(capsys, "import-customers", str(people), "--database", pg_url)
    assert code == 0 and "Imported 2 customers." in out, err
    return pg_url


def test_a_visit_history_comes_onto_the_server_once_with_its_plan(office, tmp_path, capsys):
    visits = _write(tmp_path / "visits.csv", HEADER, ROWS)

    code, out, err = _run(capsys, "import-visits", str(visits), "--database", office)
    assert code == 1 and "technicians the office does not have: “Priya Nair” (2 visits), “Tom Becker” (2 visits)." \
        in err
    assert _rows(office) == []  # refused whole: nothing on the server

    code, out, err = _run(capsys, "import-visits", str(visits), "--create-technicians", "--database", office)
    assert code == 0, err
    assert "Imported 4 visits (3 completed); made 1 service plan" in out
    assert "added 2 technicians: Priya Nair, Tom Becker." in out
    rows = _rows(office)
    assert [r for r in rows if r[0] == "Walter Brown"] == [
        ("Walter Brown", dt.datetime(2026, 2, 11, 13), "Termite inspection", "completed", "Tom Becker",
         "Crawl space checked", "", False),
        ("Walter Brown", dt.datetime(2026, 3, 12, 13), "Rodent follow-up", "scheduled", "Tom Becker", "",
         "Gate code 4411", False)]
    dorothy = [r for r in rows if r[0] == "Dorothy Finch"]
    assert dorothy[:2] == [
        ("Dorothy Finch", dt.datetime(2026, 2, 17, 9), "Spray", "completed", "Priya Nair", "Kitchen and porch", "",
         True),
        ("Dorothy Finch", dt.datetime(2026, 2, 24, 9), "Spray", "completed", "Priya Nair", "", "", True)]
    # the weekly plan books the Tuesdays after the file's last visit, with the file's technician
    ahead = [r[1] for r in dorothy[2:]]
    assert ahead[:2] == [dt.datetime(2026, 3, 3, 9), dt.datetime(2026, 3, 10, 9)]
    assert all((b - a).days == 7 for a, b in zip(ahead, ahead[1:]))
    assert {(r[3], r[4]) for r in dorothy[2:]} == {("scheduled", "Priya Nair")}
    open_database(office)
    try:
        plan = ServicePlan.get()
        assert (plan.customer.name, plan.service_type, plan.recurrence, plan.weekday) == (
            "Dorothy Finch", "Spray", "weekly", 1)
        walter = Customer.get(Customer.name == "Walter Brown").id
        assert [(i.title, i.text, i.who) for i in history.timeline(walter) if i.kind == "visit"] == [
            ("Visit — Rodent follow-up (scheduled)", "Gate code 4411", "Tom Becker"),
            ("Visit — Termite inspection (completed)", "Crawl space checked", "Tom Becker")]
    finally:
        close_database()

    # the same file again, from another PC of the office: nothing doubles
    code, out, err = _run(capsys, "import-visits", str(visits), "--database", office)
    assert code == 0, err
    assert "Imported 0 visits (0 completed); 4 visits already here." in out
    assert _rows(office) == rows


def test_a_newer_export_brings_the_booked_visit_on_the_server_up_to_date(office, tmp_path, capsys):
    first = _write(tmp_path / "a.csv", HEADER, ROWS[:2])
    assert _run(capsys, "import-visits", str(first), "--create-technicians", "--database", office)[0] == 0
    before = _rows(office)
    clock.set_now(dt.datetime(2026, 3, 4, 9, 0))  # the other program says the 3rd was done
    newer = _write(tmp_path / "b.csv", HEADER,
                   ROWS[:2] + [("1001", "2026-03-03 09:30", "Spray", "Weekly", "Completed", "Garage too", "Priya Nair")])
    code, out, err = _run(capsys, "import-visits", str(newer), "--database", office)
    assert code == 0, err
    assert "update: line 4: Dorothy Finch: Spray of Mar 3, 2026, booked here, is completed in the file" in out
    assert "Imported 0 visits (0 completed); 2 visits already here; 1 booked visit brought up to date." in out
    after = _rows(office)
    assert len(after) == len(before)
    third = before[2]
    assert third[1:4] == (dt.datetime(2026, 3, 3, 9), "Spray", "scheduled")
    assert after[2] == ("Dorothy Finch", dt.datetime(2026, 3, 3, 9, 30), "Spray", "completed", "Priya Nair",
                        "Garage too", "", True)
    assert after[:2] == before[:2] and after[3:] == before[3:]
