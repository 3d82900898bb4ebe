"""A realistic Monday morning at the office, built through the services, with a fixed clock."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import concerns, customers, followups, health, interactions, office, technicians
from servicedesk.core.store.models import Customer, Draft, Project, Visit, VisitChange

MONDAY = dt.datetime(2026, 11, 23, 8, 30)  # Monday 23 November 2026


def at(day: int, hour: int = 10, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute)


def visit(customer_id, tech_id, starts_at, status="completed", service="Monthly pest treatment") -> int:
    return Visit.create(customer=customer_id, technician=tech_id, service_type=service, starts_at=starts_at,
                        ends_at=starts_at + dt.timedelta(hours=1), status=status,
                        completed_at=starts_at + dt.timedelta(hours=1) if status == "completed" else None).id


def customer(name, since=dt.date(2024, 3, 1), **extra) -> int:
    cid = customers.create(name=name, customer_since=since, **extra).id
    Customer.update(created_at=dt.datetime.combine(since, dt.time(9))).where(Customer.id == cid).execute()
    return cid


def contact(customer_id, when, summary="Routine call, all well", mood="", **extra):
    return interactions.log(customer_id, "phone", "out", summary, mood=mood, occurred_at=when, **extra)


def build_monday() -> dict:
    """The office on Monday 23 November 2026, 8:30. Returns the ids the tests need by name."""
    clock.set_now(MONDAY)
    office.update(name="Bright Water & Green Leaf Services", phone="+1 555-010-2000", owner_name="Maria Keller",
                  ack_target_days=1, resolve_target_days=5, contact_rhythm_days=45, letter_weekday=4,
                  configured=True)
    sam = technicians.create("Sam Ortiz")
    priya = technicians.create("Priya Shah")
    lee = technicians.create("Lee Brown")
    jo = technicians.create("Jo Reyes")
    maria = technicians.create("Maria Keller", role="owner")
    ids = {"sam": sam, "priya": priya, "lee": lee, "jo": jo, "maria": maria}

    # Dorothy: four different technicians in her last four visits, and she said so on Thursday.
    dorothy = customer("Dorothy Finch", company="Finch's Gifts", email="dorothy@finchsgifts.example",
                       trade="pest", technician_id=sam)
    for month, tech in ((8, sam), (9, priya), (10, lee), (11, jo)):
        visit(dorothy, tech, at(10, 9, month=month))
    contact(dorothy, at(10, 15), "Reminded her of the November visit")
    ids["dorothy"] = dorothy
    ids["dorothy_concern"] = concerns.raise_concern(
        dorothy, "It's a different stranger every month. I signed up because one person would come and know my shop.",
        "technician_change", "high", "phone", raised_at=at(19, 16, 40))

    # Tom: a pool build, a crack in the deck mailed in on Saturday, his weekly letter is late.
    tom = customer("Tom Alvarez", email="tom.alvarez@example.com", trade="pool")
    contact(tom, at(13, 11), "Walked through the tiling choices")
    ids["tom"] = tom
    ids["tom_concern"] = concerns.raise_concern(tom, "The pool deck still has cracks after the repair.",
                                                "service_quality", "medium", "email", raised_at=at(21, 9, 15))
    ids["tom_project"] = Project.create(customer=tom, name="Backyard pool build", lead=maria, status="active",
                                        last_letter_at=at(13, 16)).id

    # The Nguyens' letter went out on Friday: not due.
    nguyen = customer("Lan Nguyen", trade="pool")
    contact(nguyen, at(20, 16), "Weekly letter sent")
    Project.create(customer=nguyen, name="Nguyen family pool", lead=maria, status="active", last_letter_at=at(20, 16))
    ids["nguyen"] = nguyen

    # Grace: billing concern acknowledged on the 12th, resolution was due on the 19th.
    grace = customer("Grace Okafor", trade="cleaning")
    ids["grace"] = grace
    ids["grace_concern"] = concerns.raise_concern(grace, "I was charged twice for the October deep clean.",
                                                  "billing", "medium", "phone", raised_at=at(12, 9))
    concerns.acknowledge(ids["grace_concern"], maria, at=at(12, 11))
    contact(grace, at(12, 11), "Told her we are checking the invoices", mood="worried")

    # Follow-ups: one 5 days late, one after a fix 3 days late, one first-visit check-in due today.
    harold = customer("Harold Benson", trade="pest")
    contact(harold, at(16, 10), "Asked for a quote for quarterly treatment")
    ids["harold"] = harold
    clock.set_now(at(16, 10, 5))
    ids["harold_follow_up"] = followups.create(harold, dt.date(2026, 11, 18), "Call back with the quarterly quote")
    clock.set_now(MONDAY)

    linda = customer("Linda Park", trade="pest")
    ids["linda"] = linda
    ids["linda_concern"] = concerns.raise_concern(linda, "The ants are back in the kitchen.", "service_quality",
                                                  raised_at=at(10, 9))
    concerns.acknowledge(ids["linda_concern"], maria, at=at(10, 12))
    clock.set_now(at(17, 15))
    ids["linda_follow_up"] = concerns.resolve(ids["linda_concern"], "Priya re-treated the kitchen on the 13th", maria)
    clock.set_now(MONDAY)
    contact(linda, at(17, 15), "Told her the kitchen was re-treated")

    jamal = customer("Jamal Wright", since=dt.date(2026, 11, 10), trade="cleaning")
    first = visit(jamal, lee, at(19, 9), service="First deep clean")
    ids["jamal"] = jamal
    ids["jamal_follow_up"] = followups.after_first_visit(first)
    contact(jamal, at(19, 12), "Booked the monthly clean")

    # Ruth: her Wednesday visit moved from Sam to Priya; the notice has not gone out yet.
    ruth = customer("Ruth Cole", email="ruth.cole@example.com", trade="pest", technician_id=sam)
    contact(ruth, at(18, 10), "Confirmed Wednesday")
    moved = visit(ruth, priya, at(25, 9), status="scheduled")
    VisitChange.create(visit=moved, changed_at=at(22, 17), old_technician=sam, new_technician=priya,
                       old_starts_at=at(25, 9), new_starts_at=at(25, 9), reason="Sam is on a training course")
    ids["ruth"] = ruth
    ids["ruth_notice"] = Draft.create(customer=ruth, template="change_notice", subject="Change to your visit",
                                      body="Dear Ruth,\n\nPriya Shah will come on Wednesday instead of Sam.",
                                      status="queued", visit=moved, created_at=at(22, 17)).id

    # Walter: nobody has spoken to him for 60 days.
    walter = customer("Walter Grimes", trade="cleaning")
    contact(walter, at(24, 10, month=9), "Quarterly check-in")
    ids["walter"] = walter

    # Healthy customers, recently in touch.
    for name in ("Ada Moreno", "Ben Carter", "Chloe Sanders"):
        c = customer(name, trade="pest", technician_id=sam)
        visit(c, sam, at(2, 9))
        contact(c, at(20, 14))
    ids["ada"] = customers.search_ids("Ada Moreno")[0]

    customers.refresh_summary(list(range(1, customers.max_id() + 1)))
    health.recompute(list(range(1, customers.max_id() + 1)))
    clock.set_now(MONDAY)
    return ids


@pytest.fixture
def monday(db):
    return build_monday()


@pytest.fixture
def shown_pane(qtbot, monday):
    """The Communication pane on Monday morning, shown on the office's screen; a dialog left open is closed."""
    from PySide6.QtWidgets import QWidget

    from servicedesk.ui.actions import ActionRegistry
    from servicedesk.ui.communication.pane import CommunicationPane
    from servicedesk.ui.navigation import Navigator

    host = QWidget()
    qtbot.addWidget(host)
    p = CommunicationPane(ActionRegistry(host), Navigator(host), host)
    host.resize(1366, 700)
    host.show()
    yield p
    if p.dialog is not None:
        p.dialog.reject()
    host.close()
