"""What every document shares: page size, styles, the letterhead, the footer and the PDF metadata.

Layouts take plain values (the office, the addressee, the facts) and return flowables; nothing
here reads the database. Every piece of text from the database goes through ``fonts.markup``.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import logging
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table

from servicedesk import __version__
from servicedesk.core.documents import fonts
from servicedesk.core.documents.canvas import Canvas, prepared_image
from servicedesk.core.documents.fonts import markup

log = logging.getLogger(__name__)

INK = colors.HexColor("#1f2a36")
MUTED = colors.HexColor("#5b6775")
ACCENT = colors.HexColor("#2f6f9f")
LATE = colors.HexColor("#a04a1c")
RULE = colors.HexColor("#c9d3dd")


class Paragraph(_Paragraph):
    """A paragraph that lays its lines out once per width.

    Tables measure their cells and then measure them again to draw them, and a block kept
    together is measured as a whole before each of its parts is placed; the lines depend only
    on the width, so asking again at the same width returns the lines already broken.

    Copies made by ``paragraph()`` share their parsed text and their lines with every other copy
    of the same text in the same style; one that has to split over two pages first takes a
    private copy of them, since splitting rewrites the lines it cuts.
    """

    _wrapped_at = None
    _layouts: dict | None = None  # width -> what laying out at that width set, shared by the copies

    def wrap(self, availWidth, availHeight):
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:  # split() drops the lines
            return self.width, self.height
        layouts = self._layouts if self._wrapped_at is None else None  # only a copy as it was made
        if layouts is None or availWidth < 1e-8:
            size = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
            return size
        laid = layouts.get(availWidth)
        if laid is None:
            before = dict(self.__dict__)
            super().wrap(availWidth, availHeight)
            laid = layouts[availWidth] = {k: v for k, v in self.__dict__.items() if before.get(k, _NONE) is not v}
        else:
            self.__dict__.update(laid)
        self._wrapped_at = availWidth
        return self.width, self.height

    def split(self, availWidth, availHeight):
        if self._layouts is not None:  # cut a private copy of the shared text and lines
            self._layouts = None
            self.frags, lines = copy.deepcopy((self.frags, self.__dict__.get("blPara")))
            if lines is not None:
                self.blPara = lines
        return super().split(availWidth, availHeight)


_NONE = object()


_SHARED_UP_TO = 2000  # characters; longer text (a long note) is its own paragraph each time


@functools.lru_cache(maxsize=1024)
def _parsed(text: str, style: ParagraphStyle, bullet: str | None) -> Paragraph:
    made = Paragraph(text, style, bulletText=bullet)
    made._layouts = {}
    return made


def paragraph(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A paragraph of ``text`` (paragraph markup) in ``style``.

    A week's letters repeat most of their paragraphs (the letterhead, the headings, the office's
    wording, the sign-off): the same text in the same style is parsed and broken into lines once,
    and each use gets its own copy.
    """
    if len(text) > _SHARED_UP_TO:
        return Paragraph(text, style, bulletText=bullet)
    return copy.copy(_parsed(text, style, bullet))


class Table(_Table):
    """A table whose cells default to the embedded font (reportlab's default is a non-embedded Helvetica).

    A row may split inside its cells, so a cell holding very long text (a 10,000-character note)
    runs onto the next page instead of stopping the whole document with a LayoutError.
    """

    def __init__(self, data, *args, **kwargs):
        kwargs.setdefault("splitInRow", 1)
        super().__init__(data, *args, **kwargs)
        self.setStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10)])


@dataclass(frozen=True)
class Letterhead:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str = ""
    region: str = "US"


@dataclass(frozen=True)
class Addressee:
    name: str
    company: str = ""
    street: str = ""
    city: str = ""
    postcode: str = ""


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
                                  textColor=ACCENT, spaceBefore=9, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName=fonts.BOLD, fontSize=8.5, leading=11,
                                   textColor=MUTED),
        "late": ParagraphStyle("late", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3),
    }


def span(start: dt.date | None, end: dt.date | None, letter_date: dt.date | None = None) -> str:
    """“18–25 November”, “30 November – 3 December”, or one day."""
    if not (start and end) or start == end:
        return day(end or start, letter_date)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day(end, letter_date)}"
    return f"{day(start, letter_date)} – {day(end, letter_date)}"


def day(value: dt.date | None, letter_date: dt.date | None = None) -> str:
    """“3 May”, with the year only when it is not the letter's year."""
    if value is None:
        return "date to be confirmed"
    if isinstance(value, dt.datetime):
        value = value.date()
    text = f"{value.day} {value:%B}"
    if letter_date is None or value.year != letter_date.year:
        text += f" {value.year}"
    return text


def _logo(path: str):
    if not path:
        return None
    try:
        prepared = prepared_image(path)  # read once per version of the file, not for every letter
        image = Image(path)
        image.imageWidth, image.imageHeight = prepared.width, prepared.height
        image._img = None  # drawn from the file's name, through the canvas's prepared images
        ratio = image.imageWidth / float(image.imageHeight or 1)
        image.drawHeight = 14 * mm
        image.drawWidth = 14 * mm * ratio
        return image
    except Exception:  # a moved or unreadable logo must not stop the letter
        log.warning("logo %s could not be read; printing without it", path)
        return None


def letterhead(head: Letterhead, width: float) -> list:
    st = styles()
    contact = "<br/>".join(markup(x) for x in (head.address, head.phone, head.email) if x.strip())
    left = [paragraph(markup(head.name), st["office"])]
    logo = _logo(head.logo_path)
    if logo is not None:
        left = [Table([[logo, left]], colWidths=[logo.drawWidth + 4 * mm, None],
                      style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])]
    table = Table([[left, paragraph(contact, st["right"])]], colWidths=[width * 0.6, width * 0.4])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
    ]))
    return [table, Spacer(1, 6 * mm)]


def address_block(to: Addressee, when: dt.date, width: float, region: str = "US") -> list:
    st = styles()
    town = (to.city, to.postcode) if region.upper() in ("US", "CA", "GB", "UK", "AU") else (to.postcode, to.city)
    lines = [to.name, to.company, to.street, " ".join(x for x in town if x)]
    address = "<br/>".join(markup(x) for x in lines if x.strip())
    table = Table([[paragraph(address, st["body"]), paragraph(day(when), st["right"])]],
                  colWidths=[width * 0.6, width * 0.4])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [table, Spacer(1, 6 * mm)]


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
    out = [Spacer(1, 2 * mm), paragraph(markup(closing), st["body"]), Spacer(1, 9 * mm)]
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


def _one_line(text: str) -> str:
    """``text`` on one line, cut with an ellipsis when longer than the footer has room for."""
    text = " ".join(text.split())
    return text if len(text) <= FOOTER_PIECE else text[:FOOTER_PIECE - 1].rstrip() + "…"


def render(story: list, head: Letterhead, title: str, subject: str = "", pagesize=None) -> bytes:
    """Build the PDF in memory with its metadata; the footer repeats the office's phone on every page.

    ``pagesize``: another page than the region's upright one (a wide table's landscape page)."""
    fonts.register()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize or page_size(head.region), leftMargin=20 * mm, rightMargin=20 * mm,
        topMargin=14 * mm, bottomMargin=18 * mm, title=title, author=head.name,
        subject=subject, creator=f"ServiceDesk {__version__}",
        # the canvas starts each page in this font: an embedded one, so no page needs Helvetica
        initialFontName=fonts.REGULAR,
    )
    st = styles()
    footer_text = "  ·  ".join(markup(_one_line(x)) for x in (head.name, head.phone, head.email) if x.strip())
    para = paragraph(footer_text, st["small"])  # the same on every page: laid out once

    def footer(canvas, document):
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        left, right = document.leftMargin + 6, document.pagesize[0] - document.rightMargin - 6
        canvas.line(left, 13 * mm, right, 13 * mm)
        _w, h = para.wrap(right - left, 10 * mm)
        para.drawOn(canvas, left, 13 * mm - h - 1.5 * mm)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=Canvas)
    return buffer.getvalue()
