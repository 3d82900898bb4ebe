"""What a profile shows, read at once: the person and their lists in order, the office's choices as they are now,
how many projects, the continuity figure and the history."""

import datetime as dt
import sqlite3

import pytest

from servicedesk.core import clock
from servicedesk.core.services import continuity, customers, history, interactions, office, profile_page, projects
from servicedesk.core.services import technicians
from servicedesk.core.store import transaction
from servicedesk.core.store.models import Visit


@pytest.fixture
def walter(office_db, sam):
    """A customer with two sites, two contacts, goals, three things that matter recorded out of order, a project
    and completed visits by two technicians."""
    kim = technicians.create("Alex Kim")
    result = customers.save_profile(None, None, {"name": "Walter Brown", "company": "Brown Pools",
                                                  "technician_id": sam}, sites=[
        {"label": "Home", "street": "4 Elm Row", "city": "Riverton"},
        {"label": "Shop", "street": "9 Quay Street", "city": "Riverton", "access_notes": "Key at the bar"}],
        contacts=[{"name": "Ruth Brown", "role": "wife", "phone": "555 301 7778"},
                  {"name": "Tom Reed", "role": "manager", "email": "tom@brownpools.example"}],
        goals=[{"kind": "goal", "text": "A clear pool by June"}, {"kind": "expect_when", "text": "Tuesdays"}])
    walter = result.id
    for days_ago, kind, words in ((3, "quiet", "No doorbell"), (30, "call_before", "Ring first"),
                                  (10, "time_window", "Mornings only")):
        clock.set_now(dt.datetime(2026, 3, 2, 9, 0) - dt.timedelta(days=days_ago))
        customers.add_what_matters(walter, kind, words)
    clock.set_now(dt.datetime(2026, 3, 2, 9, 0))
    projects.create(walter, "Pool build")
    with transaction():
        for weeks, tech in ((6, sam), (5, kim), (4, sam)):
            start = dt.datetime(2026, 3, 2, 10, 0) - dt.timedelta(weeks=weeks)
            Visit.create(customer=walter, technician=tech, starts_at=start, ends_at=start + dt.timedelta(hours=1),
                         status="completed", service_type="Pool service", work_done="Checked the pump.")
    return walter


def test_the_page_holds_the_person_their_lists_in_order_and_the_figures(walter, sam):
    page = profile_page.read(walter)
    assert page.profile == customers.get(walter)
    p = page.profile
    assert (p.name, p.company, p.technician_id, p.technician) == ("Walter Brown", "Brown Pools", sam, "Sam Ortiz")
    assert [s.label for s in p.sites] == ["Home", "Shop"] and p.sites[1].access_notes == "Key at the bar"
    assert [(c.name, c.role) for c in p.contacts] == [("Ruth Brown", "wife"), ("Tom Reed", "manager")]
    assert [g.text for g in p.goals] == ["A clear pool by June", "Tuesdays"]
    assert [w.words for w in p.what_matters] == ["Ring first", "Mornings only", "No doorbell"]  # oldest first
    assert all(isinstance(w.recorded_at, dt.datetime) for w in p.what_matters)
    assert page.projects == 1 == projects.count_for_customer(walter)
    assert page.continuity == continuity.figure(walter)
    assert (page.continuity.visits, page.continuity.technicians) == (3, 2)
    assert page.technicians == tuple((t.id, t.name) for t in technicians.technicians())
    assert [name for _id, name in page.technicians] == ["Alex Kim", "Sam Ortiz"]
    assert page.fit_items == office.get().values
    assert [(i.kind, i.at) for i in page.history] == [(i.kind, i.at) for i in history.timeline(walter)]
    assert [i.kind for i in page.history] == ["visit"] * 3


def test_the_history_read_with_the_page_is_the_customers_own_and_up_to_date(walter):
    ann = customers.create(name="Ann Lee").id
    assert list(profile_page.read(ann).history) == []  # none of Walter's
    clock.set_now(dt.datetime(2026, 3, 2, 11, 0))
    interactions.log(walter, "phone", "in", "Asked when the pump part arrives")
    page = profile_page.read(walter)
    assert page.history[0].kind == "interaction" and "pump part" in page.history[0].text
    assert page.history == history.timeline(walter)


def test_someone_with_nothing_recorded_reads_as_empty_lists(office_db):
    ann = customers.create(name="Ann Lee").id
    page = profile_page.read(ann)
    assert (page.profile.sites, page.profile.contacts, page.profile.goals, page.profile.what_matters) == ((),) * 4
    assert page.projects == 0 and page.continuity.visits == 0 and page.technicians == ()


def test_technicians_and_the_fit_check_changed_since_the_last_profile_show_on_the_next(walter):
    profile_page.read(walter)
    jo = technicians.create("Jo Banks")
    office.update(values=("Pays on time", "Tells us early when something is not right"))
    page = profile_page.read(walter)
    assert (jo, "Jo Banks") in page.technicians
    assert page.fit_items == ("Pays on time", "Tells us early when something is not right")
    technicians.set_active(jo, False)
    assert (jo, "Jo Banks") not in profile_page.read(walter).technicians


@pytest.mark.backends("sqlite")
def test_a_technician_another_program_added_shows_on_the_next_profile(walter, db_path):
    profile_page.read(walter)
    other = sqlite3.connect(db_path)  # another program on the same file (the command line, say)
    other.execute("INSERT INTO staff (name, role, phone, email, skills, color, active, created_at, licence_number)"
                  " VALUES ('Lee Hart', 'technician', '', '', '', '#ef6c00', 1, '2026-03-02 09:00:00', '')")
    other.commit()
    other.close()
    assert "Lee Hart" in [name for _id, name in profile_page.read(walter).technicians]


def test_a_customer_who_no_longer_exists_is_said_plainly(office_db):
    from servicedesk.core.errors import NotFound

    with pytest.raises(NotFound, match="no longer exists"):
        profile_page.read(99999)


@pytest.mark.backends("postgresql")
def test_on_an_office_server_the_profiles_statement_is_kept_prepared_from_the_first_profile(walter, sam):
    from servicedesk.core.store import database

    def kept() -> int:
        return database.execute_sql("SELECT COUNT(*) FROM pg_prepared_statements"
                                    " WHERE statement LIKE '%FROM customer c LEFT JOIN staff s%'").fetchone()[0]

    assert kept() == 0  # no profile opened yet on this connection
    page = profile_page.read(walter)
    assert kept() == 1  # its plan stays on the server: the next profile is planned no more
    assert profile_page.read(walter) == page and kept() == 1
    ann = customers.create(name="Ann Lee").id
    assert profile_page.read(ann).profile.name == "Ann Lee" and kept() == 1


def test_the_page_carries_why_the_stored_health_score_is_what_it_is(walter):
    from servicedesk.core.services import concerns, health

    assert profile_page.read(walter).health_reasons == ()  # nothing wrong: no reasons
    concerns.raise_concern(walter, "The pump is louder than ever.", raised_at=clock.now() - dt.timedelta(days=6))
    health.recompute([walter])
    page = profile_page.read(walter)
    assessed = health.assess(walter)
    assert page.profile.health_score == assessed.score < 100
    assert page.health_reasons == tuple(r.text for r in assessed.reasons)  # as recorded with the score, largest first


def test_a_reason_with_a_semicolon_in_it_reads_back_as_one_reason(walter):
    from servicedesk.core.services import followups, health, health_history

    followups.create(walter, dt.date(2026, 3, 3), "Ask about the pump; she said “it rattles; then it stops”")
    clock.set_now(dt.datetime(2026, 3, 5, 9, 0))  # two business days late
    health.recompute([walter])
    page = profile_page.read(walter)
    assert page.health_reasons == tuple(r.text for r in health.assess(walter).reasons)
    assert "follow-up 2 business days overdue: Ask about the pump; she said “it rattles; then it stops”" \
        in page.health_reasons
    assert health_history.for_customer(walter)[-1].reasons == "; ".join(page.health_reasons)


def test_reasons_kept_before_they_were_kept_apart_still_read(walter):
    from servicedesk.core.store import database
    from servicedesk.core.store.models import HealthChange

    database.execute_sql("UPDATE customer SET health_score = 80 WHERE id = ?", (walter,))
    HealthChange.create(customer=walter, changed_at=clock.now(), score=80, rules="rhythm,mood",
                        reasons="no contact for 50 days; upset on the phone on Monday")  # as an older version kept it
    assert profile_page.read(walter).health_reasons == ("no contact for 50 days", "upset on the phone on Monday")
