"""Right-to-left text (Arabic, Hebrew) as a PDF must draw it: shaped and in visual order.

A PDF draws glyphs left to right as they come, while Arabic and Hebrew are stored in the order
they are read. Each Arabic word is shaped by HarfBuzz (the letters take their joined initial,
medial and final forms, lam-alef becomes one glyph) and every right-to-left run is put in visual
order by the Unicode bidirectional algorithm (python-bidi), so the line prints as a reader reads
it and a PDF reader extracts it in reading order again. Text without right-to-left letters is
returned as it is and loads neither library.
"""

from __future__ import annotations

import functools
import re

from servicedesk import paths

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC_WORD = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+")
# where the shaped forms of Arabic letters live in the font
_ARABIC_BLOCKS = ((0x0600, 0x0700), (0x0750, 0x0780), (0xFB50, 0xFE00), (0xFE70, 0xFF00))


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


@functools.cache
def _shaper():
    import uharfbuzz as hb

    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(paths.resource("fonts", "DejaVuSans.ttf")))))
    chars: dict[int, int] = {}
    for low, high in _ARABIC_BLOCKS:
        for code in range(low, high):
            glyph = font.get_nominal_glyph(code)
            if glyph:
                chars.setdefault(glyph, code)
    return hb, font, chars


def _shape_word(match: re.Match) -> str:
    """One Arabic word in the joined forms HarfBuzz chose, still in reading order."""
    hb, font, chars = _shaper()
    buffer = hb.Buffer()
    buffer.add_str(match.group(0))
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    codes = [chars.get(info.codepoint) for info in buffer.glyph_infos]
    if None in codes:  # a form the font has no character for: leave the word as typed
        return match.group(0)
    drawn = "".join(map(chr, codes))
    return drawn[::-1] if buffer.direction == "rtl" else drawn


def visual(text: str) -> str:
    """``text`` (one line or several) shaped and in the order a PDF draws it, within a left-to-right line."""
    if not has_rtl(text):
        return text
    from bidi import get_display

    # the documents are written left to right: a right-to-left name or phrase is a run inside them
    return "\n".join(get_display(_ARABIC_WORD.sub(_shape_word, line), base_dir="L") if has_rtl(line) else line
                      for line in text.split("\n"))
