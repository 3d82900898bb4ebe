"""Customer lists as spreadsheets save them: numbers kept as written with ="…", cells Excel made."""

from servicedesk.core.services import customers, imports
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
