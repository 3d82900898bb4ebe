"""The dispatch board: one lane per technician (and one for unassigned visits), painted, not built of widgets.

Week view: a column per day, visits listed in each cell by time; a weekend day the office is
closed and nobody is booked is a narrow column. Day view: a time axis over the office's business
hours, widened to every visit of the day, visits as blocks placed by start and length. A lane
whose technician is booked beyond the working day on some day says so. Thousands of visits cost
one layout pass and a paint of what is exposed; nothing here is a child widget per visit. A
visit dragged to another lane (and day, or time in the day view) is reported through
``visitDropped``; the pane asks the desk to confirm. The painting is in ``board_paint``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPen, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget

from servicedesk.core import clock, formatting
from servicedesk.core.services import business_days
from servicedesk.core.services import hours as office_hours
from servicedesk.core.services import visits as visit_service
from servicedesk.ui.schedule import board_paint
from servicedesk.ui.widgets.banner import KIND_ICONS, KIND_LABELS

LANE_W = 170
HEADER_H = 28
LINE_H = 20
MIN_HOUR_W = 72  # the day view scrolls sideways rather than squeeze an hour below this
MIN_DAY_W = 110  # nor a day of the week view
NARROW_W = 52  # a closed weekend day nobody is booked on
STATUS_LABELS = {"scheduled": "scheduled", "confirmed": "confirmed", "completed": "completed",
                 "cancelled": "cancelled", "rescheduled": "rescheduled", "no_access": "no access"}
BOOKED = ("scheduled", "confirmed", "completed")  # what fills a technician's day


class _Placed:
    """Where a visit's block goes, kept as plain numbers (a busy week places two thousand)."""

    __slots__ = ("x", "y", "w", "h", "visit", "room")

    def __init__(self, x: float, y: float, w: float, h: float, visit: visit_service.BoardVisit):
        self.x, self.y, self.w, self.h, self.visit = x, y, w, h, visit
        self.room = w  # how far its words may run: to the next block in its row (day view)

    @property
    def rect(self) -> QRectF:
        return QRectF(self.x, self.y, self.w, self.h)

    def meets(self, left: float, top: float, right: float, bottom: float) -> bool:
        return self.x < right and self.x + self.room > left and self.y < bottom and self.y + self.h > top


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
        self._lane_work: list[tuple] = []  # per lane, what placing its visits takes (done when first needed)
        self._lane_placed: list[list[_Placed] | None] = []
        self._all_placed: list[_Placed] | None = None
        self._styles: dict[tuple, tuple[QPen, QBrush]] = {}
        self._blocks: dict[tuple, QPixmap] = {}
        self._advances: dict[str, int] = {}
        self.lane_tops: list[tuple[float, float]] = []  # (top, height) per lane
        self.lane_counts: list[int] = []
        self.lane_colours: dict = {}
        self.cols: list[tuple[float, float]] = []  # (left, width) of each day (week) or hour (day)
        self.booked: dict[tuple, int] = {}  # (technician id, day) -> minutes booked
        self.over: dict[tuple, int] = {}  # the same, only where it is more than the working day
        self._press: QPointF | None = None
        self._drag: tuple[int, QPointF] | None = None
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(7.5, self._font.pointSizeF() * 0.9))
        # Kerning and ligatures are left out where a script does not need them: hundreds of names are written
        # on every paint, and that is most of the time it takes.
        self._font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        self.hours = office_hours.parse("")
        self.hour_from, self.hour_to = 8, 17  # the day view's span: business hours and every visit of the day
        self.origin = QPointF(0, 0)  # the scrolled-to corner: the header and lane names stay in sight there

    # ------------------------------------------------------------------ data and layout
    @property
    def days(self) -> int:
        return 7 if self.mode == "week" else 1

    def load(self, first_day: dt.date, mode: str) -> None:
        """Fetch only the visible range, in one service call."""
        self.mode, self.first_day = mode, first_day
        start = dt.datetime.combine(first_day, dt.time())
        self.board = visit_service.board(start, start + dt.timedelta(days=self.days))
        self.hours = self.board.hours
        if self.selected is not None and all(v.id != self.selected for v in self.board.visits):
            self.selected = None
        self.relayout()

    def visit(self, visit_id: int | None):
        if self.board is None or visit_id is None:
            return None
        return next((v for v in self.board.visits if v.id == visit_id), None)

    @property
    def working_minutes(self) -> int:
        """A technician's working day: the office's business hours."""
        return self.hours.minutes

    def _span(self) -> tuple[int, int]:
        """The day view's hours: the office's business hours, widened to every visit of the day."""
        first, last = self.hours.opens.hour, self.hours.closes.hour + (1 if self.hours.closes.minute else 0)
        for v in self.board.visits if self.board is not None else ():
            first = min(first, v.starts_at.hour)
            end = v.ends_at if v.ends_at.date() == v.starts_at.date() else dt.datetime.combine(
                v.starts_at.date(), dt.time(23, 59))
            last = max(last, end.hour + (1 if end.minute or end.second else 0))
        return max(0, first), min(24, max(last, first + 1))

    def _columns(self, busy: set[int] = frozenset()) -> list[tuple[float, float]]:
        """(left, width) of each hour (day view) or day (week view; ``busy``: the days with visits)."""
        width = max(self.width(), 800) - LANE_W
        if self.mode == "day":
            hour = max(width / (self.hour_to - self.hour_from), MIN_HOUR_W)
            return [(LANE_W + i * hour, hour) for i in range(self.hour_to - self.hour_from)]
        days = [self.first_day + dt.timedelta(days=i) for i in range(7)]
        narrow = [d.weekday() >= 5 and i not in busy and not self.hours.open_on(d) for i, d in enumerate(days)]
        wide = max((width - NARROW_W * sum(narrow)) / max(1, 7 - sum(narrow)), MIN_DAY_W)
        out, left = [], float(LANE_W)
        for is_narrow in narrow:
            w = NARROW_W if is_narrow else wide
            out.append((left, w))
            left += w
        return out

    def _col_w(self) -> float:
        """The width of an hour (day view) or of an ordinary day (week view)."""
        return max((w for _x, w in self.cols), default=MIN_DAY_W)

    def day_x(self, moment: dt.datetime, col: float | None = None) -> float:
        """Where a moment of the shown day lies in the day view."""
        hours = (moment - dt.datetime.combine(self.first_day, dt.time(self.hour_from))).total_seconds() / 3600
        return LANE_W + hours * (col or self._col_w())

    def week_x(self, moment: dt.datetime) -> float:
        """Where a moment of the shown week lies in the week view (days may differ in width)."""
        day = (moment.date() - self.first_day).days
        if day < 0:
            return LANE_W
        if day >= len(self.cols):
            left, w = self.cols[-1]
            return left + w
        left, w = self.cols[day]
        seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
        return left + w * seconds / 86400

    def relayout(self) -> None:
        self.lane_tops, self.lane_counts, self._lane_work, self._lane_placed = [], [], [], []
        self._all_placed = None
        if self.board is None:
            return
        if self.mode == "day":
            self.hour_from, self.hour_to = self._span()
        self.lane_colours = {lane.technician_id: lane.color for lane in self.board.lanes}
        lanes = {lane.technician_id: i for i, lane in enumerate(self.board.lanes)}
        per_lane: list[list] = [[] for _ in self.board.lanes]
        booked: dict[tuple, int] = {}
        busy: set[int] = set()
        first = self.first_day.toordinal()
        for v in self.board.visits:  # one pass: each visit's lane, day and minutes
            day = v.starts_at.toordinal() - first
            busy.add(day)
            per_lane[lanes.get(v.technician_id, 0)].append((v, day))
            if v.technician_id is not None and v.status in BOOKED:
                key = (v.technician_id, day)
                booked[key] = booked.get(key, 0) + int((v.ends_at - v.starts_at).total_seconds()) // 60
        self.cols = self._columns(busy)
        per_day = MIN_DAY_W if self.mode == "week" else MIN_HOUR_W
        self.setMinimumWidth(int(LANE_W + sum(min(w, per_day) for _x, w in self.cols)))
        self.booked = {(tech, self.first_day + dt.timedelta(days=day)): m for (tech, day), m in booked.items()}
        working = self.working_minutes
        self.over = {key: minutes for key, minutes in self.booked.items() if minutes > working}
        overloaded = {tech for tech, _day in self.over}
        top = float(HEADER_H)
        week = self.mode == "week"
        for lane, items in zip(self.board.lanes, per_lane):
            if week:  # each visit in its day's cell, one line each, in time order
                counts = [0] * len(self.cols)
                for _v, day in items:
                    counts[day] += 1
                count = max(max(counts, default=0), 1)
                self._lane_work.append((items, top))
            else:
                rows = self._day_rows([v for v, _d in items])
                count = max((r for _v, r, _d in rows), default=0) + 1
                self._lane_work.append((rows, top))
            self._lane_placed.append(None)
            warn = week and lane.technician_id in overloaded  # a row for "booked beyond the day"
            height = max(1, count + warn) * LINE_H + 8
            self.lane_tops.append((top, height))
            self.lane_counts.append(len(items))
            top += height
        self.setMinimumHeight(int(top) + 2)
        self.update()

    def lane_placed(self, lane: int) -> list[_Placed]:
        """Where the visits of one lane go, worked out when first needed (painting asks only for the lanes in
        sight; a busy week has fifty lanes and two thousand visits)."""
        found = self._lane_placed[lane]
        if found is not None:
            return found
        work, top = self._lane_work[lane]
        found = []
        if self.mode == "week":
            counts = [0] * len(self.cols)
            for v, day in work:
                row = counts[day]
                counts[day] = row + 1
                left, right = round(self.cols[day][0] + 3), round(sum(self.cols[day]) - 3)  # whole pixels
                found.append(_Placed(left, top + 4 + row * LINE_H, right - left, LINE_H - 2, v))
        else:
            col = self._col_w()
            for v, row, _day in work:
                length = max((v.ends_at - v.starts_at).total_seconds() / 3600, 0.25)
                found.append(_Placed(round(self.day_x(v.starts_at, col) + 1), top + 4 + row * LINE_H,
                                     round(max(col * length - 2, 14)), LINE_H - 2, v))
            self._give_room(found, LANE_W + col * (self.hour_to - self.hour_from))
        self._lane_placed[lane] = found
        return found

    @property
    def placed(self) -> list[_Placed]:
        """Every visit's box, lane by lane."""
        if self._all_placed is None:
            self._all_placed = [p for lane in range(len(self._lane_work)) for p in self.lane_placed(lane)]
        return self._all_placed

    @staticmethod
    def _give_room(placed: list[_Placed], right: float) -> None:
        """In the day view a short block's words may run on to the next block of its row."""
        by_row: dict[float, list[_Placed]] = {}
        for p in placed:
            by_row.setdefault(p.y, []).append(p)
        for row in by_row.values():
            row.sort(key=lambda p: p.x)
            for p, following in zip(row, row[1:] + [None]):
                p.room = max(p.w, (following.x if following else right) - p.x - 4)

    @staticmethod
    def _day_rows(items):
        """(visit, sub-row, 0): greedy packing, each sub-row's last end kept."""
        ends: list[dt.datetime] = []
        out = []
        for v in items:
            for r, end in enumerate(ends):
                if end <= v.starts_at:
                    ends[r] = v.ends_at
                    break
            else:
                ends.append(v.ends_at)
                r = len(ends) - 1
            out.append((v, r, 0))
        return out

    def sizeHint(self) -> QSize:
        return QSize(1100, max(400, int(self.lane_tops[-1][0] + self.lane_tops[-1][1]) if self.lane_tops else 400))

    def set_origin(self, x: float, y: float) -> None:
        """The scroll area shows the board from (x, y): the header and the lane names are drawn there."""
        if (x, y) != (self.origin.x(), self.origin.y()):
            self.origin = QPointF(x, y)
            self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.relayout()

    # ------------------------------------------------------------------ where things are
    def visit_at(self, pos: QPointF) -> int | None:
        x, y = pos.x(), pos.y()
        if x < self.origin.x() + LANE_W:
            return None  # the lane names are drawn over what is scrolled under them
        for p in self.placed:
            if p.x <= x <= p.x + p.w and p.y <= y <= p.y + p.h:
                return p.visit.id
        return None

    def rect_of(self, visit_id: int) -> QRectF | None:
        return next((p.rect for p in self.placed if p.visit.id == visit_id), None)

    def column_rect(self, lane: int, column: int) -> QRectF:
        """A lane's cell: a day (week view) or an hour (day view)."""
        top, height = self.lane_tops[lane]
        left, width = self.cols[column]
        return QRectF(left, top, width, height)

    def _column_at(self, x: float) -> int:
        for i, (left, width) in enumerate(self.cols):
            if x < left + width:
                return i
        return len(self.cols) - 1

    def target_at(self, pos: QPointF, visit_id: int):
        """(technician id, new start) for a visit dropped at ``pos``; None outside the lanes."""
        if self.board is None or pos.x() < self.origin.x() + LANE_W or pos.y() < self.origin.y() + HEADER_H:
            return None
        lane = next((i for i, (top, h) in enumerate(self.lane_tops) if top <= pos.y() < top + h), None)
        v = self.visit(visit_id)
        if lane is None or v is None:
            return None
        if self.mode == "week":
            day = self.first_day + dt.timedelta(days=self._column_at(pos.x()))
            start = dt.datetime.combine(day, v.starts_at.time())
        else:
            minutes = round(((pos.x() - LANE_W) / self._col_w()) * 60 / 15) * 15
            start = dt.datetime.combine(self.first_day, dt.time(self.hour_from)) + dt.timedelta(minutes=minutes)
        return self.board.lanes[lane].technician_id, start

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:
        board_paint.paint(self, event)

    def style(self, colour: str, finished: bool, conflict: bool, selected: bool) -> tuple[QPen, QBrush]:
        """The pen and brush of a block, made once per look (a screenful shares a few dozen)."""
        key = (colour, finished, conflict, selected)
        found = self._styles.get(key)
        if found is None:
            found = self._styles[key] = board_paint.make_style(colour, finished, conflict, selected)
        return found

    def block(self, colour: str, finished: bool, conflict: bool, selected: bool, width: int, height: int) -> QPixmap:
        """A visit's box in that look and size, drawn once and then copied (a busy screen shows a few dozen looks
        among hundreds of visits; drawing each rounded box anew was most of painting the board)."""
        ratio = self.devicePixelRatioF()
        key = (colour, finished, conflict, selected, width, height, ratio)
        found = self._blocks.get(key)
        if found is None:
            if len(self._blocks) > 500:
                self._blocks.clear()
            found = self._blocks[key] = board_paint.make_block(
                *self.style(colour, finished, conflict, selected), width, height, ratio)
        return found

    def advance(self, metrics, text: str) -> int:
        width = self._advances.get(text)
        if width is None:
            width = self._advances[text] = metrics.horizontalAdvance(text)
        return width

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
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPointF) -> str:
        found = self.visit_at(pos)
        if found is not None:
            return self.tooltip(found)
        lane = next((i for i, (top, h) in enumerate(self.lane_tops) if top <= pos.y() < top + h), None)
        if lane is None or self.mode != "week" or pos.x() < LANE_W:
            return ""
        return self.load_text(self.board.lanes[lane], self.first_day + dt.timedelta(days=self._column_at(pos.x())))

    def load_text(self, lane, day: dt.date) -> str:
        """How full a technician's day is, against the working day."""
        minutes = self.booked.get((lane.technician_id, day), 0)
        if not minutes:
            return ""
        text = self.tr("%1: %2 booked on %3; the working day is %4").replace("%1", _esc(lane.name)) \
            .replace("%2", duration(minutes)).replace("%3", formatting.format_date(day, "medium")) \
            .replace("%4", duration(self.working_minutes))
        return text if minutes <= self.working_minutes else "⚠ " + text

    def tooltip(self, visit_id: int) -> str:
        from servicedesk.core.services import continuity

        v = self.visit(visit_id)
        lines = [f"<b>{_esc(v.customer)}</b>", f"{formatting.format_moment(v.starts_at)}–{formatting.format_time(v.ends_at)} · "
                 f"{_esc(v.service_type)} · {self.tr(STATUS_LABELS.get(v.status, v.status))}"]
        lines.append(_esc(v.technician) if v.technician else self.tr("Unassigned"))
        lines += [f"{KIND_ICONS.get(k, '★')} {self.tr(KIND_LABELS.get(k, k))}" for k in v.matters]
        lines.append(_esc(continuity.figure(v.customer_id).describe()))
        lines += warning_lines(v)
        if v.moved:
            lines.append(self.tr("Moved: the original slot is kept in the visit's history"))
        return "<br>".join(lines)


def warning_lines(v) -> list[str]:
    """What stands against a visit on the board, in red: its technician cannot be there, the office is closed."""
    red = "<span style='color:#b3261e'>⚠ %s</span>"
    lines = [red % f"{_esc(v.technician)}: {_esc(v.conflict)}"] if v.conflict else []
    if v.closed == business_days.OWN_CLOSED_DAY:
        lines.append(red % _esc(board_paint.tr("Booked on a day the office is closed")))
    elif v.closed:
        lines.append(red % _esc(board_paint.tr("Booked on %s, when the office is closed") % v.closed))
    return lines


def duration(minutes: int) -> str:
    """Hours and minutes in a few characters: 9 h, 10 h 15 min, 45 min."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest:02d} min" if rest else "")


def _esc(text: str) -> str:
    import html

    return html.escape(text or "")
