"""The demo office: the three trades' stories are there, in the customers' words, every time."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from servicedesk.core import clock, demo
from servicedesk.core.services import communication, continuity, customers, health, office
from servicedesk.core.store import close_database, database, open_database
from servicedesk.core.store.models import (
    GOAL_KINDS,
    WHAT_MATTERS_KINDS,
    Concern,
    Customer,
    CustomerGoal,
    Draft,
    FollowUp,
    Interaction,
    Milestone,
    ProductApplied,
    Project,
    ServicePlan,
    Site,
    Staff,
    TimeOff,
    Visit,
    VisitChange,
    WhatMatters,
)

NOW = dt.datetime(2026, 3, 4, 10, 30)


@pytest.fixture
def office_db(db):
    clock.set_now(NOW)
    demo.build()
    return db


def dorothy() -> Customer:
    return Customer.get(Customer.name == "Dorothy Finch")


def test_dorothy_signed_up_for_one_technician_and_saw_four(office_db):
    her = dorothy()
    assert her.company == "Finch's Gifts"
    wanted = [w for w in customers.get(her.id).what_matters if w.kind == "same_technician"]
    assert [(w.words, w.technician) for w in wanted] == [("Are you the one doing the service?", "Kevin Marsh")]
    history = customers.preference_history(her.id)  # Ray's name on her wish is kept, no longer in force
    assert [w.technician for w in history] == ["Ray Delgado", "Kevin Marsh"]
    original = Staff.get_by_id(history[0].technician_id)
    assert not original.active and original.left_on < NOW.date()

    figure = continuity.figure(her.id)
    assert (figure.visits, figure.technicians) == (10, 4)
    last_ten = (Visit.select().where((Visit.customer == her.id) & (Visit.status == "completed"))
                .order_by(Visit.starts_at.desc()).limit(10))
    assert {v.technician.name for v in last_ten} == {"Ray Delgado", "Kevin Marsh", "Tanya Reyes", "Marcus Bell"}
    reasons = [c.reason for c in VisitChange.select().join(Visit).where(Visit.customer == her.id)]
    assert any("left the company" in r for r in reasons) and any("sick" in r for r in reasons)
    assert any("vacation" in r for r in reasons) and all(reasons)
    kevin_away = {t.reason for t in TimeOff.select().join(Staff).where(Staff.name == "Kevin Marsh")}
    assert {"sick", "vacation"} <= kevin_away


def test_dorothy_is_waiting_for_the_office_and_most_at_risk(office_db):
    her = dorothy()
    concerns = [q for q in communication.unacknowledged_concerns() if q.customer_id == her.id]
    assert len(concerns) == 1 and "stranger" in concerns[0].why
    overdue = [q for q in communication.open_follow_ups(NOW.date() - dt.timedelta(days=1)) if q.customer_id == her.id]
    assert len(overdue) == 1 and dt.date.fromisoformat(str(overdue[0].since)) < NOW.date()
    assert her.health_score == Customer.select(Customer.health_score).order_by(Customer.health_score).scalar()
    assert her.health_score < 50
    h = health.assess(her.id)  # she shows as at risk for the right reason, the pattern first
    assert h.reasons[0].text == "4 technicians in their last 11 visits; they said the same technician matters"
    assert h.reasons[0].points == 35
    assert her.next_visit_at > NOW and her.open_concerns == 1


def test_pool_builds_have_a_delay_with_a_reason_that_moves_the_steps_after_it_and_a_decision(office_db):
    delayed = Milestone.get(Milestone.status == "delayed")
    assert "county" in delayed.delay_reason.lower() and delayed.waiting_on == "inspection"
    assert delayed.revised_end > delayed.planned_end >= NOW.date() - dt.timedelta(days=7)
    later = Milestone.get((Milestone.project == delayed.project) & (Milestone.position == delayed.position + 1))
    # the step after it follows it and moved by the same days, told once under the delay's reason
    slip = delayed.revised_end - delayed.planned_end
    assert (later.revised_start, later.revised_end) == (later.planned_start + slip, later.planned_end + slip)
    assert later.moved_by_id == delayed.id and later.delay_reason == ""
    assert [d.depends_on_id for d in later.dependencies] == [delayed.id]
    waiting = Milestone.get(Milestone.status == "waiting")
    assert waiting.waiting_on == "customer_decision" and "coping" in waiting.decision_needed
    builds = Project.select().where(Project.name.contains("pool"))
    assert 2 <= builds.count() <= 3
    assert all(p.lead.role == "project_lead" and p.status == "active" for p in builds)
    names = [m.name for m in Milestone.select().where(Milestone.project == delayed.project).order_by(Milestone.position)]
    assert names[0].startswith("Design") and names[-1] == "Fill and startup" and "Gunite" in names
    assert {m.status for m in Milestone.select().where(Milestone.project == delayed.project)} >= {"done", "not_started"}


def test_restoration_job_goals_expectations_and_fit_check(office_db):
    job = Project.get(Project.name.contains("water-damage"))
    steps = " ".join(m.name.lower() for m in job.milestones)
    for word in ("extraction", "drying", "moisture", "rebuild"):
        assert word in steps
    dental = Customer.get(Customer.company == "Harbor Point Dental")
    assert {g.kind for g in CustomerGoal.select().where(CustomerGoal.customer == dental.id)} == set(GOAL_KINDS)
    fit = json.loads(dental.fit_check)
    assert list(fit) == list(office.DEFAULT_VALUES) and all(fit.values()) and dental.fit_note
    prospect = Customer.get(Customer.status == "prospect", Customer.fit_check != "")
    assert not all(json.loads(prospect.fit_check).values()) and prospect.fit_note


def test_the_rest_of_the_office_looks_lived_in(office_db):
    assert Customer.select().count() == 60
    assert {c.trade for c in Customer.select()} == {"pool", "pest", "cleaning"}
    statuses = {c.status: c for c in Customer.select()}
    assert {"active", "prospect", "paused", "cancelled"} <= set(statuses)
    assert statuses["cancelled"].cancel_reason
    technicians = Staff.select().where(Staff.role == "technician")
    assert 6 <= technicians.count() <= 10 and len({t.color for t in technicians}) == technicians.count()
    assert all(t.skills for t in technicians)
    assert {t.reason for t in TimeOff.select()} >= {"vacation", "sick", "training"}
    assert {w.kind for w in WhatMatters.select()} == set(WHAT_MATTERS_KINDS)
    assert all(w.words for w in WhatMatters.select())
    assert Site.select().where(Site.access_notes.contains("Gate code")).exists()
    for c in Customer.select():
        assert "555-01" in c.phone and c.phone_e164.startswith("+1")
        assert c.email.split("@")[1].endswith(("example.com", "example.org", "example.net"))
    today = NOW.date()
    assert Visit.select().where(Visit.starts_at < NOW - dt.timedelta(days=300), Visit.status == "completed").exists()
    assert Visit.select().where(Visit.starts_at > NOW + dt.timedelta(days=70)).exists()
    done = Visit.select().where(Visit.status == "completed")
    assert all(v.work_done and v.completed_at for v in done)
    assert ProductApplied.select().join(Visit).where(Visit.service_type.contains("pest")).exists()
    assert {i.channel for i in Interaction.select()} >= {"phone", "email", "letter", "visit"}
    assert {i.mood for i in Interaction.select()} >= {"happy", "worried", "upset"}
    resolved = Concern.select().where(Concern.resolved_at.is_null(False))
    assert resolved.exists() and all(k.resolution for k in resolved)
    assert FollowUp.select().where(FollowUp.source == "concern_resolved").exists()
    assert Concern.select().where(Concern.acknowledged_at.is_null(False), Concern.resolved_at.is_null()).exists()
    open_ups = FollowUp.select().where(FollowUp.done_at.is_null())
    assert {(f.due_on < today, f.due_on == today) for f in open_ups} >= {(True, False), (False, True)}
    assert FollowUp.select().where(FollowUp.done_at.is_null(False)).exists()
    assert Draft.select().where(Draft.status == "queued").count() >= 2
    planned = Customer.select().join(ServicePlan).where(ServicePlan.active == True).distinct()  # noqa: E712
    assert all(c.next_visit_at is not None for c in planned)
    assert customers.search_ids("Finch") == [dorothy().id]
    settings = office.get()
    assert settings.configured and settings.region == "US" and settings.name and settings.signature_line


def snapshot(path, seed, trade="all"):
    open_database(path)
    try:
        demo.build(trade=trade, seed=seed)
        names = [c.name for c in Customer.select().order_by(Customer.id)]
        visits = [(v.customer_id, str(v.starts_at), v.technician_id) for v in Visit.select().order_by(Visit.id)]
        return names, visits
    finally:
        close_database()


def test_same_seed_same_office_another_seed_another(tmp_path):
    clock.set_now(NOW)
    first = snapshot(tmp_path / "a.db", 7)
    assert first == snapshot(tmp_path / "b.db", 7)
    other = snapshot(tmp_path / "c.db", 8)
    assert other[0] != first[0] and other[1] != first[1]
    assert "Dorothy Finch" in other[0]


def test_the_demo_is_always_current(tmp_path):
    clock.set_now(dt.datetime(2027, 9, 20, 9, 0))
    open_database(tmp_path / "later.db")
    try:
        demo.build(trade="pest")
        her = dorothy()
        assert 280 < (dt.date(2027, 9, 20) - her.customer_since).days < 340
        assert continuity.figure(her.id).technicians == 4
        assert her.next_visit_at.date() > dt.date(2027, 9, 20)
    finally:
        close_database()


def test_pest_office_has_no_pool(db):
    clock.set_now(NOW)
    demo.build(trade="pest")
    assert Project.select().count() == 0
    assert {c.trade for c in Customer.select()} == {"pest"}
    assert Customer.select().count() == 60
    assert continuity.figure(dorothy().id).technicians == 4
    assert office.get().name == "Greenline Pest Control"


def test_command_line_builds_the_office(tmp_path):
    path = tmp_path / "cli.db"
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    result = subprocess.run([sys.executable, "-m", "servicedesk", "demo", "--trade", "cleaning", "--database",
                             str(path)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "60 customers" in result.stdout
    open_database(path)
    try:
        assert Project.get().name == "Basement water-damage restoration"
        assert Customer.select().where(Customer.trade != "cleaning").count() == 0
    finally:
        close_database()


def test_a_larger_office_is_proportional_and_sound(db, backend):
    clock.set_now(NOW)
    summary = demo.build(customers=2000, seed=3)
    assert summary.startswith("2,000 customers")
    assert Customer.select().count() == 2000
    plans = ServicePlan.select().count()
    assert 300 <= plans <= 600
    visits = Visit.select().count()
    assert 12_000 <= visits <= 30_000
    assert 12_000 <= Interaction.select().count() <= 30_000
    assert Concern.select().count() >= 100 and Project.select().count() >= 20
    assert Visit.select().where(Visit.starts_at < NOW - dt.timedelta(days=4 * 365)).exists()
    assert continuity.figure(dorothy().id).technicians == 4
    assert Staff.select().where(Staff.role == "technician").count() >= 10
    if backend == "sqlite":  # PostgreSQL checks every reference as it is written
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert database.execute_sql("SELECT count(*) FROM customer_search").fetchone()[0] == 2000
    assert customers.search_ids("Finch's") == [dorothy().id]


def test_command_line_refuses_an_office_without_customers(tmp_path):
    path = tmp_path / "none.db"
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    result = subprocess.run([sys.executable, "-m", "servicedesk", "demo", "--customers", "0", "--database", str(path)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 2 and "--customers must be at least 1" in result.stdout
    assert not path.exists()


def test_the_demo_is_prepared_before_the_write_so_others_can_write_meanwhile(tmp_path, monkeypatch):
    """Preparing the rows holds no lock: another program saves a customer meanwhile. The demo then
    finds its ids taken, says so, and writes nothing at all."""
    from servicedesk.core.demo import office_story
    from servicedesk.core.errors import ServiceError

    path = tmp_path / "office.db"
    open_database(path)
    clock.set_now(NOW)
    prepared = office_story.build

    def another_program_writes(*args, **kwargs):
        ctx = prepared(*args, **kwargs)
        saved = subprocess.run(
            [sys.executable, "-c", "import sys; from servicedesk.core.store import open_database;"
             " from servicedesk.core.services import customers; open_database(sys.argv[1]);"
             " customers.create(name='Walk-in Wanda')", str(path)],
            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=os.getcwd()), timeout=60)
        assert saved.returncode == 0, saved.stderr
        return ctx

    monkeypatch.setattr(office_story, "build", another_program_writes)
    try:
        with pytest.raises(ServiceError, match="changed while the demo was being prepared: nothing was written"):
            demo.build()
        assert [c.name for c in Customer.select()] == ["Walk-in Wanda"]
        assert Staff.select().count() == 0 and Visit.select().count() == 0
        assert office.get().name != "Tri-County Home Services"
    finally:
        close_database()
