"""Visit histories as the products offices move from export them land in the customers' history.

Each file is made here from the column names the layout documents (see visit_layouts.py for where
they come from): every field lands, nothing is dropped, and importing the same file again adds nothing.
"""

import datetime as dt
import re

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, health, technicians, visit_import
from servicedesk.core.services.import_csv import ImportFileError
from servicedesk.core.store import database
from servicedesk.core.store.models import ServicePlan, Site, Staff, Visit
from tests.customers.test_import_layouts import _write


def _visits():
    return list(Visit.select().order_by(Visit.starts_at, Visit.id))


def _snapshot():
    return [tuple(v.__data__.items()) for v in _visits()], ServicePlan.select().count(), Staff.select().count()


def _blob(v: Visit) -> str:
    """Everything the office now has about a visit, as one text."""
    tech = Staff.get_by_id(v.technician_id).name if v.technician_id else ""
    site = Site.get_by_id(v.site_id) if v.site_id else None
    c = customers.get(v.customer_id)
    parts = [str(x) for x in v.__data__.values()] + [tech, c.name, c.reference, c.phone, c.email]
    if site:
        parts += [site.label, site.street, site.city, site.state, site.postcode]
    return "\n".join(parts)


# Columns whose values are read into dates, times, lengths and statuses, checked field by field.
_READ = ("date", "time", "end", "completed_on", "duration", "duration_hours", "status", "job_type", "recurrence",
         "first_name", "last_name", "client")


def _nothing_lost(plan, header, rows):
    """Every other cell with data is found in the visit its row became (numbers by their digits); a service
    address stands as the customer's site it names, or is in the visit's notes."""
    by_line = {v.line: v for v in plan.rows}
    stored = {(v.customer_id, v.import_key): v for v in _visits()}
    for n, row in enumerate(rows, start=2):
        if n not in by_line:
            continue
        visit = stored[(by_line[n].customer_id, by_line[n].key)]
        blob = _blob(visit)
        street = row[plan.mapping.index("site_street")] if "site_street" in plan.mapping else ""
        for head, field, value in zip(header, plan.mapping, row):
            if not value or field in _READ or field == "skip":
                continue
            value = re.sub(r'^="(.*)"$', r"\1", value)
            if field == "phone":
                assert re.sub(r"\D", "", value)[-7:] in re.sub(r"\D", "", blob), (head, value)
            elif field.startswith("site_") and visit.site_id:
                assert street.startswith(Site.get_by_id(visit.site_id).street), (head, value, street)
            else:
                parts = [p for p in re.split(r",\s*", value)] if field in ("technician", "site_street") else [value]
                folded = visit_import.fold(blob)
                assert all(visit_import.fold(p) in folded for p in parts), (head, value, blob)


def _import_twice(path, **options):
    plan = visit_import.read(path, **options)
    assert plan.ok, [str(p) for p in plan.problems] + [str(u) for u in plan.unmapped] + plan.unresolved
    result = visit_import.run(plan)
    snapshot = _snapshot()
    again = visit_import.read(path, **options)
    assert again.ok and again.rows == [] and len(again.already) == result.imported
    assert [d for d in again.plans if d.existing_id is None] == []
    assert visit_import.run(again).imported == 0
    assert _snapshot() == snapshot
    return plan, result


def _at(day, hour=0, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute))


@pytest.fixture
def office_people(office_db):
    """Two technicians and three customers, as a customer import from another program leaves them."""
    sam = technicians.create("Sam Ortiz")
    carlos = technicians.create("Carlos Díaz")
    dorothy = customers.create(name="Dorothy Finch", phone="555 201 4455", email="dorothy@finch.example",
                               street="12 Market Street", city="Riverton", reference="1001").id
    walter = customers.create(name="Walter Brown", phone="(817) 555-0100", email="walter@brown.example",
                              street="3 Lake Road", city="Lakeside", reference="cus_7f3a").id
    Site.create(customer=walter, label="Rental", street="400 Pine Road", city="Arlington")
    hill = customers.create(name="Hill Property Group", phone="555 301 0300", street="1 Commerce St", city="Dallas",
                            reference="88412").id
    return {"sam": sam, "carlos": carlos, "dorothy": dorothy, "walter": walter, "hill": hill}


# ------------------------------------------------------------------ each product's layout

JOBBER_VISITS = ["Date", "Times", "Visit title", "Client name", "Client phone", "Service street", "Service city",
                 "Service province", "Service ZIP", "Visit completed date", "Assigned to", "One-off job ($)",
                 "Schedule duration", "Job type"]
JOBBER_VISIT_ROWS = [
    ["Feb 10, 2026", "9:00 AM - 10:30 AM", "Quarterly pest treatment", "Dorothy Finch", "555-201-4455",
     "12 Market Street", "Riverton", "OH", "45002", "Feb 10, 2026", "Sam Ortiz", "185.00", "1.50", "One-off"],
    ["Mar 12, 2026", "1:00 PM - 2:00 PM", "Termite inspection", "Walter Brown", "817-555-0100", "400 Pine Road",
     "Arlington", "TX", "76010", "", "carlos diaz, Sam Ortiz", "240.00", "1.00", "One-off"],
    ["Jan 20, 2026", "", "Rodent follow-up", "Dorothy Finch", "555-201-4455", "12 Market Street", "Riverton", "OH",
     "45002", "Jan 20, 2026", "Sam Ortiz", "", "0.75", "One-off"],
]


def test_jobber_visits_report(office_people, tmp_path):
    path = _write(tmp_path / "visits.csv", JOBBER_VISITS, JOBBER_VISIT_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "Jobber visits report" and (result.imported, result.completed) == (3, 2)
    first, second, third = _visits()[1], _visits()[2], _visits()[0]
    assert (first.customer_id, first.service_type, first.status) == (
        office_people["dorothy"], "Quarterly pest treatment", "completed")
    assert (first.starts_at, first.ends_at, first.completed_at) == (
        _at(dt.date(2026, 2, 10), 9), _at(dt.date(2026, 2, 10), 10, 30), _at(dt.date(2026, 2, 10), 10, 30))
    assert first.technician_id == office_people["sam"] and first.notes == "One-off job ($): 185.00"
    assert Site.get_by_id(first.site_id).street == "12 Market Street"
    # a future visit without a completion date is booked; the first name assigned leads, the others are noted
    assert (second.customer_id, second.status, second.technician_id) == (
        office_people["walter"], "scheduled", office_people["carlos"])
    assert (second.starts_at, second.ends_at) == (_at(dt.date(2026, 3, 12), 13), _at(dt.date(2026, 3, 12), 14))
    assert Site.get_by_id(second.site_id).label == "Rental"
    assert second.notes == "One-off job ($): 240.00\nAlso there: Sam Ortiz"
    # an anytime visit starts when the office opens and lasts as long as the file says (hours: 0.75)
    assert (third.starts_at, third.ends_at) == (_at(dt.date(2026, 1, 20), 8), _at(dt.date(2026, 1, 20), 8, 45))
    _nothing_lost(plan, JOBBER_VISITS, JOBBER_VISIT_ROWS)
    # the customer's history shows the visit and its notes
    from servicedesk.core.services import history

    booked = next(i for i in history.timeline(office_people["walter"]) if i.kind == "visit")
    assert (booked.title, booked.text, booked.who) == (
        "Visit — Termite inspection (scheduled)", "One-off job ($): 240.00 Also there: Sam Ortiz", "Carlos Díaz")
    assert ("Notes", "One-off job ($): 185.00") in history.detail("visit", first.id)


JOBBER_JOBS = ["Job #", "Title", "Client name", "Client email", "Client phone", "Billing street", "Billing city",
               "Billing province", "Billing ZIP", "Service property name", "Service street", "Service city",
               "Service province", "Service ZIP", "Created date", "Schedule start date", "Closed date", "Lead source",
               "Salesperson", "Online booking", "Line items", "Visits assigned to", "Invoice #s", "Quote #",
               "Total revenue ($)"]
JOBBER_JOB_ROWS = [
    ["412", "Spring clean-up", "Walter Brown", "walter@brown.example", "", "3 Lake Road", "Lakeside", "TX", "76001",
     "Rental", "400 Pine Road", "Arlington", "TX", "76010", "Jan 02, 2026", "Jan 15, 2026", "Jan 16, 2026",
     "Google", "Kim Lo", "false", "Clean-up (1)", "Sam Ortiz", "1088", "301", "450.00"],
    ["413", "Gutter check", "Hill Property Group", "", "555 301 0300", "1 Commerce St", "Dallas", "TX", "75201", "",
     "1 Commerce St", "Dallas", "TX", "75201", "Feb 20, 2026", "Mar 20, 2026", "", "", "", "true", "", "Carlos Díaz",
     "", "", "0.00"],
]


def test_jobber_jobs_export(office_people, tmp_path):
    path = _write(tmp_path / "jobs.csv", JOBBER_JOBS, JOBBER_JOB_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "Jobber jobs export" and (result.imported, result.completed) == (2, 1)
    # the client's billing address is the customer list's: left out on purpose, and said so
    assert plan.left_out() == ["Billing street", "Billing city", "Billing province", "Billing ZIP"]
    done, booked = _visits()
    assert (done.customer_id, done.service_type, done.status, done.technician_id) == (
        office_people["walter"], "Spring clean-up", "completed", office_people["sam"])
    assert done.completed_at == _at(dt.date(2026, 1, 16)) and done.starts_at == _at(dt.date(2026, 1, 15), 8)
    assert "Invoice #s: 1088" in done.notes and "Lead source: Google" in done.notes
    assert Site.get_by_id(done.site_id).label == "Rental"
    assert (booked.customer_id, booked.status, booked.technician_id) == (
        office_people["hill"], "scheduled", office_people["carlos"])
    _nothing_lost(plan, JOBBER_JOBS, JOBBER_JOB_ROWS)


HOUSECALL_JOBS = ["Job #", "Job description", "Job status", "Customer name", "Address", "Job created date",
                  "Job scheduled start date", "Assigned employees", "Job amount", "Due amount"]
HOUSECALL_JOB_ROWS = [
    ['="678"', "Pool opening", "Completed", "Walter Brown", "3 Lake Road, Lakeside", "2026-02-01",
     "2026-02-12 09:00:00", "Ortiz, Sam", "$1234.56", "$0.00"],
    ['="679"', "Green pool rescue", "Pro canceled", "Hill Property Group", "1 Commerce St, Dallas", "2026-02-15",
     "2026-02-18 14:00:00", "Carlos Díaz", "$850.00", "$850.00"],
    ['="680"', "Weekly service", "Scheduled", "Hill Property Group", "1 Commerce St, Dallas", "2026-02-20",
     "2026-03-05 08:30:00", "Carlos Díaz", "$95.00", "$95.00"],
]


def test_housecall_pro_jobs_export(office_people, tmp_path):
    path = _write(tmp_path / "hcp.csv", HOUSECALL_JOBS, HOUSECALL_JOB_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "Housecall Pro jobs export" and (result.imported, result.completed) == (3, 1)
    opening, cancelled, booked = _visits()
    # "Ortiz, Sam" is Sam Ortiz; the address names the customer's site; Excel's ="678" is 678
    assert (opening.status, opening.technician_id, opening.starts_at) == (
        "completed", office_people["sam"], _at(dt.date(2026, 2, 12), 9))
    assert Site.get_by_id(opening.site_id).street == "3 Lake Road" and opening.import_key.endswith("|678")
    assert "Job amount: $1234.56" in opening.notes
    assert (cancelled.status, cancelled.customer_id) == ("cancelled", office_people["hill"])
    assert (booked.status, booked.starts_at) == ("scheduled", _at(dt.date(2026, 3, 5), 8, 30))
    _nothing_lost(plan, HOUSECALL_JOBS, HOUSECALL_JOB_ROWS)


HOUSECALL_REPORT = ["Invoice Number", "Created At", "Date", "End Time", "Travel Duration", "On Job Duration",
                    "Total Duration", "Customer", "First Name", "Last Name", "Email", "Company", "Mobile Phone",
                    "Home Phone", "Customer Tags", "Address", "Street", "Street Line 2", "City", "State", "Zip",
                    "Description", "Work Status", "Employee"]
HOUSECALL_REPORT_ROWS = [
    ["1001-2", "2026-01-30T15:00:00Z", "2026-02-03T10:00:00Z", "2026-02-03T11:15:00Z", "20", "75", "95",
     "Dorothy Finch", "Dorothy", "Finch", "dorothy@finch.example", "Finch's Gifts", "", "555 201 4455", "VIP",
     "12 Market Street, Riverton OH 45002", "12 Market Street", "", "Riverton", "OH", "45002",
     "Monthly pest control", "complete rated", "Sam Ortiz"],
]


def test_housecall_pro_job_report(office_people, tmp_path):
    path = _write(tmp_path / "report.csv", HOUSECALL_REPORT, HOUSECALL_REPORT_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "Housecall Pro job report" and (result.imported, result.completed) == (1, 1)
    assert plan.left_out() == ["Company", "Customer Tags", "Address"]  # the customer's, and the address again
    (visit,) = _visits()
    assert (visit.customer_id, visit.service_type, visit.technician_id) == (
        office_people["dorothy"], "Monthly pest control", office_people["sam"])
    assert (visit.starts_at, visit.ends_at) == (_at(dt.date(2026, 2, 3), 10), _at(dt.date(2026, 2, 3), 11, 15))
    assert "On Job Duration: 75" in visit.notes and "Invoice Number: 1001-2" in visit.notes
    _nothing_lost(plan, HOUSECALL_REPORT, HOUSECALL_REPORT_ROWS)


GORILLADESK = ["Account Number", "Customer", "Location", "Service", "Date", "Time", "Length", "Assigned To",
               "Sold By", "Status", "Job Note", "Repeat"]
GORILLADESK_ROWS = [
    ["1001", "Dorothy Finch", "12 Market Street", "General pest", "02/09/2026", "8:30 AM", "45", "Sam Ortiz",
     "Kim Lo", "Complete", "Treated stockroom baseboards; no activity in traps", "Monthly"],
    ["1001", "Dorothy Finch", "12 Market Street", "General pest", "03/09/2026", "8:30 AM", "45", "Sam Ortiz",
     "Kim Lo", "Confirmed", "Call before arriving", "Monthly"],
    ["88412", "Hill Property Group", "1 Commerce St", "Termite bait check", "02/27/2026", "", "1:30", "Carlos Díaz",
     "", "Reschedule", "Gate locked", ""],
]


def test_gorilladesk_jobs_export(office_people, tmp_path):
    path = _write(tmp_path / "gorilla.csv", GORILLADESK, GORILLADESK_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "GorillaDesk jobs export" and (result.imported, result.completed, result.plans) == (3, 1, 1)
    done, moved, confirmed = [v for v in _visits() if v.import_key]
    assert (done.status, done.work_done, done.ends_at) == (
        "completed", "Treated stockroom baseboards; no activity in traps", _at(dt.date(2026, 2, 9), 9, 15))
    assert (moved.status, moved.notes, moved.ends_at - moved.starts_at) == (
        "rescheduled", "Gate locked", dt.timedelta(minutes=90))
    assert (confirmed.status, confirmed.notes) == ("confirmed", "Call before arriving\nSold By: Kim Lo")
    _nothing_lost(plan, GORILLADESK, GORILLADESK_ROWS)


SERVICETITAN = ["Job #", "Customer ID", "Customer Name", "Location Name", "Location Address", "Job Type",
                "Business Unit", "Job Status", "Job Creation Date", "Job Start Date", "Completion Date",
                "Primary Technician", "Summary", "Campaign"]
SERVICETITAN_ROWS = [
    ["55120", "88412", "Hill Property Group", "Head office", "1 Commerce St", "AC Maintenance", "HVAC Service",
     "Completed", "1/28/2026", "2/4/2026 7:30 AM", "2/4/2026 9:10 AM", "Carlos Díaz", "Replaced filters on units 1-4",
     "Maintenance agreement"],
    ["55188", "cus_7f3a", "Walter Brown", "Rental", "400 Pine Road", "Duct cleaning", "HVAC Service", "Dispatched",
     "2/25/2026", "3/3/2026 10:00 AM", "", "Sam Ortiz", "Tenant will let you in", ""],
]


def test_servicetitan_jobs_report(office_people, tmp_path):
    path = _write(tmp_path / "st.csv", SERVICETITAN, SERVICETITAN_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "ServiceTitan jobs report" and (result.imported, result.completed) == (2, 1)
    done, booked = _visits()
    assert (done.customer_id, done.service_type, done.completed_at) == (
        office_people["hill"], "AC Maintenance", _at(dt.date(2026, 2, 4), 9, 10))
    assert done.work_done == "Replaced filters on units 1-4" and "Business Unit: HVAC Service" in done.notes
    assert (booked.customer_id, booked.status, booked.starts_at) == (
        office_people["walter"], "scheduled", _at(dt.date(2026, 3, 3), 10))
    assert Site.get_by_id(booked.site_id).label == "Rental" and booked.notes.startswith("Tenant will let you in")
    _nothing_lost(plan, SERVICETITAN, SERVICETITAN_ROWS)


# ------------------------------------------------------------------ customers and technicians

def test_rows_are_matched_to_customers_or_refused_by_line(office_people, tmp_path):
    customers.create(name="Ann Lee", phone="555 100 0001")
    customers.create(name="Ann Lee", phone="555 100 0002")
    rows = [("2026-02-01", "Walter Brown", "", "walter@brown.example"),  # name and email
            ("2026-02-02", "walter brown", "(817) 555-0100", ""),  # name (any case) and phone
            ("2026-02-03", "Dorothy Finch", "", ""),  # nothing but a name: the one customer of that name
            ("2026-02-04", "Walter Brown", "555 999 0000", ""),  # a phone the office has not: not him
            ("2026-02-05", "Ann Lee", "", ""),  # two customers are called Ann Lee
            ("2026-02-06", "Rosa Park", "", "")]
    path = _write(tmp_path / "v.csv", ("Date", "Client", "Phone", "Email"), rows)
    plan = visit_import.read(path)
    assert [str(p) for p in plan.problems] == [
        "line 5: No customer in the office matches “Walter Brown” (555 999 0000): import the customer list first, "
        "or correct the row.",
        "line 6: Several customers are called “Ann Lee”; give the row their client id, phone or email.",
        "line 7: No customer in the office matches “Rosa Park”: import the customer list first, or correct the row."]
    assert [v.customer_id for v in plan.rows] == [office_people["walter"]] * 2 + [office_people["dorothy"]]
    with pytest.raises(ValidationError):
        visit_import.run(plan)
    assert _visits() == []  # all or nothing


def _technician_file(tmp_path):
    rows = [("2026-02-10", "1001", "Monthly pest", "Priya Nair", "Completed"),
            ("2026-02-11", "1001", "Monthly pest", "CARLOS DIAZ", "Completed"),  # case and accents
            ("2026-03-10", "88412", "Bait check", "Priya Nair", "Scheduled"),
            ("2026-03-11", "88412", "Bait check", "Tom B.", "Scheduled")]
    return _write(tmp_path / "t.csv", ("Date", "Client ID", "Service", "Technician", "Status"), rows)


def test_unknown_technicians_are_refused_then_created(office_people, tmp_path):
    path = _technician_file(tmp_path)
    plan = visit_import.read(path)
    assert not plan.ok and plan.problems == [] and plan.unresolved == ["Priya Nair", "Tom B."]
    assert plan.unknown == {"Priya Nair": 2, "Tom B.": 1}
    with pytest.raises(ValidationError):
        visit_import.run(plan)
    assert _visits() == [] and Staff.select().count() == 2
    plan = visit_import.read(path, create_technicians=True)
    assert plan.ok
    result = visit_import.run(plan)
    assert result.technicians == ("Priya Nair", "Tom B.")
    priya = Staff.get(Staff.name == "Priya Nair")
    assert priya.role == "technician" and priya.active
    assert [(v.service_type, v.technician_id) for v in _visits()] == [
        ("Monthly pest", priya.id), ("Monthly pest", office_people["carlos"]), ("Bait check", priya.id),
        ("Bait check", Staff.get(Staff.name == "Tom B.").id)]


def test_unknown_technicians_are_said_to_be_someone_here_or_left_unassigned(office_people, tmp_path):
    path = _technician_file(tmp_path)
    with pytest.raises(ImportFileError, match="“Priya Naïr” \\(for “Priya Nair”\\) is not a technician of the office"):
        visit_import.read(path, technicians={"Priya Nair": "Priya Naïr"})
    half = visit_import.read(path, technicians={"priya nair": "sam ortiz"})
    assert half.unresolved == ["Tom B."]
    plan = visit_import.read(path, technicians={"Priya Nair": "Sam Ortiz", "Tom B.": None})
    assert plan.ok and Staff.select().count() == 2
    visit_import.run(plan)
    visits = _visits()
    assert [v.technician_id for v in visits] == [office_people["sam"], office_people["carlos"], office_people["sam"],
                                                 None]
    assert visits[3].notes == "Technician: Tom B."  # unassigned, and the name kept


# ------------------------------------------------------------------ recurring jobs become service plans

def test_a_recurring_job_becomes_the_plan_its_words_say(office_people, tmp_path):
    rows = [("1001", "Feb 10, 2026", "9:00 AM - 10:00 AM", "Monthly pest", "Sam Ortiz", "Feb 10, 2026", "Recurring",
             "Monthly on the 2nd Tuesday of the month"),
            ("1001", "Jan 13, 2026", "9:00 AM - 10:00 AM", "Monthly pest", "Sam Ortiz", "Jan 13, 2026", "Recurring",
             "Monthly on the 2nd Tuesday of the month"),
            ("1001", "Mar 10, 2026", "10:00 AM - 11:00 AM", "Monthly pest", "Carlos Díaz", "", "Recurring",
             "Monthly on the 2nd Tuesday of the month"),
            ("88412", "Feb 16, 2026", "7:00 AM - 7:45 AM", "Pool service", "Carlos Díaz", "Feb 16, 2026", "Recurring",
             "Every 2 weeks"),
            ("cus_7f3a", "Feb 17, 2026", "", "Lawn", "Sam Ortiz", "Feb 17, 2026", "Recurring", "Every weekday"),
            ("cus_7f3a", "Feb 18, 2026", "", "Window wash", "Sam Ortiz", "Feb 18, 2026", "Recurring", "")]
    header = ("Client ID", "Date", "Times", "Visit title", "Assigned to", "Visit completed date", "Job type",
              "Visit frequency")
    path = _write(tmp_path / "r.csv", header, rows)
    plan = visit_import.read(path)
    assert [str(p) for p in plan.plans] == [
        "line 3: Dorothy Finch — Monthly pest: Monthly on the 2nd Tuesday, from Jan 13, 2026 at 10:00\u00a0AM, "
        "with Carlos Díaz",
        "line 5: Hill Property Group — Pool service: Every 2 weeks on Monday, from Feb 16, 2026 at 7:00\u00a0AM, "
        "with Carlos Díaz"]
    assert [str(p) for p in plan.no_plan] == [
        "line 6: Walter Brown — Lawn (“Every weekday”): it repeats on weekdays; its 1 visit come in one by one",
        "line 7: Walter Brown — Window wash: the file says the job is recurring but not how often it repeats; its "
        "1 visit come in one by one"]
    result = visit_import.run(plan)
    assert result.plans == 2
    monthly = ServicePlan.get(ServicePlan.customer == office_people["dorothy"])
    assert (monthly.recurrence, monthly.interval, monthly.weekday, monthly.week_of_month) == ("monthly_weekday", 1, 1, 2)
    assert (monthly.starts_on, monthly.window_start, monthly.duration_min, monthly.technician_id) == (
        dt.date(2026, 1, 13), dt.time(10), 60, office_people["carlos"])
    # the file's visits are the plan's; the plan books the 2nd Tuesdays after them, 12 weeks ahead of today
    dorothy = [(v.starts_at, v.status, v.plan_id, v.import_key != "") for v in _visits()
               if v.customer_id == office_people["dorothy"]]
    assert dorothy == [(_at(dt.date(2026, 1, 13), 9), "completed", monthly.id, True),
                       (_at(dt.date(2026, 2, 10), 9), "completed", monthly.id, True),
                       (_at(dt.date(2026, 3, 10), 10), "scheduled", monthly.id, True),
                       (_at(dt.date(2026, 4, 14), 10), "scheduled", monthly.id, False),
                       (_at(dt.date(2026, 5, 12), 10), "scheduled", monthly.id, False)]
    pool = ServicePlan.get(ServicePlan.customer == office_people["hill"])
    assert (pool.recurrence, pool.interval, pool.weekday, pool.window_end) == ("every_n_weeks", 2, 0, dt.time(7, 45))
    assert [v.starts_at.date() for v in _visits() if v.plan_id == pool.id] == [
        dt.date(2026, 2, 16), dt.date(2026, 3, 2), dt.date(2026, 3, 16), dt.date(2026, 3, 30), dt.date(2026, 4, 13),
        dt.date(2026, 4, 27), dt.date(2026, 5, 11), dt.date(2026, 5, 26)]  # Memorial Day's on the Tuesday
    # the same file again: the plans are kept, nothing is doubled
    snapshot = _snapshot()
    again = visit_import.read(path)
    assert again.rows == [] and visit_import.run(again).plans == 0 and _snapshot() == snapshot


def test_a_newer_export_completes_the_plans_booked_visit_instead_of_doubling_it(office_people, tmp_path):
    header = ("Client ID", "Date", "Service", "Frequency", "Status", "Notes", "Technician")
    first = _write(tmp_path / "a.csv", header, [("1001", "2026-02-24 09:00", "Spray", "Weekly", "Completed", "", "")])
    visit_import.run(visit_import.read(first))
    booked = [(v.id, v.starts_at.date()) for v in _visits()]
    assert [day for _id, day in booked[:3]] == [dt.date(2026, 2, 24), dt.date(2026, 3, 3), dt.date(2026, 3, 10)]
    clock.set_now(dt.datetime(2026, 3, 4, 9, 0))  # a week later the other program says the 3rd was done
    newer = _write(tmp_path / "b.csv", header, [
        ("1001", "2026-02-24 09:00", "Spray", "Weekly", "Completed", "", ""),
        ("1001", "2026-03-03 09:40", "Spray", "Weekly", "Completed", "Kitchen treated", "Carlos Diaz")])
    plan = visit_import.read(newer)
    assert plan.rows == [] and [p.line for p in plan.already] == [2] and [v.line for _i, v in plan.updates] == [3]
    assert [str(p) for p in plan.plans] == ["line 3: Dorothy Finch — Spray: Weekly on Tuesday (already a plan here)"]
    assert visit_import.run(plan).updated == 1
    assert [(v.id, v.starts_at.date()) for v in _visits()] == booked and ServicePlan.select().count() == 1
    third = Visit.get_by_id(booked[1][0])
    assert (third.status, third.work_done, third.technician_id, third.starts_at) == (
        "completed", "Kitchen treated", office_people["carlos"], _at(dt.date(2026, 3, 3), 9, 40))
    again = visit_import.read(newer)
    assert again.updates == [] and len(again.already) == 2


# ------------------------------------------------------------------ history, contact and health

def test_completed_visits_are_contact_and_lift_the_health_score(office_people, tmp_path):
    customers.update(office_people["hill"], customers.get(office_people["hill"]).version,
                     customer_since=dt.date(2025, 1, 1))
    assert any("no contact" in r.text for r in health.assess(office_people["hill"]).reasons)
    path = _write(tmp_path / "h.csv", ("Client ID", "Date", "Service", "Status"),
                  [("88412", "2026-02-20 10:00", "Bait check", "Completed"),
                   ("88412", "2026-03-20 10:00", "Bait check", "Scheduled")])
    visit_import.run(visit_import.read(path))
    summary = database.execute_sql("SELECT last_contact_at, next_visit_at, health_score FROM customer WHERE id = ?",
                                   (office_people["hill"],)).fetchone()
    assert [str(summary[0])[:16], str(summary[1])[:16]] == ["2026-02-20 10:00", "2026-03-20 10:00"]
    assert not any("no contact" in r.text for r in health.assess(office_people["hill"]).reasons)
    assert summary[2] == health.assess(office_people["hill"]).score == 100
    from servicedesk.core.services import history

    items = history.timeline(office_people["hill"])
    assert [(i.title, i.text) for i in items] == [("Visit — Bait check (scheduled)", ""),
                                                  ("Visit — Bait check (completed)", "")]


# ------------------------------------------------------------------ all or nothing, and what is not a visit

def test_a_bad_row_or_an_unplaced_column_imports_nothing(office_people, tmp_path):
    rows = [("2026-02-01", "1001", "Spray", "done", "4411"), ("2026-02-31", "1001", "Spray", "done", ""),
            ("2026-02-03", "1001", "Spray", "finished-ish", ""), ("2026-02-04", "1001", "Spray", "", "")]
    path = _write(tmp_path / "bad.csv", ("Date", "Client ID", "Service", "Status", "Gate code"), rows)
    plan = visit_import.read(path)
    assert [str(p) for p in plan.problems] == [
        "line 3: Date “2026-02-31” is not a date (write it as YYYY-MM-DD).",
        "line 4: Status “finished-ish” is not one ServiceDesk knows: write completed, scheduled, confirmed, "
        "cancelled, rescheduled or no access."]
    assert [str(u) for u in plan.unmapped] == [
        "Column 'Gate code' has data in 1 row and no place: map it, keep it in the notes, or leave it out"]
    with pytest.raises(ValidationError):
        visit_import.run(plan)
    assert _visits() == []
    kept = visit_import.read(path, keep_in_notes=True, drop=())
    assert kept.unmapped == [] and len(kept.problems) == 2


def test_stopping_part_way_imports_nothing(office_people, tmp_path):
    rows = [(f"2026-01-{1 + n % 28:02d} {8 + n % 9}:{n % 60:02d}", "1001", f"Visit {n}") for n in range(2500)]
    plan = visit_import.read(_write(tmp_path / "many.csv", ("Date", "Client ID", "Service"), rows))
    assert plan.ok and len(plan.rows) == 2500
    with pytest.raises(visit_import.Cancelled):
        visit_import.run(plan, progress=lambda done, total: done < 2000)
    assert _visits() == [] and ServicePlan.select().count() == 0


def test_jobs_without_a_date_are_reported_not_imported(office_people, tmp_path):
    rows = [("", "Needs scheduling", "Walter Brown", "Spring opening"), ("2026-02-02", "Completed", "Walter Brown", "")]
    path = _write(tmp_path / "u.csv", ("Job scheduled start date", "Job status", "Customer name", "Job description"),
                  rows)
    plan = visit_import.read(path)
    assert plan.ok and [str(p) for p in plan.not_scheduled] == [
        "line 2: Walter Brown: Spring opening has no date yet, so it is not a visit; book it when it is scheduled"]
    assert len(plan.rows) == 1


def test_a_file_without_dates_or_customers_is_refused_whole(office_people, tmp_path):
    with pytest.raises(ImportFileError, match="no column holds the visits' dates"):
        visit_import.read(_write(tmp_path / "a.csv", ("Client", "Service"), [("Walter Brown", "Spray")]))
    with pytest.raises(ImportFileError, match="no column says whose visit it is"):
        visit_import.read(_write(tmp_path / "b.csv", ("Date", "Service"), [("2026-01-01", "Spray")]))


# ------------------------------------------------------------------ the command line

def test_cli_refuses_unknown_technicians_then_takes_each_answer(tmp_path):
    from tests.customers.test_imports import _cli

    db = str(tmp_path / "cli.db")
    people = _write(tmp_path / "people.csv", ("Name", "Client id", "Phone"),
                    [("Dorothy Finch", "1001", "555 201 4455"), ("Walter Brown", "1002", "555 201 7777")])
    assert _cli("init", "--database", db).returncode == 0
    assert _cli("import-customers", str(people), "--database", db).returncode == 0
    visits = _write(tmp_path / "v.csv", ("Date", "Client ID", "Service", "Technician", "Status"),
                    [("2026-02-10", "1001", "Spray", "Priya Nair", "Completed"),
                     ("2026-02-11", "1002", "Spray", "Priya Nair", "Completed"),
                     ("2026-02-12", "1002", "Bait check", "Tom Becker", "Completed")])
    refused = _cli("import-visits", str(visits), "--database", db)
    assert refused.returncode == 1
    assert "technicians the office does not have: “Priya Nair” (2 visits), “Tom Becker” (1 visit)." in refused.stderr
    assert "Add them with --create-technicians, or say who each is here with --technician 'Priya Nair=Name Here'" \
        in refused.stderr
    assert "Nothing was imported: 2 technicians unknown." in refused.stderr
    checked = _cli("import-visits", str(visits), "--check", "--create-technicians", "--database", db)
    assert checked.returncode == 0, checked.stderr
    assert "Check only: 3 visits would be imported (3 completed), 2 technicians added: Priya Nair, Tom Becker." \
        in checked.stdout
    mapped = _cli("import-visits", str(visits), "--technician", "Priya Nair=", "--technician", "tom becker=Priya N",
                  "--database", db)
    assert mapped.returncode == 1 and "“Priya N” (for “tom becker”) is not a technician of the office" in mapped.stderr
    done = _cli("import-visits", str(visits), "--create-technicians", "--technician", "Tom Becker=", "--database", db)
    assert done.returncode == 0, done.stderr
    assert "Imported 3 visits (3 completed); added 1 technician: Priya Nair." in done.stdout
    again = _cli("import-visits", str(visits), "--database", db)
    assert again.returncode == 0 and "Imported 0 visits (0 completed); 3 visits already here." in again.stdout
    one = _write(tmp_path / "one.csv", ("Date", "Client ID", "Service", "Technician"),
                 [("2026-02-13", "1001", "Spray", "priya nair")])
    assert "Imported 1 visit (1 completed)." in _cli("import-visits", str(one), "--database", db).stdout
