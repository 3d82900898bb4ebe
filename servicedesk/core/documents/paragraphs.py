"""Paragraphs for the documents: reportlab's, made cheaper where the documents repeat themselves.

``paragraph(text, style)`` is what the layouts call. Most of a letter's text is plain: words,
``<b>`` for a name or a label, ``<br/>`` between lines, ``&amp;``. Such text is broken into lines
and drawn here (``Plain``), with the same fonts, line height, bullet and first baseline as
reportlab's ``Paragraph``, without its markup parser and its general line machinery. Anything else
(another font, a colour, a word wider than the line, a paragraph split over two pages) is handed to
reportlab's ``Paragraph``, parsed only then.
"""

from __future__ import annotations

import copy
import functools
import re

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _Paragraph


class Paragraph(_Paragraph):
    """A paragraph that keeps its lines when asked again at the same width: a table measures its cells
    and then measures them again to draw them, and the lines depend only on the width.

    A copy made by ``paragraph()`` shares its parsed text, and the lines it breaks into at each width,
    with the other copies of the same text in the same style; one that has to split over two pages
    first takes its own copy of the text and breaks its own lines, since splitting changes both.
    """

    _wrapped_at = None
    shared_text = False  # True for a copy made by paragraph(), until it splits
    shared_lines: dict | None = None  # width -> (lines, width, height), shared by the copies of one text

    def wrap(self, availWidth, availHeight):
        if availWidth == self._wrapped_at and getattr(self, "blPara", None) is not None:
            return self.width, self.height
        known = self.shared_lines.get(availWidth) if self.shared_text and self.shared_lines is not None else None
        if known is not None:
            self.blPara, self.width, self.height = known
        else:
            size = super().wrap(availWidth, availHeight)
            if getattr(self, "blPara", None) is None:  # no room at all at this width
                return size
            if self.shared_text and self.shared_lines is not None:
                self.shared_lines[availWidth] = (self.blPara, self.width, self.height)
        self._wrapped_at = availWidth
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self._wrapped_at = None
        if self.shared_text:
            self.shared_text = False
            self.frags = copy.deepcopy(self.frags)
            if getattr(self, "blPara", None) is not None:
                del self.blPara  # the shared lines: splitting changes the lines it cuts, so break its own again
        return super().split(availWidth, availHeight)


_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'"}
_TOKEN = re.compile(r"<b>|</b>|<br/>|&(?:amp|lt|gt|quot|#39|apos);|[<&]")
# where reportlab breaks a line: at every space but the no-break one
_SPACE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f \x85\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+")


def _runs(text: str) -> list[list[tuple[str, bool]]] | None:
    """``text``'s lines (at ``<br/>``), each its runs of (text, bold); None for any other markup."""
    lines: list[list[tuple[str, bool]]] = [[]]
    bold = False
    at = 0
    for found in _TOKEN.finditer(text):
        if found.start() > at:
            lines[-1].append((text[at:found.start()], bold))
        token = found.group()
        if token == "<b>" and not bold:
            bold = True
        elif token == "</b>" and bold:
            bold = False
        elif token == "<br/>":
            lines.append([])
        elif token in _ENTITIES:
            lines[-1].append((_ENTITIES[token], bold))
        else:
            return None
        at = found.end()
    if bold:
        return None
    if at < len(text):
        lines[-1].append((text[at:], bold))
    return [_merged(line) for line in lines]


def _merged(runs: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Neighbouring runs alike (in boldness, or font) as one: as reportlab's parser makes them (``&amp;``
    inside its text), and one text operation each when drawn."""
    out: list[tuple[str, object]] = []
    for text, bold in runs:
        if out and out[-1][1] == bold:
            out[-1] = (out[-1][0] + text, bold)
        else:
            out.append((text, bold))
    return out


def _words(runs: list[tuple[str, bool]], regular: str, bold: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The line's words, each (the font of the space before it, its pieces of (text, font)): a word may
    change font inside ("Excavation,"), and a space is in the font of the text it was typed in."""
    words: list[tuple[str, list[tuple[str, str]]]] = []
    open_word = False
    space_font = regular
    for text, is_bold in runs:
        font = bold if is_bold else regular
        for n, piece in enumerate(_SPACE.split(text)):
            if n:
                open_word = False  # a space ended the word before
                space_font = font
            if not piece:
                continue
            if open_word:
                words[-1][1].append((piece, font))
            else:
                words.append((space_font, [(piece, font)]))
                open_word = True
    return words


@functools.cache
def _fonts_of(style: ParagraphStyle) -> tuple[str, str] | None:
    """(regular, bold) font of a style this module draws, or None for one left to reportlab."""
    plain = (style.alignment in (TA_LEFT, TA_RIGHT)
             and not any(getattr(style, name, None) for name in ("backColor", "borderWidth", "wordWrap", "textTransform",
                                                                 "autoLeading", "underline", "strike", "endDots")))
    if not plain:
        return None
    family, _bold, italic = ps2tt(style.fontName)
    return style.fontName, tt2ps(family, 1, italic)


class Plain(Paragraph):
    """A paragraph of plain text, ``<b>`` and ``<br/>`` (see the module's description), laid out here.

    Its lines at each width are shared by the copies ``paragraph()`` makes of one text in one style.
    When it cannot lay the text out (a word wider than the line) or has to split, it parses the text
    and carries on as reportlab's paragraph.
    """

    def __init__(self, text: str, style: ParagraphStyle, bullet: str | None, lines: list, laid: dict | None = None):
        self.text = text
        self.style = style
        self.bulletText = bullet
        self.caseSensitive = 1
        self.encoding = "utf8"
        self.debug = 0
        self._source_lines = lines
        self._laid: dict = {} if laid is None else laid  # width -> (lines, height), or None: reportlab's to lay out
        self._drawn: list | None = None

    def again(self) -> Plain:
        """Another use of this text in this style, sharing what is known of it (its lines at each width)."""
        return Plain(self.text, self.style, self.bulletText, self._source_lines, self._laid)

    @property
    def frags(self):  # reportlab's own layout wants the parsed text: parse it now
        if "frags" not in self.__dict__:
            self._full()
        return self.__dict__["frags"]

    @frags.setter
    def frags(self, value):
        self.__dict__["frags"] = value

    def _full(self) -> None:
        if "frags" not in self.__dict__:
            _Paragraph.__init__(self, self.text, self.style, self.bulletText)
        self._drawn = None

    def wrap(self, availWidth, availHeight):
        if self._laid.get(availWidth, False) is False:
            self._laid[availWidth] = self._lay_out(availWidth)
        laid = self._laid[availWidth]
        if laid is None:
            self._full()
            return super().wrap(availWidth, availHeight)
        self._drawn, self.height = laid
        self.width = availWidth
        return self.width, self.height

    def _lay_out(self, width: float):
        """(lines, height) at ``width``, each line (room, width used, spaces, pieces of (text, font));
        None where reportlab's own layout is needed."""
        style = self.style
        regular, bold = _fonts_of(style)
        size, shrink = style.fontSize, style.spaceShrinkage
        widths = [width - style.leftIndent - style.firstLineIndent - style.rightIndent,
                  width - style.leftIndent - style.rightIndent]
        if self.bulletText:  # a bullet reaching past the indent leaves the first line less room
            reach = (style.bulletIndent + stringWidth(self.bulletText, style.bulletFontName, style.bulletFontSize)
                     + 0.6 * style.bulletFontSize)
            widths[0] -= max(0.0, reach - style.leftIndent - style.firstLineIndent)
        spaces = {regular: stringWidth(" ", regular, size), bold: stringWidth(" ", bold, size)}
        lines: list[tuple[float, float, int, list]] = []
        for source in self._source_lines:
            room = widths[0] if not lines else widths[1]
            line: list[tuple[str, str]] = []
            used = spaced = 0.0  # the line's width, and its spaces' (a line may squeeze them a little)
            count = 0
            for space_font, word in _words(source, regular, bold):
                took = sum(stringWidth(text, font, size) for text, font in word)
                space = spaces[space_font] if line else 0.0
                if line and used + space + took > room + shrink * (spaced + space):
                    lines.append((room, used, count, line))
                    room, line, used, spaced, space, count = widths[1], [], 0.0, 0.0, 0.0, 0
                if took > room:
                    return None  # a word wider than the line: reportlab breaks it
                if space:
                    line.append((" ", space_font))
                    count += 1
                line.extend(word)
                used += space + took
                spaced += space
            lines.append((room, used, count, line))
        if not any(line for *_rest, line in lines):
            return None  # nothing to draw: as reportlab has it
        return [(room, used, count, _merged(line)) for room, used, count, line in lines], len(lines) * style.leading

    def draw(self):
        if self._drawn is None:
            return super().draw()
        canvas, style = self.canv, self.style
        size, leading = style.fontSize, style.leading
        y = self.height - size  # the first baseline, where reportlab puts it
        # drawOn keeps the canvas state around this (colour, font): nothing to restore here
        offset = style.firstLineIndent
        if self.bulletText:
            offset = _bullet(canvas, offset, y, self.bulletText, style)
        canvas.setFillColor(style.textColor)
        # line by line as reportlab's paragraph writes them (a move, the text, the next line), so what a
        # PDF reader extracts, and copies, comes out in the same lines
        text = canvas.beginText(style.leftIndent, y)
        font = None
        for n, (room, used, count, pieces) in enumerate(self._drawn):
            move, squeeze = (offset if n == 0 else 0.0), 0.0
            if used - room > 1e-8 and count:  # a line a little too long: its spaces a little narrower
                squeeze = (room - used) / (count + sum(piece.count("\xa0") for piece, _font in pieces))
            elif style.alignment == TA_RIGHT:
                move += room - used
            if move:
                text.moveCursor(move, 0)
            if squeeze:
                text.setWordSpace(squeeze)
            for piece, piece_font in pieces[:-1]:
                font = _set_font(text, font, piece_font, size, leading)
                text.textOut(piece)
            if pieces:
                font = _set_font(text, font, pieces[-1][1], size, leading)
            text.textLine(pieces[-1][0] if pieces else "")
            if squeeze:
                text.setWordSpace(0)
            if move:
                text.moveCursor(-move, 0)
        canvas.drawText(text)

    def split(self, availWidth, availHeight):
        self._full()
        _Paragraph.wrap(self, availWidth, availHeight)
        return _Paragraph.split(self, availWidth, availHeight)

    def minWidth(self):
        self._full()
        return super().minWidth()


def _set_font(text, current: str | None, font: str, size: float, leading: float) -> str:
    if font != current:
        text.setFont(font, size, leading)
    return font


def _bullet(canvas, offset: float, y: float, bullet: str, style: ParagraphStyle) -> float:
    """The bullet drawn where reportlab's paragraph draws it; the first line's offset after it."""
    text = canvas.beginText(style.bulletIndent, y + getattr(style, "bulletOffsetY", 0))
    text.setFont(style.bulletFontName, style.bulletFontSize)
    text.setFillColor(getattr(style, "bulletColor", None) or style.textColor)
    text.textOut(bullet)
    canvas.drawText(text)
    return max(offset, text.getX() + 0.6 * style.bulletFontSize - style.leftIndent)


_SHARED_UP_TO = 2000  # characters; longer text (a long note) is parsed for each use


@functools.lru_cache(maxsize=1024)
def _parsed(text: str, style: ParagraphStyle, bullet: str | None) -> Paragraph:
    lines = _runs(text) if _fonts_of(style) is not None else None
    if lines is not None:
        return Plain(text, style, bullet, lines)
    parsed = Paragraph(text, style, bulletText=bullet)
    parsed.shared_lines = {}
    return parsed


def paragraph(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A paragraph of ``text`` (paragraph markup) in ``style``.

    A week's letters repeat most of their paragraphs (the letterhead, the headings, the office's
    wording, the sign-off): the same text in the same style is read once, each use gets a copy.
    """
    if len(text) > _SHARED_UP_TO:
        return Paragraph(text, style, bulletText=bullet)
    known = _parsed(text, style, bullet)
    if isinstance(known, Plain):
        return known.again()
    made = copy.copy(known)
    made.shared_text = True
    return made

