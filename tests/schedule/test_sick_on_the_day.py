"""Sam calls in sick on Dorothy's service day: today's queue says so before the day, so the office moves her
visit to a day Sam is back (or sends someone with a reason) and she hears it from the office first."""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import communication, scheduling, technicians


def _absent_rows():
    return [q for q in communication.today_queue() if q.kind == "absent"]


def test_a_sick_day_on_her_visit_puts_the_visit_on_the_queue_until_it_is_decided(office_db):
    o = office_db
    tuesday = dt.datetime(2026, 1, 13, 9, 15)
    visit = scheduling.book(o.dorothy, tuesday, 60)  # with Sam, her own technician
    hank = scheduling.book(o.hurried, dt.datetime(2026, 1, 13, 11, 0), 60)  # with Alex, who is at work
    assert _absent_rows() == []
    technicians.add_days_off(o.sam, dt.date(2026, 1, 13), dt.date(2026, 1, 13), "sick")

    [row] = _absent_rows()
    assert (row.record_id, row.customer_id, row.customer) == (visit, o.dorothy, "Dorothy Finch")
    assert row.why.startswith("Sam Ortiz is off (sick) on ")
    assert "move it to a day Sam Ortiz is back, or give it to someone else with a reason" in row.why
    assert row.why.endswith("they said the same technician matters")
    queue = communication.today_queue()
    assert [q.kind for q in queue].index("absent") < min(
        [n for n, q in enumerate(queue) if q.kind in ("follow_up", "at_risk", "not_contacted")] or [len(queue)])
    assert hank not in {q.record_id for q in _absent_rows()}

    scheduling.reschedule(visit, dt.datetime(2026, 1, 14, 9, 15))  # Wednesday, Sam is back
    assert _absent_rows() == []
    assert any(q.kind == "notice" and q.customer_id == o.dorothy for q in communication.today_queue())


def test_a_visit_already_past_or_an_absence_the_hand_over_covers_is_no_such_row(office_db):
    o = office_db
    scheduling.book(o.dorothy, dt.datetime(2026, 1, 12, 9, 15), 60)
    technicians.add_days_off(o.sam, dt.date(2026, 1, 12), dt.date(2026, 1, 12), "sick")
    clock.set_now(dt.datetime(2026, 1, 13, 12, 0))
    assert _absent_rows() == []  # that day is over
    scheduling.book(o.dorothy, dt.datetime(2026, 1, 20, 9, 15), 60)
    scheduling.book(o.dorothy, dt.datetime(2026, 2, 3, 9, 15), 60)
    technicians.add_days_off(o.sam, dt.date(2026, 1, 19), dt.date(2026, 2, 6), "vacation")  # three weeks: a hand-over
    queue = communication.today_queue()
    assert [q.kind for q in queue if q.customer_id == o.dorothy].count("handover") == 1
    assert [q for q in queue if q.kind == "absent"] == []


def _visit_opened_from_the_queue(qtbot, label: str) -> list:
    """Activate the queue row of kind ``label`` in a Communication pane; what the board was asked to show."""
    from PySide6.QtWidgets import QTableView, QWidget

    from servicedesk.ui.actions import ActionRegistry
    from servicedesk.ui.communication.models import QueueModel
    from servicedesk.ui.communication.pane import CommunicationPane
    from servicedesk.ui.navigation import Navigator

    host = QWidget()
    qtbot.addWidget(host)
    pane = CommunicationPane(ActionRegistry(host), Navigator(host), host)
    queue = pane.findChild(QTableView, "todayQueue")
    kinds = [queue.model().index(r, QueueModel.KIND).data() for r in range(queue.model().rowCount())]
    queue.selectRow(kinds.index(label))
    with qtbot.waitSignal(pane.navigator.visitRequested) as blocker:
        pane.handle_current()
    return blocker.args


def test_the_row_opens_the_visit_on_the_board(office_db, qtbot):
    o = office_db
    visit = scheduling.book(o.dorothy, dt.datetime(2026, 1, 13, 9, 15), 60)
    technicians.add_days_off(o.sam, dt.date(2026, 1, 13), dt.date(2026, 1, 13), "sick")
    assert _visit_opened_from_the_queue(qtbot, "Technician off") == [visit]


def test_a_short_absence_weeks_ahead_is_listed_once_its_visit_is_two_weeks_away(office_db):
    o = office_db
    visit = scheduling.book(o.dorothy, dt.datetime(2026, 2, 3, 9, 15), 60)  # four weeks ahead
    technicians.add_days_off(o.sam, dt.date(2026, 2, 3), dt.date(2026, 2, 3), "training")
    assert _absent_rows() == []
    clock.set_now(dt.datetime(2026, 1, 21, 8, 0))  # thirteen days before it
    assert [q.record_id for q in _absent_rows()] == [visit]


def test_her_stand_in_sick_on_the_day_points_back_to_her_own_technician(office_db):
    o = office_db
    visit = scheduling.book(o.dorothy, dt.datetime(2026, 1, 13, 9, 15), 60)
    scheduling.assign(visit, o.jo, reason="Sam is on a course that day")
    technicians.add_days_off(o.jo, dt.date(2026, 1, 13), dt.date(2026, 1, 13), "sick")
    [row] = _absent_rows()
    assert row.why.startswith("Jo Banks is off (sick) on ")
    assert ("give it back to Sam Ortiz, their own technician, on a day Sam Ortiz is free, or give it to someone "
            "else with a reason; they said the same technician matters") in row.why
    assert "a day Jo Banks is back" not in row.why


def test_a_visit_on_a_day_the_office_closes_is_opened_on_the_board_from_the_queue(office_db, qtbot):
    from servicedesk.core.services import office

    o = office_db
    visit = scheduling.book(o.dorothy, dt.datetime(2026, 1, 13, 9, 15), 60)
    office.update(closed_days=["2026-01-13"])  # the office closes that Tuesday after the visit was booked
    assert _visit_opened_from_the_queue(qtbot, "Office closed") == [visit]
    first = scheduling.proposals(visit)[0]
    assert first.starts_at.date() != dt.date(2026, 1, 13)  # Assign offers another day
