"""A busy week: 50 technicians, 2,000 visits. Every visit lands in its technician's lane and its day."""

import datetime as dt
import os

from PySide6.QtWidgets import QMainWindow

from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.schedule.board import LANE_W
from servicedesk.ui.schedule.pane import SchedulePane


def test_busy_week_lays_out_every_visit_in_its_lane_and_day(qtbot, busy_week):
    window = QMainWindow()
    qtbot.addWidget(window)
    pane = SchedulePane(ActionRegistry(window), Navigator(window))
    window.setCentralWidget(pane)
    window.resize(1400, 900)
    window.show()
    board = pane.board
    assert len(board.board.visits) == 2000 and len(board.board.lanes) == 51
    assert board.board.lanes[0].name == "Unassigned"
    lanes = {lane.technician_id: i for i, lane in enumerate(board.board.lanes)}
    col = (board.width() - LANE_W) / 7
    for placed in board.placed:
        top, height = board.lane_tops[lanes[placed.visit.technician_id]]
        assert top <= placed.rect.top() and placed.rect.bottom() <= top + height
        day = (placed.visit.starts_at.date() - dt.date(2026, 3, 2)).days
        assert LANE_W + day * col <= placed.rect.left() < LANE_W + (day + 1) * col
    sick = next(la for la in board.board.lanes if la.technician_id == busy_week.techs[3])
    assert [a.reason for a in sick.absences] == ["sick"]
    flagged = [v for v in board.board.visits if v.conflict]
    assert flagged and all(v.technician_id in (busy_week.techs[3], busy_week.techs[7]) for v in flagged)
    if os.environ.get("SCHEDULE_SHOTS"):  # look at it: SCHEDULE_SHOTS=/tmp pytest tests/schedule/test_busy_week.py
        board.select(board.placed[5].visit.id)
        pane.grab().save(os.path.join(os.environ["SCHEDULE_SHOTS"], "week.png"))
        pane.set_mode("day")
        pane.grab().save(os.path.join(os.environ["SCHEDULE_SHOTS"], "day.png"))
