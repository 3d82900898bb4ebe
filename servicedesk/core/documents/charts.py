"""The report's charts, drawn by matplotlib: one definition per chart, for the screen and for the PDF.

``figure(chart)`` turns a ``reports.Chart`` (plain values) into a matplotlib figure; ``png`` renders
it with the Agg backend, at screen resolution for the window (which shows it as a picture) and
at print resolution for the PDF. matplotlib is imported here only, when a chart is drawn, so
starting the application never loads it; pyplot is never used, so no GUI backend is chosen.

Every chart reads in black and white: each series of bars has its own hatching as well as its
own shade, each line its own marker and dash, and the values are written on the bars.
"""

from __future__ import annotations

import io
import math
import textwrap

from servicedesk.core.services.reports.model import Chart

INK = "#1f2a36"
MUTED = "#5b6775"
GRID = "#d5dce3"
# series styles: distinct in colour and, for print, in hatching or marker and dash
BAR_STYLES = (
    {"facecolor": "#2f6f9f", "hatch": ""},
    {"facecolor": "#ffffff", "hatch": "///"},
    {"facecolor": "#b9c4ce", "hatch": "xx"},
    {"facecolor": "#e7c9a9", "hatch": ".."},
)
LINE_STYLES = (
    {"color": "#2f6f9f", "marker": "o", "linestyle": "-"},
    {"color": "#a04a1c", "marker": "s", "linestyle": "--"},
    {"color": "#1f2a36", "marker": "^", "linestyle": ":"},
)
SCREEN_DPI = 96
PRINT_DPI = 220
SIZE = (6.2, 2.9)  # inches: the same proportions on screen and on paper


def _values(values) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def _number(value: float, percent: bool) -> str:
    if math.isnan(value):
        return ""
    return f"{value:.0f}" + ("%" if percent else "")


def _thin_ticks(ax, labels, most: int = 14) -> None:
    """Category labels along the bottom: every one when they fit, else every n-th, slanted when many."""
    step = max(1, math.ceil(len(labels) / most))
    slanted = step > 1 or len(labels) > 6
    ax.set_xticks(range(0, len(labels), step))
    ax.set_xticklabels([labels[i] for i in range(0, len(labels), step)], rotation=40 if slanted else 0,
                       ha="right" if slanted else "center", rotation_mode="anchor", fontsize=7.5)


def _bars(ax, chart: Chart) -> None:
    n = len(chart.series)
    width = 0.8 / max(n, 1)
    positions = range(len(chart.categories))
    for i, series in enumerate(chart.series):
        style = BAR_STYLES[i % len(BAR_STYLES)]
        xs = [p - 0.4 + width * (i + 0.5) for p in positions]
        values = _values(series.values)
        bars = ax.bar(xs, [0 if math.isnan(v) else v for v in values], width, label=series.label,
                      edgecolor=INK, linewidth=0.6, **style)
        if len(chart.categories) * n <= 40:
            ax.bar_label(bars, labels=[_number(v, chart.percent) if v else "" for v in values], fontsize=7,
                         padding=1.5, color=INK)
    _thin_ticks(ax, chart.categories)
    top = max([v for s in chart.series for v in _values(s.values) if not math.isnan(v)] or [0])
    ax.set_ylim(0, 108 if chart.percent else max(1, top * 1.15))
    ax.yaxis.get_major_locator().set_params(integer=True)


def _hbars(ax, chart: Chart) -> None:
    series = chart.series[0]
    values = _values(series.values)
    ys = list(range(len(chart.categories)))[::-1]
    bars = ax.barh(ys, [0 if math.isnan(v) else v for v in values], 0.6, edgecolor=INK, linewidth=0.6,
                   label=series.label, **BAR_STYLES[0])
    ax.bar_label(bars, labels=[_number(v, chart.percent) for v in values], fontsize=7, padding=2, color=INK)
    ax.set_yticks(ys)
    ax.set_yticklabels(chart.categories, fontsize=7.5)
    ax.set_xlim(0, 112 if chart.percent else max(1, max([v for v in values if not math.isnan(v)] or [0]) * 1.2))
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.grid(axis="y", visible=False)


def _lines(ax, chart: Chart) -> None:
    xs = list(range(len(chart.categories)))
    many = len(xs) > 20
    for i, series in enumerate(chart.series):
        style = dict(LINE_STYLES[i % len(LINE_STYLES)])
        ax.plot(xs, _values(series.values), label=series.label, linewidth=1.4,
                markersize=3.2 if many else 5, markerfacecolor="white" if i % 2 else style["color"], **style)
    _thin_ticks(ax, chart.categories)
    known = [v for s in chart.series for v in _values(s.values) if not math.isnan(v)]
    ax.set_ylim(0, 105 if chart.percent else max(1, max(known or [0]) * 1.2))
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if not known:
        ax.text(0.5, 0.5, "nothing to show yet", transform=ax.transAxes, ha="center", va="center",
                fontsize=9, color=MUTED)


DRAW = {"bars": _bars, "hbars": _hbars, "lines": _lines}


def figure(chart: Chart, size: tuple[float, float] = SIZE):
    """The chart as a matplotlib ``Figure`` (no pyplot, no GUI backend)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    fig = Figure(figsize=size, layout="constrained")
    fig.patch.set_facecolor("white")
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    ax.tick_params(colors=INK, labelsize=7.5)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    DRAW[chart.kind](ax, chart)
    if chart.percent:
        (ax.xaxis if chart.kind == "hbars" else ax.yaxis).set_major_formatter(PercentFormatter(decimals=0))
    elif chart.axis:
        ax.set_ylabel(chart.axis, fontsize=7.5, color=MUTED)
    if chart.across:
        ax.set_xlabel(chart.across, fontsize=7.5, color=MUTED)
    ax.set_title(textwrap.fill(chart.title, max(24, int(size[0] * 12))), fontsize=9.5, color=INK, loc="left",
                 fontweight="bold")
    if len(chart.series) > 1:  # under the plot: never over the bars or lines
        fig.legend(fontsize=7, frameon=False, loc="outside lower center",
                   ncols=len(chart.series) if size[0] >= 5 else min(len(chart.series), 2),
                   handlelength=2.6, handleheight=1.1)
    return fig


def png(chart: Chart, dpi: int = SCREEN_DPI, size: tuple[float, float] = SIZE, opaque: bool = False) -> bytes:
    """The chart rendered by Agg as a PNG; ``opaque`` drops the transparency a page does not need (no mask
    image beside each chart in the PDF)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figure(chart, size)
    canvas = FigureCanvasAgg(fig)
    out = io.BytesIO()
    if opaque:
        from PIL import Image

        fig.set_dpi(dpi)
        canvas.draw()
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert("RGB").save(out, "PNG")
    else:
        fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()
