"""Put a row of today's queue off to a later day, with the reason the customer's history keeps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from servicedesk.core import clock
from servicedesk.core.services import concerns, snooze
from servicedesk.ui.communication.dialogs import ServiceDialog, _qdate, date_edit, py_date
from servicedesk.ui.communication.models import tr as queue_tr


class SnoozeDialog(ServiceDialog):
    def __init__(self, row, staff_id: int | None = None, parent=None):
        super().__init__(self.tr("Put off: %s") % row.customer, "snoozeDialog", parent)
        self.row, self.staff_id = row, staff_id
        self.show_customer(row.customer_id)
        what = QLabel(f"{queue_tr(row.todo)}: {row.why}", objectName="snoozeRow")
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        self.until = date_edit(concerns.add_business_days(clock.today(), 1), "snoozeUntil")
        due = snooze.clock_due(row.kind, row.record_id)
        if due is not None:  # a concern waits no longer than its clock allows
            self.until.setMaximumDate(_qdate(max(due[0], clock.today())))
        self.reason = QLineEdit(objectName="snoozeReason")
        self.reason.setPlaceholderText(self.tr("Why it can wait, e.g. away until Thursday"))
        self.form.addRow(what)
        self.form.addRow(self.tr("Back on the queue &on"), self.until)
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("Put off  (Ctrl+Enter)"))
        self.reason.setFocus()

    def save(self):
        return snooze.snooze(self.row.kind, self.row.record_id, self.row.customer_id, py_date(self.until.date()),
                             self.reason.text(), self.staff_id)
