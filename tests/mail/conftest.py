"""An office whose mail goes through a real SMTP server on the loopback address."""

from __future__ import annotations

import pytest

from servicedesk.core.services.mail import settings as mail_settings
from tests.mail.smtp_server import PASSWORD, USER, SmtpServer, make_certificate


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def trusted(certificate, monkeypatch):
    """The client trusts the test's self-signed certificate (and only it)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    return certificate


@pytest.fixture
def smtp_server(trusted):
    server = SmtpServer(*trusted).start()
    yield server
    server.stop()


def configure(port: int, security: str = "starttls", host: str = "127.0.0.1", **extra):
    settings = mail_settings.update(host=host, port=port, security=security, user=USER,
                                    sender_name="Bright Water Pools", sender_address=USER,
                                    reply_to="maria@brightwater.example", **extra)
    mail_settings.store_password(settings, PASSWORD)
    return settings


@pytest.fixture
def mail_office(monday, smtp_server):
    """The Monday office (tests/communication) with its mail account on the test server."""
    configure(smtp_server.port)
    return monday


@pytest.fixture
def monday(db):
    from tests.communication.conftest import build_monday

    return build_monday()
