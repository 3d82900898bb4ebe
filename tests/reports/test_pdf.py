"""``servicedesk report`` writes the same report as a PDF: every sentence and every number, read back with pypdf."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from servicedesk.cli import main
from servicedesk.core.services import reports
from tests.documents.pdf import embedded, text_of

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+|[%—“”]", text)


def test_the_pdf_holds_every_sentence_and_number_of_the_report(october, db_location, tmp_path, capsys):
    out = tmp_path / "october.pdf"
    assert main(["report", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed
    assert "Concerns: 4 concerns were raised." in printed
    text = text_of(out)
    report = reports.build(reports.parse("2026-10"))
    assert "Monthly report: October 2026" in text
    for line in report.summary:
        assert " ".join(line.split()) in text
    words = _words(text)
    joined = " ".join(words)
    for section in report.sections:
        assert section.title in text
        for line in section.lead:
            assert " ".join(line.split()) in text
        for block in section.blocks:
            assert block.title in text
            for line in block.sentences:
                assert " ".join(line.split()) in text, line
            if block.table is None:
                continue
            for header in block.table.headers:
                assert all(word in words for word in _words(header)), header
            for row in block.table.rows:  # cells wrap inside their column: each cell's words, in order
                for cell in row:
                    assert " ".join(_words(cell)) in joined or all(w in words for w in _words(cell)), cell
    assert embedded(out)


def test_each_chart_is_printed_as_a_sharp_picture(october, db_location, tmp_path):
    out = tmp_path / "october.pdf"
    assert main(["report", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    charts = reports.build(reports.parse("2026-10")).charts()
    images = [image for page in PdfReader(str(out)).pages for image in page.images]
    assert len(images) == len(charts) == 8
    # drawn at the size printed (4 inches beside their numbers, 6 across the page) at 220 dpi: sharp on paper
    assert all(image.image.width >= 850 for image in images)


def test_an_existing_file_is_not_replaced_without_force(october, db_location, tmp_path, capsys):
    out = tmp_path / "october.pdf"
    out.write_bytes(b"the owner's own notes")
    assert main(["report", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 1
    assert "already exists; use --force to replace it. Nothing was written." in capsys.readouterr().err
    assert out.read_bytes() == b"the owner's own notes"
    assert main(["report", "--database", str(db_location), "--month", "2026-10", "--out", str(out), "--force"]) == 0
    assert "Monthly report: October 2026" in text_of(out)
    assert out.stat().st_mode & 0o077 == 0  # readable by the owner only


def test_a_month_with_nothing_in_it_says_so_on_the_page(october, db_location, tmp_path):
    out = tmp_path / "empty.pdf"
    assert main(["report", "--database", str(db_location), "--month", "2019-03", "--out", str(out)]) == 0
    text = text_of(out)
    assert "Nothing was recorded in March 2019: no concerns, completed visits" in text
    assert len(PdfReader(str(out)).pages) == 1


def test_a_month_that_is_not_one_writes_nothing(october, db_location, tmp_path, capsys):
    out = tmp_path / "never.pdf"
    assert main(["report", "--database", str(db_location), "--month", "2026-13", "--out", str(out)]) == 1
    assert "“2026-13” is not a month (use YYYY-MM, for example 2026-11)." in capsys.readouterr().err
    assert not out.exists()


def test_a_short_column_heading_stays_on_one_line_beside_a_column_of_long_text(october, db_location, tmp_path):
    out = tmp_path / "october.pdf"
    assert main(["report", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    lines = [" ".join(line.split()) for page in PdfReader(str(out)).pages
             for line in (page.extract_text() or "").splitlines()]
    cancellations = next(block for section in reports.build(reports.parse("2026-10")).sections
                         for block in section.blocks if block.table is not None and "Days on the list" in block.table.headers)
    assert any(len(cell) > 40 for row in cancellations.table.rows for cell in row)  # the words beside it need room
    assert any("Days on the list" in line for line in lines)


def test_a_name_that_is_one_endless_word_breaks_inside_its_column_and_every_column_stays_on_the_page(
        october, db_location, tmp_path):
    """A customer's name typed without a space (a pasted reference, a run of letters) is broken within the
    Customer column: the dates and clocks beside it stay on the page, where the owner reads them."""
    from servicedesk.core.services import customers

    endless = "Tom" + "x" * 117
    customers.update(october["tom"], customers.get(october["tom"]).version, name=endless)
    out = tmp_path / "october.pdf"
    assert main(["report", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    reader = PdfReader(str(out))
    beyond = []
    for page in reader.pages:
        right = float(page.mediabox.width)

        def seen(text, cm, tm, _font, _size, right=right):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]  # where the text begins on the page
            if text.strip() and x >= right - 20:  # in the right margin or off the page
                beyond.append(text)

        page.extract_text(visitor_text=seen)
    assert beyond == []
    printed = text_of(out).replace(" ", "")
    assert endless in printed  # every letter of it printed, broken over lines


def test_a_follow_up_that_reached_only_voicemail_or_no_one_is_not_printed_as_a_promise_kept(
        october, db_location, tmp_path):
    out = tmp_path / "october.pdf"
    assert main(["report", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    text = text_of(out)
    assert ("7 follow-ups were due in October 2026: 3 kept on time (43%), 1 kept late, 2 reached only voicemail or "
            "no one (1 still being tried) and 1 not done.") in text
    assert ("Ivy Stone: due October 20, nobody reached in 2 attempts (last: voicemail left on October 21); calling "
            "again on November 3") in text
    assert "the office stopped trying: “The number on file is disconnected; the invoice went by post.”" in text
    assert "not reached (2 attempts)" in text and "not reached (1 attempt)" in text
    assert "Over these 13 months, follow-ups kept on time: 3 of 8 (38%)" in text


def test_a_resolution_whose_fix_failed_is_not_counted_as_resolved_in_time(october, db_location, tmp_path):
    from servicedesk.core import clock
    from servicedesk.core.services import concerns, followups

    # November 2: the office calls Dorothy again about her October concern, resolved in time; it is not fixed
    dorothy_concern = october["dorothy_concern"]
    dorothy = concerns.get(dorothy_concern).customer_id
    again = followups.owed(dorothy, "manual", "Ask whether Sam is coming again", clock.today(),
                           concern_id=dorothy_concern)
    raised = followups.complete(again, "A stranger came on Friday", still_wrong="Another new face on Friday.")
    assert concerns.get(dorothy_concern).fix_failed and not concerns.get(raised).fix_failed

    out = tmp_path / "october.pdf"
    assert main(["report", "--database", str(db_location), "--month", "2026-10", "--out", str(out)]) == 0
    text = " ".join(text_of(out).split())
    assert ("Of those whose target has come, 2 of 3 (67%) were acknowledged in time and 0 of 2 (0%) resolved in "
            "time; 1 was resolved, but the fix failed.") in text
    assert ("The target is 5 business days: none were resolved in time and 1 late; 1 was resolved, but the fix "
            "failed (the customer raised it again); 2 are not resolved yet but still within it.") in text
    assert ("Dorothy Finch's concern about a technician change, raised on October 6, was resolved on October 13, "
            "but the fix failed: they raised it again. In their words:") in text
    assert "Resolving 5 business days 6 days and 14 hours 11 days and 3 hours 0 of 2 (0%) 2" in text  # the table
