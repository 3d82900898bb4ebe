"""The office server's password: in the operating system's keyring, or in a libpq password file (0600).

It is never written to the settings file or the database. Lookup order when connecting: a
password in the URL itself (for scripts), the keyring, then libpq's own password file
(``PGPASSFILE`` or ``~/.pgpass``, which libpq reads by itself).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

SERVICE = "ServiceDesk office server"


def _account(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.username or ''}@{parts.hostname or 'localhost'}:{parts.port or 5432}/{parts.path.strip('/')}"


def _keyring():
    """The keyring module when a usable backend exists, else None."""
    try:
        import keyring
        from keyring.backends.fail import Keyring as NoKeyring
    except ImportError:
        return None
    try:
        if isinstance(keyring.get_keyring(), NoKeyring):
            return None
    except Exception:  # a broken desktop keyring must not stop the office from working
        log.exception("the keyring could not be used")
        return None
    return keyring


def keyring_available() -> bool:
    return _keyring() is not None


def password_for(url: str) -> str | None:
    """The password kept for ``url``'s user and server, or None (libpq may still find one in its file)."""
    ring = _keyring()
    if ring is None:
        return None
    try:
        return ring.get_password(SERVICE, _account(url))
    except Exception:
        log.exception("the keyring could not be read")
        return None


def passfile() -> Path:
    """libpq's password file: ``PGPASSFILE``, or ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf`` on Windows)."""
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def save_password(url: str, password: str) -> str:
    """Keep ``password`` for ``url``: in the keyring when there is one, else in libpq's password file (0600).

    Returns where it was kept, in words.
    """
    ring = _keyring()
    if ring is not None:
        ring.set_password(SERVICE, _account(url), password)
        return "the system keyring"
    parts = urlsplit(url)
    fields = [parts.hostname or "localhost", str(parts.port or 5432), parts.path.strip("/") or "*",
              parts.username or "*"]
    key = ":".join(_escape(f) for f in fields) + ":"
    path = passfile()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [line for line in lines if not line.startswith(key)] + [key + _escape(password)]
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    return f"the password file {path} (readable by you only; this PC has no system keyring)"
