"""Client lists as the products offices move from export them: every field lands, nothing is dropped,
and importing the same file again with ``update`` changes nothing.

Each file is made here from the column names the layout documents (see import_layouts.py for where
they come from), with the products' own habits: one row per property sharing a client id (Jobber,
ServiceTitan), an address written as lines (QuickBooks Desktop), numbered label/value pairs (Google).
"""

import csv
import re

import pytest

from servicedesk.core.services import customers, imports
from servicedesk.core.store.models import Contact, Customer, Site
from servicedesk.core.validation import check_country


def _write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _blob(customer_id) -> str:
    """Everything the office now has on a customer, as one text, for checking nothing was lost."""
    c = Customer.get_by_id(customer_id)
    parts = [str(getattr(c, f.name)) for f in Customer._meta.sorted_fields]
    parts += [str(v) for s in Site.select().where(Site.customer == customer_id) for v in s.__data__.values()]
    parts += [str(v) for k in Contact.select().where(Contact.customer == customer_id) for v in k.__data__.values()]
    return "\n".join(parts)


def _digits(text):
    return re.sub(r"\D", "", text)


def _nothing_lost(path, header, rows, ignore=()):
    """Every cell with data is found in the customer its row became (numbers by their digits)."""
    by_row = {}
    blobs = [_blob(c.id) for c in Customer.select()]
    for row in rows:
        best = max(blobs, key=lambda blob: sum(1 for v in row if v and v in blob))
        by_row[tuple(row)] = best
    for row, blob in by_row.items():
        for head, value in zip(header, row):
            if not value or head in ignore:
                continue
            if "Country" in head:
                value = check_country(value)[0]  # stored as its code
            digits = _digits(value)
            if digits and len(digits) >= 7 and not re.search(r"[a-z]{3}", value, re.I):
                assert digits[-7:] in _digits(blob), (head, value)
            else:
                parts = [p.strip(" *") for p in re.split(r",\s*|:::", value) if p.strip(" *") != "myContacts"]
                # an address line "Springfield, IL 62701" is kept as its parts: each word is there
                assert all(p in blob or all(w in blob for w in p.split()) for p in parts if p), (head, value)


def _import_twice(path):
    plan = imports.read(path)
    assert plan.ok, [str(p) for p in plan.problems] + [str(u) for u in plan.unmapped]
    first = imports.run(plan)
    snapshot = {c.id: _blob(c.id) for c in Customer.select()}
    again = imports.read(path, update=True)
    assert again.ok and again.duplicates == []
    assert [str(u) for u in again.updates if u.changes] == []  # nothing to change the second time
    result = imports.run(again)
    assert (result.imported, result.updated, result.unchanged) == (0, 0, len(again.updates))
    assert {c.id: _blob(c.id) for c in Customer.select()} == snapshot
    return plan, first


def _one(name):
    return customers.get(customers.search_ids(name)[0])


JOBBER = ["J-ID", "Display Name", "Company Name", "Title", "First Name", "Last Name", "Main Phone #s",
          "Mobile Phone #s", "Home Phone #s", "Work Phone #s", "E-mails", "Tags", "Billing Street 1",
          "Billing Street 2", "Billing City", "Billing State", "Billing Country", "Billing Zip code",
          "Service Property Name", "Service Street 1", "Service Street 2", "Service City", "Service State",
          "Service Zip code", "Created Date", "Lead Source", "Archived"]
JOBBER_ROWS = [
    ["1001", "Kevin Weaver", "", "Mr.", "Kevin", "Weaver", "(817) 555-0100", "214-555-0199", "", "",
     "kevin@weaver.example, office@weaver.example", "VIP, Monthly", "12 Oak Street", "Suite 2", "Fort Worth",
     "TX", "US", "76102", "Home", "12 Oak Street", "Suite 2", "Fort Worth", "TX", "76102", "2021-03-04",
     "Google", "false"],
    ["1001", "Kevin Weaver", "", "Mr.", "Kevin", "Weaver", "(817) 555-0100", "214-555-0199", "", "",
     "kevin@weaver.example, office@weaver.example", "VIP, Monthly", "12 Oak Street", "Suite 2", "Fort Worth",
     "TX", "US", "76102", "Rental", "400 Pine Road", "", "Arlington", "TX", "76010", "2021-03-04",
     "Google", "false"],
    ["1002", "Hill Property Group", "Hill Property Group", "", "", "", "", "", "", "(817) 555-0300",
     "ap@hill.example", "Commercial", "1 Commerce St", "", "Dallas", "TX", "United States", "75201", "",
     "9 Elm Road", "", "Dallas", "TX", "75202", "2019-11-20", "", "false"],
]


def test_jobber_client_export(office_db, tmp_path):
    path = _write(tmp_path / "jobber.csv", JOBBER, JOBBER_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "Jobber" and result.imported == 2  # the second property row is the same client
    kevin = _one("Weaver")
    assert (kevin.name, kevin.reference, kevin.tags, kevin.salutation) == (
        "Kevin Weaver", "1001", "VIP, Monthly", "Dear Mr. Weaver")
    assert (kevin.street, kevin.street2, kevin.city, kevin.state, kevin.postcode, kevin.country) == (
        "12 Oak Street", "Suite 2", "Fort Worth", "TX", "76102", "US")
    assert kevin.phone == "(817) 555-0100" and kevin.email == "kevin@weaver.example"
    assert str(kevin.customer_since) == "2021-03-04"
    assert [(s.label, s.street, s.city) for s in kevin.sites] == [
        ("Home", "12 Oak Street", "Fort Worth"), ("Rental", "400 Pine Road", "Arlington")]
    assert sorted((c.role, c.phone or c.email) for c in kevin.contacts) == [
        ("Mobile", "214-555-0199"), ("Other email", "office@weaver.example")]
    assert "Lead Source: Google" in kevin.notes and "Archived: false" in kevin.notes
    hill = _one("Hill Property")
    assert (hill.name, hill.company, hill.phone, hill.country) == (
        "Hill Property Group", "Hill Property Group", "(817) 555-0300", "US")
    assert [(s.label, s.street) for s in hill.sites] == [("Main", "9 Elm Road")]
    _nothing_lost(path, JOBBER, JOBBER_ROWS, ignore=("Title",))


def test_the_issue_s_jobber_list_keeps_every_phone_email_and_address(office_db, tmp_path):
    header = ["J-ID", "Display Name", "Company Name", "Title", "First Name", "Last Name", "Main Phone #s",
              "Mobile Phone #s", "E-mails", "Tags", "Billing Street 1", "Billing Street 2", "Billing City",
              "Billing State", "Billing Country", "Billing Zip code", "Created Date"]
    rows = [["77", "Ann Lee", "", "", "Ann", "Lee", "555 201 0001", "555 201 0002", "ann@lee.example", "pool",
             "3 Bay Road", "Unit 4", "Riverton", "OH", "US", "45002", "2020-06-01"]]
    path = _write(tmp_path / "j.csv", header, rows)
    _import_twice(path)
    ann = _one("Ann Lee")
    assert (ann.phone, ann.email, ann.street, ann.street2, ann.state) == (
        "555 201 0001", "ann@lee.example", "3 Bay Road", "Unit 4", "OH")
    assert [(c.role, c.phone) for c in ann.contacts] == [("Mobile", "555 201 0002")]
    _nothing_lost(path, header, rows)


HOUSECALL = ["First Name", "Last Name", "Company", "Mobile Phone", "Home Phone", "Email", "Street", "Street Line 2",
             "City", "State", "Zip", "Tags", "Notes"]
HOUSECALL_ROWS = [
    ["Marta", "Diaz", "", "", "555 301 4000", "marta@diaz.example", "8 Palm Ave", "Apt 3", "Tampa", "FL", "33601",
     "weekly", "Side gate sticks"],
    ["Joe", "Park", "Park Dental", "555 301 5000", "555 301 5001", "", "2 Main St", "", "Tampa", "FL", "33602", "",
     ""],
]


def test_housecall_pro_customer_export(office_db, tmp_path):
    path = _write(tmp_path / "hcp.csv", HOUSECALL, HOUSECALL_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "Housecall Pro" and result.imported == 2
    marta = _one("Marta")
    assert marta.phone == "555 301 4000"  # her only number is the home phone
    assert (marta.street2, marta.state, marta.tags, marta.notes) == ("Apt 3", "FL", "weekly", "Side gate sticks")
    joe = _one("Park")
    assert (joe.phone, joe.company) == ("555 301 5000", "Park Dental")
    assert [(c.role, c.phone) for c in joe.contacts] == [("Home", "555 301 5001")]
    _nothing_lost(path, HOUSECALL, HOUSECALL_ROWS)


GORILLA = ["Account Number", "First Name", "Last Name", "Company", "Email", "Mobile Phone", "Home Phone", "Status",
           "Tags", "Source", "Created", "Location Name", "Address Line 1", "Address Line 2", "City", "State", "Zip",
           "County", "Location Note", "Billing Address Line 1", "Billing Address Line 2", "Billing City",
           "Billing State", "Billing Zip"]
GORILLA_ROWS = [
    ["5047", "John", "Doe", "", "john@doe.example", "212-456-7890", "212-456-7000", "active", "super, vip",
     "Facebook", "2023-05-21T17:32:28+00:00", "Home", "523 East 72nd Street", "Apt 9", "New York", "NY", "10021",
     "New York", "Doorman; dog in yard", "PO Box 12", "", "New York", "NY", "10001"],
    ["5048", "Lia", "Moss", "", "", "", "212-456-1111", "lead", "", "", "2024-01-02", "", "9 Hudson St", "",
     "New York", "NY", "10013", "", "", "", "", "", "", ""],
]


def test_gorilladesk_customer_export(office_db, tmp_path):
    path = _write(tmp_path / "gd.csv", GORILLA, GORILLA_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "GorillaDesk" and result.imported == 2
    john = _one("John Doe")
    assert (john.reference, john.street, john.city, john.postcode) == ("5047", "PO Box 12", "New York", "10001")
    assert [(s.label, s.street, s.street2, s.access_notes) for s in john.sites] == [
        ("Home", "523 East 72nd Street", "Apt 9", "Doorman; dog in yard")]
    assert str(john.customer_since) == "2023-05-21" and "County: New York" in john.notes
    lia = _one("Lia Moss")
    assert lia.status == "prospect" and lia.street == "9 Hudson St"  # no billing address: the service address
    _nothing_lost(path, GORILLA, GORILLA_ROWS, ignore=("Status", "Created"))


TITAN = ["Customer ID", "Customer Name", "Customer Type", "Customer Address", "Customer City", "Customer State",
         "Customer Zip", "Phone Number", "Email", "Location Name", "Location Address", "Location City",
         "Location State", "Location Zip", "Member Status", "Created On", "Tags"]
TITAN_ROWS = [
    ["88001", "Sunset Apartments LLC", "Commercial", "50 Market St", "San Diego", "CA", "92101", "619-555-0100",
     "billing@sunset.example", "Building A", "100 Sunset Blvd", "San Diego", "CA", "92103", "Member",
     "2018-02-01", "Property manager"],
    ["88001", "Sunset Apartments LLC", "Commercial", "50 Market St", "San Diego", "CA", "92101", "619-555-0100",
     "billing@sunset.example", "Building B", "120 Sunset Blvd", "San Diego", "CA", "92103", "Member",
     "2018-02-01", "Property manager"],
]


def test_servicetitan_customer_report(office_db, tmp_path):
    path = _write(tmp_path / "st.csv", TITAN, TITAN_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "ServiceTitan" and result.imported == 1
    sunset = _one("Sunset")
    assert (sunset.reference, sunset.street, sunset.city) == ("88001", "50 Market St", "San Diego")
    assert [(s.label, s.street) for s in sunset.sites] == [("Building A", "100 Sunset Blvd"),
                                                           ("Building B", "120 Sunset Blvd")]
    assert "Customer Type: Commercial" in sunset.notes and "Member Status: Member" in sunset.notes
    _nothing_lost(path, TITAN, TITAN_ROWS)


QBO = ["Title", "Company", "First Name", "Middle Name", "Last Name", "Suffix", "Display Name As",
       "Billing Address Line 1", "Billing Address Line 2", "Billing Address City", "Billing Address State",
       "Billing Address Postal Code", "Billing Address Country", "Shipping Address Line 1", "Shipping Address City",
       "Shipping Address State", "Shipping Address Postal Code", "Phone", "Mobile", "Fax", "Email", "Website",
       "Notes"]
QBO_ROWS = [
    ["Dr.", "Bay Clinic", "Amy", "R", "Chen", "", "Bay Clinic", "77 Harbour Rd", "Floor 2", "Vancouver", "BC",
     "V6B 1A1", "Canada", "80 Harbour Rd", "Vancouver", "BC", "V6B 1A2", "604-555-0101", "604-555-0102",
     "604-555-0103", "amy@bayclinic.example", "bayclinic.example", "Net 30"],
]


def test_quickbooks_online_customers(office_db, tmp_path):
    path = _write(tmp_path / "qbo.csv", QBO, QBO_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "QuickBooks Online" and result.imported == 1
    amy = _one("Amy")
    assert (amy.name, amy.company, amy.salutation, amy.country, amy.state) == (
        "Amy R Chen", "Bay Clinic", "Dear Dr. Chen", "CA", "BC")
    assert [(s.label, s.street) for s in amy.sites] == [("Shipping address", "80 Harbour Rd")]
    assert sorted(c.role for c in amy.contacts) == ["Fax", "Mobile"]
    _nothing_lost(path, QBO, QBO_ROWS, ignore=("Title",))


QBD = ["Active Status", "Customer", "Balance", "Company", "Mr./Ms./...", "First Name", "M.I.", "Last Name",
       "Primary Contact", "Main Phone", "Work Phone", "Mobile", "Alt. Phone", "Fax", "Main Email", "Bill to 1",
       "Bill to 2", "Bill to 3", "Bill to 4", "Ship to 1", "Ship to 2", "Customer Type", "Account No."]
QBD_ROWS = [
    ["Active", "Baker, Sue", "120.00", "", "Ms.", "Sue", "", "Baker", "Sue Baker", "555-201-3000", "555-201-3001",
     "", "", "", "sue@baker.example", "Sue Baker", "14 Mill Lane", "Apt 1", "Springfield, IL 62701", "",
     "", "Residential", "C-0042"],
    ["Not-active", "Gray Farms", "0.00", "Gray Farms", "", "", "", "", "Tom Gray", "555-201-4000", "", "555-201-4001",
     "", "", "", "Gray Farms", "RR 2 Box 9", "Decatur, IL 62521", "", "Gray Farms", "Barn road, gate 3",
     "Farm", "C-0043"],
]


def test_quickbooks_desktop_customer_list(office_db, tmp_path):
    path = _write(tmp_path / "qbd.csv", QBD, QBD_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "QuickBooks Desktop" and result.imported == 2
    sue = _one("Sue Baker")
    assert (sue.street, sue.street2, sue.city, sue.state, sue.postcode, sue.reference) == (
        "14 Mill Lane", "Apt 1", "Springfield", "IL", "62701", "C-0042")
    # "Primary Contact" is Sue herself: no contact person, only her work number
    assert [(c.role, c.phone) for c in sue.contacts] == [("Work", "555-201-3001")] and "Balance: 120.00" in sue.notes
    gray = _one("Gray Farms")
    assert gray.status == "paused" and (gray.street, gray.city) == ("RR 2 Box 9", "Decatur")
    assert [(c.name, c.role) for c in gray.contacts if not c.phone] == [("Tom Gray", "Contact")]
    assert [(s.label, s.street, s.street2) for s in gray.sites] == [("Ship to", "Barn road", "gate 3")]
    _nothing_lost(path, QBD, QBD_ROWS, ignore=("Active Status", "Customer", "Mr./Ms./..."))


OUTLOOK = ["Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
           "Business Street", "Business Street 2", "Business City", "Business State", "Business Postal Code",
           "Business Country/Region", "Home Street", "Home City", "Home State", "Home Postal Code",
           "Home Country/Region", "Business Phone", "Home Phone", "Mobile Phone", "Other Phone", "Categories",
           "E-mail Address", "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "Notes", "Priority",
           "Sensitivity", "Private"]
OUTLOOK_ROWS = [
    ["", "Nora", "", "Quinn", "", "Quinn Law", "", "Partner", "1 Court Sq", "Floor 5", "Albany", "NY", "12207",
     "United States", "44 Maple Dr", "Albany", "NY", "12208", "United States", "518-555-0100", "518-555-0101",
     "518-555-0102", "", "Clients;VIP", "nora@quinn.example", "SMTP", "Nora Quinn (nora@quinn.example)",
     "nq@home.example", "Prefers email", "Normal", "Normal", "False"],
]


def test_outlook_contacts_export(office_db, tmp_path):
    path = _write(tmp_path / "outlook.csv", OUTLOOK, OUTLOOK_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "Outlook contacts" and result.imported == 1
    assert plan.left_out() == ["E-mail Type", "E-mail Display Name", "Priority", "Sensitivity", "Private"]
    nora = _one("Nora")
    assert (nora.street, nora.street2, nora.state, nora.country) == ("1 Court Sq", "Floor 5", "NY", "US")
    assert nora.phone == "518-555-0102" and nora.tags == "Clients, VIP"  # no main number: the mobile first
    assert [(s.label, s.street) for s in nora.sites] == [("Home", "44 Maple Dr")]
    assert "Job Title: Partner" in nora.notes
    _nothing_lost(path, OUTLOOK, OUTLOOK_ROWS, ignore=(
        "E-mail Type", "E-mail Display Name", "Priority",
        "Sensitivity", "Private", "Categories"))


GOOGLE = ["Name Prefix", "First Name", "Middle Name", "Last Name", "Name Suffix", "Nickname",
          "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label",
          "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value", "Address 1 - Label", "Address 1 - Street",
          "Address 1 - Extended Address", "Address 1 - City", "Address 1 - Region", "Address 1 - Postal Code",
          "Address 1 - Country", "Organization Name", "Organization Title", "Notes", "Labels"]
GOOGLE_ROWS = [
    ["", "Olga", "", "Berg", "", "Ollie", "* Home", "olga@berg.example", "Work", "olga@work.example", "Mobile",
     "+1 555-777-0100 ::: +1 555-777-0101", "Work", "555-777-0200", "Home", "5 Fjord Way", "Unit 7", "Duluth",
     "MN", "55802", "US", "", "", "Loves the dog", "* myContacts ::: Pool"],
]


def test_google_contacts_export(office_db, tmp_path):
    path = _write(tmp_path / "google.csv", GOOGLE, GOOGLE_ROWS)
    plan, result = _import_twice(path)
    assert plan.layout == "Google Contacts" and result.imported == 1
    olga = _one("Olga")
    assert (olga.phone, olga.email, olga.tags) == ("+1 555-777-0100", "olga@berg.example", "Pool")
    assert sorted((c.role, c.phone or c.email) for c in olga.contacts) == [
        ("Mobile", "+1 555-777-0101"), ("Work", "555-777-0200"), ("Work", "olga@work.example")]
    assert (olga.street, olga.street2, olga.city, olga.state) == ("5 Fjord Way", "Unit 7", "Duluth", "MN")
    assert [s.label for s in olga.sites] == ["Home"] and "Nickname: Ollie" in olga.notes
    _nothing_lost(path, GOOGLE, GOOGLE_ROWS, ignore=("E-mail 1 - Label", "E-mail 2 - Label", "Phone 1 - Label",
                                                     "Phone 2 - Label", "Address 1 - Label"))


def test_a_column_with_data_and_no_place_refuses_the_whole_file(office_db, tmp_path):
    rows = [("Name", "Phone", "Gate code")] + [(f"Person {n}", f"555 201 {1000 + n}", f"#{n}") for n in range(240)]
    path = _write(tmp_path / "gate.csv", rows[0], rows[1:])
    plan = imports.read(path)
    assert not plan.ok and plan.problems == []
    assert [str(u) for u in plan.unmapped] == [
        "Column 'Gate code' has data in 240 rows and no place: map it, keep it in the notes, or leave it out"]
    with pytest.raises(Exception):
        imports.run(plan)
    assert customers.count() == 0
    kept = imports.read(path, keep_in_notes=True)
    assert kept.ok and "Gate code: #7" in [r.values["notes"] for r in kept.rows if r.values["name"] == "Person 7"]
    mapped = imports.read(path, maps={"Gate code": "site_access"})
    assert mapped.ok is False  # access notes need a site: there is no street
    dropped = imports.read(path, drop=["Gate code"])
    assert dropped.ok and dropped.left_out() == ["Gate code"]


def test_an_empty_column_with_no_place_is_no_problem(office_db, tmp_path):
    path = _write(tmp_path / "e.csv", ("Name", "Pager"), [("Ann Lee", ""), ("Bob Stone", " ")])
    plan = imports.read(path)
    assert plan.ok and plan.unmapped == []


def test_update_reports_each_change_by_line_and_applies_it(office_db, tmp_path):
    path = _write(tmp_path / "a.csv", HOUSECALL, HOUSECALL_ROWS)
    imports.run(imports.read(path))
    changed = [row[:] for row in HOUSECALL_ROWS]
    changed[0][9] = "GA"  # Marta's state
    changed[0][4] = "555 301 4999"  # a new home number: her phone changes
    path = _write(tmp_path / "b.csv", HOUSECALL, changed)
    without = imports.read(path)
    assert [d.reason for d in without.duplicates] == ["same email as Marta Diaz (already in the office)",
                                                      "same phone as Joe Park (already in the office)"]
    plan = imports.read(path, update=True)
    assert [str(u) for u in plan.updates] == [
        "line 2: Marta Diaz — Phone: “555 301 4000” → “555 301 4999”; State / province: “FL” → “GA”",
        "line 3: Joe Park — unchanged"]
    result = imports.run(plan)
    assert (result.imported, result.updated, result.unchanged) == (0, 1, 1)
    marta = _one("Marta")
    assert (marta.phone, marta.state) == ("555 301 4999", "GA") and customers.count() == 2


def test_cli_refuses_an_unmapped_column_and_names_the_way_out(tmp_path):
    from tests.customers.test_imports import _cli

    rows = [("Name", "Gate code")] + [(f"P{n} Lee", "1234") for n in range(3)]
    path = _write(tmp_path / "g.csv", rows[0], rows[1:])
    db = str(tmp_path / "cli.db")
    assert _cli("init", "--database", db).returncode == 0  # only init and demo create a database
    refused = _cli("import-customers", str(path), "--database", db)
    assert refused.returncode == 1
    assert ("Column 'Gate code' has data in 3 rows and no place: map it, keep it in the notes, or leave it out "
            "with --drop 'Gate code'") in refused.stderr
    assert "Nothing was imported" in refused.stderr
    kept = _cli("import-customers", str(path), "--keep-in-notes", "--database", db)
    assert kept.returncode == 0 and "Imported 3 customers." in kept.stdout
    again = _cli("import-customers", str(path), "--keep-in-notes", "--update", "--database", db)
    assert again.returncode == 0 and "unchanged: line 2: P0 Lee" in again.stdout
    assert "updated 0, unchanged 3" in again.stdout
