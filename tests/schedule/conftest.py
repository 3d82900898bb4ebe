"""A small pest-control office: four technicians, Dorothy who wants the same one, and a fixed clock."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from servicedesk.core import clock
from servicedesk.core.services import customers, office, technicians


@pytest.fixture
def office_db(db):
    clock.set_now(dt.datetime(2026, 1, 5, 8, 0))  # a Monday
    office.update(name="Green Leaf Pest Control", phone="+1 555-010-2000", owner_name="Maria Keller",
                  configured=True)
    sam = technicians.create("Sam Ortiz", color="#2e7d32")
    alex = technicians.create("Alex Kim", color="#1565c0")
    jo = technicians.create("Jo Banks", color="#ad1457")
    lee = technicians.create("Lee Hart", color="#ef6c00")
    dorothy = customers.create(name="Dorothy Finch", company="Finch's Gifts", street="12 Market Street",
                               city="Riverton", salutation="Dear Dorothy", trade="pest", technician_id=sam).id
    customers.add_what_matters(dorothy, "same_technician", "Are you the one doing the service?", sam)
    hurried = customers.create(name="Hank Rush", street="3 Mill Lane", city="Riverton", technician_id=alex).id
    customers.add_what_matters(hurried, "speed_over_schedule", "Just get it done on the day, whoever comes.")
    return SimpleNamespace(sam=sam, alex=alex, jo=jo, lee=lee, dorothy=dorothy, hurried=hurried)


@pytest.fixture
def busy_week(db):
    """50 technicians and 2,000 visits in the week of Monday 2 March 2026, some of them unassigned or moved."""
    import random

    from servicedesk.core.store import transaction
    from servicedesk.core.store.models import Customer, Staff, TimeOff, Visit, WhatMatters

    clock.set_now(dt.datetime(2026, 3, 2, 7, 30))
    rng = random.Random(4)
    first = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jon", "Kai", "Liv", "Max", "Nia"]
    last = ["Ortiz", "Kim", "Banks", "Hart", "Novak", "Reyes", "Walsh", "Young", "Price", "Stone"]
    colours = ["#2e7d32", "#1565c0", "#ad1457", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#c62828"]
    with transaction():
        techs = [Staff.create(name=f"{first[i % 14]} {last[i // 14 % 10]}{'' if i < 14 * 10 else i}",
                              color=colours[i % 8]).id for i in range(50)]
        people = [Customer.create(name=f"{rng.choice(first)} {rng.choice(last)} {n}", sort_name=f"c{n:05d}",
                                  technician=rng.choice(techs)).id for n in range(1200)]
        for cid in people[::3]:
            kind = rng.choice(["same_technician", "call_before", "time_window", "quiet"])
            WhatMatters.create(customer=cid, kind=kind, words="", technician=None)
        rows = []
        for n in range(2000):
            day = dt.date(2026, 3, 2) + dt.timedelta(days=n // 50 % 6)
            start = dt.datetime.combine(day, dt.time(7 + rng.randrange(0, 10), rng.choice((0, 15, 30, 45))))
            tech = None if n % 97 == 0 else techs[n % 50]
            rows.append(dict(customer=people[n % 1200], technician=tech, service_type="Pest control",
                             starts_at=start, ends_at=start + dt.timedelta(minutes=rng.choice((30, 45, 60))),
                             status="completed" if day < dt.date(2026, 3, 2) else "scheduled"))
        for chunk in range(0, len(rows), 200):
            Visit.insert_many(rows[chunk:chunk + 200]).execute()
        TimeOff.create(staff=techs[3], starts_at=dt.datetime(2026, 3, 4), ends_at=dt.datetime(2026, 3, 6),
                       reason="sick")
        TimeOff.create(staff=techs[7], starts_at=dt.datetime(2026, 3, 3, 12), ends_at=dt.datetime(2026, 3, 3, 17),
                       reason="training")
    return SimpleNamespace(techs=techs, customers=people)


@pytest.fixture
def pane_1366(qtbot, office_db):
    """The Schedule pane in a window the size a 1366×768 screen under a taskbar gives it."""
    from PySide6.QtWidgets import QMainWindow

    from servicedesk.ui.actions import ActionRegistry
    from servicedesk.ui.navigation import Navigator
    from servicedesk.ui.schedule.pane import SchedulePane

    window = QMainWindow()
    qtbot.addWidget(window)
    pane = SchedulePane(ActionRegistry(window), Navigator(window))
    pane.office, pane.keep_window = office_db, window
    window.setCentralWidget(pane)
    window.resize(1366, 696)
    window.show()
    qtbot.waitExposed(window)
    return pane


@pytest.fixture
def dorothy_plan(office_db):
    """Dorothy's monthly rodent control with Sam, 2nd Tuesday 09:00, generated to the end of March 2026."""
    from servicedesk.core.services import recurrence

    plan_id = recurrence.create_plan(office_db.dorothy, service_type="Rodent control",
                                     recurrence="monthly_weekday", weekday=1, week_of_month=2,
                                     starts_on=dt.date(2026, 1, 1), window_start=dt.time(9), window_end=dt.time(11),
                                     duration_min=60, technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    return plan_id
