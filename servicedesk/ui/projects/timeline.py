"""A simple Gantt strip: one row per milestone, the first plan in outline, the current plan filled."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from servicedesk.core import formatting
from servicedesk.core.services.projects import MilestoneInfo

ROW, HEAD = 20, 22
LABEL_MIN, LABEL_MAX = 120, 280  # the names' column: as wide as the longest name, within these
STATUS_WORDS = {"done": "done", "in_progress": "in progress", "delayed": "delayed", "waiting": "waiting",
                "not_started": "not started"}
COLORS = {"done": "#4f9a6a", "in_progress": "#2f6f9f", "delayed": "#c0622b", "waiting": "#b59a2f",
          "not_started": "#8aa4bd"}


def tr(text: str) -> str:
    return QCoreApplication.translate("TimelineStrip", text)


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

    @staticmethod
    def legend_html(context=None) -> str:
        """What the strip's lines and colours mean, as a line of text to show under it."""
        swatch = "<span style='color:{0}'>■</span> {1}"
        parts = [swatch.format(COLORS[key], tr(words)) for key, words in STATUS_WORDS.items()]
        parts.append("<span style='color:#9aa7b4'>┄┄</span> " + tr("the first plan"))
        parts.append("<span style='color:#c0392b'>│</span> " + tr("today"))
        return "&nbsp;&nbsp; ".join(parts)

    def label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(m.name) for m in self.items), default=0)
        return max(LABEL_MIN, min(LABEL_MAX, widest + 14))

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
        label = self.label_width()
        width = max(self.width() - label - 10, 10)
        metrics = QFontMetrics(self.font())

        def x(day: dt.date) -> float:
            return label + width * (day - first).days / span

        p.setPen(QColor("#8a96a3"))
        month = dt.date(first.year, first.month, 1)
        free_from = label  # month names are written only where the last one left room
        while month <= last:
            if month >= first:
                p.drawLine(int(x(month)), HEAD - 4, int(x(month)), self.height())
            name = formatting.format_month(month, short=True)
            left = int(x(max(month, first))) + 3
            if left >= free_from:
                p.drawText(left, 14, name)
                free_from = left + metrics.horizontalAdvance(name) + 8
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        for row, m in enumerate(self.items):
            top = HEAD + row * ROW
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(4, top, label - 8, ROW), Qt.AlignmentFlag.AlignVCenter,
                       metrics.elidedText(m.name, Qt.TextElideMode.ElideRight, label - 8))
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
