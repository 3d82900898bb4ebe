"""A simple Gantt strip: one row per milestone, the first plan in outline, the current plan filled."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from servicedesk.core import formatting
from servicedesk.core.services.projects import MilestoneInfo

ROW, HEAD, LABEL = 20, 22, 150
COLORS = {"done": "#4f9a6a", "in_progress": "#2f6f9f", "delayed": "#c0622b", "waiting": "#b59a2f",
          "not_started": "#8aa4bd"}


class TimelineStrip(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("projectTimeline")
        self.items: list[MilestoneInfo] = []
        self.today = dt.date.today()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(HEAD + ROW)

    def set_milestones(self, items: list[MilestoneInfo], today: dt.date) -> None:
        self.items, self.today = list(items), today
        self.setFixedHeight(HEAD + ROW * max(1, len(self.items)) + 6)
        self.update()

    def _range(self) -> tuple[dt.date, dt.date]:
        days = [d for m in self.items for d in (m.planned_start, m.planned_end, m.original_end, m.revised_start, m.revised_end,
                                                  m.actual_start, m.actual_end) if d] or [self.today]
        start, end = min(days + [self.today]), max(days + [self.today])
        return start - dt.timedelta(days=2), end + dt.timedelta(days=2)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if not self.items:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No milestones yet"))
            return
        first, last = self._range()
        span = max((last - first).days, 1)
        width = max(self.width() - LABEL - 10, 10)

        def x(day: dt.date) -> float:
            return LABEL + width * (day - first).days / span

        p.setPen(QColor("#8a96a3"))
        month = dt.date(first.year, first.month, 1)
        while month <= last:
            if month >= first:
                p.drawLine(int(x(month)), HEAD - 4, int(x(month)), self.height())
            p.drawText(int(x(max(month, first))) + 3, 14, formatting.format_month(month, short=True))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        for row, m in enumerate(self.items):
            top = HEAD + row * ROW
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(4, top, LABEL - 8, ROW), Qt.AlignmentFlag.AlignVCenter, m.name)
            start = m.current_start or m.current_end
            if m.original_end and m.original_start:  # the first plan, in outline
                p.setPen(QPen(QColor("#9aa7b4"), 1, Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(x(m.original_start), top + 3, x(m.original_end) - x(m.original_start) + 4, ROW - 6))
            end = m.actual_end if m.done and m.actual_end else m.current_end
            if start and end:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(COLORS.get(m.status, "#8aa4bd")))
                p.drawRoundedRect(QRectF(x(start), top + 5, max(x(end) - x(start) + 4, 4), ROW - 10), 3, 3)
        p.setPen(QPen(QColor("#c0392b"), 1.5))
        p.drawLine(int(x(self.today)), HEAD - 6, int(x(self.today)), self.height())
        p.end()
