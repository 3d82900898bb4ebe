"""A keyring backend for tests: a JSON file named by $THROWAWAY_KEYRING, never the user's real keyring."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class ThrowawayKeyring(KeyringBackend):
    priority = 1

    @staticmethod
    def _path() -> Path:
        return Path(os.environ["THROWAWAY_KEYRING"])

    def _load(self) -> dict:
        try:
            return json.loads(self._path().read_text())
        except (OSError, ValueError):
            return {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        stored = self._load()
        stored[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(stored))

    def delete_password(self, service, username):
        stored = self._load()
        if stored.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(stored))
