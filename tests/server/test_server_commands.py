"""Moving an office to the server, and backup, restore and check on it, as the command line does them."""

import hashlib

import pytest

from servicedesk.cli import main
from servicedesk.core import clock, demo
from servicedesk.core.services import customers
from servicedesk.core.store import close_database, open_database
from servicedesk.core.store.models import Customer, Visit

pytestmark = pytest.mark.backends("postgresql")


@pytest.fixture
def office_file(db_path):
    open_database(db_path)
    demo.build()
    clock.set_now(None)
    close_database()
    return db_path


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_move_to_server_copies_every_table_verifies_it_and_leaves_the_file(office_file, pg_url, capsys):
    before = _sha(office_file)
    open_database(office_file)
    people, visits = Customer.select().count(), Visit.select().count()
    close_database()

    assert main(["move-to-server", pg_url, "--database", str(office_file)]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines() if len(line.split()) == 3}
    assert rows["customer"] == f"{people:,}" and rows["visit"] == f"{visits:,}"
    assert "every table's rows and checksum match" in out and "office-test-password" not in out
    assert _sha(office_file) == before

    open_database(pg_url)
    assert Customer.select().count() == people and Visit.select().count() == visits
    assert customers.search_ids("Finch's") == [Customer.get(Customer.name == "Dorothy Finch").id]
    new = customers.create(name="Nora Newcomer").id  # ids go on after the copied ones
    assert new > max(c.id for c in Customer.select(Customer.id).where(Customer.id != new))


def test_a_target_with_data_is_refused_and_left_as_it_was(office_file, pg_url, capsys):
    open_database(pg_url)
    customers.create(name="Already Here")
    close_database()
    assert main(["move-to-server", pg_url, "--database", str(office_file)]) == 1
    assert "already holds data" in capsys.readouterr().err
    open_database(pg_url)
    assert [c.name for c in Customer.select()] == ["Already Here"]


def test_backup_is_verified_restore_brings_it_back_and_check_passes(office_file, pg_url, capsys, tmp_path):
    assert main(["move-to-server", pg_url, "--database", str(office_file)]) == 0
    capsys.readouterr()
    assert main(["backup", "--database", pg_url]) == 0
    out = capsys.readouterr().out
    assert "checked: restored into a scratch database" in out and ".dump" in out

    open_database(pg_url)
    count = Customer.select().count()
    # a pool customer: a pest-control customer's recent applications are kept and refuse the deletion
    lost = Customer.select().where(Customer.trade == "pool").order_by(Customer.id).first().name
    Customer.delete().where(Customer.name == lost).execute()
    close_database()

    assert main(["restore", "--database", pg_url]) == 0
    assert "1  " in capsys.readouterr().out
    assert main(["restore", "1", "--database", pg_url]) == 0
    assert "backed up first" in capsys.readouterr().out
    open_database(pg_url)
    assert Customer.select().count() == count
    assert customers.search_ids(lost)
    close_database()

    assert main(["check", "--database", pg_url]) == 0
    assert "ok (PostgreSQL" in capsys.readouterr().out


def test_awkward_text_moves_whole_and_a_nul_written_by_another_tool_is_left_out_and_said(db_path, pg_url, capsys):
    from servicedesk.core.store import database

    open_database(db_path)
    names = ["O'Brien \"The Pool\" Ltd", "Zoë Ångström-Þórsdóttir 🏊", "Back\\slash; DROP TABLE customer;--",
             "日本語のお客様"]
    ids = [customers.create(name=name, notes=(name + "\n") * 5000).id for name in names]
    database.execute_sql("UPDATE customer SET fit_note = ? WHERE id = ?", ("gate\x00code", ids[0]))  # not typed here
    close_database()

    assert main(["move-to-server", pg_url, "--database", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "every table's rows and checksum match" in out
    assert "1 value(s) in the file held NUL characters" in out and "(customer)" in out
    open_database(pg_url)
    assert [Customer.get_by_id(i).name for i in ids] == names
    assert Customer.get_by_id(ids[3]).notes == "日本語のお客様\n" * 5000
    assert Customer.get_by_id(ids[0]).fit_note == "gatecode"
    assert customers.search_ids("Ångström") == [ids[1]]
    close_database()
    assert main(["check", "--database", pg_url]) == 0


def test_init_sets_up_an_empty_server_database_and_refuses_one_holding_an_office(pg_url, capsys):
    assert main(["init", "--database", pg_url]) == 0
    out = capsys.readouterr().out
    assert "Set up a new, empty office in postgresql://" in out and "office-test-password" not in out
    open_database(pg_url)
    customers.create(name="Already Here")
    close_database()
    assert main(["init", "--database", pg_url]) == 1
    err = capsys.readouterr().err
    assert "already holds an office (1 customer, 0 staff)" in err and "nothing was changed" in err
    open_database(pg_url)
    assert [c.name for c in Customer.select()] == ["Already Here"]
