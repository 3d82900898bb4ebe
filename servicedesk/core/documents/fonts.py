"""Embedded fonts, and text made safe for reportlab's paragraph markup with a font chosen per run.

DejaVu Sans covers Latin (accents, Polish, Vietnamese), Greek and Cyrillic; Droid Sans Fallback
covers Chinese, Japanese and Korean. Both are TrueType, so reportlab embeds them (a CID font that
is only referenced prints blank in some viewers; CFF-outline .otf files are refused).
"""

from __future__ import annotations

import threading
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from servicedesk import paths

REGULAR = "SDSans"
BOLD = "SDSans-Bold"
FALLBACK = "SDFallback"

_lock = threading.Lock()
_covered: frozenset[int] | None = None


def register() -> None:
    """Register the shipped fonts once per process."""
    global _covered
    with _lock:
        if _covered is not None:
            return
        regular = TTFont(REGULAR, str(paths.resource("fonts", "DejaVuSans.ttf")))
        pdfmetrics.registerFont(regular)
        pdfmetrics.registerFont(TTFont(BOLD, str(paths.resource("fonts", "DejaVuSans-Bold.ttf"))))
        pdfmetrics.registerFont(TTFont(FALLBACK, str(paths.resource("fonts", "DroidSansFallbackFull.ttf"))))
        for family, normal, bold in ((REGULAR, REGULAR, BOLD), (FALLBACK, FALLBACK, FALLBACK)):
            addMapping(family, 0, 0, normal)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, normal)
            addMapping(family, 1, 1, bold)
        _covered = frozenset(regular.face.charToGlyph)


def _in_main_font(ch: str) -> bool:
    return ch in "\n\t" or ord(ch) in _covered


def markup(text) -> str:
    """Database text as paragraph markup: escaped, line breaks kept, CJK runs in the fallback font."""
    register()
    text = "" if text is None else str(text).replace("\r\n", "\n").replace("\x00", "")
    out: list[str] = []
    run: list[str] = []
    run_main = True

    def flush():
        if not run:
            return
        piece = escape("".join(run)).replace("\n", "<br/>")
        out.append(piece if run_main else f'<font name="{FALLBACK}">{piece}</font>')
        run.clear()

    for ch in text:
        main = _in_main_font(ch)
        if main != run_main:
            flush()
            run_main = main
        run.append(ch)
    flush()
    return "".join(out)
