"""Cold start to an idle main window, and the running app's peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from tests.benchmarks.floors import BARE_WINDOW
from tests.benchmarks.harness import Result

DRIVE = """
import os, sys
from servicedesk.core.store import open_database
from servicedesk.ui.app import make_application
path = sys.argv[1]
open_database(path)
app = make_application([])
from servicedesk.ui.main_window import MainWindow
w = MainWindow(path)
w.show()
app.processEvents()
pane = w.customers
for text in ("s", "sm", "smi", "smit", "smith", "555", "oak"):
    pane.search.setText(text)
    pane.apply_search()
    app.processEvents()
pane.table.selectRow(0)
for index in range(w.tabs.count()):
    w.tabs.setCurrentIndex(index)
    app.processEvents()
table = pane.table
for row in range(0, min(pane.model.rowCount(), 50000), 2000):  # scroll far down the list
    table.scrollTo(pane.model.index(row, 0))
    app.processEvents()
"""


def _run_timed(argv, env) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited with {proc.returncode}")
    return wall, usage.ru_maxrss / 1024


def _env(db_path: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SERVICEDESK_EXIT_WHEN_IDLE="1",
               SERVICEDESK_DATABASE=db_path)
    return env


def cold_start(db_path: str, repeat: int) -> Result:
    env = _env(db_path)
    app_cmd = [sys.executable, "-m", "servicedesk", "--database", db_path]
    floor_cmd = [sys.executable, "-c", BARE_WINDOW]
    _run_timed(app_cmd, env)  # warm the page cache as an office PC would be after the first start
    _run_timed(floor_cmd, env)
    app_t, floor_t = [], []
    for _ in range(repeat):
        app_t.append(_run_timed(app_cmd, env)[0])
        floor_t.append(_run_timed(floor_cmd, env)[0])
    a, f = statistics.median(app_t), statistics.median(floor_t)
    return Result("cold start to idle main window", a, f, a / f, 1.5)


def peak_memory(db_path: str) -> Result:
    env = _env(db_path)
    _, peak = _run_timed([sys.executable, "-c", DRIVE, db_path], env)
    return Result("peak memory (start, search, profile, every pane, scroll)", None, None, None, None,
                  peak_mb=peak, target_mb=300)
