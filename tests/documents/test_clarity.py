"""The clarity check catches what a construction professional would, each refusal naming the step
(or the text) and what to fix; defensive phrasing is caught in anything going to a customer."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import clarity, documents, office, projects, templates
from servicedesk.core.store.models import Document, Draft, Template, Visit, VisitChange

from tests.documents.conftest import SHOTCRETE_LETTER_DAY as DAY

GOOD_REASON = "The shotcrete pump truck failed its safety inspection; the next free truck comes December 12."


def rules(pid, day=DAY):
    return [(p.rule, p.milestone_id) for p in clarity.clarity_check(pid, day)]


def slip(ids, reason, **more):
    projects.update_milestone(ids["Shotcrete shell"], status="delayed", revised_end="2026-12-19",
                              delay_reason=reason, **more)


def test_a_clear_project_passes(hernandez):
    pid, ids = hernandez
    slip(ids, GOOD_REASON)
    assert rules(pid) == []


@pytest.mark.parametrize("reason", ["Unforeseen circumstances.", "TBD", ".", "Delays.",
                                    "Due to circumstances beyond our control", "Weather",
                                    "Things took longer than expected.", "Some problems came up.",
                                    "We are running a little late.", "As discussed on the phone."])
def test_a_vague_delay_reason_is_refused(hernandez, reason):
    pid, ids = hernandez
    slip(ids, reason)
    problems = clarity.clarity_check(pid, DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("vague_reason", ids["Shotcrete shell"])]
    assert problems[0].message.startswith(f"The delay reason for “Shotcrete shell” (“{reason}”) does not say "
                                          "what happened: name the cause")
    with pytest.raises(documents.ClarityError):
        documents.generate_timeline_letter(pid, DAY)
    assert Document.select().count() == 0


def test_a_vague_reason_is_refused_with_what_a_good_one_says(hernandez):
    pid, ids = hernandez
    slip(ids, "Things took longer than expected.")
    message = clarity.clarity_check(pid, DAY)[0].message
    assert message.endswith("name the cause, what the new date depends on, and who is doing what, for example "
                            "“The county inspector cancelled Tuesday's visit; the next free slot is Friday, and "
                            "we pour the next day.”")
    slip(ids, "The pump truck broke down; a new one comes Thursday.")
    assert rules(pid) == []


def test_a_step_waiting_on_the_customers_decision_must_say_what_to_decide(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Tile and coping"], status="waiting", waiting_on="customer_decision")
    problems = clarity.clarity_check(pid, DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("decision_unsaid", ids["Tile and coping"])]
    assert problems[0].message == (
        "“Tile and coping” is waiting on the customer's decision, but the decision is not written: say what they "
        "need to choose and by when (Decision needed), or change what the step is waiting on.")
    with pytest.raises(documents.ClarityError):
        documents.generate_timeline_letter(pid, DAY)
    projects.update_milestone(ids["Tile and coping"], decision_needed="Choose the coping stone by December 8.")
    assert rules(pid) == []


def test_a_decision_asked_by_a_day_already_past_is_refused(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Tile and coping"], decision_needed="Choose the coping stone by Thursday, "
                              "December 3.")
    problems = clarity.clarity_check(pid, DAY)  # the letter is dated Friday, December 4
    assert [(p.rule, p.milestone_id) for p in problems] == [("decision_past", ids["Tile and coping"])]
    assert problems[0].message.startswith("The decision for “Tile and coping” is asked by Thursday, December 3, "
                                          "which has passed: ask for it by a day still ahead")
    assert rules(pid, dt.date(2026, 12, 3)) == []  # on the day itself it is still open


def test_a_step_due_to_have_started_that_has_not_is_refused(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Excavation"], status="done", actual_end="2026-12-04")
    assert rules(pid, dt.date(2026, 12, 7)) == []  # the shell starts today
    problems = clarity.clarity_check(pid, dt.date(2026, 12, 8))
    assert [(p.rule, p.milestone_id) for p in problems] == [("start_past", ids["Shotcrete shell"])]
    assert problems[0].message == ("“Shotcrete shell” was due to start December 7 and has not started: record "
                                   "the day it started, or give it a revised start and say why it moved.")
    projects.update_milestone(ids["Shotcrete shell"], status="in_progress", actual_start="2026-12-07")
    assert rules(pid, dt.date(2026, 12, 8)) == []


def test_the_office_adds_its_own_vague_phrases(hernandez):
    pid, ids = hernandez
    slip(ids, "Waiting on supplier")
    assert rules(pid) == []
    office.update(vague_reasons=list(office.get().vague_reasons) + ["waiting on supplier"])
    assert rules(pid) == [("vague_reason", ids["Shotcrete shell"])]


def test_a_decision_asked_later_than_its_lead_time_allows_is_refused(hernandez):
    pid, ids = hernandez
    # Friday December 4: asked "by Friday" (December 11) with ten days to arrive, for a step starting Monday
    projects.update_milestone(ids["Shotcrete shell"], decision_needed="Please choose the shell finish by "
                              "Friday; the colour additive takes ten days to arrive.")
    problems = clarity.clarity_check(pid, DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("decision_too_late", ids["Shotcrete shell"])]
    assert problems[0].message == (
        "The decision for “Shotcrete shell” is asked by Friday, December 11 and, as the letter says, needs 10 "
        "days after that, so it is ready December 21; but “Shotcrete shell” is due to start December 7: move "
        "“Shotcrete shell” to December 21 or later, or give the step a revised date.")


def test_a_decision_asked_after_the_step_needing_it_starts_is_refused(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Tile and coping"], decision_needed="Choose the tile by December 14.")
    problems = clarity.clarity_check(pid, DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("decision_too_late", ids["Tile and coping"])]
    assert "asked by Monday, December 14, after the step is due to start (December 11)" in problems[0].message


def test_a_decision_with_time_to_spare_passes(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Plaster"], decision_needed="Choose the plaster colour by December 7; the "
                              "pigment takes 5 days to arrive.")
    assert rules(pid) == []


def test_a_revised_date_already_past_is_refused(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Excavation"], status="in_progress", actual_start="2026-11-30",
                              revised_end="2026-12-08", delay_reason="Rock under the deep end needed a breaker.")
    assert rules(pid, dt.date(2026, 12, 9)) == [("revised_past", ids["Excavation"])]
    message = clarity.clarity_check(pid, dt.date(2026, 12, 9))[0].message
    assert message == ("“Excavation” was revised to December 8, which has passed, and it is not done: give it a "
                       "new revised date, or mark it done.")


def test_a_delay_that_moves_no_date_is_refused_and_never_printed_as_planned_then_now_the_same_day(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Shotcrete shell"], status="delayed", revised_end="2026-12-10",
                              delay_reason=GOOD_REASON)  # its planned end: a slip of 0 days
    problems = clarity.clarity_check(pid, DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("delay_unexplained", ids["Shotcrete shell"])]
    assert problems[0].message == ("“Shotcrete shell” is marked delayed but still ends December 10, as first "
                                   "planned: give the later date it will now end, or set its status back if it "
                                   "will still finish then.")
    with pytest.raises(documents.ClarityError):
        documents.generate_timeline_letter(pid, DAY)
    assert Document.select().count() == 0
    slip(ids, GOOD_REASON)  # a real revised date, later than planned
    assert rules(pid) == []


def test_a_step_under_way_for_two_weeks_without_an_update_is_refused(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Excavation"], status="in_progress", actual_start="2026-11-30",
                              revised_end="2026-12-31", delay_reason="Rock under the deep end needed a breaker.")
    assert rules(pid, dt.date(2026, 12, 18)) == []  # two weeks since the last word: still fine
    assert rules(pid, dt.date(2026, 12, 19)) == [("stale", ids["Excavation"])]
    assert ("“Excavation” has been under way with no update since December 4: say where it stands, or mark it "
            "done.") in clarity.clarity_check(pid, dt.date(2026, 12, 19))[0].message
    clock.set_now(dt.datetime(2026, 12, 18, 16))
    projects.update_milestone(ids["Excavation"], waiting_on="crew")
    assert rules(pid, dt.date(2026, 12, 19)) == []


def test_defensive_phrasing_in_a_delay_reason_is_named_with_plainer_wording(hernandez):
    pid, ids = hernandez
    slip(ids, "As previously stated, the pump truck failed inspection. That's just how construction works.")
    problems = clarity.clarity_check(pid, DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("defensive", ids["Shotcrete shell"])]
    assert problems[0].message == (
        "The delay reason for “Shotcrete shell” sounds defensive: “As previously stated” (say it again plainly, "
        "without pointing back to what was said before); “That's just how construction works” (explain what "
        "this step needs and why it takes that long).")


def test_defensive_phrasing_in_a_decision_or_the_letters_own_wording_is_refused(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Plaster"], decision_needed="Obviously you need to pick a colour by December 7.")
    Template.insert(key="letter_closing", name="Timeline letter: closing", subject="",
                    body="You need to understand that building takes time.").execute()  # stored before the check
    problems = clarity.clarity_check(pid, DAY)
    assert [p.rule for p in problems] == ["defensive", "defensive"]
    assert "The decision asked for “Plaster” sounds defensive: “Obviously”" in problems[0].message
    assert problems[1].message.startswith("The letter's wording “Timeline letter: closing” sounds defensive: "
                                          "“You need to understand” (here is what is happening)")


def test_the_office_edits_its_defensive_phrases(hernandez):
    pid, ids = hernandez
    slip(ids, GOOD_REASON + " Rest assured this is normal.")
    assert rules(pid) == []
    office.update(defensive_phrases=list(office.get().defensive_phrases) + ["rest assured = say what you will do"])
    problem = clarity.clarity_check(pid, DAY)[0]
    assert problem.rule == "defensive" and "“Rest assured” (say what you will do)" in problem.message


def test_a_template_with_defensive_phrasing_is_not_saved(db):
    before = templates.get("change_notice")
    with pytest.raises(ValidationError) as refused:
        templates.save("change_notice", "Visit change notice", "Change to your visit",
                       "{salutation},\n\nAs we said, your visit moves to {new_date}.")
    assert refused.value.problems["body"] == ("This sounds defensive to a customer: “As we said” (say it again "
                                              "plainly).")
    assert templates.get("change_notice") == before


def test_a_change_notice_with_defensive_phrasing_is_not_printed(pest_visit):
    draft = Draft.create(customer=pest_visit["customer"], template="change_notice", subject="Change to your visit",
                         body="Dear Dorothy,\n\nWe moved it. Not our fault.", visit=pest_visit["next"])
    with pytest.raises(ValidationError) as refused:
        documents.generate_change_notice(pest_visit["next"], draft.subject, draft.body, draft_id=draft.id)
    assert "“Not our fault” (say what happened and what you are doing about it)" in refused.value.problems["body"]
    assert Document.select().count() == 0 and Draft.get_by_id(draft.id).status == "queued"
    assert Visit.get_by_id(pest_visit["next"]) and VisitChange.select().count() == 1


def test_preferences_edit_both_lists(qtbot, db, tmp_path):
    from servicedesk.ui.preferences import PreferencesDialog

    office.update(name="Hill Country Pools", configured=True)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    vague = dialog.findChild(QPlainTextEdit, "vagueReasons")
    defensive = dialog.findChild(QPlainTextEdit, "defensivePhrases")
    assert vague.toPlainText().splitlines() == list(office.get().vague_reasons)
    assert "obviously = leave it out and say the thing itself" in defensive.toPlainText().splitlines()
    vague.setPlainText("TBD\n  supply chain  \nTBD")
    defensive.setPlainText("as per = say it plainly\nfrankly")
    dialog.show()
    dialog.grab().save(str(tmp_path / "preferences.png"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    stored = office.get()
    assert stored.vague_reasons == ("TBD", "supply chain")
    assert stored.defensive_phrases == ("as per = say it plainly", "frankly")
