"""The day view spans the office's business hours and every visit of the day, and scrolls sideways."""

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from servicedesk.core.services import office, scheduling
from servicedesk.ui.schedule.board import LANE_W


@pytest.fixture
def pane(pane_1366):
    return pane_1366


def choose_day_view(qtbot, pane):
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Down)  # Week -> Day, as a person picks it with the keyboard
    assert pane.mode == "day"


def visible_in_viewport(pane, rect) -> bool:
    viewport = pane.scroll.viewport()
    top_left = pane.board.mapTo(viewport, rect.topLeft().toPoint())
    bottom_right = pane.board.mapTo(viewport, rect.bottomRight().toPoint())
    return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)


def test_a_late_and_an_early_visit_both_show_and_the_view_scrolls_to_them(pane, qtbot):
    o = pane.office
    office.update(business_hours="Mon-Fri 6:00-20:00")
    early = scheduling.book(o.dorothy, dt.datetime(2026, 1, 5, 5, 30), 60, o.sam)
    late = scheduling.book(o.hurried, dt.datetime(2026, 1, 5, 20, 30), 90, o.alex)
    pane.refresh()
    choose_day_view(qtbot, pane)
    board = pane.board
    assert (board.hour_from, board.hour_to) == (5, 22)  # 5:30 to 22:00, wider than the office's 6 to 20
    for visit_id in (early, late):
        rect = board.rect_of(visit_id)
        assert rect is not None and LANE_W <= rect.left() and rect.right() <= board.width(), visit_id
    bar = pane.scroll.horizontalScrollBar()
    assert bar.maximum() > 0  # too wide for 1366 pixels at a readable hour width: it scrolls
    assert visible_in_viewport(pane, board.rect_of(early)) and not visible_in_viewport(pane, board.rect_of(late))
    pane.scroll.viewport().setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    assert visible_in_viewport(pane, board.rect_of(late))
    assert board.origin.x() == bar.value()  # the lane names and the hours stay in sight
    assert board.target_at(board.rect_of(late).center(), late)[0] == o.alex


def test_the_day_follows_the_business_hours_in_preferences(pane, qtbot):
    office.update(business_hours="Mon-Sat 9:00-15:30")
    pane.refresh()
    choose_day_view(qtbot, pane)
    assert (pane.board.hour_from, pane.board.hour_to) == (9, 16)
    assert pane.scroll.horizontalScrollBar().maximum() == 0  # seven hours fit
    target = pane.board.target_at(QPoint(LANE_W + 1, 60), pane.board.board.visits[0].id) \
        if pane.board.board.visits else None
    assert target is None or target[1].hour >= 9


def test_the_chosen_visit_shows_how_to_reach_the_customer(pane, qtbot):
    from servicedesk.core.services import customers
    from PySide6.QtWidgets import QLabel

    o = pane.office
    dorothy = customers.get(o.dorothy)
    customers.update(o.dorothy, dorothy.version, phone="+1 512 555 0142", preferred_channel="text",
                     best_time="before 10 am")
    visit = scheduling.book(o.dorothy, dt.datetime(2026, 1, 6, 9), 60, o.sam)
    pane.refresh()
    rect = pane.board.rect_of(visit)
    qtbot.mouseClick(pane.board, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    detail = pane.findChild(QLabel, "visitDetail").text()
    assert "tel:+15125550142" in detail and "Prefers: Text message · best time: before 10 am" in detail
