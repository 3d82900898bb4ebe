"""Templates filled from a record (gaps stay visible), edited by the office; interactions logged in one go."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services import concerns, customers, followups, interactions, templates
from servicedesk.core.store.models import Concern, FollowUp, Interaction

from .conftest import MONDAY, at


def test_missing_field_stays_visible():
    assert templates.fill("{salutation}, see you {visit_date}.", {"salutation": "Dear Ruth"}) == \
        "Dear Ruth, see you {visit_date}."
    assert templates.fill("Odd {brace and {0} and {x.y}", {"x": "1"}) == "Odd {brace and {0} and {x.y}"
    assert templates.unfilled("Dear Ruth, see you {visit_date} with {technician}.") == ["visit_date", "technician"]


def test_apology_filled_from_a_concern(monday):
    subject, body = templates.draft_for("apology", monday["linda"], concern_id=monday["linda_concern"])
    assert subject == "We are sorry, and here is what we did"
    assert body.startswith("Dear Linda,")
    assert "\"The ants are back in the kitchen.\"" in body
    assert "What we have done: Priya re-treated the kitchen on the 13th" in body
    assert "We will call you on Friday, November 20" in body
    assert body.rstrip().endswith("Bright Water & Green Leaf Services")
    assert templates.unfilled(body) == []


def test_first_visit_check_in_filled_from_a_visit_and_gap_left_for_the_rest(monday):
    from servicedesk.core.store.models import Visit

    v = Visit.select().where(Visit.customer == monday["jamal"]).get()
    subject, body = templates.draft_for("first_visit_checkin", monday["jamal"], visit_id=v.id)
    assert "Lee Brown visited you on Thursday, November 19" in body
    _s, change = templates.draft_for("change_notice", monday["jamal"], visit_id=v.id)
    assert "{change}" in change and "{reason}" in change  # nobody sends a silent gap


def test_office_edits_and_resets_a_template(db):
    templates.save("apology", "Apology", "Sorry, {customer_name}", "{salutation}, we are sorry.")
    assert templates.get("apology").subject == "Sorry, {customer_name}"
    assert [t.key for t in templates.all_templates()][:4] == list(templates.DEFAULTS)[:4]
    with pytest.raises(ValidationError):
        templates.save("apology", "Apology", "", "   ")
    assert templates.get("apology").body == "{salutation}, we are sorry."
    templates.reset("apology")
    assert templates.get("apology").body == templates.DEFAULTS["apology"][2]
    with pytest.raises(NotFound):
        templates.reset("no_such")


def test_log_interaction_with_new_concern_and_follow_up(monday):
    before = customers.rows([monday["walter"]])[0]
    logged = interactions.log(
        monday["walter"], "phone", "in", "Rang about the carpet stain coming back", staff_id=monday["maria"],
        mood="upset", new_concern=interactions.NewConcern("The stain is back after two days", "service_quality",
                                                          "high"),
        follow_up_on=dt.date(2026, 11, 25), follow_up_reason="Ask if the re-clean worked")
    concern = concerns.get(logged.concern_id)
    assert (concern.words, concern.channel, concern.raised_at) == ("The stain is back after two days", "phone", MONDAY)
    assert followups.get(logged.follow_up_id).reason == "Ask if the re-clean worked"
    row = customers.rows([monday["walter"]])[0]
    assert row.last_contact_at == MONDAY and row.open_concerns == 1
    assert row.health_score < before.health_score
    assert Interaction.get_by_id(logged.interaction_id).concern_id == logged.concern_id


def test_calling_back_acknowledges_the_linked_concern(monday):
    clock.set_now(MONDAY.replace(hour=9))
    interactions.log(monday["dorothy"], "phone", "out", "Apologised; Sam will come every month from now on",
                     staff_id=monday["maria"], concern_id=monday["dorothy_concern"], acknowledges=True)
    info = concerns.get(monday["dorothy_concern"])
    assert info.acknowledged_at == MONDAY.replace(hour=9) and info.acknowledged_by == "Maria Keller"



def test_a_call_that_would_acknowledge_a_concern_acknowledged_meanwhile_is_logged_and_says_so(monday):
    from servicedesk.core import session

    clock.set_now(MONDAY.replace(hour=9))
    session.set_person("Priya Shah")  # at another desk, she calls Dorothy back first
    concerns.acknowledge(monday["dorothy_concern"])
    session.set_person(None)  # back at this PC
    clock.set_now(MONDAY.replace(hour=10))
    logged = interactions.log(monday["dorothy"], "phone", "out", "Apologised; Sam will come every month",
                              staff_id=monday["maria"], concern_id=monday["dorothy_concern"], acknowledges=True)
    assert Interaction.get_by_id(logged.interaction_id).concern_id == monday["dorothy_concern"]  # the call is kept
    assert concerns.get(monday["dorothy_concern"]).acknowledged_at == MONDAY.replace(hour=9)  # hers stands
    assert logged.note.startswith("The call is logged. The concern was already acknowledged by Priya Shah")
    assert "did not acknowledge it again" in logged.note

def test_bad_interaction_names_every_problem_and_saves_nothing(monday):
    count = Interaction.select().count()
    with pytest.raises(ValidationError) as err:
        interactions.log(monday["walter"], "fax", "sideways", "", mood="furious",
                         concern_id=monday["dorothy_concern"], follow_up_on=dt.date(2026, 11, 1))
    assert set(err.value.problems) == {"channel", "direction", "summary", "mood", "concern", "follow_up_on"}
    assert Interaction.select().count() == count
    assert Concern.select().count() == 4 and FollowUp.select().count() == 3


def test_recent_interactions_newest_first(monday):
    rows = interactions.recent(monday["grace"])
    assert [(r.summary, r.mood) for r in rows] == [("Told her we are checking the invoices", "worried")]
    assert rows[0].occurred_at == at(12, 11)
