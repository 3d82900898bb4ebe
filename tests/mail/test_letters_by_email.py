"""``servicedesk letters --week W --email`` then ``servicedesk outbox --send``: the demo office's weekly letters by email."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from servicedesk.cli import main
from servicedesk.core import clock
from servicedesk.core.services.mail import outbox
from servicedesk.core.store.models import Project
from tests.mail.conftest import configure

WEEK = dt.date(2026, 11, 27)


def test_the_weeks_letters_go_to_email_customers_at_their_best_time(db, db_path, smtp_server, tmp_path, capsys):
    from servicedesk.core import demo

    clock.set_now(dt.datetime(2026, 11, 27, 9, 0))  # the demo office is built around the clock's today
    demo.build()
    configure(smtp_server.port)
    out = tmp_path / "print"
    assert main(["letters", "--database", str(db_path), "--week", WEEK.isoformat(), "--email", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    queued = [line for line in printed.splitlines() if line.startswith("queued for email")]
    assert queued == ["queued for email: Ana Hernandez — Hernandez backyard pool",
                      "queued for email: Michael Nguyen — Nguyen pool and spa"]
    # Robert Carver prefers a call and Priya Patel texts: their letters are printed as before
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        f"{WEEK}-Priya-Patel-Patel-lap-pool.pdf", f"{WEEK}-Robert-Carver-Basement-water-damage-restoration.pdf",
        f"{WEEK}-all-letters.pdf"]
    assert main(["outbox", "--database", str(db_path), "--send"]) == 0
    listed = capsys.readouterr().out
    sent_now = [r for r in outbox.rows(("sent",)) if r.kind == "timeline_letter"]
    assert [r.customer for r in sent_now] == ["Ana Hernandez"]  # Michael Nguyen is reached best after 5 pm
    assert "Michael Nguyen <michael.nguyen41@example.com>" in listed and "goes at Nov 27, 2026, 5:00\u00a0PM" in listed
    assert "ana.hernandez78@example.org" in [r.rcpt_tos[0] for r in smtp_server.received]
    clock.set_now(dt.datetime(2026, 11, 27, 17, 0))
    assert main(["outbox", "--database", str(db_path), "--send"]) == 0
    capsys.readouterr()
    letter = next(r for r in smtp_server.received if r.rcpt_tos == ["michael.nguyen41@example.com"])
    assert letter.message["Subject"] == "Nguyen pool and spa: this week's letter"
    assert letter.text.startswith("Dear Michael,\n\nAttached is this week's letter about Nguyen pool")
    [pdf] = letter.message.iter_attachments()
    assert pdf.get_filename() == f"Nguyen pool and spa — Michael Nguyen — {WEEK}.pdf"
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.get_content())).pages)
    assert "Nguyen pool and spa" in text and "Dear Michael" in text
    # the letter counts as this week's once the server took it; queuing the week again sends nothing twice
    assert Project.get(Project.name == "Nguyen pool and spa").last_letter_at == dt.datetime(2026, 11, 27, 17, 0)
    assert main(["letters", "--database", str(db_path), "--week", WEEK.isoformat(), "--email"]) == 0
    capsys.readouterr()
    assert main(["outbox", "--database", str(db_path), "--send"]) == 0
    letters = [r for r in smtp_server.received if r.message["Subject"].endswith("this week's letter")]
    assert len(letters) == 2
    assert [r.status for r in outbox.rows() if r.kind == "timeline_letter"] == ["sent"] * 2


def test_letters_need_somewhere_to_go(db_path, capsys):
    assert main(["letters", "--database", str(db_path)]) == 2
    assert "--out DIR" in capsys.readouterr().err
