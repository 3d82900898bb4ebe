"""The dispatch board: one lane per technician (and one for unassigned visits), painted, not built of widgets.

Week view: a column per day, visits listed in each cell by time. Day view: a time axis, visits as
blocks placed by start and length. Thousands of visits cost one layout pass and a paint of what is
exposed; nothing here is a child widget per visit. A visit dragged to another lane (and day, or
time in the day view) is reported through ``visitDropped``; the pane asks the desk to confirm.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from servicedesk.core import clock, formatting
from servicedesk.core.services import visits as visit_service
from servicedesk.ui.widgets.banner import KIND_ICONS, KIND_LABELS

LANE_W = 170
HEADER_H = 28
LINE_H = 20
DAY_START, DAY_END = 7, 19  # hours shown in the day view
STATUS_LABELS = {"scheduled": "scheduled", "confirmed": "confirmed", "completed": "completed",
                 "cancelled": "cancelled", "rescheduled": "rescheduled", "no_access": "no access"}


class _Placed:
    """Where a visit's block goes, kept as plain numbers (a busy week places two thousand)."""

    __slots__ = ("x", "y", "w", "h", "visit")

    def __init__(self, x: float, y: float, w: float, h: float, visit: visit_service.BoardVisit):
        self.x, self.y, self.w, self.h, self.visit = x, y, w, h, visit

    @property
    def rect(self) -> QRectF:
        return QRectF(self.x, self.y, self.w, self.h)

    def meets(self, left: float, top: float, right: float, bottom: float) -> bool:
        return self.x < right and self.x + self.w > left and self.y < bottom and self.y + self.h > top


class DispatchBoard(QWidget):
    visitSelected = Signal(int)
    visitActivated = Signal(int)
    visitDropped = Signal(int, object, object)  # visit id, technician id (None: unassigned), new start
    contextRequested = Signal(int, object)  # visit id, global position

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dispatchBoard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Dispatch board"))
        self.mode = "week"
        self.first_day = clock.today()
        self.board: visit_service.Board | None = None
        self.selected: int | None = None
        self.placed: list[_Placed] = []
        self._styles: dict[tuple, tuple[QPen, QBrush]] = {}
        self._advances: dict[str, int] = {}
        self.lane_tops: list[tuple[float, float]] = []  # (top, height) per lane
        self.lane_counts: list[int] = []
        self.lane_colours: dict = {}
        self._press: QPointF | None = None
        self._drag: tuple[int, QPointF] | None = None
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(7.5, self._font.pointSizeF() * 0.9))

    # ------------------------------------------------------------------ data and layout
    @property
    def days(self) -> int:
        return 7 if self.mode == "week" else 1

    def load(self, first_day: dt.date, mode: str) -> None:
        """Fetch only the visible range, in one service call."""
        self.mode, self.first_day = mode, first_day
        start = dt.datetime.combine(first_day, dt.time())
        self.board = visit_service.board(start, start + dt.timedelta(days=self.days))
        if self.selected is not None and all(v.id != self.selected for v in self.board.visits):
            self.selected = None
        self.relayout()

    def visit(self, visit_id: int | None):
        if self.board is None or visit_id is None:
            return None
        return next((v for v in self.board.visits if v.id == visit_id), None)

    def _col_w(self) -> float:
        width = max(self.width(), 800) - LANE_W
        return width / 7 if self.mode == "week" else width / (DAY_END - DAY_START)

    def relayout(self) -> None:
        self.placed, self.lane_tops, self.lane_counts = [], [], []
        if self.board is None:
            return
        self.lane_colours = {lane.technician_id: lane.color for lane in self.board.lanes}
        lanes = {lane.technician_id: i for i, lane in enumerate(self.board.lanes)}
        per_lane: list[list] = [[] for _ in self.board.lanes]
        for v in self.board.visits:
            per_lane[lanes.get(v.technician_id, 0)].append(v)
        col = self._col_w()
        top = float(HEADER_H)
        for items in per_lane:
            rows = self._week_rows(items) if self.mode == "week" else self._day_rows(items)
            height = max(1, max((r for _v, r in rows), default=0) + 1) * LINE_H + 8
            for v, r in rows:
                y = top + 4 + r * LINE_H
                if self.mode == "week":
                    x = LANE_W + (v.starts_at.date() - self.first_day).days * col + 3
                    self.placed.append(_Placed(x, y, col - 6, LINE_H - 2, v))
                else:
                    hours = v.starts_at.hour + v.starts_at.minute / 60 - DAY_START
                    length = max((v.ends_at - v.starts_at).total_seconds() / 3600, 0.25)
                    x = LANE_W + max(0.0, hours) * col
                    self.placed.append(_Placed(x + 1, y, max(col * length - 2, 14), LINE_H - 2, v))
            self.lane_tops.append((top, height))
            self.lane_counts.append(len(items))
            top += height
        self.setMinimumHeight(int(top) + 2)
        self.update()

    def _week_rows(self, items):
        counts: dict[dt.date, int] = {}
        out = []
        for v in items:  # already in time order
            day = v.starts_at.date()
            out.append((v, counts.get(day, 0)))
            counts[day] = counts.get(day, 0) + 1
        return out

    def _day_rows(self, items):
        ends: list[dt.datetime] = []  # greedy packing: each sub-row's last end
        out = []
        for v in items:
            for r, end in enumerate(ends):
                if end <= v.starts_at:
                    ends[r] = v.ends_at
                    break
            else:
                ends.append(v.ends_at)
                r = len(ends) - 1
            out.append((v, r))
        return out

    def sizeHint(self) -> QSize:
        return QSize(1100, max(400, int(self.lane_tops[-1][0] + self.lane_tops[-1][1]) if self.lane_tops else 400))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.relayout()

    # ------------------------------------------------------------------ where things are
    def visit_at(self, pos: QPointF) -> int | None:
        x, y = pos.x(), pos.y()
        for p in self.placed:
            if p.x <= x <= p.x + p.w and p.y <= y <= p.y + p.h:
                return p.visit.id
        return None

    def rect_of(self, visit_id: int) -> QRectF | None:
        return next((p.rect for p in self.placed if p.visit.id == visit_id), None)

    def target_at(self, pos: QPointF, visit_id: int):
        """(technician id, new start) for a visit dropped at ``pos``; None outside the lanes."""
        if self.board is None or pos.x() < LANE_W:
            return None
        lane = next((i for i, (top, h) in enumerate(self.lane_tops) if top <= pos.y() < top + h), None)
        v = self.visit(visit_id)
        if lane is None or v is None:
            return None
        col = self._col_w()
        if self.mode == "week":
            day = self.first_day + dt.timedelta(days=min(6, int((pos.x() - LANE_W) // col)))
            start = dt.datetime.combine(day, v.starts_at.time())
        else:
            minutes = round(((pos.x() - LANE_W) / col) * 60 / 15) * 15
            start = dt.datetime.combine(self.first_day, dt.time(DAY_START)) + dt.timedelta(minutes=minutes)
        return self.board.lanes[lane].technician_id, start

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        exposed = QRectF(event.rect())
        painter.fillRect(exposed, self.palette().base())
        if self.board is None:
            return
        col = self._col_w()
        self._paint_lanes(painter, exposed, col)
        self._paint_header(painter, col)
        metrics = QFontMetrics(self._font)
        bounds = (exposed.left(), exposed.top(), exposed.right(), exposed.bottom())
        for p in self.placed:
            if p.meets(*bounds):
                self._paint_visit(painter, p, metrics)
        if self._drag is not None:
            visit_id, pos = self._drag
            rect = self.rect_of(visit_id)
            if rect is not None:
                painter.setPen(QPen(QColor("#1a73e8"), 2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(pos.x() - rect.width() / 2, pos.y() - rect.height() / 2,
                                               rect.width(), rect.height()), 4, 4)

    def _paint_header(self, painter: QPainter, col: float) -> None:
        painter.fillRect(QRectF(0, 0, self.width(), HEADER_H), QColor("#eef1f5"))
        painter.setPen(QColor("#333333"))
        bold = QFont(self._font)
        bold.setBold(True)
        painter.setFont(bold)
        today = clock.today()
        if self.mode == "week":
            for i in range(7):
                day = self.first_day + dt.timedelta(days=i)
                rect = QRectF(LANE_W + i * col, 0, col, HEADER_H)
                if day == today:
                    painter.fillRect(rect, QColor("#d6e6ff"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, formatting.format_short_day(day))
        else:
            for h in range(DAY_START, DAY_END):
                rect = QRectF(LANE_W + (h - DAY_START) * col + 3, 0, col, HEADER_H)
                painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f"{h:02d}:00")
        painter.drawText(QRectF(6, 0, LANE_W - 6, HEADER_H), Qt.AlignmentFlag.AlignVCenter,
                         self.tr("Technician") if self.mode == "week" else formatting.format_weekday(self.first_day))
        painter.setFont(self._font)

    def _paint_lanes(self, painter: QPainter, exposed: QRectF, col: float) -> None:
        grid = QColor("#d9dde3")
        cols = 7 if self.mode == "week" else DAY_END - DAY_START
        for i, (lane, (top, height)) in enumerate(zip(self.board.lanes, self.lane_tops)):
            if top > exposed.bottom() or top + height < exposed.top():
                continue
            row = QRectF(0, top, self.width(), height)
            painter.fillRect(row, QColor("#fafbfc") if i % 2 else QColor("#ffffff"))
            if lane.technician_id is None:
                painter.fillRect(row, QColor("#f3f3f3"))
            self._paint_absences(painter, lane, top, height, col)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(lane.color))
            painter.drawRoundedRect(QRectF(6, top + 6, 6, height - 12), 3, 3)
            painter.setPen(QColor("#222222") if lane.active else QColor("#999999"))
            name = self.tr(lane.name) if lane.technician_id is None else lane.name
            if not lane.active:
                name += " " + self.tr("(left)")
            painter.drawText(QRectF(18, top, LANE_W - 22, min(height, LINE_H + 8)), Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(painter.font()).elidedText(name, Qt.TextElideMode.ElideRight, LANE_W - 22))
            count = self.lane_counts[i] if i < len(self.lane_counts) else 0
            if count and height > LINE_H + 12:
                painter.setPen(QColor("#777777"))
                painter.drawText(QRectF(18, top + LINE_H + 2, LANE_W - 22, LINE_H), Qt.AlignmentFlag.AlignVCenter,
                                 self.tr("1 visit") if count == 1 else self.tr("%d visits") % count)
            painter.setPen(grid)
            painter.drawLine(QPointF(0, top + height), QPointF(self.width(), top + height))
        for c in range(cols + 1):
            x = LANE_W + c * col
            painter.drawLine(QPointF(x, HEADER_H), QPointF(x, exposed.bottom()))

    def _paint_absences(self, painter: QPainter, lane, top: float, height: float, col: float) -> None:
        for a in lane.absences:
            start = dt.datetime.combine(self.first_day, dt.time())
            if self.mode == "week":
                scale, origin = col / 24, start
            else:
                scale, origin = col, start + dt.timedelta(hours=DAY_START)
            x0 = LANE_W + max(0.0, (a.starts_at - origin).total_seconds() / 3600 * scale)
            x1 = LANE_W + min(self.width() - LANE_W, (a.ends_at - origin).total_seconds() / 3600 * scale)
            if x1 <= x0:
                continue
            rect = QRectF(x0, top + 1, x1 - x0, height - 2)
            painter.fillRect(rect, QColor("#fdecea"))
            painter.fillRect(rect, QBrush(QColor("#f0b4ae"), Qt.BrushStyle.BDiagPattern))
            painter.fillRect(QRectF(x0, top + 1, x1 - x0, 3), QColor("#b3261e"))
        if lane.absences and height > 2 * LINE_H + 12:
            reasons = ", ".join(sorted({self.tr(a.reason) for a in lane.absences}))
            painter.setPen(QColor("#b3261e"))
            painter.drawText(QRectF(18, top + 2 * LINE_H + 2, LANE_W - 22, LINE_H), Qt.AlignmentFlag.AlignVCenter,
                             self.tr("off: %s") % reasons)

    def _style(self, colour: str, finished: bool, conflict: bool, selected: bool) -> tuple[QPen, QBrush]:
        """The pen and brush of a block, made once per look (a screenful shares a few dozen)."""
        key = (colour, finished, conflict, selected)
        found = self._styles.get(key)
        if found is None:
            base = QColor(colour)
            fill = QColor("#ececec") if finished else _tint(base, 0.22)
            if selected:
                pen = QPen(QColor("#1a73e8"), 2.5)
            else:
                pen = QPen(QColor("#b3261e") if conflict else base.darker(130), 2.2 if conflict else 1)
            found = self._styles[key] = (pen, QBrush(fill))
        return found

    def _advance(self, metrics: QFontMetrics, text: str) -> int:
        width = self._advances.get(text)
        if width is None:
            width = self._advances[text] = metrics.horizontalAdvance(text)
        return width

    def _paint_visit(self, painter: QPainter, p: _Placed, metrics: QFontMetrics) -> None:
        v, rect = p.visit, p.rect
        pen, brush = self._style(self.lane_colours.get(v.technician_id, "#9a9a9a"),
                                 v.status in ("completed", "cancelled", "no_access"), bool(v.conflict),
                                 v.id == self.selected)
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawRoundedRect(rect, 4, 4)
        if v.own_technician_id and v.technician_id != v.own_technician_id and "same_technician" in v.matters:
            painter.fillRect(QRectF(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2), QColor("#e37400"))
        icons = "".join(KIND_ICONS.get(k, "") for k in v.matters)
        done = {"completed": "✓ ", "cancelled": "✗ ", "no_access": "⊘ "}.get(v.status, "")
        moved = "↻ " if v.moved else ""
        when = f"{formatting.format_time(v.starts_at)} " if self.mode == "week" else ""  # the day view shows time by position
        text = f"{done}{moved}{when}{v.customer}"
        room = rect.width() - 10 - (self._advance(metrics, icons) + 4 if icons else 0)
        painter.setPen(QColor("#1b1b1b") if not done else QColor("#666666"))
        painter.drawText(rect.adjusted(7, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(max(room, 10))))
        if icons and rect.width() > 60:
            painter.drawText(rect.adjusted(0, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             icons)

    # ------------------------------------------------------------------ interaction
    def select(self, visit_id: int | None) -> None:
        self.selected = visit_id
        self.update()
        if visit_id is not None:
            self.visitSelected.emit(visit_id)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            found = self.visit_at(event.position())
            self.select(found)
            self._press = event.position() if found is not None else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._press is not None and self.selected is not None and \
                (event.position() - self._press).manhattanLength() > 8:
            self._drag = (self.selected, event.position())
            self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        drag, self._drag, self._press = self._drag, None, None
        if drag is not None:
            self.update()
            self.drop(drag[0], event.position())
        super().mouseReleaseEvent(event)

    def drop(self, visit_id: int, pos: QPointF) -> None:
        """A visit let go at ``pos``: report where it should go, if that is somewhere new."""
        target = self.target_at(pos, visit_id)
        v = self.visit(visit_id)
        if target is None or v is None:
            return
        tech, start = target
        if tech != v.technician_id or start != v.starts_at:
            self.visitDropped.emit(visit_id, tech, start)

    def mouseDoubleClickEvent(self, event) -> None:
        found = self.visit_at(event.position())
        if found is not None:
            self.select(found)
            self.visitActivated.emit(found)

    def contextMenuEvent(self, event) -> None:
        found = self.visit_at(QPointF(event.pos()))
        if found is not None:
            self.select(found)
            self.contextRequested.emit(found, event.globalPos())

    def keyPressEvent(self, event) -> None:
        order = [p.visit.id for p in sorted(self.placed, key=lambda p: (p.visit.starts_at, p.y))]
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Left) and order:
            step = 1 if key in (Qt.Key.Key_Down, Qt.Key.Key_Right) else -1
            at = order.index(self.selected) + step if self.selected in order else 0
            self.select(order[max(0, min(len(order) - 1, at))])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.visitActivated.emit(self.selected)
        else:
            super().keyPressEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            found = self.visit_at(QPointF(event.pos()))
            if found is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(found), self)
            return True
        return super().event(event)

    def tooltip(self, visit_id: int) -> str:
        from servicedesk.core.services import continuity

        v = self.visit(visit_id)
        lines = [f"<b>{_esc(v.customer)}</b>", f"{formatting.format_moment(v.starts_at)}–{formatting.format_time(v.ends_at)} · "
                 f"{_esc(v.service_type)} · {self.tr(STATUS_LABELS.get(v.status, v.status))}"]
        lines.append(_esc(v.technician) if v.technician else self.tr("Unassigned"))
        lines += [f"{KIND_ICONS.get(k, '★')} {self.tr(KIND_LABELS.get(k, k))}" for k in v.matters]
        lines.append(_esc(continuity.figure(v.customer_id).describe()))
        if v.conflict:
            lines.append(f"<span style='color:#b3261e'>⚠ {_esc(v.technician)}: {_esc(v.conflict)}</span>")
        if v.moved:
            lines.append(self.tr("Moved: the original slot is kept in the visit's history"))
        return "<br>".join(lines)


def _tint(colour: QColor, amount: float) -> QColor:
    """``colour`` mixed into white: a pale fill that keeps the lane's hue and dark text readable."""
    return QColor(round(255 - (255 - colour.red()) * amount), round(255 - (255 - colour.green()) * amount),
                  round(255 - (255 - colour.blue()) * amount))


def _esc(text: str) -> str:
    import html

    return html.escape(text or "")
