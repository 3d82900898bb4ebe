"""The pesticide application log as a PDF: one landscape table, one row per application, the incomplete ones
marked with what they lack."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle

from servicedesk.core.documents import base
from servicedesk.core.documents.base import Letterhead, Table, paragraph
from servicedesk.core.documents.fonts import markup
from servicedesk.core.documents.monthly_report import column_widths

INCOMPLETE = colors.HexColor("#fbeee6")


@dataclass(frozen=True)
class Row:
    day: str  # the date as the office writes it
    time: str  # and the time, on the line below
    cells: tuple[str, ...]  # site, product, registration no., amount, area, target pest, applicator, licence no.
    missing: str  # "" when complete


@dataclass(frozen=True)
class Log:
    head: Letterhead
    title: str
    intro: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    empty: str


def story(log: Log) -> list:
    st = base.styles()
    width = base.content_width(log.head.region) + (base.page_size(log.head.region)[1] - base.page_size(
        log.head.region)[0])
    out = base.letterhead(log.head, width)
    out.append(paragraph(markup(log.title), st["title"]))
    out += [paragraph(markup(line), st["body"]) for line in log.intro]
    out.append(Spacer(1, 3 * mm))
    if not log.rows:
        out.append(paragraph(markup(log.empty), st["body"]))
        return out
    marked = any(row.missing for row in log.rows)  # a log with every record complete needs no column for gaps
    headers = (*log.headers, "Incomplete: missing") if marked else tuple(log.headers)
    head = [paragraph(markup(h), st["cellhead"]) for h in headers]
    data = [head]
    texts = []
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
             ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("LINEBELOW", (0, 0), (-1, 0), 0.8, base.INK),
             ("LINEBELOW", (0, 1), (-1, -1), 0.3, base.RULE)]
    for n, row in enumerate(log.rows, start=1):
        cells = [*(c or "—" for c in row.cells), *([row.missing] if marked else [])]
        texts.append([row.day, *cells])
        data.append([paragraph(f"{markup(row.day)}<br/>{markup(row.time)}", st["cell"])]
                    + [paragraph(markup(c), st["small"] if marked and i == len(cells) - 1 else st["cell"])
                       for i, c in enumerate(cells)])
        if row.missing:
            style.append(("BACKGROUND", (0, n), (-1, n), INCOMPLETE))
    # no word broken: a licence or registration number stays on one line
    widths = column_widths(SimpleNamespace(headers=headers, rows=texts), width)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    out.append(table)
    return out


def render(log: Log) -> bytes:
    return base.render(lambda: story(log), log.head, log.title, subject=log.title, header=log.title,
                       pagesize=landscape(base.page_size(log.head.region)))
