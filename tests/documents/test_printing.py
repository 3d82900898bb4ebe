"""Printing a generated PDF: pages rendered with pypdfium2 and drawn on a printer; slow work off the GUI thread."""

import threading

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage, QPageSize
from PySide6.QtPrintSupport import QPrinter

from servicedesk.core.services import documents
from servicedesk.ui import printing
from servicedesk.ui.worker import run_with_progress

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


def test_slow_work_runs_off_the_gui_thread_and_returns_its_result(qapp, pool, tmp_path):
    seen = {}

    def work(report):
        seen["thread"] = threading.get_ident()
        result = documents.week_batch(LETTER_DAY, tmp_path, progress=lambda n, _t: report(n))
        return result

    result = run_with_progress(None, "Letters", work, 1)
    assert seen["thread"] != threading.get_ident()
    assert "Dear Hannah," in text_of(result.combined)


def test_a_failure_in_the_worker_reaches_the_caller(qapp):
    def work(_report):
        raise ValueError("the printer caught fire")

    with pytest.raises(ValueError, match="caught fire"):
        run_with_progress(None, "Failing", work, 1)


def test_the_printer_is_set_to_the_letter_paper(letter, qapp):
    from servicedesk.ui.printing import _printer

    size = _printer(letter).pageLayout().pageSize().size(QPageSize.Unit.Point)
    assert (round(size.width()), round(size.height())) == (612, 792)
