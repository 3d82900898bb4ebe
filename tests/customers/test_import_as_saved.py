"""Customer lists as spreadsheets save them: numbers kept as written with ="…", cells Excel made."""

import pytest

from servicedesk.core.services import customers, imports, visit_import
from servicedesk.core.services.import_csv import ImportFileError
from servicedesk.core.store.models import Customer
from tests.customers.test_import_layouts import _write


def test_numbers_a_spreadsheet_kept_as_written_are_the_numbers(office_db, tmp_path):
    # ="…" is how Excel (and exports made for it) keeps a ZIP's leading zero and a phone as written
    path = _write(tmp_path / "c.csv", ("Name", "Phone", "ZIP", "Street", "Client id"),
                  [("Ann Lee", '="555 201 0001"', '="02134"', "1 Elm Street", '="0042"'),
                   ("Bob Eff", '=""', "45002", "2 Oak Street", "")])
    plan = imports.read(path)
    assert plan.ok and plan.preview[0][:3] == ["Ann Lee", "555 201 0001", "02134"]
    imports.run(plan)
    ann = customers.get(Customer.get(Customer.name == "Ann Lee").id)
    assert (ann.phone, ann.phone_e164, ann.postcode, ann.reference) == ("555 201 0001", "+15552010001", "02134",
                                                                        "0042")
    assert ann.sites[0].postcode == "02134"
    bob = customers.get(Customer.get(Customer.name == "Bob Eff").id)
    assert bob.phone == ""


def test_a_file_with_only_its_header_says_there_is_nothing_to_import(office_db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("\ufeffName;Phone;Email\r\n;;\r\n".encode("utf-8"))  # Excel's BOM, a row left blank
    with pytest.raises(ImportFileError) as refused:
        imports.read(path)
    assert str(refused.value) == ("The file has only its header line (Name, Phone, Email) and no rows under it: "
                                  "there is nothing to import.")
    path.write_text("Date,Client,Service\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        visit_import.read(path)
    assert "only its header line (Date, Client, Service)" in str(refused.value)
    assert Customer.select().count() == 0


def test_an_unclosed_quote_in_a_visit_history_is_named_by_its_line(office_db, tmp_path):
    path = tmp_path / "v.csv"
    path.write_text('Date,Client,Notes\n2026-02-01,Ann Lee,"gate code\n2026-02-02,Bob Eff,fine\n', encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        visit_import.read(path)
    assert str(refused.value) == ("Line 2: a quoted value starts on this line and its closing quote (\") is missing, "
                                  "so the rest of the file would run into one value. Add the closing quote and "
                                  "import again.")
