"""A project lead who leaves is no longer the person to call: the letter is held back, their projects
are handed over to a colleague, and editing a project never drops its lead unseen."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import clarity, communication, documents, handover, projects, technicians
from servicedesk.core.store.models import FollowUp

from tests.documents.conftest import SHOTCRETE_LETTER_DAY as DAY
from tests.documents.pdf import text_of


@pytest.fixture
def luis_leaves(hernandez):
    """Luis Ramos, the lead, left yesterday; Ines Ford leads projects too."""
    pid, _ids = hernandez
    ines = technicians.create("Ines Ford", role="project_lead", phone="(512) 555-0188")
    luis = projects.get(pid).lead_id
    assert clarity.clarity_check(pid, DAY) == []
    technicians.mark_leaving(luis, DAY - dt.timedelta(days=1))
    return pid, luis, ines


def test_a_lead_who_no_longer_works_here_holds_the_letter_back(luis_leaves):
    pid, _luis, _ines = luis_leaves
    problems = clarity.clarity_check(pid, DAY)
    assert [p.rule for p in problems] == ["lead_gone"]
    assert problems[0].message == (
        "Luis Ramos, the lead of “Hernandez backyard pool”, no longer works here (last day December 3): hand the "
        "project to a colleague (Schedule > Technicians > Hand-over…) or choose a new lead in Edit project…, so "
        "the letter names someone the customer can call.")
    with pytest.raises(documents.ClarityError):
        documents.generate_timeline_letter(pid, DAY)


def test_a_lead_leaving_hands_their_projects_over(luis_leaves):
    pid, luis, ines = luis_leaves
    [h] = handover.open_handovers(luis)
    [item] = handover.items(h.id)
    assert (item.customer, item.names, item.proposed) == ("Elena Hernandez", "leads “Hernandez backyard pool”",
                                                          "Ines Ford")
    assert ines in [staff_id for staff_id, _name in handover.successors(h.id)]
    rows = [q for q in communication.today_queue() if q.kind == "handover"]
    assert [q.customer for q in rows] == ["Elena Hernandez"]
    assert rows[0].why.startswith("Hand-over: Luis Ramos leaves (last day Thu, Dec 3); choose who takes over "
                                  "(Ines Ford proposed)")

    handover.confirm(h.id, item.customer_id)
    assert projects.get(pid).lead == "Ines Ford"
    assert handover.get(h.id).closed
    call = FollowUp.get(FollowUp.source == "introduction")
    assert call.reason == ("Introduce Ines Ford, who now leads “Hernandez backyard pool”, before the next letter: "
                           "Luis Ramos has left; Ines Ford takes over.")
    text = text_of(documents.generate_timeline_letter(pid, DAY).path)
    assert "Ines Ford" in text and "(512) 555-0188" in text
    assert "Luis Ramos" not in text and "555-0177" not in text


def test_a_lead_who_has_left_cannot_be_newly_chosen(luis_leaves, db):
    pid, luis, _ines = luis_leaves
    other = projects.create(projects.get(pid).customer_id, "Spa")
    with pytest.raises(ValidationError) as refused:
        projects.update(other, lead_id=luis)
    assert refused.value.problems["lead"] == "Luis Ramos no longer works here: choose a lead the customer can reach."
    assert projects.get(other).lead_id is None


def test_editing_a_project_keeps_a_lead_who_has_left(luis_leaves, qtbot):
    from servicedesk.ui.projects.dialogs import ProjectDialog

    pid, luis, _ines = luis_leaves
    dialog = ProjectDialog(projects.get(pid))
    qtbot.addWidget(dialog)
    assert dialog.lead.currentText() == "Luis Ramos (no longer works here)"
    dialog.target.setText("2026-12-31")
    dialog.save()
    saved = projects.get(pid)
    assert (saved.lead_id, saved.target_on) == (luis, dt.date(2026, 12, 31))
    clock.set_now(dt.datetime.combine(DAY, dt.time(10)))
    assert [p.rule for p in clarity.clarity_check(pid, DAY)] == ["lead_gone"]  # still refused until handed over


def test_the_decision_call_owed_by_a_lead_who_leaves_goes_to_the_new_lead(hernandez):
    from servicedesk.core.services import followups

    pid, _ids = hernandez
    luis = projects.get(pid).lead_id
    ines = technicians.create("Ines Ford", role="project_lead", phone="(512) 555-0188")
    desk = technicians.create("Pat Desk", role="office")
    customer = projects.get(pid).customer_id
    decision = followups.after_decision_letter(customer, "Tile and coping: choose the tile", DAY, assigned_to=luis)
    someone_else = followups.owed(customer, "manual", "Ask about the fence", DAY, assigned_to=desk)
    technicians.mark_leaving(luis, DAY - dt.timedelta(days=1))
    [h] = handover.open_handovers(luis)

    handover.confirm(h.id, customer, successor_id=ines)

    assert projects.get(pid).lead_id == ines
    assert FollowUp.get_by_id(decision).assigned_to_id == ines
    assert FollowUp.get_by_id(someone_else).assigned_to_id == desk
    assert not FollowUp.select().where((FollowUp.assigned_to == luis) & FollowUp.done_at.is_null()).exists()


def test_a_new_lead_chosen_in_edit_project_makes_the_decision_calls(hernandez):
    """Luis stays with the office but hands the pool to Ines: the call about the tile the letter asked for is
    hers now; Luis's own other calls for the customer stay his."""
    from servicedesk.core.services import followups

    pid, _ids = hernandez
    luis = projects.get(pid).lead_id
    ines = technicians.create("Ines Ford", role="project_lead", phone="(512) 555-0188")
    customer = projects.get(pid).customer_id
    decision = followups.after_decision_letter(customer, "Tile and coping: choose the tile", DAY, assigned_to=luis)
    his_own = followups.owed(customer, "manual", "Bring the warranty papers", DAY, assigned_to=luis)

    projects.update(pid, lead_id=ines)

    assert FollowUp.get_by_id(decision).assigned_to_id == ines
    assert FollowUp.get_by_id(his_own).assigned_to_id == luis
    projects.update(pid, target_on=dt.date(2027, 1, 29))  # saving again without changing the lead moves nothing
    assert FollowUp.get_by_id(decision).assigned_to_id == ines
