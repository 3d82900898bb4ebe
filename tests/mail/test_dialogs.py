"""Running late from the board, and a template message sent by email from the draft dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from servicedesk.core.services.mail import outbox
from servicedesk.core.store.models import Customer, Draft
from servicedesk.ui.communication.draft import DraftDialog
from servicedesk.ui.schedule.running_late import RunningLateDialog
from tests.communication.conftest import at, visit


def test_running_late_goes_to_an_email_customer(qtbot, mail_office):
    ids = mail_office
    Customer.update(preferred_channel="email").where(Customer.id == ids["tom"]).execute()
    v = visit(ids["tom"], ids["sam"], at(23, 10), status="scheduled", service="Pool opening check")
    dialog = RunningLateDialog(v)
    qtbot.addWidget(dialog)
    dialog.minutes.setValue(30)
    assert dialog.how.text() == "Goes to Tom Alvarez by email (tom.alvarez@example.com), at once."
    assert "running about 30 minutes late" in dialog.text.toPlainText()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    [row] = outbox.rows()
    assert (row.kind, row.to_address, row.not_before) == ("running_late", "tom.alvarez@example.com", None)
    assert "around 10:30" in row.body


def test_running_late_shows_a_texting_customer_the_text_they_will_get(qtbot, mail_office):
    ids = mail_office
    Customer.update(preferred_channel="text", phone="+1 555-010-4444").where(Customer.id == ids["tom"]).execute()
    v = visit(ids["tom"], ids["sam"], at(23, 10), status="scheduled", service="Pool opening check")
    dialog = RunningLateDialog(v)
    qtbot.addWidget(dialog)
    dialog.minutes.setValue(20)
    shown = dialog.text.toPlainText()
    assert "is about 20 min late today, with you around 10:20" in shown and "Dear" not in shown
    assert len(shown) <= 160
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    [row] = outbox.rows()
    assert (row.channel, row.body) == ("text", shown)


def test_running_late_for_a_phone_customer_says_call_them(qtbot, mail_office):
    ids = mail_office
    Customer.update(phone="+1 555-010-3333").where(Customer.id == ids["ruth"]).execute()
    v = visit(ids["ruth"], ids["priya"], at(23, 10), status="scheduled")
    dialog = RunningLateDialog(v)
    qtbot.addWidget(dialog)
    assert dialog.how.text() == "Ruth Cole prefers a call: call them on +1 555-010-3333. The words are here to read out."
    assert not dialog.send_button.isEnabled()
    assert outbox.counts() == {}


def test_a_queued_notice_is_sent_by_email_from_the_draft_dialog(qtbot, mail_office, smtp_server):
    ids = mail_office
    draft = Draft.get_by_id(ids["ruth_notice"])
    dialog = DraftDialog("ruth.cole@example.com", draft.subject, draft.body, draft.id, customer_id=ids["ruth"],
                         visit_id=draft.visit_id)
    qtbot.addWidget(dialog)
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.body, " Sorry for the change.")
    qtbot.mouseClick(dialog.outbox_button, Qt.MouseButton.LeftButton)
    [row] = outbox.rows()
    assert row.kind == "change_notice" and row.body.endswith("instead of Sam. Sorry for the change.")
    assert Draft.get_by_id(draft.id).status == "queued"  # until the server takes it
    outbox.send_due()
    assert Draft.get_by_id(draft.id).status == "sent"
    assert smtp_server.received[0].text.rstrip().endswith("Sorry for the change.")
