"""Preferences > Mail, driven as the office would: type the account, send a test message, save."""

from __future__ import annotations

import keyring
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from servicedesk.core.services import office
from servicedesk.core.services.mail import settings as mail_settings
from servicedesk.ui.preferences import PreferencesDialog
from tests.mail.smtp_server import PASSWORD, USER


def _type(qtbot, widget, text):
    widget.clear()
    qtbot.keyClicks(widget, text)


def _fill(qtbot, dialog, port, password=PASSWORD):
    mail = dialog.mail
    dialog.pages.setCurrentWidget(mail)
    _type(qtbot, mail.host, "127.0.0.1")
    mail.security.setCurrentIndex(mail.security.findData("starttls"))
    mail.port.setValue(port)
    _type(qtbot, mail.user, USER)
    _type(qtbot, mail.password, password)
    _type(qtbot, mail.sender_name, "Bright Water Pools")
    _type(qtbot, mail.sender, USER)
    _type(qtbot, mail.test_to, "maria@brightwater.example")


def test_send_test_email_shows_the_servers_answer_then_save(qtbot, db, smtp_server, tmp_path):
    office.update(name="Bright Water Pools", configured=True)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, smtp_server.port)
    qtbot.mouseClick(dialog.mail.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.mail.test_button.isEnabled(), timeout=20000)
    assert "accepted the test message for maria@brightwater.example" in dialog.mail.answer.text()
    assert "250 2.0.0 Ok: queued" in dialog.mail.answer.text()
    assert len(smtp_server.received) == 1
    assert mail_settings.get().host == ""  # nothing stored before Save
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    stored = mail_settings.get()
    assert (stored.host, stored.port, stored.security, stored.user) == ("127.0.0.1", smtp_server.port, "starttls", USER)
    assert keyring.get_password(mail_settings.KEYRING_SERVICE, f"{USER}@127.0.0.1") == PASSWORD
    ini = tmp_path / "config" / "servicedesk.ini"
    assert not ini.exists() or PASSWORD not in ini.read_text()


def test_a_wrong_password_is_said_in_plain_words(qtbot, db, smtp_server):
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, smtp_server.port, password="wrong")
    qtbot.mouseClick(dialog.mail.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.mail.test_button.isEnabled(), timeout=20000)
    assert "The server refused the user name or password" in dialog.mail.answer.text()


def test_bad_mail_settings_keep_the_dialog_open_and_store_nothing(qtbot, db):
    office.update(name="Bright Water Pools", configured=True)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pages.setCurrentIndex(0)
    _type(qtbot, dialog.mail.host, "smtp.example.com")
    _type(qtbot, dialog.mail.sender, "not an address")
    _type(qtbot, dialog.form.owner, "Someone Else")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.pages.currentWidget() is dialog.mail
    assert "The sender address" in dialog.mail.problems.text()
    assert mail_settings.get() == mail_settings.MailSettings()
    assert office.get().owner_name == ""


def test_a_bad_office_server_keeps_good_mail_settings_from_being_stored(qtbot, db, smtp_server):
    office.update(name="Bright Water Pools", configured=True)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, smtp_server.port)
    dialog.pages.setCurrentWidget(dialog.office_server)
    _type(qtbot, dialog.office_server.url, "mysql://office-pc/records")
    dialog.pages.setCurrentWidget(dialog.mail)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.pages.currentWidget() is dialog.office_server
    assert "postgresql://user@host:port/database" in dialog.office_server.result.text()
    assert mail_settings.get() == mail_settings.MailSettings()
    assert keyring.get_password(mail_settings.KEYRING_SERVICE, f"{USER}@127.0.0.1") is None


def test_a_vague_reason_list_problem_shows_its_page_and_stores_no_mail_settings(qtbot, db, smtp_server):
    office.update(name="Bright Water Pools", configured=True)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, smtp_server.port)
    dialog.pages.setCurrentWidget(dialog.plain_page)
    dialog.defensive.setFocus()
    dialog.defensive.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(dialog.defensive, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.defensive, "= no phrase before the sign")
    dialog.pages.setCurrentWidget(dialog.mail)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.pages.currentWidget() is dialog.plain_page
    assert "has no phrase before the “=”" in dialog.form.problems.text()
    assert mail_settings.get() == mail_settings.MailSettings()
