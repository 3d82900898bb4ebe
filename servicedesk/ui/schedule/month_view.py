"""The month at a glance: six weeks of days, each with how many visits and the first few of them.

A click chooses a day; a double-click or Enter opens it in the day view.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from servicedesk.core import clock, formatting
from servicedesk.core.services import hours as office_hours
from servicedesk.core.services import visits

HEAD = 24
SHOWN = 4  # visits named in a day's cell; the rest are counted


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class MonthView(QWidget):
    dayActivated = Signal(object)  # a date: open it in the day view

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("monthView")
        self.setAccessibleName(self.tr("Month"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.first = month_start(clock.today())
        self.grid_start = self.first
        self.days: dict[dt.date, tuple[int, tuple]] = {}
        self.chosen: dt.date | None = None
        self.hours = office_hours.parse("")
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(7.5, self._font.pointSizeF() * 0.9))

    def load(self, day: dt.date) -> None:
        """Show the month of ``day``: the six weeks from the Monday on or before its first."""
        self.first = month_start(day)
        self.grid_start = self.first - dt.timedelta(days=self.first.weekday())
        self.days = visits.month(self.grid_start, self.grid_start + dt.timedelta(days=42), SHOWN)
        self.hours = office_hours.office_hours()
        if self.chosen is None or not self.grid_start <= self.chosen < self.grid_start + dt.timedelta(days=42):
            self.chosen = day
        self.update()

    def cell(self, day: dt.date) -> QRectF:
        n = (day - self.grid_start).days
        w, h = self.width() / 7, (self.height() - HEAD) / 6
        return QRectF((n % 7) * w, HEAD + (n // 7) * h, w, h)

    def day_at(self, x: float, y: float) -> dt.date | None:
        if y < HEAD:
            return None
        column = min(6, int(x // (self.width() / 7)))
        row = min(5, int((y - HEAD) // ((self.height() - HEAD) / 6)))
        return self.grid_start + dt.timedelta(days=row * 7 + column)

    def count(self, day: dt.date) -> int:
        return self.days.get(day, (0, ()))[0]

    # -- painting
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        p.setFont(self._font)
        metrics = QFontMetrics(self._font)
        bold = QFont(self._font)
        bold.setBold(True)
        w = self.width() / 7
        p.fillRect(QRectF(0, 0, self.width(), HEAD), QColor("#eef1f5"))
        p.setPen(QColor("#333333"))
        for i, name in enumerate(formatting.weekday_names("abbreviated")):
            p.drawText(QRectF(i * w, 0, w, HEAD), Qt.AlignmentFlag.AlignCenter, name)
        today = clock.today()
        line = metrics.lineSpacing()
        for n in range(42):
            day = self.grid_start + dt.timedelta(days=n)
            rect = self.cell(day)
            inside = day.month == self.first.month
            fill = "#ffffff" if inside and self.hours.open_on(day) else "#f6f7f9" if inside else "#eceef1"
            p.fillRect(rect, QColor("#d6e6ff") if day == today else QColor(fill))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QColor("#d9dde3"))
            p.drawRect(rect)
            if day == self.chosen:
                p.setPen(QColor("#1a73e8"))
                p.drawRect(rect.adjusted(1, 1, -1, -1))
            count, first = self.days.get(day, (0, ()))
            p.setFont(bold)
            p.setPen(QColor("#222222") if inside else QColor("#9aa0a6"))
            p.drawText(rect.adjusted(5, 2, -5, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, f"{day.day}")
            if count:
                p.setPen(QColor("#555555"))
                p.drawText(rect.adjusted(5, 2, -5, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                           self.tr("%n visit(s)", "", count))
            p.setFont(self._font)
            y = rect.top() + line + 6
            room = int((rect.bottom() - 3 - y) // line)
            shown = first[:room - 1] if count > len(first[:room]) else first[:room]
            for entry in shown:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(entry.color))
                p.drawEllipse(QRectF(rect.left() + 6, y + line / 2 - 3, 6, 6))
                p.setPen(QColor("#1b1b1b") if entry.status in ("scheduled", "confirmed") else QColor("#777777"))
                text = f"{formatting.format_time(entry.starts_at)} {entry.customer}"
                p.drawText(QRectF(rect.left() + 16, y, rect.width() - 20, line), Qt.AlignmentFlag.AlignVCenter,
                           metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width() - 20)))
                y += line
            if count > len(shown):
                p.setPen(QColor("#555555"))
                p.drawText(QRectF(rect.left() + 16, y, rect.width() - 20, line), Qt.AlignmentFlag.AlignVCenter,
                           self.tr("+ %n more", "", count - len(shown)))
        p.end()

    # -- choosing a day
    def mousePressEvent(self, event) -> None:
        day = self.day_at(event.position().x(), event.position().y())
        if day is not None:
            self.chosen = day
            self.update()

    def mouseDoubleClickEvent(self, event) -> None:
        day = self.day_at(event.position().x(), event.position().y())
        if day is not None:
            self.chosen = day
            self.dayActivated.emit(day)

    def keyPressEvent(self, event) -> None:
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if event.key() in steps and self.chosen is not None:
            self.chosen += dt.timedelta(days=steps[event.key()])
            if not self.grid_start <= self.chosen < self.grid_start + dt.timedelta(days=42):
                self.load(self.chosen)
            self.update()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.chosen is not None:
            self.dayActivated.emit(self.chosen)
        else:
            super().keyPressEvent(event)
