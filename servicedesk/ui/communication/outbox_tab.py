"""The Outbox tab: every message to customers, waiting, sent (the server's reply and time) or failed (why).

Sending runs on a worker thread: every minute (reminders fall due, retries come round), and at
once with “Send now” or when something new is queued. A text with no gateway address is copied to the
office's phone (“Copy for phone”) and marked as sent by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from servicedesk.core import clock, formatting
from servicedesk.core.errors import ServiceError
from servicedesk.core.services.mail import outbox
from servicedesk.core.services.mail import settings as mail_settings
from servicedesk.core.store.db import is_read_only
from servicedesk.ui.communication.models import DONE_TEXT, LATE_BACKGROUND, LATE_TEXT, RowsModel
from servicedesk.ui import operations

SEND_EVERY_MS = 60_000


def tr(text: str) -> str:
    return QCoreApplication.translate("Outbox", text)


STATUS_LABELS = {"queued": "Waiting", "sending": "Sending", "sent": "Sent", "failed": "Failed",
                 "unsure": "Unsure", "cancelled": "Cancelled"}
KIND_LABELS = {"test": "Test", "reminder": "Reminder", "running_late": "Running late", "visit_summary": "Visit summary",
               "timeline_letter": "Weekly letter", "change_notice": "Change notice", "message": "Message"}


def _when(moment) -> str:
    if moment is None:
        return ""
    if moment.date() == clock.today():
        return formatting.format_time(moment)
    return formatting.format_datetime(moment, "short")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class OutboxModel(RowsModel):
    STATUS, KIND, CUSTOMER, TO, WHAT, WHEN, DETAILS = range(7)
    HEADERS = ("Status", "Kind", "Customer", "To", "Message", "When", "Details")
    SHORT = {4: 50, 6: 90}  # the message and the details, shortened in the list (whole in the tooltip)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.show_sent = False

    def load_rows(self) -> list:
        return outbox.rows(None if self.show_sent else ("queued", "sending", "failed", "unsure"))

    def full(self, row, column: int) -> str:
        if column == self.STATUS:
            return tr("To copy") if row.copy_for_phone and row.status == "queued" else \
                tr(STATUS_LABELS.get(row.status, row.status))
        if column == self.KIND:
            return tr(KIND_LABELS.get(row.kind, row.kind)) + (tr(" (text)") if row.channel == "text" else "")
        if column == self.CUSTOMER:
            return row.customer
        if column == self.TO:
            return row.to_address or tr("copy to a phone")
        if column == self.WHAT:
            return row.subject or row.body
        if column == self.WHEN:
            if row.status == "sent":
                return _when(row.sent_at)
            if row.status == "queued" and row.not_before and row.not_before > clock.now():
                return tr("goes at %s") % _when(row.not_before)
            return tr("queued %s") % _when(row.queued_at)
        return row.server_reply if row.status == "sent" else row.last_error

    def cell(self, row, column: int) -> str:
        text = self.full(row, column)
        return _short(text, self.SHORT[column]) if column in self.SHORT else text

    def data(self, index, role=None):
        from PySide6.QtCore import Qt

        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 0 <= index.row() < len(self.rows):
            return self.full(self.rows[index.row()], index.column())
        return super().data(index, role if role is not None else Qt.ItemDataRole.DisplayRole)

    def style(self, row, column: int, role):
        from PySide6.QtCore import Qt

        if row.status in ("failed", "unsure"):
            if role == Qt.ItemDataRole.BackgroundRole:
                return LATE_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole:
                return LATE_TEXT
        if row.status == "sent" and column == self.STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return DONE_TEXT
        if row.status == "cancelled" and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#777777")
        return None


class OutboxTab(QWidget):
    changed = Signal()  # the list or its counts changed
    sent = Signal(int)  # messages sent by the last batch

    def __init__(self, navigator, table_factory, parent=None):
        super().__init__(parent)
        self.setObjectName("outboxTab")
        self.navigator = navigator
        self.model = OutboxModel(self)
        self.table: QTableView = table_factory("outboxList", self.model, OutboxModel.DETAILS)
        self.table.setWordWrap(False)
        self.status = QLabel(objectName="outboxStatus", wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.show_sent = QCheckBox(self.tr("Show sent"), objectName="outboxShowSent")
        self.show_sent.toggled.connect(self._toggle_sent)
        row = QHBoxLayout()
        self.send_button = self._button(self.tr("&Send now"), "sendOutbox", self.send_now, row)
        self._button(self.tr("Send a&gain"), "outboxSendAgain", lambda: self._act(outbox.send_again), row)
        self._button(self.tr("&Mark as sent"), "outboxMarkSent", lambda: self._act(outbox.mark_sent_by_hand), row)
        self._button(self.tr("Copy for &phone"), "outboxCopy", self.copy_for_phone, row)
        self._button(self.tr("Ca&ncel message"), "outboxCancel", lambda: self._act(outbox.cancel), row)
        row.addWidget(self.show_sent)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.busy = False
        self.last_batch = ""
        self.timer = QTimer(self, objectName="outboxTimer", interval=SEND_EVERY_MS)
        self.timer.timeout.connect(self._tick)

    @staticmethod
    def _button(text, name, slot, row) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- showing
    def load(self) -> None:
        self.model.load()
        counts = outbox.counts()
        waiting = counts.get("queued", 0) + counts.get("sending", 0)
        trouble = counts.get("failed", 0) + counts.get("unsure", 0)
        text = self.tr("%d waiting, %d failed or unsure, %d sent.") % (waiting, trouble, counts.get("sent", 0))
        if not mail_settings.get().configured:
            text += " " + self.tr("Mail is not set up yet: Edit > Preferences > Mail.")
        self.status.setText(" ".join(t for t in (text, self.last_batch) if t))
        self._schedule()
        self.changed.emit()

    def waiting_count(self) -> int:
        counts = outbox.counts()
        return sum(counts.get(s, 0) for s in ("queued", "sending", "failed", "unsure"))

    def _schedule(self) -> None:
        """Every minute while the mail account is set up (reminders fall due) and the database is writable."""
        run = mail_settings.get().configured and not is_read_only()
        if run and not self.timer.isActive():
            self.timer.start()
        elif not run:
            self.timer.stop()

    def _toggle_sent(self, on: bool) -> None:
        self.model.show_sent = on
        self.load()

    def current(self):
        return self.model.row_at(self.table.currentIndex())

    # -- acting
    def _act(self, action) -> None:
        row = self.current()
        if row is None:
            return
        try:
            action(row.id)
        except ServiceError as exc:
            self.navigator.statusMessage.emit(str(exc))
        self.load()
        self.navigator.dataChanged.emit("outbox")
        if row.status != "sent" and outbox.due_ids():
            self.send_now()

    def copy_for_phone(self) -> None:
        row = self.current()
        if row is None:
            return
        QGuiApplication.clipboard().setText(row.body)
        self.navigator.statusMessage.emit(self.tr("Copied for the phone (%d characters). After sending it, "
                                                  "mark it as sent.") % len(row.body))

    @staticmethod
    def _database_open() -> bool:
        from servicedesk.core.store import database

        return database.obj is not None and not database.is_closed()

    def _tick(self) -> None:
        if not self._database_open():  # the database was closed (the window is going): stop here
            self.timer.stop()
            return
        self.send_now()

    def kick(self) -> None:
        """Send at once when something is due (a notice just queued, say)."""
        if not self.busy and mail_settings.get().configured and not is_read_only() and outbox.due_ids():
            self.send_now()

    def send_now(self) -> None:
        """Send what is due on a worker thread; the window stays usable meanwhile."""
        if self.busy or is_read_only() or not mail_settings.get().configured:
            return
        self.busy = True
        self.send_button.setEnabled(False)
        self.status.setText(self.status.text() + " " + self.tr("Sending…"))
        from servicedesk.core.services.mail import rules

        operations.run(self, lambda _step: rules.send_round(), self._sent, self._failed, name="sendOutbox")

    def _sent(self, batch) -> None:
        self.busy = False
        self.send_button.setEnabled(True)
        if not self._database_open():
            return
        at = formatting.format_time(clock.now())
        self.last_batch = self.tr("Last sent at %s: %s") % (at, batch.summary()) if (
            batch.sent or batch.retry or batch.failed or batch.problem) else self.last_batch
        self.load()
        self.sent.emit(len(batch.sent))
        if batch.sent or batch.failed:
            self.navigator.dataChanged.emit("outbox")

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.send_button.setEnabled(True)
        if not self._database_open():
            return
        self.last_batch = self.tr("Sending stopped: %s") % exc
        self.load()
