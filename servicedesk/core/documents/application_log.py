"""The pesticide application log as a PDF: one landscape table, one row per application, the incomplete ones
marked with what they lack."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle

from servicedesk.core.documents import base
from servicedesk.core.documents.base import Letterhead, Table, paragraph
from servicedesk.core.documents.fonts import markup

SHARES = (0.10, 0.17, 0.11, 0.10, 0.07, 0.11, 0.08, 0.09, 0.07, 0.10)  # of the width, column by column
INCOMPLETE = colors.HexColor("#fbeee6")


@dataclass(frozen=True)
class Row:
    when: str  # date and time as the office writes them
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
    head = [paragraph(markup(h), st["cellhead"]) for h in (*log.headers, "Incomplete: missing")]
    data = [head]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
             ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("LINEBELOW", (0, 0), (-1, 0), 0.8, base.INK),
             ("LINEBELOW", (0, 1), (-1, -1), 0.3, base.RULE)]
    for n, row in enumerate(log.rows, start=1):
        cells = [row.when, *(c or "—" for c in row.cells), row.missing]
        data.append([paragraph(markup(c), st["small"] if i == len(cells) - 1 else st["cell"])
                     for i, c in enumerate(cells)])
        if row.missing:
            style.append(("BACKGROUND", (0, n), (-1, n), INCOMPLETE))
    table = Table(data, colWidths=[width * s for s in SHARES], repeatRows=1)
    table.setStyle(TableStyle(style))
    out.append(table)
    return out


def render(log: Log) -> bytes:
    return base.render(story(log), log.head, log.title, subject=log.title,
                       pagesize=landscape(base.page_size(log.head.region)))
