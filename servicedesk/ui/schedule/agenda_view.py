"""The agenda: a day's or a week's visits as a list to read or print, by day and technician.

Each visit with its time, the customer and how to reach them, the address and access notes,
the service and what matters to the customer in their own words: what a technician takes
along on paper.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from servicedesk.core import formatting
from servicedesk.core.services import technicians, visits
from servicedesk.ui.schedule.board import STATUS_LABELS
from servicedesk.ui.widgets.banner import KIND_ICONS, KIND_LABELS


class AgendaView(QWidget):
    rangeChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("agendaView")
        self.first = dt.date.today()
        self.rows: list[visits.AgendaRow] = []
        self.span = QComboBox(objectName="agendaRange")
        self.span.addItem(self.tr("The day"), 1)
        self.span.addItem(self.tr("The week"), 7)
        self.technician = QComboBox(objectName="agendaTechnician")
        self.print_button = QPushButton(self.tr("&Print…"), objectName="printAgenda")
        self.print_button.clicked.connect(self.print_preview)
        self.text = QTextBrowser(objectName="agendaText")
        self.text.setOpenLinks(False)
        bar = QHBoxLayout()
        for label, box in ((self.tr("Show"), self.span), (self.tr("for"), self.technician)):
            bar.addWidget(QLabel(label))
            bar.addWidget(box)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.text, 1)
        self.span.currentIndexChanged.connect(lambda _i: self.rangeChanged.emit())
        self.technician.currentIndexChanged.connect(lambda _i: self._fill())

    @property
    def days(self) -> int:
        return self.span.currentData()

    def first_day(self, day: dt.date) -> dt.date:
        """The agenda's first day for ``day``: the day itself, or the Monday of its week."""
        return day if self.days == 1 else day - dt.timedelta(days=day.weekday())

    def load(self, day: dt.date) -> None:
        self.first = self.first_day(day)
        chosen = self.technician.currentData()
        self.technician.blockSignals(True)
        self.technician.clear()
        self.technician.addItem(self.tr("every technician"), None)
        for t in technicians.technicians():
            self.technician.addItem(t.name, t.id)
        self.technician.setCurrentIndex(max(0, self.technician.findData(chosen)))
        self.technician.blockSignals(False)
        self._fill()

    def title(self) -> str:
        if self.days == 1:
            return formatting.format_date(self.first, "full")
        last = self.first + dt.timedelta(days=6)
        return self.tr("%1 to %2").replace("%1", formatting.format_date(self.first, "medium")) \
            .replace("%2", formatting.format_date(last, "medium"))

    def _fill(self) -> None:
        self.rows = visits.agenda(self.first, self.first + dt.timedelta(days=self.days), self.technician.currentData())
        self.text.setHtml(self.to_html())

    def to_html(self) -> str:
        e = html.escape
        who = self.technician.currentText() if self.technician.currentData() is not None else ""
        parts = [f"<h2>{e(self.tr('Agenda'))}: {e(self.title())}{(' — ' + e(who)) if who else ''}</h2>"]
        if not self.rows:
            parts.append(f"<p>{e(self.tr('No visits in these days.'))}</p>")
        day = tech = None
        for r in self.rows:
            if r.starts_at.date() != day:
                if day is not None:
                    parts.append("</table>")
                day, tech = r.starts_at.date(), object()
                parts.append(f"<h3>{e(formatting.format_date(day, 'full'))}</h3>")
                parts.append("<table width='100%' cellspacing='0' cellpadding='4' border='1' "
                             "style='border-collapse: collapse; border-color: #c8ccd2;'>")
            if r.technician_id != tech:
                tech = r.technician_id
                parts.append(f"<tr><td colspan='4' style='background:#eef1f5'><b>"
                             f"{e(r.technician or self.tr('Unassigned'))}</b></td></tr>")
            parts.append(self._row_html(r))
        if day is not None:
            parts.append("</table>")
        return "".join(parts)

    def _row_html(self, r: visits.AgendaRow) -> str:
        e = html.escape
        when = f"{formatting.format_time(r.starts_at)}–{formatting.format_time(r.ends_at)}"
        status = "" if r.status in ("scheduled", "confirmed") else f" ({e(self.tr(STATUS_LABELS.get(r.status, r.status)))})"
        who = f"<b>{e(r.customer)}</b>" + (f" — {e(r.company)}" if r.company else "")
        reach = f"<br>☎ {e(r.phone)}" if r.phone else ""
        place = e(r.address) + (f"<br><i>{e(r.access_notes)}</i>" if r.access_notes else "")
        matters = "<br>".join(
            f"{e(KIND_ICONS.get(kind, '★'))} {e(self.tr(KIND_LABELS.get(kind, kind)))}"
            + (f": “{e(words)}”" if words else "") for kind, words in r.matters)
        return (f"<tr><td valign='top' width='12%'>{e(when)}{status}</td>"
                f"<td valign='top' width='30%'>{who}{reach}<br>{e(r.service_type)}</td>"
                f"<td valign='top' width='28%'>{place}</td><td valign='top'>{matters}</td></tr>")

    # -- printing
    def document(self) -> QTextDocument:
        document = QTextDocument()
        document.setHtml(self.to_html())
        return document

    def print_to(self, printer) -> None:
        self.document().print_(printer)

    def print_preview(self) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from servicedesk.ui import printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Agenda"))
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("agendaPreview")
        dialog.paintRequested.connect(self.print_to)
        printing.fit_preview(dialog)
        dialog.exec()


__all__ = ["AgendaView", "Qt"]
