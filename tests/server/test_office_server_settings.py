"""Preferences > Office server: the test button's plain answers, and the password kept out of the settings file."""

import os
import stat

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCore import Qt

from servicedesk import paths
from servicedesk.core.services import customers
from servicedesk.core.store import close_database, credentials, open_database
from servicedesk.ui.office_server import OfficeServerGroup, configured_server
from tests.pg_server import OFFICE_PASSWORD

pytestmark = pytest.mark.backends("postgresql")


class MemoryKeyring(KeyringBackend):
    """A throwaway keyring for the tests: never the machine's own."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.items = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


@pytest.fixture
def ring():
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def group(qtbot):
    g = OfficeServerGroup()
    qtbot.addWidget(g)
    return g


def _bare(url: str) -> str:
    return url.replace(f":{OFFICE_PASSWORD}@", "@")


def _type(qtbot, group, url: str, password: str) -> None:
    group.url.clear()
    qtbot.keyClicks(group.url, url)
    group.password.clear()
    qtbot.keyClicks(group.password, password)
    qtbot.mouseClick(group.test_button, Qt.MouseButton.LeftButton)


def test_test_connection_says_what_is_there_or_why_not(qtbot, group, db, pg_url, pg_cluster):
    customers.create(name="Dorothy Finch")
    _type(qtbot, group, _bare(pg_url), OFFICE_PASSWORD)
    assert group.result.text().startswith("Connected to PostgreSQL 15") and "1 customers" in group.result.text()

    _type(qtbot, group, _bare(pg_url), "wrong")
    assert "refused the password" in group.result.text()

    _type(qtbot, group, f"postgresql://office@127.0.0.1:{pg_cluster.port + 1}/nowhere", OFFICE_PASSWORD)
    assert "cannot be reached" in group.result.text()

    _type(qtbot, group, pg_url, "")
    assert "Leave the password out of the address" in group.result.text()


def test_the_password_goes_to_the_keyring_and_the_office_opens_with_it(qtbot, group, pg_url, ring):
    _type(qtbot, group, _bare(pg_url), OFFICE_PASSWORD)
    assert group.save() == "the system keyring"
    assert configured_server().endswith("sslmode=prefer") and OFFICE_PASSWORD not in configured_server()
    assert OFFICE_PASSWORD not in (paths.config_dir() / "servicedesk.ini").read_text()
    open_database(configured_server())  # no password in the address: it comes from the keyring
    assert customers.count() == 0
    close_database()


def test_without_a_keyring_the_password_goes_to_a_private_libpq_file(qtbot, group, pg_url, tmp_path, monkeypatch):
    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    try:
        _type(qtbot, group, _bare(pg_url), OFFICE_PASSWORD)
        assert "password file" in group.save()
        mode = stat.S_IMODE(os.stat(tmp_path / "pgpass").st_mode)
        assert mode == 0o600
        assert credentials.password_for(pg_url) is None  # not in any keyring
        open_database(configured_server())  # libpq reads its own file
        assert customers.count() == 0
        close_database()
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def foreign_database(pg_cluster):
    """A database owned by the server's administrator, not by the office's user."""
    name = f"foreign_{os.getpid()}"
    pg_cluster.admin(f'CREATE DATABASE "{name}" OWNER postgres')
    yield name
    pg_cluster.drop_database(name)


def test_a_database_of_someone_else_with_the_readmes_grants_is_ready_and_one_without_them_is_named(
        qtbot, group, pg_cluster, foreign_database):
    url = pg_cluster.url(foreign_database, password=False)
    pg_cluster.admin(f'GRANT CONNECT, CREATE ON DATABASE "{foreign_database}" TO office')
    _type(qtbot, group, url, OFFICE_PASSWORD)  # may make schemas, but not tables in the schema public
    assert "may not create tables" in group.result.text() and "schema" in group.result.text()
    with pytest.raises(Exception, match="permission denied for schema public"):
        open_database(pg_cluster.url(foreign_database))  # what the answer saves the office from
    close_database()

    pg_cluster.admin(f'REVOKE CREATE ON DATABASE "{foreign_database}" FROM office')
    pg_cluster.admin("GRANT USAGE, CREATE ON SCHEMA public TO office", dbname=foreign_database)
    _type(qtbot, group, url, OFFICE_PASSWORD)  # the grants, but no pg_trgm yet and no right to add it
    assert "pg_trgm" in group.result.text()

    pg_cluster.admin("CREATE EXTENSION pg_trgm", dbname=foreign_database)  # as the README says
    _type(qtbot, group, url, OFFICE_PASSWORD)
    assert "ready for an office" in group.result.text()
    open_database(pg_cluster.url(foreign_database))  # and it opens
    assert customers.count() == 0
    close_database()


def test_opening_a_database_without_the_grants_says_which_are_missing(pg_cluster, foreign_database, capsys):
    """From the command line as from the window: the server's refusal in plain words, not its error text."""
    from servicedesk.cli import main

    pg_cluster.admin(f'GRANT CONNECT ON DATABASE "{foreign_database}" TO office')
    assert main(["check", "--database", pg_cluster.url(foreign_database)]) == 1
    said = capsys.readouterr().err
    assert "refused this user a right ServiceDesk needs" in said and "USAGE and CREATE on its schema" in said
    assert "permission denied" not in said


def test_starting_the_window_on_a_database_without_the_grants_says_so_on_the_command_line(pg_cluster, foreign_database,
                                                                                          tmp_path):
    """``servicedesk --database URL``: the window's refusal, and the same plain words where it was started."""
    import subprocess
    import sys

    pg_cluster.admin(f'GRANT CONNECT ON DATABASE "{foreign_database}" TO office')
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SERVICEDESK_QUIT_AFTER_MS="50",  # answers the message box
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "servicedesk", "--database", pg_cluster.url(foreign_database)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 1
    said = done.stderr
    assert "servicedesk: The office server refused this user a right ServiceDesk needs" in said
    assert "USAGE and CREATE on its schema" in said
    assert "Traceback" not in said and "permission denied" not in said
