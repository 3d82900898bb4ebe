"""An absence taken back, or a technician who stays after all: the hand-over it opened closes for the customers
not handed over yet, and the queue stops asking the office to choose who takes over."""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import communication, handover, recurrence, technicians
from servicedesk.core.store.models import Visit
from tests.schedule import test_handover

sams_round = test_handover.sams_round  # Sam's twelve customers, Dorothy among them


def _handover_rows() -> set[int]:
    return {q.customer_id for q in communication.today_queue() if q.kind == "handover"}


def test_time_off_taken_back_closes_its_hand_over_and_its_queue_rows(office_db, sams_round):
    o, people = office_db, sams_round
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    away = technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    assert _handover_rows() == set(people)
    handover.confirm(h.id, people[3], o.jo, staff_id=o.lee)  # one customer was already told Jo will come
    technicians.remove_time_off(away)  # the trip is off
    assert handover.open_handovers() == []
    assert _handover_rows() == set()
    feb = Visit.select().where((Visit.customer == people[3]) & (Visit.starts_at >= dt.datetime(2026, 2, 2))
                               & (Visit.starts_at < dt.datetime(2026, 2, 21)))
    assert {v.technician_id for v in feb} == {o.jo}  # what was confirmed with the customer stays so
    others = Visit.select().where(Visit.customer.in_(people[4:]) & (Visit.starts_at >= dt.datetime(2026, 2, 2))
                                  & (Visit.starts_at < dt.datetime(2026, 2, 21)))
    assert others.count() == 8 and {v.technician_id for v in others} == {o.sam}


def test_a_technician_who_stays_after_all_closes_the_hand_over_and_keeps_their_visits(office_db, sams_round):
    o, people = office_db, sams_round
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.mark_leaving(o.sam, dt.date(2026, 1, 30))
    recurrence.generate(dt.date(2026, 5, 31))  # after his last day the plans leave the visits to nobody
    unstaffed = Visit.select().where(Visit.customer.in_(people) & Visit.technician.is_null())
    assert unstaffed.count() > 0
    assert _handover_rows() == set(people)
    technicians.set_active(o.sam, True)  # he stays
    assert handover.open_handovers() == []
    assert _handover_rows() == set()
    assert unstaffed.count() == 0  # his customers' visits are his again
    assert technicians.get(o.sam).active
