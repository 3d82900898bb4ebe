"""Table models of the Communication pane: today's queue, the concerns with their clocks, the at-risk list.

Each list is short by construction (the services rank, limit and sort in SQL), so a model
holds its rows; the record id of each row is under ``RecordIdRole``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from servicedesk.core import clock, formatting
from servicedesk.core.services import communication, concerns, customers, health
from servicedesk.ui.communication.dialogs import CHANNEL_LABELS, SEVERITY_LABELS
from servicedesk.ui.widgets.banner import KIND_ICONS, describe
from servicedesk.ui.widgets.frozen_rows import RowsModel  # noqa: F401  (the panes' tables build on it)

LATE_BACKGROUND = QColor("#fde2e1")
LATE_TEXT = QColor("#a61b1b")
SOON_BACKGROUND = QColor("#fff4d6")
DONE_TEXT = QColor("#2e7d32")


def tr(text: str) -> str:
    return QCoreApplication.translate("Communication", text)


# ------------------------------------------------------------------ today's queue

KIND_LABELS = {
    "concern": "Concern waiting",
    "concern_open": "Concern open",
    "notice": "Notice to send",
    "handover": "Hand-over",
    "absent": "Technician off",
    "closed_day": "Office closed",
    "notice_missed": "Never told",
    "follow_up": "Follow-up",
    "letter": "Weekly letter",
    "at_risk": "At risk",
    "not_contacted": "Not contacted",
}


# The queue's filter: a name, the kinds it shows, and its words.
QUEUE_FILTERS = (
    ("concerns", ("concern", "concern_open"), "Concerns"),
    ("notices", ("notice",), "Notices to send"),
    ("away", ("handover", "absent", "closed_day"), "Technicians away"),
    ("follow_ups", ("follow_up",), "Follow-ups"),
    ("letters", ("letter",), "Weekly letters"),
    ("at_risk", ("at_risk",), "At risk"),
    ("not_contacted", ("not_contacted",), "Not contacted"),
)
CONTINUED = "↳"  # a further row of the customer above, for the same call


class QueueModel(RowsModel):
    ORDER, TODO, CUSTOMER, WHY, KIND = range(5)
    HEADERS = ("#", "What to do", "Customer", "Why it is here", "Kind")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.everything: list = []  # today's whole queue; ``rows`` is what the filter shows
        self.kinds: tuple[str, ...] | None = None
        self.grouped = False
        self.numbers: list[str] = []

    def load_rows(self):
        self.everything = communication.today_queue()
        self.glance = customers.glance(r.customer_id for r in self.everything)
        return self._shown()

    def _shown(self) -> list:
        rows = [r for r in self.everything if self.kinds is None or r.kind in self.kinds]
        if self.grouped:  # each customer's rows together, under their most urgent one: one call for all
            by_customer: dict[int, list] = {}
            for r in rows:
                by_customer.setdefault(r.customer_id, []).append(r)
            rows = [r for first in dict.fromkeys(r.customer_id for r in rows) for r in by_customer[first]]
        self.numbers, call, previous = [], 0, None
        for r in rows:
            same = self.grouped and r.customer_id == previous
            call += 0 if same else 1
            self.numbers.append(CONTINUED if same else str(call))
            previous = r.customer_id
        return rows

    def set_view(self, kinds: tuple[str, ...] | None, grouped: bool) -> None:
        """Show only rows of ``kinds`` (None: all), each customer's rows together when ``grouped``."""
        self.beginResetModel()
        self.kinds, self.grouped = kinds, grouped
        self.rows = self._shown()
        self.endResetModel()

    def counts(self) -> dict[str, int]:
        """Rows of the whole queue per filter name."""
        return {name: sum(1 for r in self.everything if r.kind in kinds) for name, kinds, _text in QUEUE_FILTERS}

    def customer_rows(self, customer_id: int) -> list:
        """Everything on today's queue for this customer, most urgent first."""
        return [r for r in self.everything if r.customer_id == customer_id]

    def row_id(self, row):
        return row.record_id

    def beside(self, row, limit: int = 110) -> str:
        """What matters and what was agreed, on one line under the customer's name."""
        seen = self.glance.get(row.customer_id) if hasattr(self, "glance") else None
        if seen is None:
            return ""
        text = " ".join(f"{KIND_ICONS.get(m.kind, '★')} {tr(describe(m))}" for m in seen.matters)
        if seen.goals:
            text += (" · " if text else "") + seen.agreed_line()
        return text if len(text) <= limit else text[:limit - 1] + "…"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == self.ORDER and role == Qt.ItemDataRole.DisplayRole:
            return self.numbers[index.row()] if index.row() < len(self.numbers) else None
        return super().data(index, role)

    def cell(self, row, column):
        if column == self.ORDER:
            return ""
        if column == self.TODO:
            return tr(row.todo)
        if column == self.CUSTOMER:
            beside = self.beside(row)
            return f"{row.customer}\n{beside}" if beside else row.customer
        if column == self.WHY:
            return row.why
        return tr(KIND_LABELS.get(row.kind, row.kind))

    def style(self, row, column, role):
        urgent = row.overdue and row.kind in ("concern", "follow_up", "notice", "concern_open")
        if role == Qt.ItemDataRole.BackgroundRole:
            if urgent:
                return LATE_BACKGROUND
            if row.kind == "concern":
                return SOON_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and urgent and column in (self.TODO, self.WHY):
            return LATE_TEXT
        if role == Qt.ItemDataRole.FontRole and column == self.TODO:
            font = QFont()
            font.setBold(True)
            return font
        return None


# ------------------------------------------------------------------ concerns

def _when(value) -> str:
    return formatting.format_moment(value) if value else ""


class ConcernModel(RowsModel):
    CUSTOMER, RAISED, ABOUT, SEVERITY, WORDS, ACK, RESOLVE = range(7)
    HEADERS = ("Customer", "Raised", "About", "Severity", "In their words", "Acknowledged", "Resolved")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.open_only = True

    RESOLVED_DAYS = 90  # "show resolved" shows those of the last three months

    def load_rows(self):
        since = clock.now() - dt.timedelta(days=self.RESOLVED_DAYS)
        return concerns.list_concerns(open_only=self.open_only, resolved_since=since)

    def cell(self, row, column):
        if column == self.CUSTOMER:
            return row.customer
        if column == self.RAISED:
            return f"{_when(row.raised_at)} ({tr(CHANNEL_LABELS.get(row.channel, row.channel)).lower()})"
        if column == self.ABOUT:
            return tr(concerns.CATEGORY_WORDS.get(row.category, row.category))
        if column == self.SEVERITY:
            return tr(SEVERITY_LABELS.get(row.severity, row.severity))
        if column == self.WORDS:
            return row.words
        if column == self.ACK:
            if row.acknowledged_at:
                late = tr(" — late") if row.ack_overdue else ""
                by = f" {tr('by')} {row.acknowledged_by}" if row.acknowledged_by else ""
                return f"{_when(row.acknowledged_at)}{by}{late}"
            return (tr("OVERDUE — was due %s") if row.ack_overdue else tr("due %s")) % formatting.format_short_day(row.ack_due_on)
        if row.resolved_at:
            return f"{_when(row.resolved_at)}: {row.resolution}"
        return (tr("OVERDUE — was due %s") if row.resolve_overdue else tr("due %s")) % formatting.format_short_day(row.resolve_due_on)

    def style(self, row, column, role):
        late = (column == self.ACK and row.ack_overdue) or (column == self.RESOLVE and row.resolve_overdue)
        done = (column == self.ACK and row.acknowledged_at) or (column == self.RESOLVE and row.resolved_at)
        if role == Qt.ItemDataRole.BackgroundRole and late and not done:
            return LATE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if late:
                return LATE_TEXT
            if done:
                return DONE_TEXT
        return None


# ------------------------------------------------------------------ at risk

class AtRiskModel(RowsModel):
    SCORE, CUSTOMER, REASONS = range(3)
    HEADERS = ("Health", "Customer", "Why")
    LIMIT = 200

    def load_rows(self):
        return health.at_risk(self.LIMIT)

    def row_id(self, row):
        return row.customer_id

    def cell(self, row, column):
        if column == self.SCORE:
            return str(row.score)
        if column == self.CUSTOMER:
            return row.customer
        return "; ".join(r.text for r in row.reasons)

    def style(self, row, column, role):
        if column == self.SCORE and role == Qt.ItemDataRole.ForegroundRole:
            return LATE_TEXT if row.score < 50 else QColor("#b26a00")
        if column == self.SCORE and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
