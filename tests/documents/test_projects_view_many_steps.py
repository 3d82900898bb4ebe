"""A project of many steps on a 1366×768 screen: the milestone table keeps rows in sight, and the timeline
strip scrolls inside its own room instead of pushing its legend over its rows."""

import datetime as dt

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QScrollArea, QTableView, QWidget

from servicedesk.core.services import projects
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.projects import ProjectsView


def test_forty_steps_leave_the_table_rows_in_sight_and_the_legend_below_the_strip(qtbot, pool):
    start = dt.date(2026, 10, 5)
    for n in range(33):  # forty steps with the project's own seven
        projects.add_milestone(pool.project_id, f"Step {n + 8}: tile row {n + 8}",
                               planned_start=start + dt.timedelta(days=2 * n),
                               planned_end=start + dt.timedelta(days=2 * n + 3))
    host = QWidget()
    qtbot.addWidget(host)
    view = ProjectsView(ActionRegistry(host), Navigator(host), host)
    host.resize(1366, 700)  # the window's room for the pane on a 1366×768 screen
    view.resize(1366, 700)
    host.show()
    qtbot.waitExposed(host)
    view.select_project(pool.project_id)

    table = view.findChild(QTableView, "milestoneTable")
    assert table.model().rowCount() == 40
    assert table.viewport().height() >= 4 * table.verticalHeader().defaultSectionSize()  # rows to work in

    strip = view.timeline
    area = view.findChild(QScrollArea, "projectTimelineArea")
    assert area is not None and area.widget() is strip
    assert area.height() < strip.height()  # forty rows do not fit: the strip scrolls in its room
    legend = view.findChild(QLabel, "projectTimelineLegend")
    area_bottom = area.mapTo(view, QPoint(0, area.height())).y()
    assert legend.mapTo(view, QPoint(0, 0)).y() >= area_bottom  # the legend is under the strip, not on it
    assert legend.mapTo(view, QPoint(0, legend.height())).y() <= view.height()  # and in sight
