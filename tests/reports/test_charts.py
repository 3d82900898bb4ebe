"""The report's charts: one definition drawn by matplotlib for the screen and the page, readable in black and white,
and matplotlib never loaded when the window starts."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from PIL import Image, ImageStat

from servicedesk.core.documents import charts
from servicedesk.core.services.reports.model import Chart, Series

SEVERITIES = Chart("bars", "Concerns by category and severity", ("Timeline", "Billing"),
                   (Series("Low", (1.0, 0.0)), Series("Medium", (2.0, 1.0)), Series("High", (0.0, 3.0))),
                   axis="concerns")
PROMISES = Chart("lines", "Promises kept in time", ("Sep 2026", "Oct 2026", "Nov 2026"),
                 (Series("Follow-ups on time", (50.0, None, 100.0)), Series("Letters on time", (66.7, 80.0, 90.0)),
                  Series("Notices before the visit", (None, 33.3, 100.0))), percent=True)


def test_each_series_of_bars_has_its_own_hatching_not_colour_alone():
    figure = charts.figure(SEVERITIES)
    ax = figure.axes[0]
    hatches = [{bar.get_hatch() for bar in container} for container in ax.containers]
    assert len(hatches) == 3 and all(len(h) == 1 for h in hatches)
    assert len({next(iter(h)) for h in hatches}) == 3  # three different patterns
    labels = [text.get_text() for container in ax.containers for text in ax.texts if text.get_text()]
    assert {"1", "2", "3"} <= set(labels)  # the values are written on the bars
    legend = figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["Low", "Medium", "High"]


def test_each_line_has_its_own_marker_and_dash():
    ax = charts.figure(PROMISES).axes[0]
    lines = ax.get_lines()
    assert len({line.get_marker() for line in lines}) == 3
    assert len({line.get_linestyle() for line in lines}) == 3
    ys = lines[0].get_ydata()
    assert ys[0] == 50.0 and ys[1] != ys[1] and ys[2] == 100.0  # no follow-up due in October: a gap, not a zero


def test_the_screen_and_the_page_draw_the_same_chart():
    screen = Image.open(io.BytesIO(charts.png(SEVERITIES, charts.SCREEN_DPI)))
    page = Image.open(io.BytesIO(charts.png(SEVERITIES, charts.PRINT_DPI)))
    assert screen.size == (round(charts.SIZE[0] * charts.SCREEN_DPI), round(charts.SIZE[1] * charts.SCREEN_DPI))
    assert abs(page.size[0] / page.size[1] - screen.size[0] / screen.size[1]) < 0.01
    assert page.size[0] > 2 * screen.size[0]


def test_in_grey_the_series_still_differ():
    """On a black-and-white printer the tallest bar of each series still differs: in its grey and its pattern."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    grey = Image.open(io.BytesIO(charts.png(SEVERITIES, 100))).convert("L")
    figure = charts.figure(SEVERITIES)
    figure.set_dpi(100)
    FigureCanvasAgg(figure).draw()  # the same layout as the PNG, to find each bar's pixels
    ax = figure.axes[0]
    looks = []
    for container in ax.containers:
        bar = max(container, key=lambda b: b.get_height())
        (x0, y0), (x1, y1) = ax.transData.transform([(bar.get_x(), 0), (bar.get_x() + bar.get_width(), bar.get_height())])
        top = grey.size[1]
        inside = grey.crop((int(x0) + 3, int(top - y1) + 3, int(x1) - 3, int(top - y0) - 3))
        looks.append((round(ImageStat.Stat(inside).mean[0]), len(inside.getcolors(256)) > 2))
    assert len(set(looks)) == 3
    assert [patterned for _grey, patterned in looks] == [False, True, True]


def test_starting_the_window_does_not_load_matplotlib(tmp_path):
    code = ("import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from servicedesk.core.store import open_database\n"
            "from servicedesk.ui.main_window import MainWindow\n"
            "app = QApplication([])\n"
            f"open_database({str(tmp_path / 'office.db')!r})\n"
            f"window = MainWindow({str(tmp_path / 'office.db')!r})\n"
            "window.show(); app.processEvents()\n"
            "print('matplotlib' in sys.modules, 'servicedesk.core.documents.charts' in sys.modules)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SERVICEDESK_DATA_DIR=str(tmp_path / "data"),
               SERVICEDESK_CONFIG_DIR=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
