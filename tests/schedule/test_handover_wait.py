"""Sam's three-week vacation falls on Dorothy's service day. She signed up because Sam does the service and the
day does not matter to her: the hand-over proposes first to keep Sam and move her visit to the first day after
he is back that suits what she said, with a stand-in as the alternative; a technician leaving gets no such
choice."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import communication, customers, handover, recurrence, scheduling, technicians
from servicedesk.core.store.models import Draft, FollowUp, Visit, VisitChange

FEB_10 = dt.datetime(2026, 2, 10, 9)  # Dorothy's visit, the 2nd Tuesday of February


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")  # the region's spaces inside times


def _rows(kind):
    return [q for q in communication.today_queue() if q.kind == kind]


def _dorothy(h_id, customer_id):
    return next(i for i in handover.items(h_id) if i.customer_id == customer_id)


@pytest.fixture
def dorothy_says_tuesdays(office_db, dorothy_plan):
    customers.add_what_matters(office_db.dorothy, "time_window", "Tuesdays only, not before 9")
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    return office_db


def test_her_visit_waits_for_sam_on_the_first_tuesday_after_he_is_back(dorothy_says_tuesdays):
    o = dorothy_says_tuesdays
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    item = _dorothy(h.id, o.dorothy)

    # Monday Feb 23, the day he is back, is not a Tuesday: the first Tuesday after it is proposed first
    assert item.waits and item.wait.first == dt.datetime(2026, 2, 24, 9)
    assert _plain(item.wait.describe()) == "Wait for Sam Ortiz: move the visit to Tue, Feb 24, 9:00 AM (after Sam Ortiz is back)"
    assert item.wait.why() == "14 days later than planned"
    assert item.proposed and item.proposed != "Sam Ortiz"  # a stand-in stays the alternative
    [row] = _rows("handover")
    assert _plain(row.why) == ("Hand-over: Sam Ortiz is away Mon, Feb 2 – Fri, Feb 20; wait for Sam Ortiz: move the visit "
                       f"to Tue, Feb 24, 9:00 AM, after Sam Ortiz is back (proposed), or choose who takes over "
                       f"({item.proposed} otherwise); they said the same technician matters")
    assert row.todo == "Move the visit to when their technician is back, or choose who takes over"

    [notice_id] = handover.wait_for(h.id, o.dorothy, staff_id=o.lee)
    visit = Visit.get((Visit.customer == o.dorothy) & (Visit.occurrence == FEB_10.date()))
    assert (visit.technician_id, visit.starts_at) == (o.sam, dt.datetime(2026, 2, 24, 9))
    change = VisitChange.get(VisitChange.visit == visit.id)
    assert (change.old_starts_at, change.new_starts_at, change.old_technician_id, change.new_technician_id) == (
        FEB_10, dt.datetime(2026, 2, 24, 9), o.sam, o.sam)
    assert change.reason == ("Sam Ortiz is away until Fri, Feb 20; we kept your visit with Sam Ortiz rather than "
                             "send someone else")
    notice = Draft.get_by_id(notice_id)
    assert (notice.status, notice.template, notice.visit_id) == ("queued", "change_notice", visit.id)
    assert "will now be on Tuesday, February 24 at 9:00 AM, with Sam Ortiz as planned." in _plain(notice.body)
    assert "Why: Sam Ortiz is away until Fri, Feb 20; we kept your visit with Sam Ortiz" in _plain(notice.body)

    # her row is closed, nobody is introduced to her, and the queue has the notice to send, nothing else of hers
    done = _dorothy(h.id, o.dorothy)
    assert done.confirmed_at is not None and done.waited and done.successor == "Sam Ortiz"
    assert done.next_visit == dt.datetime(2026, 2, 24, 9)
    assert handover.open_handovers() == []
    assert FollowUp.select().where((FollowUp.customer == o.dorothy) & (FollowUp.source == "introduction")).count() == 0
    mine = [q.kind for q in communication.today_queue() if q.customer_id == o.dorothy]
    assert "handover" not in mine and "absent" not in mine and "notice" in mine
    assert scheduling.own_technician(o.dorothy).id == o.sam and customers.get(o.dorothy).technician_id == o.sam


def test_a_full_morning_moves_her_to_the_next_tuesday_within_her_plan_window(dorothy_says_tuesdays):
    o = dorothy_says_tuesdays
    other = customers.create(name="Ivy Stone", street="7 Oak Road", technician_id=o.sam).id
    scheduling.book(other, dt.datetime(2026, 2, 24, 8, 30), 210)  # Sam's Tuesday back: 8:30 to noon
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    item = _dorothy(h.id, o.dorothy)
    assert item.wait.first == dt.datetime(2026, 3, 3, 9)  # not that afternoon: her plan's window is 9–11
    handover.confirm_all(h.id, staff_id=o.lee)  # as proposed
    assert Visit.get((Visit.customer == o.dorothy) & (Visit.occurrence == FEB_10.date())).starts_at == \
        dt.datetime(2026, 3, 3, 9)


def test_two_customers_waiting_for_sam_never_get_the_same_time(dorothy_says_tuesdays):
    o = dorothy_says_tuesdays
    nora = customers.create(name="Nora Quill", street="9 Birch Lane", trade="pest", technician_id=o.sam).id
    customers.add_what_matters(nora, "same_technician", "Only Sam, he knows the cellar", o.sam)
    recurrence.create_plan(nora, service_type="Rodent control", recurrence="monthly_weekday", weekday=1,
                           week_of_month=2, starts_on=dt.date(2026, 1, 1), window_start=dt.time(9),
                           window_end=dt.time(11), duration_min=60, technician_id=o.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    Visit.update(starts_at=dt.datetime(2026, 2, 10, 11), ends_at=dt.datetime(2026, 2, 10, 12)).where(
        (Visit.customer == nora) & (Visit.occurrence == FEB_10.date())).execute()  # after Dorothy's that day
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    first, second = (i for i in handover.items(h.id) if i.waits)
    assert (first.customer_id, first.wait.first) == (o.dorothy, dt.datetime(2026, 2, 24, 9))
    # Nora says nothing of days: Monday Feb 23 at her own time, 11:00, is the first after his return
    assert (second.customer_id, second.wait.first) == (nora, dt.datetime(2026, 2, 23, 11))

    handover.wait_for(h.id, nora)  # Nora first: she keeps what she was offered, and so does Dorothy
    assert _dorothy(h.id, o.dorothy).wait.first == dt.datetime(2026, 2, 24, 9)
    handover.confirm_all(h.id)
    moved = Visit.select().where(Visit.customer.in_([o.dorothy, nora]) & (Visit.occurrence == FEB_10.date()))
    assert sorted(v.starts_at for v in moved) == [dt.datetime(2026, 2, 23, 11), dt.datetime(2026, 2, 24, 9)]


def test_waiting_longer_than_her_interval_is_not_proposed(dorothy_says_tuesdays):
    o = dorothy_says_tuesdays
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 3, 6), "vacation")  # back Mon Mar 9
    [h] = handover.open_handovers()
    item = _dorothy(h.id, o.dorothy)
    # the first Tuesday after his return is Mar 10, the day of her next visit: a stand-in is proposed
    assert not item.waits and item.proposed
    assert item.no_wait == ("Sam Ortiz has no time that suits them after being back, within 28 days of the visit "
                            "of Tue, Feb 10 and before their next visit")
    assert "wait for" not in next(q for q in _rows("handover") if q.customer_id == o.dorothy).why
    with pytest.raises(ValidationError) as refused:
        handover.wait_for(h.id, o.dorothy)
    assert refused.value.problems["successor"].startswith("Waiting for Sam Ortiz is not proposed: Sam Ortiz has no")
    visit = Visit.get((Visit.customer == o.dorothy) & (Visit.occurrence == FEB_10.date()))
    assert (visit.technician_id, visit.starts_at) == (o.sam, FEB_10)  # nothing changed
    assert Draft.select().count() == 0


def test_someone_who_did_not_say_sam_matters_is_proposed_a_stand_in(office_db, dorothy_plan):
    o = office_db
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    customers.remove_what_matters(next(w.id for w in customers.get(o.dorothy).what_matters
                                       if w.kind == "same_technician"))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    item = _dorothy(h.id, o.dorothy)
    assert not item.waits and item.no_wait == "" and item.proposed
    handover.confirm_all(h.id)
    visit = Visit.get((Visit.customer == o.dorothy) & (Visit.occurrence == FEB_10.date()))
    assert visit.starts_at == FEB_10 and visit.technician_id not in (o.sam, None)


def test_a_technician_leaving_for_good_has_no_return_to_wait_for(office_db, dorothy_plan):
    o = office_db
    clock.set_now(dt.datetime(2026, 1, 19, 9))
    technicians.mark_leaving(o.sam, dt.date(2026, 1, 30))
    [h] = handover.open_handovers()
    item = _dorothy(h.id, o.dorothy)
    assert item.wants_same and not item.waits and item.no_wait == ""
    with pytest.raises(ValidationError) as refused:
        handover.wait_for(h.id, o.dorothy)
    assert refused.value.problems["successor"] == ("Sam Ortiz is leaving; there is no return to wait for. "
                                                   "Choose who takes over.")


def test_the_hand_over_dialog_proposes_to_wait_for_sam_first(dorothy_says_tuesdays, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from servicedesk.ui.schedule.handover import HandoverDialog

    o = dorothy_says_tuesdays
    olive = customers.create(name="Olive Park", street="4 Pine Road", trade="pest", technician_id=o.sam).id
    recurrence.create_plan(olive, service_type="Rodent control",
                           recurrence="monthly_weekday", weekday=3, week_of_month=2, starts_on=dt.date(2026, 1, 1),
                           window_start=dt.time(9), window_end=dt.time(11), duration_min=60, technician_id=o.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    dialog = HandoverDialog(h.id, o.lee)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "handover-wait.png"))

    assert dialog.model.rows[0].customer_id == o.dorothy  # she said Sam matters: first
    assert _plain(dialog.model.index(0, 4).data()) == "Wait for Sam Ortiz — Tue, Feb 24, 9:00 AM"
    assert dialog.model.index(0, 5).data().startswith("14 days later than planned; else ")
    assert _plain(dialog.successor.currentText()) == ("Wait for Sam Ortiz: move the visit to Tue, Feb 24, 9:00 AM "
                                                      "(after Sam Ortiz is back)")
    assert dialog.successor.findData(o.jo) > 0  # a stand-in is still there to choose
    dialog.table.selectRow(1)  # Olive said nothing about Sam: stand-ins only
    assert dialog.successor.findData(handover.WAIT) == -1 and dialog.successor.currentData() is not None

    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.confirm_one, Qt.MouseButton.LeftButton)
    assert Visit.get((Visit.customer == o.dorothy) & (Visit.occurrence == FEB_10.date())).starts_at == \
        dt.datetime(2026, 2, 24, 9)
    assert dialog.heading.text().endswith("1 of 2 customers handed over")
    done = next(n for n, i in enumerate(dialog.model.rows) if i.customer_id == o.dorothy)
    assert dialog.model.index(done, 6).data() == "✓ waits for Sam Ortiz"
    dialog.grab().save(str(tmp_path / "handover-waited.png"))


def test_the_desk_can_still_send_a_stand_in_instead(dorothy_says_tuesdays):
    o = dorothy_says_tuesdays
    technicians.add_days_off(o.sam, dt.date(2026, 2, 2), dt.date(2026, 2, 20), "vacation")
    [h] = handover.open_handovers()
    assert _dorothy(h.id, o.dorothy).waits
    [intro] = handover.confirm_all(h.id, choices={o.dorothy: o.jo})  # she would rather keep the day after all
    visit = Visit.get((Visit.customer == o.dorothy) & (Visit.occurrence == FEB_10.date()))
    assert (visit.technician_id, visit.starts_at) == (o.jo, FEB_10)
    assert FollowUp.get_by_id(intro).source == "introduction"
    assert not _dorothy(h.id, o.dorothy).waited
