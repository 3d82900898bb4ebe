"""Generating 200 weekly timeline letters, against bare reportlab drawing the same text."""

from __future__ import annotations

import io
import statistics
import tempfile

from tests.benchmarks.harness import Result, clock

LETTERS = 200


def letters(db_path: str, repeat: int) -> Result:
    from pypdf import PdfReader
    from reportlab.pdfgen import canvas

    from servicedesk.core import clock as office_clock
    from servicedesk.core.documents import fonts
    from servicedesk.core.services import documents
    from servicedesk.core.store import database

    # The large office has fewer projects under way than 200; more of its projects are put under
    # way inside each run's transaction, which is rolled back.
    all_ids = [r[0] for r in database.execute_sql("SELECT id FROM project ORDER BY id LIMIT ?", (LETTERS,))]
    ids = all_ids
    as_of = office_clock.today()
    texts: list[list[str]] = []

    def run_app() -> float:
        """Each letter laid out, archived with its checksum and logged; rolled back afterwards."""
        with database.atomic() as txn:
            marks = ",".join("?" * len(ids))
            database.execute_sql(f"UPDATE project SET status = 'active' WHERE id IN ({marks})", ids)
            start = clock()
            made = [documents.generate_timeline_letter(pid, as_of, override_clarity=True) for pid in ids]
            took = clock() - start
            if not texts:
                for doc in made:
                    reader = PdfReader(str(doc.path))
                    texts.append([line for page in reader.pages for line in page.extract_text().splitlines()])
            for doc in made:
                doc.path.unlink(missing_ok=True)
            txn.rollback()
        return took

    def run_floor() -> float:
        """The same lines drawn with bare reportlab and the same embedded fonts, one PDF each."""
        fonts.register()
        start = clock()
        with tempfile.TemporaryDirectory() as out:
            for n, lines in enumerate(texts):
                buffer = io.BytesIO()
                page = canvas.Canvas(buffer)
                page.setFont(fonts.REGULAR, 10)
                y = 800
                for line in lines:
                    page.drawString(60, y, line)
                    y -= 13
                    if y < 60:
                        page.showPage()
                        page.setFont(fonts.REGULAR, 10)
                        y = 800
                page.save()
                with open(f"{out}/{n}.pdf", "wb") as handle:
                    handle.write(buffer.getvalue())
        return clock() - start

    run_app()  # warm-up; collects the letters' text for the floor
    run_floor()
    app_t, floor_t = [], []
    for _ in range(repeat):
        app_t.append(run_app())
        floor_t.append(run_floor())
    a, f = statistics.median(app_t), statistics.median(floor_t)
    return Result(f"{len(ids)} weekly timeline letters (layout, archive, log)", a, f, a / f, 1.5)
