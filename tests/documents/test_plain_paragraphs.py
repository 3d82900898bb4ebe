"""Plain paragraphs (words, bold, line breaks) are laid out and drawn by the documents themselves: they
must print exactly where reportlab's own paragraph prints them, at every width, bullet and alignment,
and anything they cannot do is still printed, by reportlab."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as ReportlabParagraph

from servicedesk.core.documents import base, fonts, paragraphs

TEXTS = [
    "Here is where your backyard pool stands this week, in plain words and with dates.",
    "<b>Design and contract</b>, finished March 8, 2025 and a few more words to wrap the line again and again",
    "Dana Whitfield leads your project: (512) 555-0109 (direct line).<br/>Call any day &amp; any time &lt;really&gt;.",
    "<b>Plumbing and electrical</b> — waiting on the inspection, moved from November 23\u2009–\u2009December 4 "
    "because the county inspector was out sick",
    "Thursday\u00a09:15 and <b>Kevin\u00a0Lee</b> comes <b>first</b>,<b>then</b> the rest of the words follow here",
    "1200 Commerce Street, Riverton, TX 78701<br/>(512) 555-0100<br/>office@tricounty.example.com",
    "one<br/><br/>two after an empty line",
]


def _runs(pdf: bytes) -> list[tuple[str, float, float, str]]:
    """Each piece of text the page draws: (text, x, y, font), positions to a hundredth of a point."""
    found = []

    def visit(text, cm, tm, font, _size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append((text, round(x, 2), round(y, 2), str(font.get("/BaseFont", "")) if font else ""))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def _lines(pdf: bytes, size: float) -> list[tuple[float, str, float, list[str]]]:
    """Each printed line: (baseline, its words, where its first letter starts, the fonts of its words).

    Where reportlab starts a line with a space it carried over (a space typed just before a bold word),
    the line begins where its first letter is drawn, a space's width further on.
    """
    lines: dict[float, list] = {}
    for text, x, y, font in _runs(pdf):
        line = lines.setdefault(y, [None, "", []])
        if line[0] is None:
            lead = text[:len(text) - len(text.lstrip())].replace("\n", "")
            line[0] = round(x + stringWidth(lead, _font(font), size), 1)
        line[1] += text
        line[2] += [font] * len(text.split())
    return [(y, " ".join(words.split()), start, fonts_) for y, (start, words, fonts_) in sorted(lines.items())]


def _font(base_font: str) -> str:
    return fonts.BOLD if base_font.endswith("-Bold") else fonts.REGULAR


def _drawn(flowable, width: float) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=fonts.REGULAR)
    _w, height = flowable.wrapOn(canvas, width, 800)
    flowable.drawOn(canvas, 40, 780 - height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("style_name, bullet", [("body", None), ("title", None), ("bullet", "•"),
                                                ("right", None), ("cell", None)])
def test_plain_text_prints_where_reportlab_prints_it(style_name, bullet):
    fonts.register()
    style = base.styles()[style_name]
    compared = 0
    for text in TEXTS:
        for tenth in range(900, 4000, 35):  # widths from 90 to 400 points: every way the lines can break
            width = tenth / 10
            ours = paragraphs.paragraph(text, style, bullet)
            assert isinstance(ours, paragraphs.Plain)
            theirs = ReportlabParagraph(text, style, bulletText=bullet)
            our_size = ours.wrapOn(Canvas(io.BytesIO()), width, 800)
            their_size = theirs.wrapOn(Canvas(io.BytesIO()), width, 800)
            if our_size != their_size:
                assert our_size == their_size, (text, width)
            if ours._drawn is None:
                continue  # a word wider than the line: laid out by reportlab, compared below
            assert _lines(_drawn(ours, width), style.fontSize) == _lines(_drawn(theirs, width), style.fontSize), \
                (text, width)
            compared += 1
    assert compared > 400


def test_what_plain_layout_cannot_do_is_printed_by_reportlab():
    fonts.register()
    style = base.styles()["body"]
    long_word = "Supercalifragilisticexpialidocious" * 3
    for text in (f"A word too long for the line: {long_word} and after", '<font color="red">Late</font> by a week'):
        ours, theirs = paragraphs.paragraph(text, style), ReportlabParagraph(text, style)
        assert ours.wrapOn(Canvas(io.BytesIO()), 150, 800) == theirs.wrapOn(Canvas(io.BytesIO()), 150, 800)
        assert _lines(_drawn(ours, 150), style.fontSize) == _lines(_drawn(theirs, 150), style.fontSize)
        assert long_word[:20] in "".join(run for run, *_rest in _runs(_drawn(ours, 150))) or "Late" in text


def test_a_plain_paragraph_split_over_two_pages_keeps_every_word():
    fonts.register()
    style = base.styles()["body"]
    text = " ".join(f"word{n}" for n in range(400))
    ours = paragraphs.paragraph(text, style)
    ours.wrapOn(Canvas(io.BytesIO()), 300, 800)
    first, rest = ours.split(300, 100)
    printed = [run for part in (first, rest) for run, *_rest in _runs(_drawn(part, 300))]
    assert " ".join(" ".join(printed).split()) == text
