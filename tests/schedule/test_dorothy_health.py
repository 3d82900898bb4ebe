"""A year like Dorothy's, month by month: her health must say she is at risk the day it is true.

She said the same technician matters. Sam leaves after two visits, Alex takes over; Alex is sick
in April (Jo comes), back for three visits in a row, then on vacation in August (Lee comes, her
fourth face). The office does its part each month (the calls it owes are made), so what moves
her score is the pattern alone.
"""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import communication, followups, health, recurrence, scheduling, technicians
from servicedesk.core.store.models import Customer, Visit

SAID = "; they said the same technician matters"


def _serve(visit_id):
    clock.set_now(Visit.get_by_id(visit_id).starts_at + dt.timedelta(hours=2))
    scheduling.complete(visit_id, "Checked and rebaited the stations")
    _calls_made(visit_id)


def _calls_made(_visit_id=None):
    """The office makes every call it owes on the day it is due."""
    for f in followups.due(clock.today() + dt.timedelta(days=30)):
        followups.complete(f.id, "Spoke to her")


def _state(customer_id):
    h = health.assess(customer_id)
    assert Customer.get_by_id(customer_id).health_score == h.score  # stored as it happens
    first = h.reasons[0].text if h.reasons else ""
    return h.at_risk, h.score, first


def test_a_dorothy_like_year_month_by_month(office_db):
    o = office_db
    plan = recurrence.create_plan(o.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                                  weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1),
                                  window_start=dt.time(9), window_end=dt.time(11), duration_min=60,
                                  technician_id=o.sam)
    recurrence.generate(dt.date(2026, 11, 30))
    jan, feb, mar, apr, may, jun, jul, aug, sep, oct_, nov = (
        v.id for v in Visit.select().where(Visit.plan == plan).order_by(Visit.starts_at))

    # January, February: Sam, as promised.
    _serve(jan)
    assert _state(o.dorothy) == (False, 100, "")
    _serve(feb)
    assert _state(o.dorothy) == (False, 100, "")

    # March: Sam has left; Alex becomes her technician. A second face: noted, not yet a risk.
    technicians.set_active(o.sam, False, left_on=dt.date(2026, 2, 20))
    clock.set_now(dt.datetime(2026, 3, 2, 9))
    scheduling.assign(mar, o.alex, reason="Sam has left us; Alex is your technician from now on",
                      make_regular=True)
    _calls_made()
    assert _state(o.dorothy) == (False, 90, "2 technicians in their last 2 visits and the next (Alex Kim on "
                                            "Tue, Mar 10, their 2nd)" + SAID)
    _serve(mar)
    assert _state(o.dorothy) == (False, 90, "2 technicians in their last 3 visits" + SAID)

    # April: Alex is sick; the day Jo is sent she is at risk, before Jo rings the bell.
    clock.set_now(dt.datetime(2026, 4, 6, 8))
    technicians.add_days_off(o.alex, dt.date(2026, 4, 13), dt.date(2026, 4, 17), "sick")
    scheduling.assign(apr, o.jo, reason="Alex is ill this week")
    _calls_made()
    at_risk, score, why = _state(o.dorothy)
    assert at_risk and why == "3 technicians in their last 3 visits and the next (Jo Banks on Tue, Apr 14, " \
                              "their 3rd)" + SAID
    assert score == 100 - 35 - 5  # and "1 technician change this month"
    assert health.at_risk_ids() == [o.dorothy]
    assert any(i.kind == "notice" and i.customer_id == o.dorothy for i in communication.today_queue())
    _serve(apr)
    assert _state(o.dorothy) == (True, 60, "3 technicians in their last 4 visits" + SAID)

    # May, June: Alex again, but two visits in a row do not make up for it.
    _serve(may)
    assert _state(o.dorothy)[0] and _state(o.dorothy)[1] == 65
    _serve(jun)
    assert _state(o.dorothy) == (True, 65, "3 technicians in their last 6 visits" + SAID)

    # July: the third visit in a row with Alex: continuity restored, no longer at risk.
    _serve(jul)
    assert _state(o.dorothy) == (False, 90, "3 technicians in their last 7 visits, Alex Kim the last 3 in a row"
                                            + SAID)

    # August: Alex on vacation. The day Lee, her fourth technician, is sent, she is at risk again.
    clock.set_now(dt.datetime(2026, 8, 3, 8))
    technicians.add_days_off(o.alex, dt.date(2026, 8, 10), dt.date(2026, 8, 14), "vacation")
    scheduling.assign(aug, o.lee, reason="Alex is on vacation")
    _calls_made()
    assert _state(o.dorothy) == (True, 60, "4 technicians in their last 7 visits and the next (Lee Hart on "
                                           "Tue, Aug 11, their 4th)" + SAID)
    _serve(aug)
    assert _state(o.dorothy) == (True, 60, "4 technicians in their last 8 visits" + SAID)

    # September to November: Alex three times in a row before she is out of danger.
    _serve(sep)
    assert _state(o.dorothy) == (True, 65, "4 technicians in their last 9 visits" + SAID)
    _serve(oct_)
    assert _state(o.dorothy)[0]
    _serve(nov)
    assert _state(o.dorothy) == (False, 90, "4 technicians in their last 11 visits, Alex Kim the last 3 in a row"
                                            + SAID)
