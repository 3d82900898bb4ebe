"""What every document shares: page size, styles, the letterhead, the footer and the PDF metadata.

Layouts take plain values (the office, the addressee, the facts) and return flowables; nothing
here reads the database. Every piece of text from the database goes through ``fonts.markup``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import os
from dataclasses import dataclass
from types import SimpleNamespace

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Image, KeepTogether, PageBreak, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus import Table as _Table

from servicedesk import __version__
from servicedesk.core import addresses, formatting
from servicedesk.core.documents import fonts
from servicedesk.core.documents.fonts import markup
from servicedesk.core.documents.paragraphs import paragraph

log = logging.getLogger(__name__)

INK = colors.HexColor("#1f2a36")
MUTED = colors.HexColor("#5b6775")
ACCENT = colors.HexColor("#2f6f9f")
LATE = colors.HexColor("#a04a1c")
RULE = colors.HexColor("#c9d3dd")


class Table(_Table):
    """A table whose cells default to the embedded font (reportlab's default is a non-embedded Helvetica).

    A row may split inside its cells, so a cell holding very long text (a 10,000-character note)
    runs onto the next page instead of stopping the whole document with a LayoutError.
    """

    def __init__(self, data, *args, **kwargs):
        kwargs.setdefault("splitInRow", 1)
        super().__init__(data, *args, **kwargs)
        self.setStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10)])


class Together(KeepTogether):
    """Flowables kept on one page (reportlab's ``KeepTogether``) that say which they are: a document
    that fits on one page is drawn without a document template (``render``), where keeping
    together has nothing to do and they are placed one after the other."""

    def __init__(self, flowables: list, maxHeight=None):
        super().__init__(flowables, maxHeight)
        self.flowables = list(flowables)


@dataclass(frozen=True)
class Letterhead:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str = ""
    region: str = "US"
    locale: str = "en_US"  # how dates and numbers are written


@dataclass(frozen=True)
class Addressee:
    name: str
    company: str = ""
    street: str = ""
    city: str = ""
    postcode: str = ""
    street2: str = ""
    state: str = ""  # state, province, county or region
    country: str = ""  # ISO 3166 code; empty: the office's own country


def page_size(region: str):
    return LETTER if region.upper() in ("US", "CA") else A4


def styles() -> dict[str, ParagraphStyle]:
    """The documents' paragraph styles, made once (callers share them and never change them)."""
    fonts.register()
    return _styles()


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10, leading=14, textColor=INK,
                          bulletFontName=fonts.REGULAR)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "right": ParagraphStyle("right", parent=body, fontSize=8.5, leading=11, textColor=MUTED, alignment=TA_RIGHT),
        "office": ParagraphStyle("office", parent=body, fontName=fonts.BOLD, fontSize=17, leading=21,
                                 textColor=ACCENT),
        "title": ParagraphStyle("title", parent=body, fontName=fonts.BOLD, fontSize=12.5, leading=17,
                                spaceBefore=4, spaceAfter=6),
        "heading": ParagraphStyle("heading", parent=body, fontName=fonts.BOLD, fontSize=10.5, leading=14,
                                  textColor=ACCENT, spaceBefore=7, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName=fonts.BOLD, fontSize=8.5, leading=11,
                                   textColor=MUTED),
        "late": ParagraphStyle("late", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3),
    }


def span(start: dt.date | None, end: dt.date | None, letter_date: dt.date | None = None,
         locale: str | None = None) -> str:
    """“November 18 – 25”, “November 30 – December 3”, or one day, in the office's region."""
    if not (start and end) or start == end:
        return day(end or start, letter_date, locale)
    return formatting.format_span(start, end, reference=letter_date, locale=locale)


def day(value: dt.date | None, letter_date: dt.date | None = None, locale: str | None = None) -> str:
    """“May 3” (“3 May” in Britain), with the year only when it is not the letter's year."""
    if value is None:
        return "date to be confirmed"
    return formatting.format_day(value, reference=letter_date, locale=locale)


def _logo(path: str):
    if not path:
        return None
    try:
        width, height = _logo_size(path, os.stat(path).st_mtime_ns)
        return Image(path, width=14 * mm * width / float(height or 1), height=14 * mm)
    except Exception:  # a moved or unreadable logo must not stop the letter
        log.warning("logo %s could not be read; printing without it", path)
        return None


@functools.lru_cache(maxsize=8)
def _logo_size(path: str, _version: int) -> tuple[int, int]:
    """The logo's size in pixels, read once per version of the file."""
    return ImageReader(path).getSize()


class Columns(Flowable):
    """Cells of flowables side by side in one row, each placed exactly where a one-row ``Table`` with the
    same column widths, padding, vertical alignment and rule below would place it, without a table's
    machinery (every letter has two such rows: the letterhead and the address beside the date).

    A row taller than what is left of the page is split as that table would split it.
    """

    def __init__(self, cells: list, widths: list[float], *, valign: str = "TOP", top: float = 3, bottom: float = 3,
                 rule_below: tuple | None = None):
        super().__init__()
        self.cells = [list(cell) if isinstance(cell, (list, tuple)) else [cell] for cell in cells]
        self.widths = list(widths)
        self.valign, self.top, self.bottom = valign, top, bottom
        self.rule_below = rule_below  # (line width, colour) across the foot of the row
        self.sizes: list[list[tuple[float, float]]] = []  # each cell's flowables' sizes, from wrap()
        self.heights: list[float] = []  # each cell's content height

    def as_table(self) -> Table:
        """The one-row table this row draws like."""
        style = [("VALIGN", (0, 0), (-1, -1), self.valign), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                 ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), self.top),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), self.bottom)]
        if self.rule_below:
            style.append(("LINEBELOW", (0, 0), (-1, 0), *self.rule_below))
        return Table([self.cells], colWidths=self.widths, style=style)

    def wrap(self, availWidth, availHeight):
        self.sizes, self.heights = [], []
        for cell, width in zip(self.cells, self.widths):
            sizes = [f.wrapOn(self.canv, width, 72000 - self.top - self.bottom) for f in cell]
            height = sum(h + f.getSpaceBefore() + f.getSpaceAfter() for f, (_w, h) in zip(cell, sizes))
            if cell:
                height -= cell[0].getSpaceBefore() + cell[-1].getSpaceAfter()
            self.sizes.append(sizes)
            self.heights.append(height)
        self.width = sum(self.widths)
        self.height = max(self.heights, default=0) + self.top + self.bottom
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return self.as_table().split(availWidth, availHeight)

    def draw(self):
        x = 0
        for cell, width, sizes, height in zip(self.cells, self.widths, self.sizes, self.heights):
            if self.valign == "TOP":
                y = self.height - self.top
            elif self.valign == "BOTTOM":
                y = self.bottom + height
            else:
                y = (self.height + self.bottom - self.top + height) / 2.0
            if cell:
                y += cell[0].getSpaceBefore()
            for flowable, (_w, h) in zip(cell, sizes):
                y -= flowable.getSpaceBefore() + h
                flowable.drawOn(self.canv, x, y)
                y -= flowable.getSpaceAfter()
            x += width
        if self.rule_below:
            line_width, colour = self.rule_below
            self.canv.saveState()
            self.canv.setLineCap(1)
            self.canv.setLineJoin(1)
            self.canv.setStrokeColor(colour)
            self.canv.setLineWidth(line_width)
            self.canv.line(0, 0, self.width, 0)
            self.canv.restoreState()


def letterhead(head: Letterhead, width: float) -> list:
    st = styles()
    contact = "<br/>".join(markup(x) for x in (head.address, head.phone, head.email) if x.strip())
    left = [paragraph(markup(head.name), st["office"])]
    logo = _logo(head.logo_path)
    if logo is not None:
        left = [Table([[logo, left]], colWidths=[logo.drawWidth + 4 * mm, None],
                      style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])]
    row = Columns([left, paragraph(contact, st["right"])], [width * 0.6, width * 0.4], valign="BOTTOM", bottom=6,
                  rule_below=(1.2, ACCENT))
    return [row, Spacer(1, 4 * mm)]


def address_block(to: Addressee, when: dt.date, width: float, head: Letterhead) -> list:
    st = styles()
    postal = addresses.Address(to.street, to.street2, to.city, to.state, to.postcode, to.country)
    lines = [to.name, to.company] + addresses.lines(postal, head.region, head.locale)
    address = "<br/>".join(markup(x) for x in lines if x.strip())
    row = Columns([paragraph(address, st["body"]), paragraph(day(when, locale=head.locale), st["right"])],
                  [width * 0.6, width * 0.4], valign="TOP")
    return [row, Spacer(1, 4 * mm)]


@functools.cache
def _block_style(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-block", parent=style, spaceAfter=max(style.spaceAfter, 6))


def paragraphs(text: str, style) -> list:
    """Plain text (a filled template) as paragraphs, one per blank-line-separated block."""
    spaced = _block_style(style)
    return [paragraph(markup(block.strip()), spaced) for block in text.replace("\r\n", "\n").split("\n\n")
            if block.strip()]


def bullets(items: list[str], style) -> list:
    return [paragraph(item, style, "•") for item in items]


def key_values(rows: list[tuple[str, str]], width: float) -> Table:
    st = styles()
    data = [[paragraph(markup(k), st["cellhead"]), paragraph(v, st["cell"])] for k, v in rows]
    table = Table(data, colWidths=[width * 0.22, width * 0.78])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def signature(closing: str, owner: str, line: str, office: str) -> list:
    st = styles()
    out = [Spacer(1, 1 * mm), paragraph(markup(closing), st["body"]), Spacer(1, 7 * mm)]
    if owner.strip():
        out.append(paragraph(f"<b>{markup(owner)}</b>", st["body"]))
    extra = line.strip() or office
    if extra.strip():
        out.append(paragraph(markup(extra), st["small"]))
    return out


def content_width(region: str) -> float:
    """The frame's usable width: the page less the margins and the frame's own 6 pt padding each side."""
    return page_size(region)[0] - 2 * 20 * mm - 12


FOOTER_PIECE = 60  # characters of the office's name, phone or email the one-line footer shows


HEADER_LINE = 90  # characters of the customer, project and date a later page's header shows


def _one_line(text: str, room: int = FOOTER_PIECE) -> str:
    """``text`` on one line, cut with an ellipsis when longer than ``room`` (the footer's, unless told)."""
    text = " ".join(text.split())
    return text if len(text) <= room else text[:room - 1].rstrip() + "…"


class PartStart(Flowable):
    """Marks where one document of a combined PDF starts, and what its later pages' header says."""

    def __init__(self, header: str):
        super().__init__()
        self.header = header
        self.pages: list | None = None  # the build's record of where each part starts

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        if self.pages is not None:
            self.pages.append((self.canv.getPageNumber(), self.header))


def _part_of(page: int, starts: list[tuple[int, str]], last_page: int) -> tuple[int, int, str]:
    """(page within its part, the part's page count, its header) for ``page`` of the whole PDF."""
    first, header, end = 1, "", last_page
    for n, (start, text) in enumerate(starts):
        if start <= page:
            first, header = start, text
            end = starts[n + 1][0] - 1 if n + 1 < len(starts) else last_page
    return page - first + 1, end - first + 1, header


MARGINS = {"leftMargin": 20 * mm, "rightMargin": 20 * mm, "topMargin": 14 * mm, "bottomMargin": 18 * mm}


def _on_one_page(flowables: list, size, info: dict, on_page) -> bytes | None:
    """The document drawn on one page straight onto a canvas, or None when it does not all fit there.

    Most letters fit on a page, and there a ``SimpleDocTemplate`` does nothing but hand each flowable
    to its frame: this places them with the same frame, page decoration, canvas and metadata, so the
    page is the one the template would make, without the template's machinery (splitting, keeping
    together and breaking pages matter only for a document that runs over).
    """
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, initialFontName=fonts.REGULAR)
    canvas.setAuthor(info["author"])
    canvas.setTitle(info["title"])
    canvas.setSubject(info["subject"])
    canvas.setCreator(info["creator"])
    left, bottom = MARGINS["leftMargin"], MARGINS["bottomMargin"]
    frame = Frame(left, bottom, size[0] - left - MARGINS["rightMargin"], size[1] - MARGINS["topMargin"] - bottom,
                  id="normal")
    on_page(canvas, SimpleNamespace(pagesize=size, **MARGINS))
    pending = list(flowables)
    while pending:
        flowable = pending.pop(0)
        if isinstance(flowable, Together):
            pending[0:0] = flowable.flowables
        elif isinstance(flowable, (PageBreak, ActionFlowable)) or not frame.add(flowable, canvas):
            return None  # a page break, or what does not fit: the document template's work
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _PagesKept(Canvas):
    """A canvas that keeps its pages until the document is laid out, then lets ``finish(canvas, pages)``
    (``pages``: how many there are, known only then) draw on each before writing it: "page N of M" with one
    layout. What ``finish`` draws goes where ``head_here()`` was called on the page (its top, without it)."""

    def __init__(self, *args, finish=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept: list[dict] = []
        self._finish = finish
        self._head_at = 0

    def head_here(self) -> None:
        self._head_at = len(self._code)

    def showPage(self):
        self._kept.append(dict(self.__dict__))
        self._startPage()
        self._head_at = 0

    def save(self):
        for state in self._kept:
            self.__dict__.update(state)
            body, self._code = self._code, []
            self._finish(self, len(self._kept))
            self._code = body[:self._head_at] + self._code + body[self._head_at:]
            super().showPage()
        super().save()


def render(make_story, head: Letterhead, title: str, subject: str = "", header: str = "", pagesize=None) -> bytes:
    """Build the PDF in memory with its metadata; the footer repeats the office's phone on every page.

    ``make_story()`` gives the flowables (a story is used up by a build). A document longer than
    a page carries ``header`` (customer, project, date) and "page N of M" at the top of every page
    after its first; a combined PDF marks where each of its documents starts with ``PartStart``.
    A document that fits on a page is drawn straight onto it (``_on_one_page``). One that runs over
    is laid out by a document template onto a canvas that keeps its pages until the page count is
    known, and then heads them (``_PagesKept``).
    ``pagesize``: another page than the region's upright one (a wide table's landscape page).
    """
    fonts.register()
    st = styles()
    footer_text = "  ·  ".join(markup(_one_line(x)) for x in (head.name, head.phone, head.email) if x.strip())
    para = paragraph(footer_text, st["small"])  # the same on every page
    starts: list[tuple[int, str]] = []
    size = pagesize or page_size(head.region)
    left, right = MARGINS["leftMargin"] + 6, size[0] - MARGINS["rightMargin"] - 6

    def on_page(canvas, _document):
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.line(left, 13 * mm, right, 13 * mm)
        _w, h = para.wrap(right - left, 10 * mm)
        para.drawOn(canvas, left, 13 * mm - h - 1.5 * mm)
        canvas.restoreState()

    def head_page(canvas, pages: int) -> None:
        """Every page after the first of a document longer than a page: its header and "page N of M"."""
        number, count, text = _part_of(canvas.getPageNumber(), sorted(starts), pages)
        if number == 1:
            return
        canvas.saveState()
        top = size[1] - 9 * mm
        canvas.setStrokeColor(RULE)
        canvas.setFont(fonts.REGULAR, 8.5)
        canvas.setFillColor(MUTED)
        numbered = f"page {number} of {count}"
        # the customer's name as the letter prints it: another script in its font, right to left in order
        line = paragraph(markup(_one_line(text or head.name, HEADER_LINE)), st["small"])
        _w, h = line.wrap(right - left - canvas.stringWidth(numbered) - 6 * mm, 20 * mm)
        line.drawOn(canvas, left, top - h + st["small"].fontSize)  # its baseline on the page number's
        canvas.drawRightString(right, top, numbered)
        canvas.line(left, top - 2 * mm, right, top - 2 * mm)
        canvas.restoreState()

    info = {"title": title, "author": head.name, "subject": subject, "creator": f"ServiceDesk {__version__}"}

    def story() -> list:
        flowables = make_story()
        if not flowables or not isinstance(flowables[0], PartStart):
            flowables = [PartStart(header)] + list(flowables)
        for flowable in flowables:
            if isinstance(flowable, PartStart):
                flowable.pages = starts
        return flowables

    one_page = _on_one_page(story(), size, info, on_page)
    if one_page is not None:
        return one_page
    starts.clear()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=size, **MARGINS, **info,
                            # the canvas starts each page in this font: an embedded one, so no page needs Helvetica
                            initialFontName=fonts.REGULAR)
    def on_later_page(canvas, document):
        on_page(canvas, document)
        canvas.head_here()  # the header follows the footer, as the page is drawn from its start

    doc.build(story(), onFirstPage=on_later_page, onLaterPages=on_later_page,
              canvasmaker=functools.partial(_PagesKept, finish=head_page))
    return buffer.getvalue()
