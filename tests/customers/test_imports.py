"""Importing and exporting customers as offices really have their lists."""

import csv
import os
import stat
import subprocess
import sys

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, imports
from servicedesk.core.store.models import Customer

ROWS = [
    ("Full name", "Company", "Telephone", "E-mail", "Address", "Town", "ZIP", "Comments"),
    ("Renée Dubois", "Café Dubois", "(555) 301-2200", "renee@cafe.example", "4 Quai Street", "Riverton", "45003",
     "Pâtisserie; mice in the cellar"),
    ("Walter Brown", "", "555.301.7777", "", "3 Lake Road", "Lakeside", "45010", ""),
]


def _write(path, rows, encoding, delimiter=","):
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def _names():
    return sorted(c.name for c in Customer.select())


@pytest.mark.parametrize("encoding, delimiter, label", [
    ("utf-8", ",", "UTF-8"),
    ("utf-8-sig", ";", "UTF-8 (BOM)"),
    ("cp1252", ";", "Windows-1252"),
    ("utf-16", "\t", "UTF-16"),  # Excel's "Unicode text"
    ("utf-16", ",", "UTF-16"),
])
def test_each_encoding_and_separator(office_db, tmp_path, encoding, delimiter, label):
    plan = imports.read(_write(tmp_path / "in.csv", ROWS, encoding, delimiter))
    assert plan.encoding == label
    assert plan.mapping == ["name", "company", "phone", "email", "street", "city", "postcode", "notes"]
    assert plan.ok and plan.total == 2
    assert imports.run(plan).imported == 2
    renee = customers.get(customers.search_ids("Dubois")[0])
    assert (renee.name, renee.company, renee.notes) == ("Renée Dubois", "Café Dubois", "Pâtisserie; mice in the cellar")
    assert renee.phone_e164 == "+15553012200" and renee.postcode == "45003"
    assert renee.sites[0].street == "4 Quai Street"


def test_first_and_last_name_columns(office_db, tmp_path):
    plan = imports.read(_write(tmp_path / "in.csv", [("First name", "Surname", "Mobile"),
                                                     ("Ann", "Lee", "555 201 0001")], "utf-8"))
    imports.run(plan)
    assert _names() == ["Ann Lee"]


def test_bad_rows_import_nothing_and_are_all_named(office_db, tmp_path):
    rows = ROWS + [("", "", "555 201 0000", "", "", "", "", "who is this?"),
                   ("Ann Lee", "", "", "ann@", "", "", "", ""),
                   ("Bob Stone", "", "", "", "", "", "", "", "extra", "fields")]
    plan = imports.read(_write(tmp_path / "in.csv", rows, "utf-8"))
    assert [(p.line, p.reason.split(".")[0]) for p in plan.problems] == [
        (4, "The customer's name is required"),
        (5, "The email address “ann@” is not valid: There must be something after the @-sign"),
        (6, "10 fields, but the header has 8 columns (a separator inside a value needs quotes)"),
    ]
    with pytest.raises(ValidationError):
        imports.run(plan)
    assert customers.count() == 0


def test_line_numbers_count_multiline_cells(office_db, tmp_path):
    rows = [("Name", "Notes"), ("Ann Lee", "first line\nsecond line"), ("", "nameless")]
    plan = imports.read(_write(tmp_path / "in.csv", rows, "utf-8"))
    assert [p.line for p in plan.problems] == [4]


def test_no_name_column_is_refused(office_db, tmp_path):
    with pytest.raises(imports.ImportFileError) as err:
        imports.read(_write(tmp_path / "in.csv", [("Phone", "City"), ("555", "x")], "utf-8"))
    assert "no column holds the customer's name" in str(err.value)


def test_likely_duplicates_are_reported_not_doubled(dorothy, tmp_path):
    rows = [("Name", "Phone", "Email"),
            ("Dot Finch", "(555) 201-4455", ""),  # same phone as Dorothy
            ("D. Finch", "", "DOROTHY@finchsgifts.example"),  # same email
            ("finch, dorothy", "", ""),  # same name, other order
            ("Walter Brown", "555 301 7777", ""),
            ("Walter  BROWN", "", "")]  # the same person twice in the file
    plan = imports.read(_write(tmp_path / "in.csv", rows, "utf-8"))
    assert [(d.line, d.reason) for d in plan.duplicates] == [
        (2, "same phone as Dorothy Finch (already in the office)"),
        (3, "same email as Dorothy Finch (already in the office)"),
        (4, "nearly the same name as Dorothy Finch (already in the office)"),
        (6, "nearly the same name as Walter Brown (line 5)"),
    ]
    result = imports.run(plan)
    assert (result.imported, result.skipped_duplicates) == (1, 4)
    assert _names() == ["Dorothy Finch", "Walter Brown"]


@pytest.mark.parametrize("first, second", [
    ("陳大文", "陳大文"),
    ("陳 大文", "大文 陳"),  # a one-character family name is a name, not an initial
    ("Ольга Смирнова", "ольга смирнова"),
    ("José Álvarez", "jose alvarez"),
    ("Ｍａｒｉａ Ｋｅｌｌｅｒ", "maria keller"),  # full-width letters, folded by normalisation
    ("Straße Müller", "STRASSE MULLER"),
])
def test_duplicate_names_are_found_in_every_script(office_db, tmp_path, first, second):
    rows = [("Name",), (first,), (second,), ("Someone Else",)]
    plan = imports.read(_write(tmp_path / "in.csv", rows, "utf-8"))
    assert [(d.line, d.reason) for d in plan.duplicates] == [(3, f"nearly the same name as {first} (line 2)")]


def test_different_names_in_other_scripts_are_not_duplicates():
    assert imports.name_key("陳大文") != imports.name_key("陳小文")
    assert imports.name_key("Ольга Смирнова") != imports.name_key("Ольга Петрова")


def test_export_neutralises_formulas_and_is_private(office_db, tmp_path):
    customers.create(name="=HYPERLINK(\"http://evil.example\")", notes="@SUM(A1:A9)", phone="+1 555 301 2200",
                     company="-minus")
    path = tmp_path / "out.csv"
    assert imports.export(path) == 1
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path, encoding="utf-8-sig", newline="") as f:
        header, row = list(csv.reader(f))
    cells = dict(zip(header, row))
    assert cells["Name"] == "'=HYPERLINK(\"http://evil.example\")"
    assert cells["Notes"] == "'@SUM(A1:A9)" and cells["Company"] == "'-minus" and cells["Phone"] == "'+1 555 301 2200"
    assert not any(cell.startswith(imports.FORMULA_STARTS) for cell in row)


def _snapshot():
    fields = [name for name, _label in imports.COLUMNS if name != "technician"]
    return sorted(tuple(str(getattr(c, f)) for f in fields) + (c.technician.name if c.technician else "",)
                  for c in Customer.select())


def test_round_trip_gives_back_the_same_customers(dorothy, tmp_path, db_path):
    from servicedesk.core.store import close_database, open_database
    from servicedesk.core.services import technicians

    customers.create(name="Walter Brown", status="cancelled", cancel_reason="Moved away; sold the pool",
                     notes="Line one\nline two, with \"quotes\"", phone="+1 555-301-7777", preferred_channel="email",
                     best_time="after 6pm", customer_since="2019-04-01", trade="pool")
    customers.create(name="+1 Formula Guy", notes="=1+1", company="@home")
    before = _snapshot()
    path = tmp_path / "export.csv"
    imports.export(path)
    close_database()
    open_database(tmp_path / "second.db")
    technicians.create("Sam Ortiz")
    plan = imports.read(path)
    assert plan.ok and not plan.duplicates and not plan.warnings
    imports.run(plan)
    assert _snapshot() == before


def _cli(*args):
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    return subprocess.run([sys.executable, "-m", "servicedesk", *args], capture_output=True, text=True, env=env)


def test_cli_exit_status(tmp_path):
    db = str(tmp_path / "cli.db")
    assert _cli("init", "--database", db).returncode == 0  # commands other than init and demo create nothing
    good = _write(tmp_path / "good.csv", ROWS, "utf-16", "\t")
    bad = _write(tmp_path / "bad.csv", ROWS + [("", "", "", "", "", "", "", "nameless")], "utf-8")
    failed = _cli("import-customers", str(bad), "--database", db)
    assert failed.returncode == 1
    assert "line 4: The customer's name is required." in failed.stderr
    assert "Nothing was imported: 1 bad row." in failed.stderr  # English plurals, not "row(s)"
    done = _cli("import-customers", str(good), "--database", db)
    assert done.returncode == 0, done.stderr
    assert "Imported 2 customers." in done.stdout
    again = _cli("import-customers", str(good), "--database", db)
    assert again.returncode == 0 and "likely duplicate, not imported: line 2: Renée Dubois" in again.stdout
    doubled = _write(tmp_path / "doubled.csv", ROWS + [ROWS[2]], "utf-8")  # Walter twice in one file
    updated = _cli("import-customers", str(doubled), "--update", "--database", db)
    assert updated.returncode == 0 and updated.stdout.splitlines()[-1] == (
        "Imported 0 customers; updated 0, unchanged 2; 1 likely duplicate left out "
        "(use --include-duplicates to import them as new customers).")  # --update was given: no advice to give it
    out = tmp_path / "out.csv"
    exported = _cli("export-customers", str(out), "--database", db)
    assert exported.returncode == 0 and "Exported 2 customers to" in exported.stdout
    assert _cli("export-customers", str(out), "--database", db).returncode == 1  # no silent overwrite
    missing = _cli("import-customers", str(tmp_path / "nope.csv"), "--database", db)
    assert missing.returncode == 1 and "Cannot read" in missing.stderr


def test_stopping_part_way_imports_nothing(office_db, tmp_path):
    rows = [("Name",)] + [(f"Person {n}",) for n in range(700)]
    plan = imports.read(_write(tmp_path / "in.csv", rows, "utf-8"))
    seen = []

    def stop_after_first(done, total):
        seen.append((done, total))
        return False

    with pytest.raises(imports.Cancelled):
        imports.run(plan, progress=stop_after_first)
    assert seen == [(200, 700)] and customers.count() == 0
    with pytest.raises(imports.Cancelled):
        imports.read(tmp_path / "in.csv", progress=stop_after_first)


def test_cli_check_only_writes_nothing(tmp_path):
    db = str(tmp_path / "cli.db")
    assert _cli("init", "--database", db).returncode == 0
    good = _write(tmp_path / "good.csv", ROWS, "cp1252", ";")
    checked = _cli("import-customers", str(good), "--check", "--database", db)
    assert checked.returncode == 0 and "Check only: 2 customers would be imported." in checked.stdout
    assert "Full name → Name" in checked.stdout
    out = tmp_path / "empty.csv"
    assert _cli("export-customers", str(out), "--database", db).returncode == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[1:] == []
    one = _write(tmp_path / "one.csv", ROWS[:2], "utf-8")
    done = _cli("import-customers", str(one), "--database", db)
    assert f"{one}: 1 row," in done.stdout and "Imported 1 customer." in done.stdout
    assert "Exported 1 customer to" in _cli("export-customers", str(out), "--force", "--database", db).stdout
