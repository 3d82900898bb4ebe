"""Render the application icon's PNG sizes and the Windows .ico from resources/icons/servicedesk.svg.

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

Uses Qt's own SVG renderer, so nothing beyond PySide6 is needed. The PNGs are committed; run
this again only after changing the SVG.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """An .ico whose entries are PNG images (understood by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in images.items():
        dim = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    path.write_bytes(header + entries + blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it
    renderer = QSvgRenderer(str(ICONS / "servicedesk.svg"))
    if not renderer.isValid():
        print("servicedesk.svg is not a valid SVG", file=sys.stderr)
        return 1
    ico = {}
    for size in SIZES:
        image = render(renderer, size)
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "servicedesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png_bytes(image))
        if size in ICO_SIZES:
            ico[size] = png_bytes(image)
    write_ico(ICONS / "servicedesk.ico", ico)
    print(f"rendered {len(SIZES)} PNG sizes and servicedesk.ico into {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
