"""Cold start to an idle main window, and the running app's peak memory.

The peak is the one the app's own process reaches, read by that process from VmHWM in
/proc/self/status. Its ``ru_maxrss`` will not do: Linux carries into a process the high-water
mark of the address space it replaced at exec, and a child forked (or vforked) from this
harness replaces a copy of the harness itself, which after the in-process operations (the
board, the letters, generating visits) holds several hundred MB of its own.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from tests.benchmarks.floors import BARE_WINDOW
from tests.benchmarks.harness import Result, clock_name

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
from servicedesk.ui import operations
operations.shutdown()  # as the window does on quitting: what the panes started (the report) ends first
"""

OWN_PEAK = """
try:
    with open("/proc/self/status") as status:  # this process's own high-water mark since it started, in kB
        print("peak-kb", next(line.split()[1] for line in status if line.startswith("VmHWM:")), flush=True)
except (OSError, StopIteration):
    pass
"""


CPU: dict[str, list[float]] = {}  # CPU seconds each child had used when it said so, by command


def _run_timed(argv, env, label: str = "") -> float:
    """Wall seconds from starting a child process until it says it is idle (or ready).

    The child says so on standard output at that moment, with the CPU seconds it had used
    (kept in ``CPU``: on a loaded machine they tell more than the wall clock); what it does
    after (closing the window, waiting for work still under way, the interpreter's exit) is not
    counted, for the floor as for the app.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    took = None
    for line in proc.stdout:
        words = line.split()
        if words and words[0] in ("idle", "ready") and took is None:
            took = time.perf_counter() - start
            if len(words) > 1:
                CPU.setdefault(label, []).append(float(words[1]))
    proc.wait()
    if proc.returncode != 0 or took is None:
        raise RuntimeError(f"{argv[:3]} exited with {proc.returncode} without saying it was idle")
    if clock_name() == "cpu" and label in CPU:
        return CPU[label][-1]
    return took


def own_peak_mb(script: str, args: list[str], env) -> float:
    """Peak resident memory (MB) of a child process running ``script``, as the child itself reports it.

    Where the child cannot read its own mark (no /proc), ``ru_maxrss`` stands in, which may
    include this process's own peak (see above).
    """
    proc = subprocess.Popen([sys.executable, "-c", script + OWN_PEAK, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"the measured script exited with {proc.returncode}")
    marks = [line.split()[1] for line in out.splitlines() if line.startswith("peak-kb ")]
    return int(marks[-1]) / 1024 if marks else usage.ru_maxrss / 1024


def _env(db_path: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SERVICEDESK_EXIT_WHEN_IDLE="1",
               SERVICEDESK_DATABASE=db_path)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program starts from compiled modules
    return env


READY_ENV = "SERVICEDESK_EXIT_WHEN_READY"


def cold_start(db_path: str, repeat: int) -> list[Result]:
    """Two rows from one set of runs: the window idle with the list on screen, and every figure ready.

    ``SERVICEDESK_EXIT_WHEN_IDLE`` quits once the window has painted (the customer list on screen)
    and the event loop is idle again, as the bare window's floor does after its own first paint (a
    timer of 0 ms set at ``show()`` fires before any paint); ``SERVICEDESK_EXIT_WHEN_READY`` once every pane's figures (the
    list's count, today's queue, concerns and at-risk counts) have arrived as well.
    """
    idle_env = _env(db_path)
    ready_env = dict(idle_env, **{READY_ENV: "1"})
    ready_env.pop("SERVICEDESK_EXIT_WHEN_IDLE")
    app_cmd = [sys.executable, "-m", "servicedesk", "--database", db_path]
    floor_cmd = [sys.executable, "-c", BARE_WINDOW]
    _run_timed(app_cmd, idle_env)  # warm the page cache as an office PC would be after the first start
    _run_timed(app_cmd, ready_env)
    _run_timed(floor_cmd, idle_env)
    idle_t, ready_t, floor_t = [], [], []
    for _ in range(repeat):
        idle_t.append(_run_timed(app_cmd, idle_env, "idle"))
        floor_t.append(_run_timed(floor_cmd, idle_env, "floor"))
        ready_t.append(_run_timed(app_cmd, ready_env, "ready"))
    a, r, f = statistics.median(idle_t), statistics.median(ready_t), statistics.median(floor_t)
    cpu = {key: statistics.median(values) for key, values in CPU.items()}
    CPU.clear()
    floor_cpu, app_cpu, ready_cpu = cpu.get("floor"), cpu.get("idle"), cpu.get("ready")

    def cpu_note(app_s):
        if not (app_s and floor_cpu):
            return ""
        return f"CPU {app_s * 1000:.0f} ms vs {floor_cpu * 1000:.0f} ms, {app_s / floor_cpu:.2f}×"

    return [Result("cold start to idle main window", a, f, a / f, 1.5, note=cpu_note(app_cpu)),
            Result("start until every pane's figures are ready", r, f, r / f, 3.0, note=cpu_note(ready_cpu))]


def peak_memory(db_path: str) -> Result:
    env = _env(db_path)
    peak = own_peak_mb(DRIVE, [db_path], env)
    return Result("peak memory (start, search, profile, every pane, scroll)", None, None, None, None,
                  peak_mb=peak, target_mb=300)
