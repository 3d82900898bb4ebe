"""Printing generated PDFs through the system print dialog, with a preview.

Pages are rendered to images with pypdfium2 (already a dependency, a few MB, about 10 ms a
page). Qt's own QtPdf module would do the same, but below PySide6 6.12 it ships only with the
650 MB add-ons package, far too much for one dialog.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QRect, QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QWidget

from servicedesk.ui.widgets import sizing

MAX_DPI = 300  # plenty for text on paper, and keeps a page image below ~35 MB


def page_count(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def render_page(path: Path, index: int, dpi: float) -> QImage:
    """Page ``index`` of the PDF at ``dpi`` as an opaque QImage (white paper)."""
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[index]
        bitmap = page.render(scale=dpi / 72.0, force_bitmap_format=pdfium_c.FPDFBitmap_BGRx)
        # BGRx bytes are exactly Qt's RGB32 on little-endian machines (0xffRRGGBB words).
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB32).copy()
        page.close()
        return image
    finally:
        document.close()


def paint_pdf(printer: QPrinter, path: Path) -> int:
    """Draw every page of ``path`` on ``printer``, each fitted to the paper; returns the pages drawn."""
    pages = page_count(path)
    first, last = printer.fromPage(), printer.toPage()
    wanted = range(first - 1, last) if first and last else range(pages)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    dpi = min(printer.resolution(), MAX_DPI)
    drawn = 0
    try:
        for n, index in enumerate(i for i in wanted if 0 <= i < pages):
            if n:
                printer.newPage()
            image = render_page(path, index, dpi)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(QRect(area.x(), area.y(), size.width(), size.height()))
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
            painter.setWindow(QRect(0, 0, area.width(), area.height()))
            drawn += 1
    finally:
        painter.end()
    return drawn


def page_size_points(path: Path) -> tuple[float, float]:
    document = pdfium.PdfDocument(str(path))
    try:
        return tuple(document[0].get_size()) if len(document) else (595.0, 842.0)
    finally:
        document.close()


def _printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(Path(path).stem)
    width, height = page_size_points(path)  # the paper the document was laid out for (Letter or A4)
    printer.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point))
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setFromTo(0, 0)
    return printer


def preview_dialog(parent: QWidget | None, path: Path) -> QPrintPreviewDialog:
    """The print preview of a PDF, ready to show."""
    printer = _printer(path)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreviewDialog")
    dialog.setWindowTitle(dialog.tr("Print preview — %s") % Path(path).name)
    dialog.paintRequested.connect(lambda p: paint_pdf(p, path))
    dialog.printer_ = printer  # the preview paints on it: it lives as long as the dialog
    fit_preview(dialog)
    return dialog


def fit_preview(dialog: QPrintPreviewDialog) -> None:
    """A print preview nearly as tall as the screen, its pages as wide as the window: readable, not 40 %."""
    preview = dialog.findChild(QPrintPreviewWidget)
    if preview is not None:
        preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
    area = sizing.available(dialog)
    dialog.resize(min(900, area.width() - 16), min(area.height() - sizing.TITLE_BAR, int(area.height() * 0.9)))


def preview_and_print(parent: QWidget | None, path: Path) -> bool:
    """Show the print preview; printing from it goes through the system print dialog.

    Returns whether it was printed: the preview accepts only after printing, and closing it
    without printing prints (and sends) nothing.
    """
    return preview_dialog(parent, path).exec() == QDialog.DialogCode.Accepted


def print_directly(parent: QWidget | None, path: Path) -> bool:
    printer = _printer(path)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, page_count(path))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return paint_pdf(printer, path) > 0
