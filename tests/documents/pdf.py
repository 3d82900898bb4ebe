"""Reading generated PDFs back the way a person or a printer would see them."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def text_of(path: Path) -> str:
    """The PDF's text with line breaks and the narrow or no-break spaces of dates and times folded to
    ordinary spaces, so wrapped sentences can be searched."""
    reader = PdfReader(str(path))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return " ".join(text.replace("\u2009", " ").replace("\u202f", " ").replace("\u00a0", " ").split())


def font_names(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    names.add(str(descriptor.get_object()["/FontName"]))
    return names


def embedded(path: Path) -> bool:
    """True when every font on every page carries its own font file."""
    for page in PdfReader(str(path)).pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            fonts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for f in fonts:
                descriptor = f.get("/FontDescriptor")
                if descriptor is None:
                    return False
                d = descriptor.get_object()
                if not any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    return False
    return True
