"""Reading a CSV file as offices have them: any usual encoding and separator, every line numbered."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from servicedesk.core.errors import ServiceError
from servicedesk.core.validation import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportFileError(ServiceError):
    """The file cannot be read at all (missing, empty, unknown encoding, no name column)."""


@dataclass
class Source:
    """A file's text as rows: its header, the data rows with their line numbers, how it was written."""

    path: str
    encoding: str
    delimiter: str
    header_line: int
    headers: list[str]
    data: list[tuple[int, list[str]]]


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was in."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "UTF-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    sample = raw[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:  # UTF-16 without its mark
        even_nuls = sample[0::2].count(b"\x00")
        return raw.decode("utf-16-be" if even_nuls > sample[1::2].count(b"\x00") else "utf-16-le"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file is not in a text encoding ServiceDesk knows (UTF-8, UTF-16 or Windows-1252): "
            f"byte {exc.start} cannot be read. Save it from your spreadsheet as “CSV UTF-8”."
        ) from exc


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: 0 for d in (",", ";", "\t")}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_file(path: str | os.PathLike) -> tuple[str, str]:
    """(text, encoding) of ``path``."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return decode(raw)


def parse(text: str, encoding: str = "UTF-8", path: str = "") -> Source:
    """Split ``text`` into its header and data rows; blank rows are skipped, line numbers kept."""
    text = clean_text(text)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise ImportFileError("The file is empty: there is no header line and no row in it.")
    delimiter = _sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if any(c.strip() for c in cells):
                records.append((start, cells))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # a quote opened and never closed swallows the rest
            raise ImportFileError(
                f"Line {last + 1}: a quoted value starts on this line and its closing quote (\") is missing, so "
                "the rest of the file would run into one value. Add the closing quote and import again."
            ) from exc
        raise ImportFileError(f"Line {reader.line_num}: the file is not valid CSV ({exc}).") from exc
    (header_line, headers), data = records[0], records[1:]
    if not data:
        raise ImportFileError(f"The file has only its header line ({', '.join(h.strip() for h in headers if h.strip())}) "
                              "and no rows under it: there is nothing to import.")
    return Source(path, encoding, delimiter, header_line, [h.strip() for h in headers], data)


_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.DOTALL)


def unneutralise(cell: str) -> str:
    """Undo the export's formula guard: the first of the quotes before = + - @ is ours, not the customer's.
    A spreadsheet's way of keeping a number as written (="01234", ="555 201 0001") is the number."""
    if cell[:1] == "'" and _formula_like(cell):
        return cell[1:]
    if cell[:2] == '="' and (m := _EXCEL_TEXT.match(cell)):
        return m[1]
    return cell


def _formula_like(cell: str) -> bool:
    """Starts like a formula, after any quotes a person typed themselves (“'=1+1”, “''@x”)."""
    return cell.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading quote; import takes it off again.

    A cell that already starts with a quote before a formula sign (“'=1+1” typed as text) gets one
    too, or the import would take the person's own quote for the guard and drop it.
    """
    return "'" + cell if _formula_like(cell) else cell


def write_private(path: str | os.PathLike, header: list[str], rows, progress=None) -> int:
    """Write ``rows`` under ``header`` to ``path`` as UTF-8 CSV readable by its owner only, formulas guarded."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    count = 0
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise ServiceError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    try:
        with open(fd, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            for row in rows:
                writer.writerow([neutralise("" if v is None else str(v)) for v in row])
                count += 1
                if progress is not None and count % 1000 == 0:
                    progress(count)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count
