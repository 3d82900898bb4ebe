"""``servicedesk mail-settings`` as the office runs it: a separate process, the password from the environment."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from servicedesk.core.services.mail import settings as mail_settings
from servicedesk.core.store import close_database, open_database
from tests.mail.smtp_server import PASSWORD, USER

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_path(db_path):
    """An office database on disk (the commands refuse to make one up)."""
    open_database(db_path)
    close_database()
    return db_path


def servicedesk(*args, **env):
    full = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-m", "servicedesk", *args], capture_output=True, text=True, env=full,
                          cwd=ROOT, stdin=subprocess.DEVNULL)


def test_settings_from_the_command_line_password_from_the_environment(db_path, smtp_server):
    result = servicedesk("mail-settings", "--database", str(db_path), "--host", "127.0.0.1", "--port",
                         str(smtp_server.port), "--security", "starttls", "--user", USER, "--sender", USER,
                         "--test", "maria@brightwater.example", SERVICEDESK_SMTP_PASSWORD=PASSWORD)
    assert result.returncode == 0, result.stderr
    assert f"server: 127.0.0.1, port {smtp_server.port}, security STARTTLS" in result.stdout
    assert "password: kept in this computer's keyring" in result.stdout
    assert "accepted the test message for maria@brightwater.example" in result.stdout
    assert len(smtp_server.received) == 1
    # the keyring has it (this test's throwaway one); the database does not
    assert keyring.get_password(mail_settings.KEYRING_SERVICE, f"{USER}@127.0.0.1") == PASSWORD
    open_database(db_path)
    try:
        assert mail_settings.get().port == smtp_server.port
    finally:
        close_database()
    assert PASSWORD.encode() not in db_path.read_bytes()
    # a second run finds the password in the keyring, with no environment variable
    again = servicedesk("mail-settings", "--database", str(db_path), "--test", "maria@brightwater.example")
    assert again.returncode == 0, again.stderr
    assert "password: kept in the keyring" in again.stdout
    assert len(smtp_server.received) == 2


def test_without_a_keyring_the_command_says_so_and_keeps_a_private_file(db_path, tmp_path):
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "SERVICEDESK_SMTP_PASSWORD": "sekret"}
    args = ("mail-settings", "--database", str(db_path), "--host", "smtp.example.com", "--user", USER,
            "--sender", USER)
    first = servicedesk(*args, **no_keyring)
    assert first.returncode == 0, first.stderr
    assert "This computer has no keyring" in first.stdout
    assert "--password-file" in first.stdout
    second = servicedesk(*args, "--password-file", **no_keyring)
    path = tmp_path / "config" / "private" / mail_settings.PASSWORD_FILE
    assert f"password: kept in {path}, readable by you only" in second.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0


def test_bad_settings_change_nothing(db_path):
    result = servicedesk("mail-settings", "--database", str(db_path), "--host", "smtp.example.com", "--port", "0",
                         "--sender", "nobody")
    assert result.returncode == 1
    assert "The port must be between 1 and 65535." in result.stderr
    assert "The sender address" in result.stderr
    assert "Mail is not set up" in servicedesk("mail-settings", "--database", str(db_path)).stdout
