"""Timing, the results table and its JSON file."""

from __future__ import annotations

import json
import platform
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path


CLOCKS = {"wall": time.perf_counter, "cpu": time.thread_time}
_clock = [time.perf_counter]


def use_clock(name: str) -> None:
    """``wall`` (the default: what a person waits) or ``cpu`` (this thread's CPU seconds, which a
    machine loaded by others disturbs far less; start-up rows then read the child's own CPU)."""
    _clock[0] = CLOCKS[name]


def clock_name() -> str:
    return next(name for name, fn in CLOCKS.items() if fn is _clock[0])


def clock() -> float:
    """Seconds on the chosen clock: differences of two readings time the work between them."""
    return _clock[0]()


@dataclass
class Result:
    operation: str
    app_median_s: float | None
    floor_median_s: float | None
    ratio: float | None
    target_ratio: float | None
    peak_mb: float | None = None
    target_mb: float | None = None
    app_p95_s: float | None = None
    floor_p95_s: float | None = None
    budget_s: float | None = None  # the app's time (its 95th percentile where measured) must also stay under this
    note: str = ""

    @property
    def ok(self) -> bool | None:
        if self.peak_mb is not None and self.target_mb is not None:
            return self.peak_mb <= self.target_mb
        if self.ratio is None or self.target_ratio is None:
            return None
        if self.budget_s is not None:
            shown = self.app_p95_s if self.app_p95_s is not None else self.app_median_s
            if shown > self.budget_s:
                return False
        return self.ratio <= self.target_ratio


def p95(times: list[float]) -> float:
    """The 95th percentile (nearest rank) of ``times``."""
    ordered = sorted(times)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def traced(connection, fn) -> list[str]:
    """The SELECT statements ``fn()`` runs on ``connection`` (a sqlite3 connection), values inlined."""
    ran: list[str] = []
    connection.set_trace_callback(ran.append)
    try:
        fn()
    finally:
        connection.set_trace_callback(None)
    return [q for q in ran if q.lstrip()[:6].upper() in ("SELECT", "WITH R") or q.lstrip()[:5].upper() == "WITH "]


def median_time(fn, repeat: int, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs after ``warmup`` uncounted runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def paired(operation: str, app, floor, repeat: int, target_ratio: float, note: str = "",
           warmup: int = 1) -> Result:
    """Time ``app`` and ``floor`` alternately so drift of the machine hits both alike."""
    for _ in range(warmup):
        app()
        floor()
    app_times, floor_times = [], []
    for _ in range(repeat):
        start = clock()
        app()
        app_times.append(clock() - start)
        start = clock()
        floor()
        floor_times.append(clock() - start)
    a, f = statistics.median(app_times), statistics.median(floor_times)
    return Result(operation, a, f, a / f if f else None, target_ratio, note=note)


def _fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def table(results: list[Result]) -> str:
    head = ("operation", "app median", "floor median", "ratio", "target", "ok")
    rows = []
    for r in results:
        note = r.note
        if r.peak_mb is not None:
            rows.append((r.operation, f"{r.peak_mb:.0f} MB", "—", "—", f"< {r.target_mb:.0f} MB",
                         "yes" if r.ok else "NO"))
        else:
            p95_note = (f"p95 {_fmt_s(r.app_p95_s)} vs {_fmt_s(r.floor_p95_s)}"
                        if r.app_p95_s is not None else "")
            if p95_note:
                note = p95_note + ("; " + note if note else "")
            rows.append((
                r.operation, _fmt_s(r.app_median_s), _fmt_s(r.floor_median_s),
                f"{r.ratio:.2f}×" if r.ratio is not None else "—",
                f"≤ {r.target_ratio:g}×" if r.target_ratio else "—",
                {True: "yes", False: "NO", None: "—"}[r.ok],
            ))
        if note:
            rows[-1] = rows[-1][:-1] + (rows[-1][-1] + f"  ({note})",)
    widths = [max(len(str(x[i])) for x in (head, *rows)) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), sep, *map(line, rows)])


def machine() -> str:
    import os

    cpu = platform.processor() or platform.machine()
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def write_json(results: list[Result], path: Path, meta: dict) -> None:
    payload = []
    for r in results:
        row = asdict(r)
        row.pop("note")
        if r.peak_mb is None:
            row.pop("peak_mb")
            row.pop("target_mb")
        for key in ("app_p95_s", "floor_p95_s", "budget_s"):
            if row[key] is None:
                row.pop(key)
        if r.note:
            row["note"] = r.note
        row["ok"] = r.ok
        row.update(meta)
        payload.append(row)
    path.write_text(json.dumps(payload, indent=2))
