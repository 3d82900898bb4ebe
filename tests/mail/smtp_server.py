"""A real SMTP server on the loopback address (aiosmtpd), with AUTH and STARTTLS or SSL/TLS.

The certificate is self-signed, made by the test with ``cryptography`` for 127.0.0.1 and
localhost; the client trusts it through ``SSL_CERT_FILE``. ``answers`` scripts the replies to
the next messages ("451 ..." defers one, "550 ..." refuses it, "drop" closes the connection
before answering); every message the server took is kept in ``received``.
"""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "office@brightwater.example"
PASSWORD = "pool-season-2026"


def make_certificate(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: email.message.EmailMessage

    @property
    def text(self) -> str:
        """The plain-text part as the customer reads it."""
        return self.message.get_body(("plain",)).get_content().replace("\r\n", "\n")


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            answer = self.answers.pop(0) if self.answers else "250 2.0.0 Ok: queued"
        if answer == "drop":
            server.transport.abort()
            return "421 4.4.2 Connection dropped"
        if answer.startswith("250"):
            with self.lock:
                self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content,
                                              email.message_from_bytes(envelope.content, policy=policy.default)))
        return answer


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER
          and auth_data.password.decode() == PASSWORD)
    return AuthResult(success=ok, handled=False)  # a refusal answers 535


class SmtpServer:
    def __init__(self, cert: Path, key: Path, security: str = "starttls"):
        self.handler = Handler()
        self.port = free_port()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        options = {"authenticator": _authenticate, "auth_required": True}
        if security == "ssl":  # TLS from the first byte: the log-in is already encrypted
            self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, ssl_context=context,
                                         auth_require_tls=False, **options)
        elif security == "none":  # no encryption offered at all
            self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                                         auth_require_tls=False, **options)
        else:
            self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, tls_context=context,
                                         require_starttls=True, **options)
        self.security = security

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    @property
    def answers(self) -> list[str]:
        return self.handler.answers

    def start(self) -> "SmtpServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
