"""Mail settings: stored in the database, the password in the keyring (or an owner-only file), never in either."""

from __future__ import annotations

import stat

import keyring
import pytest
from keyring.backends import fail

from servicedesk.core.errors import ValidationError
from servicedesk.core.services.mail import settings as mail_settings
from servicedesk.core.services.mail import smtp, testmail
from tests.mail.conftest import configure
from tests.mail.smtp_server import PASSWORD, USER, SmtpServer, free_port


@pytest.fixture
def no_keyring():
    """A headless computer: keyring finds no backend."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_settings_are_checked_and_nothing_is_stored_when_one_is_wrong(db):
    with pytest.raises(ValidationError) as caught:
        mail_settings.update(host="smtp example.com", port=70000, security="tls-ish", sender_address="not-an-address",
                             sms_gateway="sms.example.com")
    assert set(caught.value.problems) == {"host", "port", "security", "sender_address", "sms_gateway"}
    assert "between 1 and 65535" in caught.value.problems["port"]
    assert mail_settings.get() == mail_settings.MailSettings()


def test_password_goes_to_the_keyring_not_the_database_or_settings_file(db, db_path, tmp_path):
    settings = mail_settings.update(host="smtp.example.com", port=587, security="starttls", user=USER,
                                    sender_address=USER)
    where = mail_settings.store_password(settings, "sekret-Zebra-42")
    assert where == "in this computer's keyring"
    assert keyring.get_password(mail_settings.KEYRING_SERVICE, f"{USER}@smtp.example.com") == "sekret-Zebra-42"
    assert mail_settings.password(settings) == ("sekret-Zebra-42", "keyring")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in [db_path, *(tmp_path / "config").rglob("*"), *(tmp_path / "data").rglob("*")]:
        if path.is_file():
            assert b"sekret-Zebra-42" not in path.read_bytes(), path


def test_no_keyring_is_said_plainly_and_a_private_file_is_offered(db, tmp_path, no_keyring):
    settings = mail_settings.update(host="smtp.example.com", user=USER, sender_address=USER)
    assert "no keyring" in mail_settings.keyring_problem()
    with pytest.raises(mail_settings.NoKeyring) as caught:
        mail_settings.store_password(settings, "sekret")
    assert "This computer has no keyring" in str(caught.value)
    assert "file only you can read" in str(caught.value)
    where = mail_settings.store_password(settings, "sekret", in_file=True)
    path = tmp_path / "config" / "private" / mail_settings.PASSWORD_FILE
    assert str(path) in where
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert mail_settings.password(settings) == ("sekret", "file")


def test_the_environment_overrides_the_stored_password(db, monkeypatch):
    settings = mail_settings.update(host="smtp.example.com", user=USER, sender_address=USER)
    mail_settings.store_password(settings, "stored")
    monkeypatch.setenv("SERVICEDESK_SMTP_PASSWORD", "from-env")
    assert mail_settings.password(settings) == ("from-env", "SERVICEDESK_SMTP_PASSWORD")


def test_test_email_through_starttls_and_auth(db, smtp_server):
    configure(smtp_server.port)
    answer = testmail.send_test("maria@brightwater.example")
    assert answer.startswith("The server 127.0.0.1 accepted the test message for maria@brightwater.example")
    assert "250 2.0.0 Ok: queued" in answer
    [got] = smtp_server.received
    assert got.rcpt_tos == ["maria@brightwater.example"]
    assert got.message["Subject"] == "ServiceDesk test message"
    assert got.message["From"] == f"Bright Water Pools <{USER}>"
    assert got.message["Reply-To"] == "maria@brightwater.example"


def test_test_email_over_ssl_tls(db, trusted):
    server = SmtpServer(*trusted, security="ssl").start()
    try:
        configure(server.port, security="ssl")
        assert "accepted the test message" in testmail.send_test("maria@brightwater.example")
        assert len(server.received) == 1
    finally:
        server.stop()


def test_no_encryption_when_the_office_chooses_none(db, trusted):
    server = SmtpServer(*trusted, security="none").start()
    try:
        configure(server.port, security="none")
        assert "accepted the test message" in testmail.send_test("maria@brightwater.example")
    finally:
        server.stop()


@pytest.mark.parametrize("case, words", [
    ("refused", "connection was refused (no mail server is listening there)"),
    ("password", "refused the user name or password (it said “535 5.7.8 Authentication credentials invalid”)"),
    ("no_starttls", "does not offer STARTTLS"),
    ("untrusted", "its certificate could not be trusted"),
])
def test_test_email_failures_in_plain_words(db, smtp_server, trusted, monkeypatch, case, words):
    settings = configure(smtp_server.port)
    plain = None
    if case == "refused":
        mail_settings.update(port=free_port())
    elif case == "password":
        mail_settings.store_password(settings, "wrong")
    elif case == "no_starttls":
        plain = SmtpServer(*trusted, security="none").start()
        mail_settings.update(port=plain.port)
    elif case == "untrusted":  # the system's usual authorities, which never signed the test's certificate
        monkeypatch.delenv("SSL_CERT_FILE")
    try:
        with pytest.raises(smtp.MailProblem) as caught:
            testmail.send_test("maria@brightwater.example")
    finally:
        if plain is not None:
            plain.stop()
    assert words in str(caught.value)
    assert smtp_server.received == []
