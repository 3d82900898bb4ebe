"""Weekly timeline letters read back from the PDF, and the archive that keeps them."""

import datetime as dt
import hashlib
import itertools
import stat

import pytest
from pypdf import PdfReader

from servicedesk import __version__, paths
from servicedesk.core.services import contact, customers, documents, office, projects
from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.store.models import Document, FollowUp, Interaction, Project

from tests.documents.conftest import LETTER_DAY, build_pool_project
from tests.documents.pdf import embedded, font_names, text_of


def test_letter_says_what_was_done_what_is_next_what_is_late_and_who_to_call(pool):
    generated = documents.generate_timeline_letter(pool.project_id, LETTER_DAY)
    text = text_of(generated.path)
    assert "Dear Hannah," in text
    assert "To whom it may concern" not in text
    assert "Hannah Whitfield" in text and "2210 SE Alder Street" in text
    assert "Bluewater Pools" in text and "14 Harbour Road" in text
    # the first letter: everything done so far
    assert "Done so far • Design and permit, finished October 21 • Excavation, finished November 17" in text
    # what happens next, with dates and what it waits on
    assert "November 18 – 25 Steel and plumbing" in text
    assert "Shell inspection — waiting on the inspection" in text
    assert "December 21 – 28 Fill and start-up" in text  # Christmas off
    # late, with the plain reason and both dates
    assert "Gunite shell: planned December 3, now December 10." in text
    assert "The concrete plant closed for two days after last week's storm" in text
    # the decision needed from the customer
    assert "Please choose the coping stone colour (sandstone or grey granite) by 27 November." in text
    # named contact with direct phone, signed by the owner
    assert "Marek Kowalski leads your project" in text
    assert "(503) 555-0187" in text.replace("\u00a0", " ")
    assert "Daniel Reyes" in text and "Owner, Bluewater Pools" in text
    assert len(PdfReader(str(generated.path)).pages) == 1


def test_letter_metadata_names_the_office_and_the_program(pool):
    generated = documents.generate_timeline_letter(pool.project_id, LETTER_DAY)
    meta = PdfReader(str(generated.path)).metadata
    assert meta.title == "Backyard pool build — Hannah Whitfield — 2026-11-20"
    assert meta.author == "Bluewater Pools"
    assert meta.creator == f"ServiceDesk {__version__}"


def test_letter_is_archived_with_its_checksum_and_logged_on_the_customer(pool):
    generated = documents.generate_timeline_letter(pool.project_id, LETTER_DAY)
    row = Document.get_by_id(generated.id)
    data = generated.path.read_bytes()
    assert row.sha256 == hashlib.sha256(data).hexdigest()
    assert row.kind == "timeline_letter" and row.customer_id == pool.customer_id
    assert generated.path == documents.documents_dir() / row.path
    assert stat.S_IMODE(generated.path.stat().st_mode) == 0o600
    assert documents.verify(generated.id)
    # written, not sent: nothing on the history, the letter still due
    assert Interaction.select().where(Interaction.document == row.id).count() == 0
    assert row.sent_at is None and Project.get_by_id(pool.project_id).last_letter_at is None
    clock.set_now(dt.datetime(2026, 11, 20, 11, 0))
    contact.send_document(generated.id, "printed", pool.lead_id)
    logged = Interaction.get(Interaction.document == row.id)
    assert (logged.customer_id, logged.channel, logged.direction) == (pool.customer_id, "letter", "out")
    assert logged.staff_id == pool.lead_id
    assert Project.get_by_id(pool.project_id).last_letter_at == dt.datetime(2026, 11, 20, 11, 0)
    assert customers.rows([pool.customer_id])[0].last_contact_at == dt.datetime(2026, 11, 20, 11, 0)


def test_next_letter_counts_from_the_last_one(pool):
    contact.send_document(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).id, "posted")
    projects.update_milestone(pool.milestones["Steel and plumbing"], status="done", actual_end="2026-11-24")
    letter = documents.timeline_letter(pool.project_id, dt.date(2026, 11, 27))
    assert [s.name for s in letter.done] == ["Steel and plumbing"]


def test_vague_letter_is_refused_and_nothing_is_archived(pool):
    projects.update_milestone(pool.milestones["Gunite shell"], delay_reason="")
    with pytest.raises(documents.ClarityError) as caught:
        documents.generate_timeline_letter(pool.project_id, LETTER_DAY)
    assert [p.rule for p in caught.value.problems] == ["delay_unexplained"]
    assert Document.select().count() == 0 and Interaction.select().count() == 0
    assert Project.get_by_id(pool.project_id).last_letter_at is None


def test_override_prints_a_letter_without_a_lead_using_the_office_phone(pool):
    projects.update(pool.project_id, lead_id=None)
    generated = documents.generate_timeline_letter(pool.project_id, LETTER_DAY, override_clarity=True)
    assert "Call us on (503) 555-0140" in text_of(generated.path)


def test_a_lead_without_a_direct_phone_is_reached_through_the_office_never_on_a_direct_line(pool):
    from servicedesk.core.services import clarity, technicians

    technicians.update(pool.lead_id, name="Marek Kowalski", role="project_lead", phone="")
    assert [p.rule for p in clarity.clarity_check(pool.project_id, LETTER_DAY)] == ["no_contact"]
    generated = documents.generate_timeline_letter(pool.project_id, LETTER_DAY, override_clarity=True)
    text = " ".join(text_of(generated.path).split())
    assert "(direct line)" not in text
    assert ("Marek Kowalski leads your project and is the person to ask with any question, big or small: call the "
            "office on (503) 555-0140 and ask for them.") in text


def _failing_fsync(monkeypatch, after: int = 0) -> None:
    """The disk fails every fsync after the first ``after`` (the flushes may run side by side)."""
    real, calls = paths.os.fsync, itertools.count()

    def fsync(fd):
        if next(calls) >= after:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(paths.os, "fsync", fsync)


def _archived_files() -> list:
    return [p for p in documents.documents_dir().rglob("*") if p.is_file()]


def test_failed_archive_leaves_no_file_and_no_rows(pool, monkeypatch):
    _failing_fsync(monkeypatch)
    with pytest.raises(OSError):
        documents.generate_timeline_letter(pool.project_id, LETTER_DAY)
    assert Document.select().count() == 0 and Interaction.select().count() == 0
    assert Project.get_by_id(pool.project_id).last_letter_at is None
    assert _archived_files() == []


def _three_projects(pool) -> list[int]:
    return [pool.project_id, build_pool_project("Ruth Okafor", "Dear Ruth").project_id,
            build_pool_project("Tomás Reyes", "Dear Tomás").project_id]


def test_a_week_of_letters_is_archived_together_each_file_whole_and_recorded(pool):
    ids = _three_projects(pool)
    week = documents.generate_timeline_letters(ids, LETTER_DAY)
    assert [w.project.id for w in week.written] == ids and week.skipped == {}
    rows = {d.id: d for d in Document.select()}
    assert sorted(rows) == sorted(w.document.id for w in week.written)
    for w, salutation in zip(week.written, ("Dear Hannah,", "Dear Ruth,", "Dear Tomás,")):
        assert w.document.path.read_bytes() == w.data
        assert hashlib.sha256(w.data).hexdigest() == rows[w.document.id].sha256
        assert documents.verify(w.document.id)
        assert salutation in text_of(w.document.path)
        # the week's facts, read for all its projects together, are each project's own
        assert w.letter == documents.timeline_letter(w.project.id, LETTER_DAY)
    assert len(_archived_files()) == 3  # no .part file left beside them


def test_letters_are_recorded_only_once_every_file_is_on_the_disk(pool, monkeypatch):
    events = []
    real_fsync, real_transaction = paths.os.fsync, documents.transaction

    def fsync(fd):
        real_fsync(fd)
        events.append("on disk")  # list.append: safe from the threads that flush side by side

    def transaction():
        events.append("recorded")
        return real_transaction()

    monkeypatch.setattr(paths.os, "fsync", fsync)
    monkeypatch.setattr(documents, "transaction", transaction)
    documents.generate_timeline_letters(_three_projects(pool), LETTER_DAY)
    # three files, then their folder; one transaction records all three afterwards
    assert events == ["on disk"] * 4 + ["recorded"]


def test_a_week_of_letters_that_fails_halfway_leaves_no_file_and_no_record(pool, monkeypatch):
    ids = _three_projects(pool)
    _failing_fsync(monkeypatch, after=1)  # the second letter's file cannot be put on the disk
    with pytest.raises(OSError):
        documents.generate_timeline_letters(ids, LETTER_DAY)
    assert Document.select().count() == 0
    assert _archived_files() == []


def test_letters_whose_record_fails_leave_no_file(pool, monkeypatch):
    ids = _three_projects(pool)
    real_insert = documents.insert_ids

    def insert_ids(sql, rows):
        real_insert(sql, rows[:1])
        assert Document.select().count() == 1
        raise OSError("the database went away")  # the second record: the database refuses it

    monkeypatch.setattr(documents, "insert_ids", insert_ids)
    with pytest.raises(OSError):
        documents.generate_timeline_letters(ids, LETTER_DAY)
    assert Document.select().count() == 0  # the first record was rolled back with the rest
    assert _archived_files() == []


def test_database_text_prints_literally_and_loads_nothing(db):
    build = build_pool_project(customer_name="Smith & Sons <Pools>", salutation="Dear Mr & Mrs Smith")
    projects.update_milestone(build.milestones["Tiling and coping"],
                              decision_needed='Pick a tile <img src="/etc/passwd"/> & <b>grout</b>')
    generated = documents.generate_timeline_letter(build.project_id, LETTER_DAY)
    text = text_of(generated.path)
    assert "Smith & Sons <Pools>" in text
    assert "Dear Mr & Mrs Smith," in text
    assert 'Pick a tile <img src="/etc/passwd"/> & <b>grout</b>' in text
    reader = PdfReader(str(generated.path))
    assert not reader.pages[0]["/Resources"].get_object().get("/XObject")


@pytest.mark.parametrize("name, salutation", [
    ("Zofia Żółć", "Droga Pani Zofio z Łodzi"),
    ("Nguyễn Thị Hương", "Kính gửi chị Hương"),
    ("Σοφία Παπαδοπούλου", "Αγαπητή Σοφία"),
    ("Анна Смирнова", "Уважаемая Анна"),
    ("Zoë Ångström-Müller", "Dear Zoë"),
])
def test_non_latin_names_print_in_the_embedded_main_font(db, name, salutation):
    build = build_pool_project(customer_name=name, salutation=salutation)
    path = documents.generate_timeline_letter(build.project_id, LETTER_DAY).path
    text = text_of(path)
    assert name in text and f"{salutation}," in text
    assert embedded(path)
    assert any("DejaVuSans" in f for f in font_names(path))


def test_cjk_names_print_in_the_embedded_fallback_font(db):
    build = build_pool_project(customer_name="王小明", salutation="佐藤様、王小明様")
    path = documents.generate_timeline_letter(build.project_id, LETTER_DAY).path
    text = text_of(path)
    assert "王小明" in text and "佐藤様" in text
    names = font_names(path)
    assert any("DroidSansFallback" in f for f in names), names
    assert any("DejaVuSans" in f for f in names), names
    assert embedded(path)


def test_logo_prints_in_the_letterhead_and_a_missing_one_is_skipped(pool, tmp_path, qapp):
    from PySide6.QtGui import QColor, QImage

    logo = QImage(120, 60, QImage.Format.Format_RGB32)
    logo.fill(QColor("#2f6f9f"))
    logo.save(str(tmp_path / "logo.png"))
    office.update(logo_path=str(tmp_path / "logo.png"))
    with_logo = documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path
    assert PdfReader(str(with_logo)).pages[0]["/Resources"].get_object().get("/XObject")
    assert len(PdfReader(str(with_logo)).pages) == 1
    logo.save(str(tmp_path / "moved-away.png"))
    office.update(logo_path=str(tmp_path / "moved-away.png"))
    (tmp_path / "moved-away.png").unlink()  # the logo file was moved after it was chosen
    without = documents.generate_timeline_letter(pool.project_id, LETTER_DAY, override_clarity=True).path
    assert "Dear Hannah," in text_of(without)


def test_a_logo_replaced_on_disk_prints_the_new_picture(pool, tmp_path, qapp):
    import os

    from PySide6.QtGui import QColor, QImage

    path = tmp_path / "logo.png"

    def printed_pixel(colour: str) -> bytes:
        logo = QImage(120, 60, QImage.Format.Format_RGB32)
        logo.fill(QColor(colour))
        logo.save(str(path))
        os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 1_000_000_000))
        office.update(logo_path=str(path))
        letter = documents.generate_timeline_letter(pool.project_id, LETTER_DAY, override_clarity=True).path
        xobjects = PdfReader(str(letter)).pages[0]["/Resources"].get_object()["/XObject"]
        images = [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
        return images[0].get_data()[:3]

    assert printed_pixel("#2f6f9f") == bytes([0x2f, 0x6f, 0x9f])
    assert printed_pixel("#a04a1c") == bytes([0xa0, 0x4a, 0x1c])


def test_paper_size_follows_the_office_region(pool):
    office.update(region="PL", address="ul. Piotrkowska 12, 90-001 Łódź")
    page = PdfReader(str(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4


def test_first_letter_tells_all_done_so_far_and_later_ones_since_our_last_letter(pool):
    written = documents.generate_timeline_letter(pool.project_id, LETTER_DAY)
    first = text_of(written.path)
    assert "Done so far" in first and "since our last letter" not in first
    assert "Design and permit, finished October 21" in first and "Nothing was finished" not in first
    contact.send_document(written.id, "posted")
    clock.set_now(dt.datetime(2026, 11, 27, 9, 0))
    projects.update_milestone(pool.milestones["Steel and plumbing"], status="done", actual_end="2026-11-25")
    second = text_of(documents.generate_timeline_letter(pool.project_id, dt.date(2026, 11, 27)).path)
    assert "Done since our last letter" in second
    assert "Steel and plumbing, finished November 25" in second
    assert "Design and permit" not in second and "Excavation" not in second


def test_a_decision_asked_for_in_a_letter_gets_one_follow_up_call(pool):
    first = documents.generate_timeline_letter(pool.project_id, LETTER_DAY)
    assert FollowUp.select().count() == 0  # only written: nobody was asked anything yet
    contact.send_document(first.id, "emailed")
    contact.send_document(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).id, "posted")
    follow_ups = list(FollowUp.select())
    assert len(follow_ups) == 1
    f = follow_ups[0]
    assert (f.customer_id, f.source, f.assigned_to_id, f.due_on) == (
        pool.customer_id, "letter_decision", pool.lead_id, dt.date(2026, 11, 25))  # three business days on
    assert "Tiling and coping" in f.reason and "coping stone colour" in f.reason


def test_a_quiet_week_says_so_plainly(pool):
    contact.send_document(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).id, "posted")
    projects.update_milestone(pool.milestones["Steel and plumbing"], status="not_started", actual_start=None)
    clock.set_now(dt.datetime(2026, 11, 27, 9, 0))
    text = text_of(documents.generate_timeline_letter(pool.project_id, dt.date(2026, 11, 27),
                                                      override_clarity=True).path)
    assert "Nothing was finished this week; every date in this letter is the one we are working to." in text
    assert "under way" not in text  # nothing has started: the letter does not say it has
    assert "Excavation, finished" not in text


def test_a_first_letter_before_any_step_is_finished(pool):
    for name in ("Design and permit", "Excavation"):
        projects.update_milestone(pool.milestones[name], status="not_started", actual_start=None)
    letter = documents.timeline_letter(pool.project_id, LETTER_DAY)
    assert letter.done == ()
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY, override_clarity=True).path)
    assert "Done so far No step is finished yet; every date in this letter is the one we are working to." in text


def test_a_step_marked_done_is_told_as_done(pool):
    """Marking a step done in the table records the day it finished: the letter lists it as done."""
    projects.update_milestone(pool.milestones["Steel and plumbing"], seen={"status": "in_progress"}, status="done")
    step = projects.get_milestone(pool.milestones["Steel and plumbing"])
    assert (step.status, step.actual_end) == ("done", LETTER_DAY)
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert "Steel and plumbing, finished today" in text or "Steel and plumbing, finished November 20" in text
    assert "Steel and plumbing — under way" not in text


def test_a_step_given_its_actual_end_is_done_not_under_way(pool):
    projects.update_milestone(pool.milestones["Steel and plumbing"], seen={"actual_end": None},
                              actual_end="2026-11-19")
    assert projects.get_milestone(pool.milestones["Steel and plumbing"]).status == "done"
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert "Steel and plumbing, finished November 19" in text
    assert "under way" not in text.split("What happens next")[1]


def test_reopening_a_done_step_clears_its_actual_end(pool):
    projects.update_milestone(pool.milestones["Excavation"], status="in_progress")
    step = projects.get_milestone(pool.milestones["Excavation"])
    assert (step.status, step.actual_end) == ("in_progress", None)
    letter = documents.timeline_letter(pool.project_id, LETTER_DAY)
    assert "Excavation" not in [s.name for s in letter.done]
    assert ("Excavation", "under way") in [(s.name, s.note) for s in letter.upcoming]


def test_an_actual_end_on_a_step_said_to_be_open_is_refused(pool):
    with pytest.raises(ValidationError) as caught:
        projects.update_milestone(pool.milestones["Steel and plumbing"], status="in_progress",
                                  actual_end="2026-11-19")
    assert "mark it done, or clear the actual end" in caught.value.problems["actual_end"]
    assert projects.get_milestone(pool.milestones["Steel and plumbing"]).actual_end is None


def test_the_letter_says_when_the_whole_project_finishes(pool):
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    # the target was December 18; the gunite delay moved the last step to December 28 (Christmas is off)
    assert "The whole project is now planned to be finished by December 28 (we first planned December 18)." in text
    projects.update(pool.project_id, target_on="2026-12-31")  # the date promised, with time to spare
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert "The whole project is planned to be finished by December 31." in text


def test_steps_beyond_the_first_six_are_counted_not_dropped(pool):
    last = "Fill and start-up"
    for name, start, end in (("Heater and automation", "2027-01-04", "2027-01-06"),
                             ("Landscaping", "2027-01-07", "2027-01-08"),
                             ("Handover walk-through", "2027-01-11", "2027-01-13")):
        projects.add_milestone(pool.project_id, name, planned_start=start, planned_end=end)
        last = name
    letter = documents.timeline_letter(pool.project_id, LETTER_DAY)
    assert len(letter.upcoming) == 6 and last not in [s.name for s in letter.upcoming]
    path = documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path
    text = text_of(path)
    assert "… and 2 more steps until January 13, 2027." in text
    assert "The whole project is now planned to be finished by January 13, 2027 (we first planned December 18)." in text


@pytest.mark.parametrize("name, greeting", [
    ("Dr. Ana Ruiz", "Dear Dr. Ruiz,"),
    ("Smith, John and Mary", "Dear John and Mary,"),
    ("Mr & Mrs Okonkwo", "Dear Mr & Mrs Okonkwo,"),
    ("Mr", "Dear customer,"),
    ("Zoë Ångström-Núñez", "Dear Zoë,"),
    ("O'Connor-Müller, Siobhán", "Dear Siobhán,"),
    ("van der Berg, Anna", "Dear Anna,"),
    # a company, a trust or a home has no first name to greet: never “Dear Inc.” or “Dear The”
    ("Acme Pools, Inc.", "Dear customer,"),
    ("Harbour Views Strata, LLC", "Dear customer,"),
    ("Finch's Gifts Ltd", "Dear customer,"),
    ("The Willows Care Home", "Dear customer,"),
    ("Riverside Residents' Association (north side, behind the old cannery)", "Dear customer,"),
    ("Harbourside Tennis Club", "Dear customer,"),
])
def test_a_customer_without_a_salutation_is_greeted_by_name(db, name, greeting):
    build = build_pool_project(customer_name=name, salutation="")
    text = text_of(documents.generate_timeline_letter(build.project_id, LETTER_DAY).path)
    assert greeting in text and ",," not in text


def test_a_business_is_greeted_through_its_primary_contact(db):
    """Acme Pools, Inc. has no first name; Jane Ortiz, the contact the office deals with, has."""
    build = build_pool_project(customer_name="Acme Pools, Inc.", salutation="")
    profile = customers.get(build.customer_id)
    customers.save_profile(build.customer_id, profile.version, {}, contacts=[
        {"name": "Bob Lee", "role": "accounts"}, {"name": "Jane Ortiz", "role": "owner", "is_primary": True}])
    text = text_of(documents.generate_timeline_letter(build.project_id, LETTER_DAY).path)
    assert "Dear Jane," in text and "Dear customer" not in text


def test_a_person_whose_surname_is_a_word_of_places_is_still_greeted_by_name(db):
    assert customers.default_salutation("Charlotte Church") == "Dear Charlotte"
