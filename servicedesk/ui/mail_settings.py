"""Preferences > Mail: the office's mail account, its password (to the keyring) and a test message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget,
)

from servicedesk.core.errors import ServiceError, ValidationError
from servicedesk.core.services.mail import settings as mail_settings
from servicedesk.ui import operations

# The form's fields, by the mail setting each one edits.
FIELD_NAMES = {"host": "mailHost", "port": "mailPort", "security": "mailSecurity", "user": "mailUser",
               "sender_name": "mailSenderName", "sender_address": "mailSender", "reply_to": "mailReplyTo",
               "reminder_days": "mailReminderDays", "sms_gateway": "mailSmsGateway"}


class MailSettingsForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("mailSettings")
        self.host = QLineEdit(objectName="mailHost", placeholderText=self.tr("e.g. smtp.example.com"))
        self.port = QSpinBox(objectName="mailPort")
        self.port.setRange(1, 65535)
        self.security = QComboBox(objectName="mailSecurity")
        for key, text in (("starttls", self.tr("STARTTLS")), ("ssl", self.tr("SSL/TLS")),
                          ("none", self.tr("None (not encrypted)"))):
            self.security.addItem(text, key)
        self.user = QLineEdit(objectName="mailUser")
        self.password = QLineEdit(objectName="mailPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password_note = QLabel(objectName="mailPasswordNote", wordWrap=True)
        self.in_file = QCheckBox(self.tr("Keep the password in a file only I can read"), objectName="mailPasswordInFile")
        self.sender_name = QLineEdit(objectName="mailSenderName")
        self.sender = QLineEdit(objectName="mailSender", placeholderText=self.tr("e.g. office@example.com"))
        self.reply_to = QLineEdit(objectName="mailReplyTo", placeholderText=self.tr("optional"))
        self.reminder_days = QSpinBox(objectName="mailReminderDays")
        self.reminder_days.setRange(0, 30)
        self.reminder_days.setSuffix(self.tr(" day(s) before"))
        self.reminder_days.setSpecialValueText(self.tr("No reminders"))
        self.sms_gateway = QLineEdit(objectName="mailSmsGateway",
                                     placeholderText=self.tr("optional, e.g. {number}@sms.example.com"))
        self.test_to = QLineEdit(objectName="mailTestTo", placeholderText=self.tr("send a test message to…"))
        self.test_button = QPushButton(self.tr("Send &test email"), objectName="mailSendTest")
        self.test_button.clicked.connect(self.send_test)
        self.answer = QLabel(objectName="mailTestAnswer", wordWrap=True)
        self.answer.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.problems = QLabel(objectName="mailProblems", wordWrap=True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.hide()
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_to, 1)
        test_row.addWidget(self.test_button)

        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Reminders, notices, visit summaries and weekly letters go out from the office's "
                                   "own mail account, to the customers who prefer email."), wordWrap=True))
        form.addRow(self.tr("SMTP &server:"), self.host)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("Se&curity:"), self.security)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow("", self.password_note)
        form.addRow("", self.in_file)
        form.addRow(self.tr("Sender's &name:"), self.sender_name)
        form.addRow(self.tr("Sender's a&ddress:"), self.sender)
        form.addRow(self.tr("&Reply-to:"), self.reply_to)
        form.addRow(self.tr("Visit re&minders:"), self.reminder_days)
        form.addRow(self.tr("Te&xt gateway:"), self.sms_gateway)
        form.addRow(self.tr("Test:"), test_row)
        form.addRow("", self.answer)
        form.addRow(self.problems)
        self.load(mail_settings.get())
        self.security.currentIndexChanged.connect(self._default_port)

    def load(self, settings: mail_settings.MailSettings) -> None:
        self.host.setText(settings.host)
        self.port.setValue(settings.port)
        self.security.setCurrentIndex(max(self.security.findData(settings.security), 0))
        self.user.setText(settings.user)
        self.sender_name.setText(settings.sender_name)
        self.sender.setText(settings.sender_address)
        self.reply_to.setText(settings.reply_to)
        self.reminder_days.setValue(settings.reminder_days)
        self.sms_gateway.setText(settings.sms_gateway)
        no_keyring = mail_settings.keyring_problem()
        stored = mail_settings.password(settings)[1] if settings.host else ""
        where = {"keyring": self.tr("A password is kept in this computer's keyring; type a new one to replace it."),
                 "file": self.tr("A password is kept in a file only you can read; type a new one to replace it."),
                 mail_settings.PASSWORD_ENV: self.tr("The password comes from SERVICEDESK_SMTP_PASSWORD.")}
        note = where.get(stored, self.tr("The password goes to this computer's keyring, never into the database."))
        if no_keyring:
            note = self.tr("%s Tick the box below to keep it in a file only you can read instead.") % no_keyring
        self.password_note.setText(note)
        self.in_file.setVisible(bool(no_keyring))
        self.in_file.setChecked(stored == "file")

    def _default_port(self) -> None:
        if self.port.value() in mail_settings.DEFAULT_PORTS.values():
            self.port.setValue(mail_settings.DEFAULT_PORTS[self.security.currentData()])

    def values(self) -> dict:
        return {"host": self.host.text(), "port": self.port.value(), "security": self.security.currentData(),
                "user": self.user.text(), "sender_name": self.sender_name.text(), "sender_address": self.sender.text(),
                "reply_to": self.reply_to.text(), "reminder_days": self.reminder_days.value(),
                "sms_gateway": self.sms_gateway.text()}

    def prepared(self) -> mail_settings.MailSettings:
        """The settings as typed, checked (ValidationError shows on the form)."""
        try:
            return mail_settings.prepare(self.values())
        except ValidationError as exc:
            self.show_problems(exc.problems)
            raise

    def show_problems(self, problems: dict) -> None:
        self.problems.setText("\n".join(problems.values()))
        self.problems.setVisible(bool(problems))
        for key, name in FIELD_NAMES.items():
            if key in problems:
                self.findChild(QWidget, name).setFocus()
                break

    def save(self) -> None:
        """Store the settings and the typed password; ServiceError (shown on the form) when not possible."""
        settings = self.prepared()
        if self.password.text() and settings.host:
            try:
                mail_settings.store_password(settings, self.password.text(), in_file=self.in_file.isChecked())
            except ServiceError as exc:
                self.show_problems({"password": str(exc)})
                raise
        mail_settings.save(settings)

    def send_test(self) -> None:
        try:
            settings = self.prepared()
        except ValidationError:
            return
        from servicedesk.core.services.mail import testmail

        password = self.password.text() or None
        to = self.test_to.text() or settings.sender_address
        self.test_button.setEnabled(False)
        self.answer.setStyleSheet("")
        self.answer.setText(self.tr("Sending a test message to %s…") % to)
        operations.run(self, lambda _step: testmail.send_test(to, settings, password), self._tested, self._test_failed,
                       name="sendTestMail")

    def _tested(self, answer: str) -> None:
        self.test_button.setEnabled(True)
        self.answer.setStyleSheet("color: #1b6e20;")
        self.answer.setText(answer)

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.answer.setStyleSheet("color: #b00020;")
        self.answer.setText(str(exc) if isinstance(exc, ServiceError) else self.tr("The test failed: %s") % exc)
