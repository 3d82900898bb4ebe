"""The customer list: ids from SQL (search and sort there), rows a page at a time."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor

from servicedesk.core import formatting
from servicedesk.core.services import customers, health_bands
from servicedesk.ui.widgets.id_list_model import IdListModel


def _when(value) -> str:
    return formatting.format_date(value) if value else ""


class CustomerListModel(IdListModel):
    NAME, NEXT_VISIT, TECHNICIAN, LAST_CONTACT, OPEN_CONCERNS, HEALTH, PHONE, STREET, TOWN = range(9)
    COLUMNS = (
        ("Name", "name"),
        ("Next visit", "next_visit"),
        ("Technician", "technician"),
        ("Last contact", "last_contact"),
        ("Concerns", "open_concerns"),  # the open ones
        ("Health", "health"),
        ("Phone", "phone"),
        ("Street", "street"),
        ("Town", "city"),
    )
    HIDDEN_AT_FIRST = (LAST_CONTACT, PHONE, STREET)  # one click away under "Columns"
    WINDOW = 100  # four screenfuls at once; the rest and the count follow

    def __init__(self, parent=None):
        super().__init__(parent)
        self._query = ""

    def set_query(self, text: str) -> None:
        self._query = text
        self.reload()

    def fetch_ids(self, sort_key, descending, limit=None):
        return customers.search_ids(self._query, sort_key, descending, limit=limit)

    def fetch_rows(self, ids):
        return customers.rows(ids)

    def display(self, row, column):
        if column == self.NAME:
            return f"{row.name} — {row.company}" if row.company else row.name
        if column == self.NEXT_VISIT:
            return _when(row.next_visit_at)
        if column == self.TECHNICIAN:
            return row.technician
        if column == self.LAST_CONTACT:
            return _when(row.last_contact_at)
        if column == self.OPEN_CONCERNS:
            return str(row.open_concerns) if row.open_concerns else ""
        if column == self.HEALTH:
            return health_label(row.health_score)
        if column == self.PHONE:
            return row.phone
        if column == self.STREET:
            return row.street
        if column == self.TOWN:
            return row.city
        return None

    def decorate(self, row, column, role):
        if column == self.HEALTH and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(health_color(row.health_score))
        if column == self.OPEN_CONCERNS and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


BAND_WORDS = {"good": QT_TRANSLATE_NOOP("Health", "Good"), "watch": QT_TRANSLATE_NOOP("Health", "Watch"),
              "at_risk": QT_TRANSLATE_NOOP("Health", "At risk")}
BAND_COLORS = {"good": "#2e7d32", "watch": "#b26a00", "at_risk": "#c62828"}


def health_label(score: int) -> str:
    """“● At risk (55)”: the band on the same line as the at-risk list, and the score."""
    return f"● {QCoreApplication.translate('Health', BAND_WORDS[health_bands.band(score)])} ({score})"


def health_color(score: int) -> str:
    return BAND_COLORS[health_bands.band(score)]
