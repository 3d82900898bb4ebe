"""Painting the dispatch board: lanes, headings, time off, visits and how full each day is.

Only what is exposed is painted; the headings and the lane names are drawn where the scroll
area shows the board from, so they stay in sight however far it is scrolled.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap

from servicedesk.core import clock, formatting
from servicedesk.ui.widgets.banner import KIND_ICONS

GRID = QColor("#d9dde3")
HEAD_FILL = QColor("#eef1f5")
TODAY_FILL = QColor("#d6e6ff")
CLOSED_FILL = QColor("#e2e2e2")  # a day the office is closed (a public holiday, one of its own closed days)
CLOSED = QColor(0, 0, 0, 12)  # outside the office's hours (the day view, over the hours)
LANE_FILLS = (QColor("#ffffff"), QColor("#fafbfc"))  # lanes alternate
CLOSED_FILLS = (QColor("#f1f2f4"), QColor("#eceef1"))  # a closed day in the week view, opaque: cheap to paint
UNASSIGNED_FILL = QColor("#f3f3f3")
OFF_FILL, OFF_HATCH, OFF_LINE = QColor("#fdecea"), QColor("#f0b4ae"), QColor("#b3261e")
OVER = QColor("#b3261e")
TEXT, DONE_TEXT = QColor("#1b1b1b"), QColor("#666666")  # a visit's words; a finished one's
NOT_THEIRS = QColor("#e37400")  # the edge of a visit sent to someone other than the customer's technician
STATUS_GLYPHS = {"completed": "✓ ", "cancelled": "✗ ", "no_access": "⊘ "}
MOVED = "↻ "
REASONS = {"vacation": "Vacation", "sick": "Sick", "training": "Training", "other": "Away"}


def tr(text: str) -> str:
    return QCoreApplication.translate("DispatchBoard", text)


def make_style(colour: str, finished: bool, conflict: bool, selected: bool) -> tuple[QPen, QBrush]:
    base = QColor(colour)
    fill = QColor("#ececec") if finished else _tint(base, 0.22)
    if selected:
        pen = QPen(QColor("#1a73e8"), 2.5)
    else:
        pen = QPen(OVER if conflict else base.darker(130), 2.2 if conflict else 1)
    return pen, QBrush(fill)


BLOCK_MARGIN = 2  # room around a visit's box in its picture for the outline's width


def make_block(pen: QPen, brush: QBrush, width: int, height: int, ratio: float) -> QPixmap:
    """A visit's rounded box on a clear picture, ``BLOCK_MARGIN`` around it (``ratio``: the screen's pixel ratio)."""
    size = (width + 2 * BLOCK_MARGIN, height + 2 * BLOCK_MARGIN)
    picture = QPixmap(round(size[0] * ratio), round(size[1] * ratio))
    picture.setDevicePixelRatio(ratio)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    painter.setBrush(brush)
    painter.drawRoundedRect(QRectF(BLOCK_MARGIN, BLOCK_MARGIN, width, height), 4, 4)
    painter.end()
    return picture


def paint(board, event) -> None:
    from servicedesk.ui.schedule.board import LANE_W

    painter = QPainter(board)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(board._font)
    exposed = QRectF(event.rect())
    painter.fillRect(exposed, board.palette().base())
    if board.board is None:
        return
    _lanes(board, painter, exposed)
    metrics = QFontMetrics(board._font)
    bounds = (exposed.left(), exposed.top(), exposed.right(), exposed.bottom())
    text = _Text(metrics)
    for lane, (top, height) in enumerate(board.lane_tops):
        if top > bounds[3] or top + height < bounds[1]:
            continue  # only the lanes in sight are looked at
        for p in board.lane_placed(lane):
            if p.meets(*bounds):
                _visit(board, painter, p, text)
    if board.mode == "week" and board.over:
        _over_days(board, painter, exposed)
    if exposed.left() < board.origin.x() + LANE_W:
        _lane_names(board, painter, exposed)
    _header(board, painter)
    if board._drag is not None:
        visit_id, pos = board._drag
        rect = board.rect_of(visit_id)
        if rect is not None:
            painter.setPen(QPen(QColor("#1a73e8"), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(pos.x() - rect.width() / 2, pos.y() - rect.height() / 2,
                                           rect.width(), rect.height()), 4, 4)


def _header(board, painter: QPainter) -> None:
    """The day or hour headings, kept at the top of what is in sight."""
    from servicedesk.ui.schedule.board import HEADER_H, LANE_W, NARROW_W

    top = board.origin.y()
    painter.fillRect(QRectF(0, top, board.width(), HEADER_H), HEAD_FILL)
    painter.setPen(QColor("#333333"))
    bold = QFont(board._font)
    bold.setBold(True)
    painter.setFont(bold)
    today = clock.today()
    closed = dict(board.board.closed)
    if board.mode == "week":
        for i, (left, width) in enumerate(board.cols):
            day = board.first_day + dt.timedelta(days=i)
            rect = QRectF(left, top, width, HEADER_H)
            if day in closed:
                painter.fillRect(rect, CLOSED_FILL)
            if day == today:
                painter.fillRect(rect, TODAY_FILL)
            text = formatting.weekday_names(locale=None)[day.weekday()] if width <= NARROW_W else formatting.format_short_day(day)
            if day in closed and width > NARROW_W:
                text = tr("%s · closed") % text
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    else:
        for h, (left, width) in zip(range(board.hour_from, board.hour_to), board.cols):
            painter.drawText(QRectF(left + 3, top, width, HEADER_H),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f"{h:02d}:00")
    corner = QRectF(board.origin.x(), top, LANE_W, HEADER_H)
    painter.fillRect(corner, HEAD_FILL)
    corner_text = tr("Technician") if board.mode == "week" else formatting.format_weekday(board.first_day)
    if board.mode == "day" and board.first_day in closed:
        corner_text = tr("%s · closed") % formatting.format_short_day(board.first_day)  # the lane's width
        painter.fillRect(corner, CLOSED_FILL)
    painter.drawText(corner.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, corner_text)
    painter.setFont(board._font)


def _lanes(board, painter: QPainter, exposed: QRectF) -> None:
    from servicedesk.ui.schedule.board import HEADER_H, LANE_W

    holidays = dict(board.board.closed)  # public holidays and the office's own closed days
    closed = [d for d in range(len(board.cols)) if board.mode == "week"
              and (not board.hours.open_on(board.first_day + dt.timedelta(days=d))
                   or board.first_day + dt.timedelta(days=d) in holidays)]
    for i, (lane, (top, height)) in enumerate(zip(board.board.lanes, board.lane_tops)):
        if top > exposed.bottom() or top + height < exposed.top():
            continue
        row = QRectF(0, top, board.width(), height)
        painter.fillRect(row, UNASSIGNED_FILL if lane.technician_id is None else LANE_FILLS[i % 2])
        if board.mode == "day" and board.first_day in holidays:  # closed all day
            painter.fillRect(QRectF(LANE_W, top, max(0.0, board.width() - LANE_W), height), CLOSED)
        elif board.mode == "day":
            opens = board.day_x(dt.datetime.combine(board.first_day, board.hours.opens))
            closes = board.day_x(dt.datetime.combine(board.first_day, board.hours.closes))
            painter.fillRect(QRectF(LANE_W, top, max(0.0, opens - LANE_W), height), CLOSED)
            painter.fillRect(QRectF(closes, top, max(0.0, board.width() - closes), height), CLOSED)
        else:
            for d in closed:
                left, width = board.cols[d]
                painter.fillRect(QRectF(left, top, width, height), CLOSED_FILLS[i % 2])
        _absences(board, painter, lane, top, height)
        painter.setPen(GRID)
        painter.drawLine(QPointF(0, top + height), QPointF(board.width(), top + height))
    painter.setPen(GRID)
    for left, _width in board.cols:
        painter.drawLine(QPointF(left, HEADER_H), QPointF(left, exposed.bottom()))
    if board.cols:
        right = board.cols[-1][0] + board.cols[-1][1]
        painter.drawLine(QPointF(right, HEADER_H), QPointF(right, exposed.bottom()))


def _absences(board, painter: QPainter, lane, top: float, height: float) -> None:
    """Time off as a hatched band, labelled with why."""
    from servicedesk.ui.schedule.board import LANE_W

    start = dt.datetime.combine(board.first_day, dt.time())
    right = board.cols[-1][0] + board.cols[-1][1] if board.cols else board.width()
    metrics = QFontMetrics(board._font)
    for a in lane.absences:
        if board.mode == "week":
            x0, x1 = board.week_x(max(a.starts_at, start)), board.week_x(a.ends_at)
        else:
            x0 = max(float(LANE_W), board.day_x(a.starts_at))
            x1 = min(right, board.day_x(a.ends_at))
        if x1 <= x0:
            continue
        rect = QRectF(x0, top + 1, x1 - x0, height - 2)
        painter.fillRect(rect, OFF_FILL)
        painter.fillRect(rect, QBrush(OFF_HATCH, Qt.BrushStyle.BDiagPattern))
        painter.fillRect(QRectF(x0, top + 1, x1 - x0, 3), OFF_LINE)
        label = tr(REASONS.get(a.reason, a.reason.capitalize()))
        if metrics.horizontalAdvance(label) + 10 < rect.width():
            painter.setPen(OFF_LINE)
            painter.drawText(rect.adjusted(5, 0, -4, 0), Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft,
                             label)


def _lane_names(board, painter: QPainter, exposed: QRectF) -> None:
    """Each lane's colour, name and load, kept at the left of what is in sight."""
    from servicedesk.ui.schedule.board import LANE_W, LINE_H, duration

    left = board.origin.x()
    metrics = QFontMetrics(painter.font())
    for i, (lane, (top, height)) in enumerate(zip(board.board.lanes, board.lane_tops)):
        if top > exposed.bottom() or top + height < exposed.top():
            continue
        if left:  # scrolled sideways: the names are drawn over what is scrolled under them
            painter.fillRect(QRectF(left, top, LANE_W, height),
                             UNASSIGNED_FILL if lane.technician_id is None else LANE_FILLS[i % 2])
            painter.setPen(GRID)
            painter.drawLine(QPointF(left + LANE_W, top), QPointF(left + LANE_W, top + height))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(lane.color))
        painter.drawRoundedRect(QRectF(left + 6, top + 6, 6, height - 12), 3, 3)
        painter.setPen(QColor("#222222") if lane.active else QColor("#999999"))
        name = tr(lane.name) if lane.technician_id is None else lane.name
        if not lane.active:
            name += " " + tr("(left)")
        painter.drawText(QRectF(left + 18, top, LANE_W - 22, min(height, LINE_H + 8)), Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(name, Qt.TextElideMode.ElideRight, LANE_W - 22))
        lines = []
        count = board.lane_counts[i] if i < len(board.lane_counts) else 0
        if board.mode == "day" and (lane.technician_id, board.first_day) in board.over:
            booked = board.over[(lane.technician_id, board.first_day)]
            lines.append((OVER, "⚠ " + tr("%1 booked, day is %2").replace("%1", duration(booked))
                          .replace("%2", duration(board.working_minutes))))
        elif count:
            lines.append((QColor("#777777"), QCoreApplication.translate("DispatchBoard", "%n visit(s)", "", count)))
        if lane.absences:
            reasons = ", ".join(sorted({tr(REASONS.get(a.reason, a.reason)).lower() for a in lane.absences}))
            lines.append((OFF_LINE, tr("off: %s") % reasons))
        for n, (colour, text) in enumerate(lines, start=1):
            if height > n * LINE_H + 12:
                painter.setPen(colour)
                painter.drawText(QRectF(left + 18, top + n * LINE_H + 2, LANE_W - 22, LINE_H),
                                 Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(text, Qt.TextElideMode.ElideRight, LANE_W - 22))


def _over_days(board, painter: QPainter, exposed: QRectF) -> None:
    """In the week view, a technician's day booked beyond the working day says so under its visits."""
    from servicedesk.ui.schedule.board import LINE_H, duration

    lanes = {lane.technician_id: i for i, lane in enumerate(board.board.lanes)}
    metrics = QFontMetrics(board._font)
    for (tech, day), minutes in board.over.items():
        i = lanes.get(tech)
        column = (day - board.first_day).days
        if i is None or not 0 <= column < len(board.cols):
            continue
        cell = board.column_rect(i, column)
        if cell.top() > exposed.bottom() or cell.bottom() < exposed.top():
            continue
        row = QRectF(cell.left() + 3, cell.bottom() - LINE_H - 2, cell.width() - 6, LINE_H - 2)
        painter.fillRect(row, QColor("#fdecea"))
        painter.setPen(OVER)
        text = "⚠ " + tr("%1 of %2").replace("%1", duration(minutes)).replace("%2", duration(board.working_minutes))
        painter.drawText(row.adjusted(4, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(row.width()) - 6))


class _Text:
    """Where one line of text sits in a visit's box (the box's height is the same for every visit)."""

    def __init__(self, metrics: QFontMetrics):
        from servicedesk.ui.schedule.board import LINE_H

        self.metrics = metrics
        self.baseline = (LINE_H - 2 - metrics.height()) / 2 + metrics.ascent()  # centred, as AlignVCenter puts it


def _visit(board, painter: QPainter, p, text: _Text) -> None:
    v = p.visit
    painter.drawPixmap(QPointF(p.x - BLOCK_MARGIN, p.y - BLOCK_MARGIN),
                       board.block(board.lane_colours.get(v.technician_id, "#9a9a9a"),
                                   v.status in ("completed", "cancelled", "no_access"), bool(v.conflict or v.closed),
                                   v.id == board.selected, p.w, p.h))
    if v.own_technician_id and v.technician_id != v.own_technician_id and "same_technician" in v.matters:
        painter.fillRect(QRectF(p.x + 1, p.y + 1, 4, p.h - 2), NOT_THEIRS)
    icons = _icons(v.matters)
    done = STATUS_GLYPHS.get(v.status, "")
    moved = MOVED if v.moved else ""
    painter.setPen(DONE_TEXT if done else TEXT)
    metrics, baseline = text.metrics, p.y + text.baseline
    if board.mode == "day":  # the time is the block's place; the words may run on past a short block
        words = f"{done}{moved}{v.customer}" + (f"  {icons}" if icons else "")
        painter.drawText(QPointF(p.x + 7, baseline), metrics.elidedText(
            words, Qt.TextElideMode.ElideRight, int(max(max(p.room, p.w) - 11, 10))))
        return
    words = f"{done}{moved}{formatting.format_time(v.starts_at)} {v.customer}"
    room = p.w - 10 - (board.advance(metrics, icons) + 4 if icons else 0)
    painter.drawText(QPointF(p.x + 7, baseline),
                     metrics.elidedText(words, Qt.TextElideMode.ElideRight, int(max(room, 10))))
    if icons and p.w > 60:
        painter.drawText(QPointF(p.x + p.w - 4 - board.advance(metrics, icons), baseline), icons)


_ICONS: dict[tuple, str] = {}


def _icons(kinds: tuple) -> str:
    found = _ICONS.get(kinds)
    if found is None:
        found = _ICONS[kinds] = "".join(KIND_ICONS.get(k, "") for k in kinds)
    return found


def _tint(colour: QColor, amount: float) -> QColor:
    """``colour`` mixed into white: a pale fill that keeps the lane's hue and dark text readable."""
    return QColor(round(255 - (255 - colour.red()) * amount), round(255 - (255 - colour.green()) * amount),
                  round(255 - (255 - colour.blue()) * amount))
