"""The office's mail account: server, security, sender; the password kept out of the database.

The settings live in the database (every PC of the office sends from the same account). The
password never does: it goes to the operating system's keyring (``keyring``), or — on a
computer without one, when the office agrees — to a file in the config folder that only the
owner can read. ``SERVICEDESK_SMTP_PASSWORD`` overrides both (for servers and scripts).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace

from servicedesk import paths
from servicedesk.core.errors import ServiceError, ValidationError
from servicedesk.core.services import office as office_service
from servicedesk.core.services.mail import private_file
from servicedesk.core.validation import check_email, check_whole_numbers, clean_text

SECURITIES = ("none", "starttls", "ssl")
SECURITY_WORDS = {"none": "none (plain, not encrypted)", "starttls": "STARTTLS", "ssl": "SSL/TLS"}
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
KEYRING_SERVICE = "ServiceDesk mail"
PASSWORD_ENV = "SERVICEDESK_SMTP_PASSWORD"
PASSWORD_FILE = "mail-passwords.json"
_KEY = "mail"


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender_name: str = ""
    sender_address: str = ""
    reply_to: str = ""
    reminder_days: int = 2  # a reminder this many days before each visit; 0: none
    sms_gateway: str = ""  # e.g. {number}@sms.example.com: texts through the office's gateway

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender_address)

    @property
    def account(self) -> str:
        """The keyring's name for this account's password."""
        return f"{self.user}@{self.host}" if self.user else self.host


class NoKeyring(ServiceError):
    """This computer has no keyring to keep the password in."""


def get() -> MailSettings:
    stored = office_service.get_value(_KEY) or {}
    known = {f.name for f in fields(MailSettings)}
    return MailSettings(**{k: v for k, v in stored.items() if k in known})


def check(changes: dict) -> dict:
    """The changes as they would be stored; ValidationError naming every problem."""
    known = {f.name for f in fields(MailSettings)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise ValidationError({k: f"“{k}” is not a mail setting." for k in unknown})
    cleaned = {k: clean_text(v).strip() if isinstance(v, str) else v for k, v in changes.items()}
    problems = {}
    if "host" in cleaned and any(ch.isspace() or ch in "/@" for ch in cleaned["host"]):
        problems["host"] = f"“{cleaned['host']}” is not a server name (e.g. smtp.example.com)."
    if "security" in cleaned:
        cleaned["security"] = str(cleaned["security"]).lower().replace("/", "_").replace("ssl_tls", "ssl")
        if cleaned["security"] not in SECURITIES:
            problems["security"] = "Security must be none, STARTTLS or SSL/TLS."
    check_whole_numbers(problems, cleaned, (("port", 1, 65535, "The port"),
                                            ("reminder_days", 0, 30, "Days before a visit")))
    for key, what in (("sender_address", "sender"), ("reply_to", "reply-to")):
        if cleaned.get(key):
            cleaned[key], problem = check_email(cleaned[key])
            if problem:
                problems[key] = f"The {what} address: {problem}"
    gateway = cleaned.get("sms_gateway")
    if gateway and ("{number}" not in gateway or "@" not in gateway):
        problems["sms_gateway"] = ("A text gateway is written with {number} where the phone number goes, "
                                   "e.g. {number}@sms.example.com.")
    if problems:
        raise ValidationError(problems)
    return cleaned


def prepare(changes: dict, base: MailSettings | None = None) -> MailSettings:
    """The settings with ``changes`` applied and checked, not stored; ValidationError naming every problem."""
    settings = replace(base or get(), **check(changes))
    if settings.host and not settings.sender_address:
        raise ValidationError({"sender_address": "Say which address the messages come from (the sender)."})
    if settings.sender_address and not settings.host:
        raise ValidationError({"host": "Say which mail server sends the messages (e.g. smtp.example.com)."})
    return settings


def save(settings: MailSettings) -> MailSettings:
    office_service.set_value(_KEY, asdict(settings))
    return settings


def update(**changes) -> MailSettings:
    """Change some settings; nothing is stored when any is invalid."""
    return save(prepare(changes))


# ------------------------------------------------------------------ the password

def keyring_problem() -> str:
    """Why the password cannot go to a keyring here, in plain words ("" when it can)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return "The keyring library is not installed, so there is no keyring to keep the password in."
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return ("This computer has no keyring (no password store such as GNOME Keyring, KWallet, the "
                "Windows Credential Manager or the macOS Keychain is running), so the password cannot be "
                "kept there.")
    return ""


def _file_path():
    return paths.config_dir() / "private" / PASSWORD_FILE  # the folder is the owner's only, like the file


def _file_passwords() -> dict:
    try:
        return json.loads(_file_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_file(passwords: dict) -> None:
    private_file.write(_file_path(), json.dumps(passwords, indent=1).encode("utf-8"))


def store_password(settings: MailSettings, password: str, in_file: bool = False) -> str:
    """Keep the password: in the keyring, or (``in_file``) in a file only the owner reads. Returns where, in words."""
    if not settings.host:
        raise ValidationError({"host": "Set the mail server first; the password belongs to its account."})
    if in_file:
        _write_file({**_file_passwords(), settings.account: password})
        return f"in {_file_path()}, readable by you only"
    problem = keyring_problem()
    if problem:
        raise NoKeyring(f"{problem} It can be kept in a file only you can read ({_file_path()}) instead.")
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, settings.account, password)
    except Exception as exc:  # every backend has its own failures (D-Bus, a locked wallet...)
        raise NoKeyring(f"The keyring refused the password ({exc}). It can be kept in a file only you can read "
                        f"({_file_path()}) instead.") from exc
    passwords = _file_passwords()
    if passwords.pop(settings.account, None) is not None:  # it lived in the file before: only one copy
        _write_file(passwords)
    return "in this computer's keyring"


def password(settings: MailSettings | None = None) -> tuple[str | None, str]:
    """(password, where it came from): the environment, the keyring, the file; (None, "") when none."""
    settings = settings or get()
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV], PASSWORD_ENV
    if not keyring_problem():
        import keyring

        try:
            found = keyring.get_password(KEYRING_SERVICE, settings.account)
        except Exception:  # a keyring that cannot be read is the same as none
            found = None
        if found is not None:
            return found, "keyring"
    found = _file_passwords().get(settings.account)
    return (found, "file") if found is not None else (None, "")
