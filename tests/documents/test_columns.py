"""The letterhead and the address block are laid out as columns without a table: the page must look
exactly as the one-row table it stands for would print it (rendered to pixels and compared)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from servicedesk.core.documents import base, fonts
from servicedesk.core.documents.base import Columns, paragraph

WIDTH = base.content_width("US")


def _pdf(story) -> bytes:
    fonts.register()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=base.page_size("US"), leftMargin=20 * mm, rightMargin=20 * mm,
                      topMargin=14 * mm, bottomMargin=18 * mm, initialFontName=fonts.REGULAR,
                      invariant=1).build(story)
    return buffer.getvalue()


def _pixels(data: bytes) -> list[bytes]:
    document = pdfium.PdfDocument(data)
    try:
        return [document[n].render(scale=2).to_pil().tobytes() for n in range(len(document))]
    finally:
        document.close()


def _rows(cells_of, **kwargs):
    """The same row twice (fresh flowables each): as columns, and as the table it stands for."""
    return Columns(cells_of(), [WIDTH * 0.6, WIDTH * 0.4], **kwargs), Columns(cells_of(), [WIDTH * 0.6, WIDTH * 0.4],
                                                                             **kwargs).as_table()


def test_the_letterhead_row_prints_as_its_table_would():
    st = base.styles()

    def cells():
        return [[paragraph("Bluewater Pools &amp; Spas of the Pacific Northwest, Portland", st["office"])],
                paragraph("14 Harbour Road, Portland, OR 97201<br/>(503) 555-0140<br/>office@bluewater.example",
                          st["right"])]

    row, table = _rows(cells, valign="BOTTOM", bottom=6, rule_below=(1.2, base.ACCENT))
    columns, tabled = _pixels(_pdf([row])), _pixels(_pdf([table]))
    assert len(columns) == 1 and columns == tabled
    assert "Bluewater Pools & Spas" in PdfReader(io.BytesIO(_pdf([_rows(cells)[0]]))).pages[0].extract_text()


def test_the_address_row_prints_as_its_table_would_whichever_side_is_taller():
    st = base.styles()
    for left, right in (("Hannah Whitfield<br/>2210 SE Alder Street<br/>Portland, OR 97214", "November 20"),
                        ("Hannah", "November 20<br/>(a Friday)<br/>second line<br/>third line")):
        def cells(left=left, right=right):
            return [paragraph(left, st["body"]), paragraph(right, st["right"])]

        for valign in ("TOP", "MIDDLE", "BOTTOM"):
            row, table = _rows(cells, valign=valign)
            assert _pixels(_pdf([row])) == _pixels(_pdf([table])), valign


def test_a_row_taller_than_the_page_runs_onto_the_next_as_its_table_would():
    st = base.styles()
    street = "<br/>".join(f"Building {n}, on the long way round" for n in range(120))

    def cells():
        return [paragraph(street, st["body"]), paragraph("November 20", st["right"])]

    row, table = _rows(cells)
    columns, tabled = _pixels(_pdf([row])), _pixels(_pdf([table]))
    assert len(columns) > 1 and columns == tabled
