"""Generating 200 weekly timeline letters, against bare reportlab drawing the same text."""

from __future__ import annotations

import io
import statistics
import tempfile

from tests.benchmarks.harness import Result, clock

LETTERS = 200


def letters(db_path: str, repeat: int) -> Result:
    from pypdf import PdfReader

    from servicedesk.core import clock as office_clock
    from servicedesk.core.documents import fonts
    from servicedesk.core.services import documents
    from servicedesk.core.store import database

    # The large office has fewer projects under way than 200; more of its projects are put under
    # way inside each run's transaction, which is rolled back.
    all_ids = [r[0] for r in database.execute_sql("SELECT id FROM project ORDER BY id LIMIT ?", (LETTERS,))]
    ids = all_ids
    as_of = office_clock.today()
    texts: list[list[list[tuple[str, bool]]]] = []  # each letter's lines, each line its runs (text, bold)

    def run_app() -> float:
        """Each letter laid out, archived with its checksum and logged; rolled back afterwards."""
        with database.atomic() as txn:
            marks = ",".join("?" * len(ids))
            database.execute_sql(f"UPDATE project SET status = 'active' WHERE id IN ({marks})", ids)
            start = clock()
            # the week's letters as the Projects tab and `servicedesk letters` write them
            made = [w.document for w in documents.generate_timeline_letters(ids, as_of, override_clarity=True).written]
            took = clock() - start
            assert len(made) == len(ids), "every project's letter is written"
            if not texts:
                texts.extend(_lines_of(PdfReader(str(doc.path))) for doc in made)
            for doc in made:
                doc.path.unlink(missing_ok=True)
            _remove_if_empty({doc.path.parent for doc in made})
            txn.rollback()
        return took

    def run_floor() -> float:
        """The same lines drawn with bare reportlab and the same embedded fonts (bold where the letter
        is bold, so the floor embeds both fonts as the letter does), one PDF each."""
        fonts.register()
        start = clock()
        with tempfile.TemporaryDirectory() as out:
            for n, lines in enumerate(texts):
                data = _floor_pdf(lines)
                with open(f"{out}/{n}.pdf", "wb") as handle:
                    handle.write(data)
        return clock() - start

    run_app()  # warm-up; collects the letters' text for the floor
    run_floor()
    app_t, floor_t = [], []
    for _ in range(repeat):
        app_t.append(run_app())
        floor_t.append(run_floor())
    a, f = statistics.median(app_t), statistics.median(floor_t)
    return Result(f"{len(ids)} weekly timeline letters (layout, archive, log)", a, f, a / f, 1.5)


def _remove_if_empty(folders) -> None:
    """The documents folders a run filled and emptied again go too, as the rolled-back run leaves the
    office: a folder that has seen thousands of files come and go makes each new file slower to create
    (on ext4 about 0.2 ms of CPU instead of 0.01 ms), which an office's archive, where letters stay, never sees."""
    for folder in folders:
        for empty in (folder, folder.parent):
            try:
                empty.rmdir()
            except OSError:  # not empty: it holds what was there before the run
                break


def _lines_of(reader) -> list[list[tuple[str, bool]]]:
    """The PDF's text lines as pypdf extracts them, each line its runs (text, drawn in a bold font)."""
    lines: list[list[tuple[str, bool]]] = []
    for page in reader.pages:
        page_lines: list[list[tuple[str, bool]]] = [[]]

        def visit(text, _cm, _tm, font, _size):
            bold = bool(font) and str(font.get("/BaseFont", "")).endswith("-Bold")
            for n, piece in enumerate(text.split("\n")):
                if n:
                    page_lines.append([])
                if piece:
                    page_lines[-1].append((piece, bold))

        expected = page.extract_text(visitor_text=visit).splitlines()
        if not page_lines[-1]:
            page_lines.pop()
        assert ["".join(run for run, _bold in line) for line in page_lines] == expected, \
            "the floor draws the very lines the letter prints"
        lines += page_lines
    return lines


def _floor_pdf(lines: list[list[tuple[str, bool]]]) -> bytes:
    """``lines`` drawn with a bare reportlab canvas in the documents' embedded fonts, 13 pt apart."""
    from reportlab.pdfgen import canvas

    from servicedesk.core.documents import fonts

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont(fonts.REGULAR, 10)
    font = fonts.REGULAR
    y = 800
    for line in lines:
        if len(line) <= 1:
            run, bold = line[0] if line else ("", False)
            if (fonts.BOLD if bold else fonts.REGULAR) != font:
                font = fonts.BOLD if bold else fonts.REGULAR
                page.setFont(font, 10)
            page.drawString(60, y, run)
        else:  # a line in both fonts: one text object, the font changed where the letter changes it
            text = page.beginText(60, y)
            for run, bold in line:
                text.setFont(fonts.BOLD if bold else fonts.REGULAR, 10)
                text.textOut(run)
            page.drawText(text)
        y -= 13
        if y < 60:
            page.showPage()
            page.setFont(font, 10)
            y = 800
    page.save()
    return buffer.getvalue()
