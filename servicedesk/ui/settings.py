"""Window state and user preferences in QSettings, kept apart; business data lives only in the database."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from servicedesk import paths


def settings() -> QSettings:
    """The user's settings file in the config folder (``SERVICEDESK_CONFIG_DIR`` moves it for tests)."""
    return QSettings(str(paths.config_dir() / "servicedesk.ini"), QSettings.Format.IniFormat)


def _sync(s: QSettings) -> None:
    s.sync()
    try:  # window state names the last person at the desk: readable by the owner only
        os.chmod(s.fileName(), 0o600)
    except OSError:
        pass


def save_state(key: str, value) -> None:
    s = settings()
    s.setValue(f"window/{key}", value)
    _sync(s)


def load_state(key: str):
    return settings().value(f"window/{key}")


def preference(key: str, default=None):
    return settings().value(f"preferences/{key}", default)


def set_preference(key: str, value) -> None:
    s = settings()
    s.setValue(f"preferences/{key}", value)
    _sync(s)
