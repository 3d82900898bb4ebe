"""A document that fits on one page is drawn straight onto it, without a document template: the PDF
must be the one the template makes (the same drawing, fonts and details), and a document that runs
over a page still gets the template's pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pypdfium2 as pdfium
from PIL import Image as PILImage
from pypdf import PdfReader

from servicedesk.core.documents import base, visit_summary
from servicedesk.core.documents import timeline_letter as layout
from servicedesk.core.services import documents

from tests.documents.conftest import LETTER_DAY
from tests.documents.test_repeated_layout import _letter

UNDATED = ("/CreationDate", "/ModDate")


def _both_ways(monkeypatch, render) -> tuple[bytes, bytes]:
    """``render()`` as it draws a one-page document, and as the document template lays it out."""
    drawn = render()
    with monkeypatch.context() as m:
        m.setattr(base, "_on_one_page", lambda *_args: None)
        templated = render()
    return drawn, templated


def _page(data: bytes) -> tuple:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    fonts = page["/Resources"]["/Font"]
    embedded = sorted((str(f.get_object()["/BaseFont"]), tuple(f.get_object()["/Widths"]),
                       f.get_object()["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data())
                      for f in fonts.values())
    info = {k: str(v) for k, v in reader.metadata.items() if k not in UNDATED}
    return page.get_contents().get_data(), page.mediabox, embedded, info


def _pixels(data: bytes) -> bytes:
    document = pdfium.PdfDocument(data)
    try:
        return document[0].render(scale=2).to_pil().tobytes()
    finally:
        document.close()


def _same_page(drawn: bytes, templated: bytes) -> None:
    assert _page(drawn) == _page(templated)
    assert _pixels(drawn) == _pixels(templated)


def test_a_weekly_letter_on_one_page_is_the_page_the_template_makes(pool, monkeypatch):
    letter = documents.timeline_letter(pool.project_id, LETTER_DAY)
    drawn, templated = _both_ways(monkeypatch, lambda: layout.render(letter, "Backyard pool"))
    _same_page(drawn, templated)
    assert "Kind regards" in PdfReader(io.BytesIO(drawn)).pages[0].extract_text()


def test_a_letter_with_a_logo_and_a_name_in_another_script_is_the_same_page_too(pool, monkeypatch, tmp_path):
    PILImage.new("RGB", (120, 60), (47, 111, 159)).save(tmp_path / "logo.png")
    letter = documents.timeline_letter(pool.project_id, LETTER_DAY)
    letter = dataclasses.replace(letter, head=dataclasses.replace(letter.head, logo_path=str(tmp_path / "logo.png")),
                                 to=dataclasses.replace(letter.to, name="Hannah 東京 Whitfield"))
    drawn, templated = _both_ways(monkeypatch, lambda: layout.render(letter, "Backyard pool"))
    _same_page(drawn, templated)


def test_a_visit_summary_on_one_page_is_the_page_the_template_makes(pest_visit, monkeypatch):
    facts = documents.visit_summary_facts(pest_visit["visit"])
    drawn, templated = _both_ways(monkeypatch, lambda: visit_summary.render(facts, "Visit summary"))
    _same_page(drawn, templated)


def test_a_letter_that_runs_over_a_page_gets_the_templates_pages_and_headers(db):
    long_one = _letter(20, 4)
    reader = PdfReader(io.BytesIO(layout.render(long_one, "t")))
    assert len(reader.pages) > 1
    assert f"page 2 of {len(reader.pages)}" in reader.pages[1].extract_text()
    assert "Bluewater Pools" in reader.pages[0].extract_text()


def test_a_combined_pdf_of_several_letters_keeps_each_letter_on_its_own_pages(pool):
    letter = documents.timeline_letter(pool.project_id, LETTER_DAY)
    short = dataclasses.replace(letter, letter_date=dt.date(2026, 11, 27))
    reader = PdfReader(io.BytesIO(layout.render_many([letter, short], "both")))
    assert len(reader.pages) == 2
    assert ["Dear Hannah," in page.extract_text() for page in reader.pages] == [True, True]
