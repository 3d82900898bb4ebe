"""The owner's monthly report as a PDF: the summary first, then each section's charts with their
numbers beside them and the sentences that say what they mean.

The charts are the same definitions the window shows (``charts.png``), rendered by matplotlib's
Agg backend at print resolution, so they stay sharp on paper and readable in black and white.
"""

from __future__ import annotations

import functools
import io

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Image, KeepTogether, Spacer, TableStyle

from servicedesk.core.documents import base, charts, fonts
from servicedesk.core.documents.base import Letterhead, Table, paragraph
from servicedesk.core.documents.fonts import markup
from servicedesk.core.services.reports import words as w
from servicedesk.core.services.reports.model import Block, MonthlyReport

CHART_SHARE = 0.6  # of the page's width, when the numbers fit beside the chart


PAD = 6  # points of padding in a cell, left and right together
SHORT_CELL = 14  # characters: a cell this short stays on one line


def _text_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def natural_widths(table) -> tuple[list[float], list[float]]:
    """Each column's width with its cells on one line (a heading may wrap), and the least it can take (its
    longest word, or its longest short cell: a day or a month is never broken), in points."""
    natural, least = [], []
    for i, header in enumerate(table.headers):
        cells = [(row[i], fonts.REGULAR, 9.5) for row in table.rows]
        longest_word = max(_text_width(word, font, size) for text, font, size in [(header, fonts.BOLD, 8.5), *cells]
                           for word in (text.split() or [""]))
        short = max([_text_width(text, font, size) for text, font, size in cells if len(text) <= SHORT_CELL] or [0])
        natural.append(max([longest_word] + [_text_width(text, font, size) for text, font, size in cells]) + PAD)
        least.append(max(longest_word, short) + PAD)
    return natural, least


def _share(least: list[float], natural: list[float], width: float) -> list[float]:
    """``least`` for every column, and the room left shared out in proportion to what each still lacks."""
    room = max(width - sum(least), 0)
    wish = [max(n - m, 0) for n, m in zip(natural, least)]
    return [m + room * x / (sum(wish) or 1) for m, x in zip(least, wish)]


def _within(least: list[float], width: float) -> list[float]:
    """``least`` where it fits in ``width``; else the widest columns cut down to one width so that it does.

    Only a word longer than a column can be (a name typed without a space) needs this: it is broken inside
    its column, and the columns beside it keep theirs, on the page."""
    if sum(least) <= width:
        return least
    room, left = width, len(least)
    for width_of in sorted(least):  # the narrow columns keep their width while the rest can share what is left
        if width_of * left > room:
            break
        room, left = room - width_of, left - 1
    cap = room / left
    return [min(each, cap) for each in least]


def column_widths(table, width: float) -> list[float]:
    """Widths that keep every word whole: one line a cell where the page allows, else the room shared out.

    A short column's heading ("Days on the list") keeps to one line before a long text column gets the room
    left, so the heading is not broken into a word a line above a column of two-digit numbers. A word longer
    than the page allows is broken (``_within``)."""
    natural, least = natural_widths(table)
    least = _within(least, width)
    if sum(natural) <= width:
        return natural
    heads = [_text_width(h, fonts.BOLD, 8.5) + PAD for h in table.headers]
    comfortable = [max(m, h) if h <= width / 4 else m for m, h in zip(least, heads)]
    if sum(comfortable) <= width:
        return _share(comfortable, [max(n, c) for n, c in zip(natural, comfortable)], width)
    return _share(least, natural, width)


def _table(table, width: float, st) -> Table:
    numeric = set(table.numeric)
    head = [paragraph(markup(h), st["cellhead_right"] if i in numeric else st["cellhead"])
            for i, h in enumerate(table.headers)]
    rows = [[paragraph(markup(cell), st["cell_right"] if i in numeric else st["cell"]) for i, cell in enumerate(row)]
            for row in table.rows]
    out = Table([head] + rows, repeatRows=1, colWidths=column_widths(table, width), hAlign="LEFT")
    out.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LINEBELOW", (0, 0), (-1, 0), 0.8, base.INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, base.RULE)]))
    return out


def _chart(chart, width: float, drawn: dict) -> Image:
    """The chart drawn at the size it is printed, so its lettering is as large on paper as on screen.

    ``drawn`` keeps each picture for a second layout of the same report (its page headers)."""
    ratio = charts.SIZE[1] / charts.SIZE[0]
    inches = (width / 72, max(width / 72 * ratio, 2.6))
    key = (id(chart), width)
    if key not in drawn:
        drawn[key] = charts.png(chart, charts.PRINT_DPI, inches, opaque=True)
    return Image(io.BytesIO(drawn[key]), width=width, height=inches[1] * 72)


@functools.cache
def _styles() -> dict:
    st = dict(base.styles())
    st["cell_right"] = ParagraphStyle("cell_right", parent=st["cell"], alignment=TA_RIGHT)
    st["cellhead_right"] = ParagraphStyle("cellhead_right", parent=st["cellhead"], alignment=TA_RIGHT)
    return st


def _block(block: Block, width: float, st, drawn: dict) -> list:
    """The block's heading, sentences, chart and numbers; the heading is never left alone at a page's foot."""
    out = [paragraph(markup(block.title), st["heading"])]
    out += [paragraph(markup(s), st["body"]) for s in block.sentences if s]
    kept = len(out) + 2
    room = width * (1 - CHART_SHARE)
    if block.chart is not None and block.table is not None and sum(natural_widths(block.table)[0]) <= room * 1.05:
        chart_width = width * CHART_SHARE
        beside = Table([[_chart(block.chart, chart_width - 3 * mm, drawn), _table(block.table, width - chart_width, st)]],
                       colWidths=[chart_width, width - chart_width])
        beside.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        out += [Spacer(1, 2 * mm), beside]
    else:
        if block.chart is not None:
            out += [Spacer(1, 2 * mm), _chart(block.chart, width * 0.85, drawn)]
        if block.table is not None and block.table.rows:
            out += [Spacer(1, 2 * mm), _table(block.table, width, st)]
    short = block.table is None or len(block.table.rows) <= 14
    together = out if short else out[:kept]
    return [KeepTogether(together), *out[len(together):], Spacer(1, 3 * mm)]


def story(report: MonthlyReport, head: Letterhead, targets: str, progress=None, drawn: dict | None = None) -> list:
    st = _styles()
    drawn = {} if drawn is None else drawn
    width = base.content_width(head.region)
    month = w.month(report.month.start)
    out = base.letterhead(head, width)
    out.append(paragraph(markup(f"Monthly report: {month}"), st["title"]))
    out.append(paragraph(markup(f"Is the office keeping its promises? Made on {w.full_day(report.made_at)}, "
                                f"for {month} and the twelve months before it. {targets}"), st["small"]))
    out.append(paragraph(markup("At a glance"), st["heading"]))
    if report.empty:
        out.append(paragraph(markup(report.summary[0]), st["body"]))
        return out
    out += base.bullets([markup(s) for s in report.summary], st["bullet"])
    out.append(paragraph(markup("Each section below shows a chart, the numbers it is drawn from beside it, "
                                "and what they mean in plain words. Shares are rounded to whole percents."),
                         st["small"]))
    for done, section in enumerate(report.sections, start=1):
        out.append(CondPageBreak(90 * mm))
        out.append(paragraph(markup(section.title), st["title"]))
        out += [paragraph(markup(s), st["body"]) for s in section.lead]
        for block in section.blocks:
            out += _block(block, width, st, drawn)
        if progress is not None:
            progress(done)
    return out


def render(report: MonthlyReport, head: Letterhead, targets: str, progress=None) -> bytes:
    title = f"Monthly report: {w.month(report.month.start)}"
    drawn: dict = {}
    told = [progress]  # progress is told while the report is first laid out, not again for its page headers

    def make_story() -> list:
        tell, told[0] = told[0], None
        return story(report, head, targets, tell, drawn)

    return base.render(make_story, head, title, subject=f"{report.office}: {title}", header=f"{report.office}: {title}")
