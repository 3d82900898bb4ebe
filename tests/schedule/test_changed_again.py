"""A visit changed again before its notice went: one notice, saying what holds now, or none at all."""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import communication, contact, health, scheduling
from servicedesk.core.store.models import Draft, FollowUp, Visit


def _first(office_db):
    return Visit.select().where(Visit.customer == office_db.dorothy).order_by(Visit.starts_at).first()  # Tue 13 Jan


def _notices(customer_id):
    return [i for i in communication.today_queue() if i.kind == "notice" and i.customer_id == customer_id]


def _calls(customer_id):
    return list(FollowUp.select().where((FollowUp.customer == customer_id) & FollowUp.done_at.is_null()))


def test_given_back_to_her_own_technician_nothing_is_left_to_tell_her(office_db, dorothy_plan):
    first = _first(office_db)
    scheduling.assign(first.id, office_db.alex, reason="Sam is on a course")
    assert len(_notices(office_db.dorothy)) == 1 and len(_calls(office_db.dorothy)) == 1

    result = scheduling.assign(first.id, office_db.sam)  # the course was moved: Sam goes after all

    assert result.draft_id is None and result.follow_up_id is None
    assert _notices(office_db.dorothy) == []
    assert _calls(office_db.dorothy) == []
    assert Draft.select().where(Draft.status == "queued").count() == 0
    assert "technician change" not in health.assess(office_db.dorothy).describe()


def test_changed_twice_one_notice_tells_what_holds_now(office_db, dorothy_plan):
    first = _first(office_db)
    scheduling.assign(first.id, office_db.alex, reason="Sam is on a course")
    week_later = first.starts_at + dt.timedelta(days=7)
    scheduling.assign(first.id, office_db.sam, reason="", starts_at=week_later)  # Sam, a week later instead

    notices = Draft.select().where(Draft.status == "queued")
    assert notices.count() == 1
    body = notices.first().body
    assert "Alex" not in body  # the stale notice telling her a stranger comes is gone
    assert "Sam Ortiz as planned" in body and "Tuesday" in body
    assert len(_notices(office_db.dorothy)) == 1
    assert _calls(office_db.dorothy) == []  # no stranger comes: no call owed about one


def test_a_stranger_moved_again_keeps_one_notice_with_the_reason_and_one_call(office_db, dorothy_plan):
    first = _first(office_db)
    scheduling.assign(first.id, office_db.alex, reason="Sam is on a course")
    later = first.starts_at + dt.timedelta(hours=2)
    scheduling.assign(first.id, office_db.alex, starts_at=later)

    notices = list(Draft.select().where(Draft.status == "queued"))
    assert len(notices) == 1
    assert "Alex Kim instead of Sam Ortiz" in notices[0].body and "Sam is on a course" in notices[0].body
    assert "11:00" in notices[0].body
    calls = _calls(office_db.dorothy)
    assert len(calls) == 1 and "Alex Kim" in calls[0].reason


def test_a_notice_already_sent_stays_and_going_back_is_news(office_db, dorothy_plan):
    first = _first(office_db)
    sent = scheduling.assign(first.id, office_db.alex, reason="Sam is on a course").draft_id
    contact.send_draft(sent, "phone")
    clock.set_now(clock.now() + dt.timedelta(hours=1))

    result = scheduling.assign(first.id, office_db.sam)  # she was told Alex: hearing Sam comes is news

    assert Draft.get_by_id(sent).status == "sent"
    assert result.draft_id is not None
    assert "Sam Ortiz instead of Alex Kim" in Draft.get_by_id(result.draft_id).body
    assert _calls(office_db.dorothy) == []  # her own technician comes: no call about a stranger


def test_the_next_visit_booked_after_a_substitute_goes_to_her_own_technician(office_db, dorothy_plan, qtbot):
    from PySide6.QtWidgets import QCheckBox

    from servicedesk.ui.schedule.dialogs import CompleteDialog

    first = _first(office_db)
    scheduling.assign(first.id, office_db.alex, reason="Sam is on a course")  # Alex covers 13 January
    clock.set_now(dt.datetime(2026, 1, 13, 12))
    dialog = CompleteDialog(first.id)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QCheckBox, "bookNext").text() == "Book the next one with Sam Ortiz on"

    following = scheduling.complete(first.id, "Rebaited four stations", next_visit_at=dt.datetime(2026, 1, 27, 9))
    assert Visit.get_by_id(following).technician_id == office_db.sam


def test_the_next_visit_is_not_booked_on_a_day_her_technician_is_off(office_db, dorothy_plan):
    from servicedesk.core.errors import ValidationError
    from servicedesk.core.services import technicians

    first = _first(office_db)
    scheduling.assign(first.id, office_db.alex, reason="Sam is on a course")
    technicians.add_days_off(office_db.sam, dt.date(2026, 1, 26), dt.date(2026, 1, 30), "vacation")
    clock.set_now(dt.datetime(2026, 1, 13, 12))
    try:
        scheduling.complete(first.id, "Rebaited", next_visit_at=dt.datetime(2026, 1, 27, 9))
    except ValidationError as err:
        assert "Sam Ortiz is off (vacation) then" in err.problems["next_visit_at"]
    else:
        raise AssertionError("the visit was booked on a day Sam is off")
    assert Visit.get_by_id(first.id).status == "scheduled"  # nothing was saved
