"""Embedded fonts, and text made safe for reportlab's paragraph markup with a font chosen per run.

DejaVu Sans covers Latin (accents, Polish, Vietnamese), Greek and Cyrillic; Droid Sans Fallback
covers Chinese and Japanese, and NanumSquare the Korean Hangul that Droid lacks. All are TrueType, so reportlab embeds them (a CID font that
is only referenced prints blank in some viewers; CFF-outline .otf files are refused).
"""

from __future__ import annotations

import functools
import threading
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from servicedesk import paths
from servicedesk.core.documents import bidi

REGULAR = "SDSans"
BOLD = "SDSans-Bold"
FALLBACK = "SDFallback"
HANGUL = "SDHangul"

_lock = threading.Lock()
_covered: frozenset[int] | None = None
_plain: frozenset[int] = frozenset()  # what the main font draws, and line breaks and tabs
_hangul: frozenset[int] = frozenset()


def _font(name: str, file: str) -> TTFont:
    """A shipped font, embedded in each PDF as a subset of the characters that PDF uses.

    Not ``asciiReadable``: by default reportlab puts all 95 printable ASCII characters in every
    subset whether the document uses them or not, so each letter would carry glyphs it never
    draws (and subsetting, writing and compressing them is most of a short letter's time).
    """
    return TTFont(name, str(paths.resource("fonts", file)), asciiReadable=False)


def register() -> None:
    """Register the shipped fonts once per process."""
    global _covered, _plain, _hangul
    with _lock:
        if _covered is not None:
            return
        regular = _font(REGULAR, "DejaVuSans.ttf")
        pdfmetrics.registerFont(regular)
        pdfmetrics.registerFont(_font(BOLD, "DejaVuSans-Bold.ttf"))
        fallback = _font(FALLBACK, "DroidSansFallbackFull.ttf")
        pdfmetrics.registerFont(fallback)
        hangul = _font(HANGUL, "NanumSquareR.ttf")
        pdfmetrics.registerFont(hangul)
        for family, normal, bold in ((REGULAR, REGULAR, BOLD), (FALLBACK, FALLBACK, FALLBACK),
                                     (HANGUL, HANGUL, HANGUL)):
            addMapping(family, 0, 0, normal)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, normal)
            addMapping(family, 1, 1, bold)
        _hangul = frozenset(hangul.face.charToGlyph) - frozenset(fallback.face.charToGlyph)
        _plain = frozenset(regular.face.charToGlyph) | {ord("\n"), ord("\t")}
        _covered = frozenset(regular.face.charToGlyph)


def _font_for(ch: str) -> str:
    """The font that draws ``ch``: the main one, else the Korean one when only it has the glyph, else
    the CJK fallback (which shows a missing glyph for what no font has, such as emoji)."""
    if ch in "\n\t" or ord(ch) in _covered:
        return ""
    return HANGUL if ord(ch) in _hangul else FALLBACK


def markup(text) -> str:
    """Database text as paragraph markup: escaped, line breaks kept, right-to-left text in drawing order,
    CJK runs in the fallback font."""
    register()
    text = "" if text is None else str(text)
    return _markup(text) if len(text) <= _REMEMBERED_UP_TO else _markup.__wrapped__(text)


# characters: a week's letters repeat the office's and the templates' text, kept once made; a long note is not
_REMEMBERED_UP_TO = 2000


@functools.lru_cache(maxsize=4096)
def _markup(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\x00", "")
    text = bidi.visual(text)  # Arabic and Hebrew shaped and in the order they are drawn
    if _plain.issuperset(map(ord, text)):  # the usual case: all of it in the main font
        return escape(text).replace("\n", "<br/>")
    out: list[str] = []
    run: list[str] = []
    run_font = ""  # "" is the paragraph's own (main) font

    def flush():
        if not run:
            return
        piece = escape("".join(run)).replace("\n", "<br/>")
        out.append(f'<font name="{run_font}">{piece}</font>' if run_font else piece)
        run.clear()

    for ch in text:
        font = _font_for(ch)
        if font != run_font:
            flush()
            run_font = font
        run.append(ch)
    flush()
    return "".join(out)
