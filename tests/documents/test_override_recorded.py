"""A letter printed despite the clarity check carries what the check found, in the archive and in the
customer's history, so the owner can see later which letters went out vague and why."""

import datetime as dt

from servicedesk.core.services import clarity, contact, documents, history, projects
from servicedesk.core.store.models import Document, Interaction

from tests.documents.test_letters_command import run

WEEK = dt.date(2026, 11, 20)


def test_a_letter_printed_anyway_keeps_what_the_check_found_and_its_history_says_so(pool):
    projects.update_milestone(pool.milestones["Gunite shell"], delay_reason="")
    found = [p.message for p in clarity.clarity_check(pool.project_id, WEEK)]
    assert found  # the check holds this letter back
    written = documents.generate_timeline_letters([pool.project_id], WEEK, override_clarity=True).written
    [doc] = [w.document for w in written]
    assert Document.get_by_id(doc.id).overridden.splitlines() == found
    assert documents.overridden_of([doc.id]) == {doc.id: found}
    assert ("Printed despite the clarity check", "\n".join(found)) in history.detail("document", doc.id)

    contact.send_document(doc.id, "posted")  # it went out: the history shows the posting, and still says so
    posted = Interaction.get(Interaction.document == doc.id)
    assert ("Printed despite the clarity check", "\n".join(found)) in history.detail("interaction", posted.id)


def test_a_clear_letter_carries_no_such_words(pool):
    [written] = documents.generate_timeline_letters([pool.project_id], WEEK).written
    assert Document.get_by_id(written.document.id).overridden == ""
    assert all(label != "Printed despite the clarity check" for label, _value in
               history.detail("document", written.document.id))


def test_the_command_line_says_what_each_letter_was_printed_despite(pool, db_location, tmp_path):
    projects.update_milestone(pool.milestones["Gunite shell"], delay_reason="")
    found = [p.message for p in clarity.clarity_check(pool.project_id, WEEK)]
    result = run("letters", "--database", str(db_location), "--week", WEEK.isoformat(), "--out",
                 str(tmp_path / "letters"), "--override-clarity")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("wrote ")
    assert lines[1:1 + len(found)] == [f"  printed despite the clarity check: {m}" for m in found]
