"""A customer's reminders and text gateway address, set on their profile."""

from __future__ import annotations

from PySide6.QtCore import Qt

from servicedesk.core.services import customers
from tests.customers.test_pane import _field, _open, _save, host, people  # noqa: F401  (the pane's fixtures)


def test_reminders_off_and_a_gateway_address_are_saved_from_the_profile(host, qtbot):
    _open(host, qtbot, "Walter")
    reminders = _field(host, "customerVisitReminders")
    assert reminders.currentText() == "By email or text, when the office sends them"
    reminders.setFocus()
    qtbot.keyClick(reminders, Qt.Key.Key_Down)  # the second choice, as with the keyboard
    gateway = _field(host, "customerSmsAddress")
    qtbot.keyClicks(gateway, "5553017777@txt.example.com")
    _save(host)
    walter = customers.get(customers.search_ids("Walter")[0])
    assert (walter.visit_reminders, walter.sms_address) == (False, "5553017777@txt.example.com")


def test_a_gateway_address_that_is_not_one_is_refused(host, qtbot):
    _open(host, qtbot, "Walter")
    qtbot.keyClicks(_field(host, "customerSmsAddress"), "not an address")
    _save(host)
    assert "The text gateway address" in _field(host, "customerSmsAddressError").text()
    assert customers.get(customers.search_ids("Walter")[0]).sms_address == ""
