"""Printing a generated PDF: pages rendered with pypdfium2 and drawn on a printer; slow work off the GUI thread."""

import threading


import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage, QPageSize
from PySide6.QtPrintSupport import QPrinter

from servicedesk.core.services import documents
from servicedesk.ui import operations, printing

from tests.documents.conftest import LETTER_DAY
from tests.documents.pdf import text_of


@pytest.fixture
def letter(pool):
    return documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path


def test_a_page_renders_to_an_image_with_ink_on_it(letter, qapp):
    image = printing.render_page(letter, 0, 72)
    assert (image.width(), image.height()) == (612, 792)  # US Letter at 72 dpi
    assert image.format() == QImage.Format.Format_RGB32
    assert image.pixelColor(5, 5).name() == "#ffffff"  # the margin is paper
    dark = sum(1 for x in range(0, 612, 3) for y in range(60, 120, 3) if image.pixelColor(x, y).lightness() < 128)
    assert dark > 20  # the office name in the letterhead


def test_the_letter_prints_page_for_page(letter, qapp, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert printing.paint_pdf(printer, letter) == 1
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 1


def test_work_runs_on_a_pool_thread_and_its_result_arrives_on_the_gui_thread(qtbot, pool, tmp_path):
    seen = {}

    def work(step):
        seen["worker"] = threading.get_ident()
        return documents.week_batch(LETTER_DAY, tmp_path, progress=step)

    def done(result):
        seen["done_on"] = threading.get_ident()
        seen["result"] = result

    op = operations.run(None, work, done)
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    assert seen["worker"] != threading.get_ident()
    assert seen["done_on"] == threading.get_ident()
    assert "Dear Hannah," in text_of(seen["result"].combined)


def test_the_printer_is_set_to_the_letter_paper(letter, qapp):
    from servicedesk.ui.printing import _printer

    size = _printer(letter).pageLayout().pageSize().size(QPageSize.Unit.Point)
    assert (round(size.width()), round(size.height())) == (612, 792)
