"""``servicedesk letters`` and ``servicedesk visit-summary`` as the owner runs them: a separate process, real files."""

import os
import stat
import subprocess
import sys

from pypdf import PdfReader

from servicedesk.core.services import projects
from servicedesk.core.store.models import Document

from tests.documents.conftest import build_pool_project
from tests.documents.pdf import text_of


def run(*args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run([sys.executable, "-m", "servicedesk", *args], capture_output=True, text=True, env=env)


def second_project():
    """Another active build for a second customer, from the same office."""
    other = build_pool_project(customer_name="Jan Kowalczyk", salutation="Dear Jan")
    return other


def test_letters_writes_one_pdf_per_active_project_and_a_combined_one(pool, db_location, tmp_path):
    second = second_project()
    projects.update(second.project_id, name="Spa and deck")
    paused = build_pool_project(customer_name="Paused Person", salutation="Dear Pat")
    projects.update(paused.project_id, status="on_hold")
    out = tmp_path / "letters"
    result = run("letters", "--database", str(db_location), "--week", "2026-11-20", "--out", str(out))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["2026-11-20-Hannah-Whitfield-Backyard-pool-build.pdf", "2026-11-20-Jan-Kowalczyk-Spa-and-deck.pdf",
                     "2026-11-20-all-letters.pdf"]
    assert "Dear Hannah," in text_of(out / names[0])
    assert "Dear Jan," in text_of(out / names[1])
    combined = out / "2026-11-20-all-letters.pdf"
    assert len(PdfReader(str(combined)).pages) == 2
    assert "Dear Hannah," in text_of(combined) and "Dear Jan," in text_of(combined)
    assert "Dear Pat" not in text_of(combined)
    assert Document.select().where(Document.kind == "timeline_letter").count() == 2
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o600}  # customers' letters: the owner's


def test_letters_exits_non_zero_and_lists_each_problem_per_project(pool, db_location, tmp_path):
    second = second_project()
    projects.update(second.project_id, lead_id=None)
    projects.update_milestone(pool.milestones["Gunite shell"], delay_reason="")
    out = tmp_path / "letters"
    result = run("letters", "--database", str(db_location), "--week", "2026-11-20", "--out", str(out))
    assert result.returncode == 1
    assert f"Hannah Whitfield — Backyard pool build (project {pool.project_id}):" in result.stderr
    assert "“Gunite shell” is late: add a plain reason for the delay." in result.stderr
    assert f"Jan Kowalczyk — Backyard pool build (project {second.project_id}):" in result.stderr
    assert "The project has no lead" in result.stderr
    assert "--override-clarity" in result.stderr
    assert not out.exists() or not any(out.iterdir())
    assert Document.select().count() == 0


def test_override_clarity_prints_every_letter(pool, db_location, tmp_path):
    projects.update_milestone(pool.milestones["Gunite shell"], delay_reason="")
    out = tmp_path / "letters"
    result = run("letters", "--database", str(db_location), "--week", "2026-11-20", "--out", str(out),
                 "--override-clarity")
    assert result.returncode == 0, result.stderr
    assert (out / "2026-11-20-Hannah-Whitfield-Backyard-pool-build.pdf").exists()


def test_letters_rejects_a_bad_week(db_location, tmp_path):
    result = run("letters", "--database", str(db_location), "--week", "next friday", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "is not a date" in result.stderr


def test_visit_summary_command(pest_visit, db_location, tmp_path):
    target = tmp_path / "summary.pdf"
    result = run("visit-summary", "--database", str(db_location), "--visit", str(pest_visit["visit"]), "--out", str(target))
    assert result.returncode == 0, result.stderr
    assert "Dear Dorothy," in text_of(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = run("visit-summary", "--database", str(db_location), "--visit", str(pest_visit["visit"]), "--out", str(target))
    assert again.returncode == 1 and "already exists; use --force" in again.stderr  # never replaced unasked
    missing = run("visit-summary", "--database", str(db_location), "--visit", "999", "--out",
                  str(tmp_path / "missing.pdf"))
    assert missing.returncode == 1 and "no longer exists" in missing.stderr
    assert not (tmp_path / "missing.pdf").exists()


def _letters_sent():
    from servicedesk.core.store.models import Interaction

    return Interaction.select().where(Interaction.document.is_null(False)).count()


def test_letters_written_without_sent_are_not_contact_and_stay_due(pool, db_location, tmp_path):
    from servicedesk.core.services import communication

    result = run("letters", "--database", str(db_location), "--week", "2026-11-20", "--out", str(tmp_path / "a"))
    assert result.returncode == 0, result.stderr
    assert "Written, not sent" in result.stdout
    assert _letters_sent() == 0 and Document.get().sent_at is None
    assert [i.kind for i in communication.today_queue() if i.customer == "Hannah Whitfield"] == ["letter"]


def test_letters_sent_as_posted_by_the_desk_are_contact_and_clear_the_letter_due(pool, db_location, tmp_path):
    from servicedesk.core.services import communication
    from servicedesk.core.store.models import Interaction, Staff

    desk = Staff.create(name="Rosa Delgado", role="office").id
    result = run("letters", "--database", str(db_location), "--week", "2026-11-20", "--out", str(tmp_path / "a"),
                 "--sent", "posted", "--by", "Rosa")
    assert result.returncode == 0, result.stderr
    assert "Marked as posted: 1 document(s)" in result.stdout
    logged = Interaction.get(Interaction.document.is_null(False))
    assert (logged.staff_id, logged.channel, logged.customer_id) == (desk, "letter", pool.customer_id)
    assert Document.get().sent_how == "posted"
    assert [i.kind for i in communication.today_queue() if i.customer == "Hannah Whitfield"] == []


def test_an_unknown_sender_writes_nothing(pool, db_location, tmp_path):
    out = tmp_path / "a"
    result = run("letters", "--database", str(db_location), "--week", "2026-11-20", "--out", str(out),
                 "--sent", "printed", "--by", "Nobody Here")
    assert result.returncode == 2 and "no staff member called “Nobody Here”" in result.stderr
    assert Document.select().count() == 0 and not out.exists()


def test_visit_summary_handed_over(pest_visit, db_location, tmp_path):
    from servicedesk.core.store.models import Interaction

    target = tmp_path / "summary.pdf"
    result = run("visit-summary", "--database", str(db_location), "--visit", str(pest_visit["visit"]),
                 "--out", str(target), "--sent", "handed-over")
    assert result.returncode == 0, result.stderr
    logged = Interaction.get(Interaction.document.is_null(False))
    assert (logged.channel, logged.visit_id) == ("in_person", pest_visit["visit"])


def test_each_letter_gets_its_own_file_when_names_read_alike(pool, db_location, tmp_path):
    """Two phases for one customer whose names differ only past the length a file name keeps."""
    projects.update(pool.project_id, status="on_hold")
    phases = {}
    for phase, step in (("1", "Decking"), ("2", "Pergola")):
        pid = projects.create(pool.customer_id, f"Backyard pool and spa construction, phase {phase}",
                              lead_id=pool.lead_id)
        projects.add_milestone(pid, step, planned_start="2026-11-23", planned_end="2026-11-27")
        phases[pid] = step
    out = tmp_path / "letters"
    result = run("letters", "--database", str(db_location), "--week", "2026-11-20", "--out", str(out))
    assert result.returncode == 0, result.stderr
    wrote = [line for line in result.stdout.splitlines() if line.startswith("wrote ")]
    assert len(wrote) == 2 and len(set(wrote)) == 2
    letters = sorted(p for p in out.iterdir() if not p.name.endswith("all-letters.pdf"))
    assert len(letters) == 2
    steps = sorted(step for path in letters for step in phases.values() if step in text_of(path))
    assert steps == ["Decking", "Pergola"]
    assert len(PdfReader(str(out / "2026-11-20-all-letters.pdf")).pages) == 2
