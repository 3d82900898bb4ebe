"""The canvas every document is drawn on: what one PDF worked out, the next one reuses.

Each PDF embeds its own subsets of the shipped fonts: reportlab cuts the glyphs a document uses
out of the TrueType file, builds a small font program and its character map, lists the widths
and compresses all of it, for every document again. A week's letters use the same few letters
and signs, so the same subsets come back letter after letter: they are made once and the bytes
reused (the PDF still carries its own copy, as before).

The office's logo is likewise read, decoded and compressed once per version of its file rather
than for every letter.

Page streams are compressed, but not also wrapped in ASCII85 text armour: PDF files are binary
anyway (the embedded fonts are), and the armour costs time and makes each page a quarter larger.
"""

from __future__ import annotations

import copy
import os
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass

from reportlab.lib.boxstuff import aspectRatioFix
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas as _Canvas

_KEPT = 64  # subsets kept; a week's letters need a handful

_lock = threading.Lock()
_subsets: OrderedDict[tuple, _Subset] = OrderedDict()


class _Bytes(pdfdoc.PDFObject):
    """A PDF value already written out."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document):
        return self.data


class _Subset:
    """One font subset written out: its name, widths, character map and font program."""

    def __init__(self, font: TTFont, n: int, codes: list[int], compress: bool):
        face = font.face
        self.base_name = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
        self.last_char = len(codes) - 1
        self.widths = _Bytes(pdfdoc.PDFArray([face.getCharWidth(c) for c in codes]).format(None))
        cmap = makeToUnicodeCMap(self.base_name, codes)
        program = face.makeSubset(codes)
        self.program_length = len(program)
        self.compressed = compress
        self.cmap = zlib.compress(cmap.encode("utf8")) if compress else cmap
        self.program = zlib.compress(program) if compress else program


def _subset(font: TTFont, n: int, codes: list[int], compress: bool) -> _Subset:
    key = (font.fontName, font.face.filename, n, tuple(codes), compress)
    with _lock:
        made = _subsets.get(key)
        if made is not None:
            _subsets.move_to_end(key)
            return made
    made = _Subset(font, n, codes, compress)
    with _lock:
        _subsets[key] = made
        while len(_subsets) > _KEPT:
            _subsets.popitem(last=False)
    return made


def _stream(content, compressed: bool, **entries) -> pdfdoc.PDFStream:
    stream = pdfdoc.PDFStream(content=content)
    for name, value in entries.items():
        stream.dictionary[name] = value
    if compressed:  # already applied: the stream writes its bytes as they are
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    return stream


def _add_font(font: TTFont, doc) -> None:
    """What ``TTFont.addObjects`` puts in the PDF, from subsets already made where possible."""
    state = font.state[doc]
    state.frozen = 1
    fonts = doc.idToObject["BasicFonts"].dict
    face = font.face
    for n, codes in enumerate(state.subsets):
        internal = font.getSubsetInternalName(n, doc)[1:]
        sub = _subset(font, n, codes, bool(doc.compression))
        program = doc.Reference(_stream(sub.program, sub.compressed, Length1=sub.program_length),
                                f"fontFile:{face.filename}({sub.base_name})")
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight,
            "Descent": face.descent, "Flags": flags, "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(sub.base_name), "ItalicAngle": face.italicAngle, "StemV": face.stemV,
            "FontFile2": program, "MissingWidth": face.defaultWidth,
        })
        pdf_font = pdfdoc.PDFTrueTypeFont()
        pdf_font.__Comment__ = f"Font {font.fontName} subset {n}"
        pdf_font.Name = internal
        pdf_font.BaseFont = sub.base_name
        pdf_font.FirstChar = 0
        pdf_font.LastChar = sub.last_char
        pdf_font.Widths = sub.widths
        pdf_font.ToUnicode = doc.Reference(_stream(sub.cmap, sub.compressed), "toUnicodeCMap:" + sub.base_name)
        pdf_font.FontDescriptor = doc.Reference(descriptor, "fontDescriptor:" + sub.base_name)
        doc.Reference(pdf_font, internal)
        fonts[internal] = pdf_font


@dataclass(frozen=True)
class PreparedImage:
    """An image file as reportlab puts it in a PDF: its name there, the image and its transparency."""

    name: str
    width: int
    height: int
    image: pdfdoc.PDFImageXObject
    soft_mask: pdfdoc.PDFImageXObject | None


_images: OrderedDict[tuple, PreparedImage] = OrderedDict()


def prepared_image(path: str, mask="auto") -> PreparedImage:
    """``path`` read and compressed once per version of the file (OSError when it cannot be read)."""
    found = os.stat(path)
    key = (path, found.st_mtime_ns, found.st_size, str(mask))
    with _lock:
        made = _images.get(key)
        if made is not None:
            return made
    reader = ImageReader(path)
    pixels = reader.getRGBData()  # also separates the transparency, as reportlab's drawImage does
    alpha = reader._dataA
    mask_data = alpha.getRGBData() if mask == "auto" and alpha else str(mask).encode("utf8")
    name = _digester(pixels + mask_data)  # the name reportlab gives this image
    image = pdfdoc.PDFImageXObject(name, reader, mask=mask)
    image.name = name
    soft_mask = image.__dict__.pop("_smask", None)
    made = PreparedImage(name, image.width, image.height, image, soft_mask)
    with _lock:
        _images[key] = made
        while len(_images) > 8:
            _images.popitem(last=False)
    return made


class _ReusedSubsets:
    """Stands in for a TrueType font when the PDF is written out."""

    def __init__(self, font: TTFont):
        self.font = font

    def addObjects(self, doc):
        _add_font(self.font, doc)


class Canvas(_Canvas):
    """reportlab's canvas, writing the PDF out with the subsets already made and without ASCII85,
    and drawing image files prepared once."""

    def drawImage(self, image, x, y, width=None, height=None, mask=None, preserveAspectRatio=False,
                  anchor="c", anchorAtXY=False, showBoundary=False, extraReturn=None):
        if not isinstance(image, str) or extraReturn:
            return super().drawImage(image, x, y, width, height, mask, preserveAspectRatio, anchor, anchorAtXY,
                                     showBoundary, extraReturn)
        prepared = prepared_image(image, mask)
        self._currentPageHasImages = 1
        doc = self._doc
        reg_name = doc.getXObjectName(prepared.name)
        if reg_name not in doc.idToObject:  # the first time in this PDF: as reportlab registers it
            obj = copy.copy(prepared.image)
            self._setXObjects(obj)
            doc.Reference(obj, reg_name)
            doc.addForm(prepared.name, obj)
            if prepared.soft_mask is not None:
                mask_name = doc.getXObjectName(prepared.soft_mask.name)
                if mask_name not in doc.idToObject:
                    soft = copy.copy(prepared.soft_mask)
                    self._setXObjects(soft)
                    obj.smask = doc.Reference(soft, mask_name)
                else:
                    obj.smask = pdfdoc.PDFObjectReference(mask_name)
        x, y, width, height, _scaled = aspectRatioFix(preserveAspectRatio, anchor, x, y, width, height,
                                                      prepared.width, prepared.height, anchorAtXY)
        self.saveState()
        self.translate(x, y)
        self.scale(width, height)
        self._code.append(f"/{reg_name} Do")
        self.restoreState()
        if showBoundary:
            self.drawBoundary(showBoundary, x, y, width, height)
        self._formsinuse.append(prepared.name)
        return prepared.width, prepared.height

    def save(self):
        doc = self._doc
        doc.delayedFonts = [_ReusedSubsets(f) if type(f) is TTFont and f.state.get(doc) is not None else f
                            for f in doc.delayedFonts]
        for page in doc.Pages.pages:
            stream = page.stream
            if page.compression and not page.Contents and stream:
                data = stream.encode("utf8") if isinstance(stream, str) else stream
                page.Contents = _stream(zlib.compress(data), True)
        super().save()
