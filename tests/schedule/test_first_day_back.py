"""Her technician away for longer than the plan's window: the first day he is back is offered before a stranger."""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import handover, office, recurrence, scheduling, technicians
from servicedesk.core.store.models import Visit


def _dorothys_plan(o):
    recurrence.create_plan(o.dorothy, service_type="Rodent control", recurrence="monthly_weekday", weekday=1,
                           week_of_month=2, starts_on=dt.date(2026, 1, 1), window_start=dt.time(9),
                           window_end=dt.time(11), technician_id=o.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    return Visit.get((Visit.customer == o.dorothy) & (Visit.starts_at == dt.datetime(2026, 2, 10, 9))).id


def test_sam_away_three_weeks_is_offered_the_first_weekday_he_is_back(office_db):
    o = office_db
    february = _dorothys_plan(o)
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    first, *rest = scheduling.proposals(february)
    assert (first.kind, first.technician_id, first.starts_at) == ("same_technician", o.sam, dt.datetime(2026, 2, 23, 9))
    assert first.why == "their own technician, first free day they are back, 13 days later"
    assert {p.kind for p in rest} == {"substitute"}
    scheduling.assign(february, first.technician_id, "", first.starts_at)  # no reason: it is still Sam
    assert Visit.get_by_id(february).technician_id == o.sam
    assert handover.open_handovers() == []  # she was all the absence named: nothing left to hand over


def test_her_substitute_sick_on_the_day_offers_sam_back_before_a_third_face(office_db):
    o = office_db
    february = _dorothys_plan(o)
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    handover.confirm(h.id, o.dorothy, o.jo)
    clock.set_now(dt.datetime(2026, 2, 10, 7))
    technicians.add_days_off(o.jo, dt.date(2026, 2, 10), dt.date(2026, 2, 10), "sick")
    first = scheduling.proposals(february)[0]
    assert (first.technician, first.starts_at) == ("Sam Ortiz", dt.datetime(2026, 2, 23, 9))


def test_a_customer_who_said_nothing_of_the_person_is_not_offered_a_day_weeks_away(office_db):
    o = office_db
    recurrence.create_plan(o.hurried, service_type="Ant control", recurrence="monthly_weekday", weekday=1,
                           week_of_month=2, starts_on=dt.date(2026, 1, 1), window_start=dt.time(9),
                           window_end=dt.time(11), technician_id=o.alex)
    recurrence.generate(dt.date(2026, 3, 31))
    visit = Visit.get((Visit.customer == o.hurried) & (Visit.starts_at == dt.datetime(2026, 2, 10, 9))).id
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.alex, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    assert {p.kind for p in scheduling.proposals(visit)} == {"substitute"}


def test_a_day_the_office_is_closed_is_never_offered(office_db):
    """Sam is back on Presidents' Day: the nearest day offered is the Tuesday after it; and when his first free
    day after the plan's window is one of the office's own closed days, the day after is offered."""
    o = office_db
    february = _dorothys_plan(o)
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 13), "vacation")
    first = scheduling.proposals(february)[0]
    assert (first.technician_id, first.starts_at) == (o.sam, dt.datetime(2026, 2, 17, 9))  # not Mon, Feb 16
    assert first.why == "their own technician, 7 days later"

    technicians.add_days_off(o.sam, dt.date(2026, 2, 14), dt.date(2026, 2, 27), "vacation")
    office.update(closed_days=["2026-03-02"])  # the office's own day off, a Monday
    first = scheduling.proposals(february)[0]
    assert (first.technician_id, first.starts_at) == (o.sam, dt.datetime(2026, 3, 3, 9))
    assert first.why == "their own technician, first free day they are back, 21 days later"


def test_a_visit_left_on_a_day_the_office_has_since_closed_is_offered_other_days_only(office_db):
    """The office closes on the day of Dorothy's February visit: keeping it there, or sending someone else that
    day, is no longer offered; Sam on the nearest open day is; and choosing the closed day by hand warns."""
    o = office_db
    february = _dorothys_plan(o)
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    office.update(closed_days=["2026-02-10"])
    offered = scheduling.proposals(february)
    assert offered and all(p.starts_at.date() != dt.date(2026, 2, 10) for p in offered)
    assert (offered[0].kind, offered[0].technician_id, offered[0].starts_at) == (
        "same_technician", o.sam, dt.datetime(2026, 2, 9, 9))
    assert "The office is closed on Tue, Feb 10." in scheduling.assess(february, o.sam).warnings
    assert not any("closed" in w for w in scheduling.assess(february, o.sam, dt.datetime(2026, 2, 9, 9)).warnings)
    assert "The office is closed on Mon, Feb 16 (Washington's Birthday)." in scheduling.assess(
        february, o.sam, dt.datetime(2026, 2, 16, 9)).warnings
