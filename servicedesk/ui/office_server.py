"""Preferences > Office server: which PostgreSQL server this PC uses, its password, a connection test."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton

from servicedesk.core.errors import ServiceError
from servicedesk.core.store import credentials, server
from servicedesk.ui import settings

SSL_MODES = ("prefer", "require", "verify-full", "disable")
PREFERENCE = "officeServer"


def configured_server() -> str:
    """The server this PC was set to use in Preferences ('' for the file on this PC)."""
    return str(settings.preference(PREFERENCE, "") or "")


def with_sslmode(url: str, mode: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query["sslmode"] = mode
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


class OfficeServerGroup(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("officeServer")
        self.setTitle(self.tr("Office server (several PCs)"))
        self.url = QLineEdit(objectName="officeServerUrl")
        self.url.setPlaceholderText(self.tr("postgresql://office@server:5432/servicedesk"))
        self.sslmode = QComboBox(objectName="officeServerSsl")
        for mode in SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.password = QLineEdit(objectName="officeServerPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kept in the system keyring (or a private password file)"))
        self.test_button = QPushButton(self.tr("&Test connection"), objectName="testOfficeServer")
        self.result = QLabel(objectName="officeServerResult", wordWrap=True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        note = QLabel(self.tr("Empty: this PC keeps the office in its own file. A server is used from the next start."),
                      wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("Server:"), self.url)
        form.addRow(self.tr("Secure connection (sslmode):"), self.sslmode)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(row)
        form.addRow(note)
        current = configured_server()
        parts = urlsplit(current)
        query = dict(parse_qsl(parts.query))
        self.url.setText(urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) if current else "")
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(query.get("sslmode", "prefer"))))
        self.test_button.clicked.connect(self.test)

    def chosen(self) -> str:
        url = self.url.text().strip()
        return with_sslmode(url, self.sslmode.currentData()) if url else ""

    def problem(self) -> str:
        url = self.url.text().strip()
        if not url:
            return ""
        parts = urlsplit(url)
        if parts.scheme not in ("postgresql", "postgres") or not parts.hostname or not parts.path.strip("/"):
            return self.tr("Write the server as postgresql://user@host:port/database.")
        if parts.password:
            return self.tr("Leave the password out of the address; type it in the Password box.")
        return ""

    def test(self) -> bool:
        problem = self.problem() or (self.tr("Type the server's address first.") if not self.url.text().strip() else "")
        if problem:
            self.result.setText(problem)
            return False
        try:
            self.result.setText(server.test_connection(self.chosen(), self.password.text() or None))
        except ServiceError as exc:
            self.result.setText(str(exc))
            return False
        return True

    def save(self) -> str:
        """Keep the choice (and the password, never in the settings file); returns where the password went."""
        url = self.chosen()
        settings.set_preference(PREFERENCE, url)
        if url and self.password.text():
            return credentials.save_password(url, self.password.text())
        return ""
