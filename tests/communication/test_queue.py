"""Today's queue: every rule, in the order the receptionist should work, each row in plain words."""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import communication, concerns, followups, health, office, scheduling, technicians
from servicedesk.core.store.models import Customer, Draft, Project

from .conftest import MONDAY, at, customer


def kinds(queue):
    return [(i.kind, i.customer) for i in queue]


def test_monday_queue_puts_the_ignored_customer_first(monday):
    queue = communication.today_queue()
    assert kinds(queue) == [
        ("concern", "Dorothy Finch"),
        ("concern", "Tom Alvarez"),
        ("notice", "Ruth Cole"),
        ("follow_up", "Harold Benson"),
        ("follow_up", "Linda Park"),
        ("follow_up", "Jamal Wright"),
        ("concern_open", "Grace Okafor"),
        ("letter", "Tom Alvarez"),
        ("not_contacted", "Walter Grimes"),
    ]
    first = queue[0]
    assert first.overdue and "not acknowledged" in first.why and "different stranger every month" in first.why
    assert "due Fri, Nov 20" in first.why


def test_unacknowledged_concern_within_target_is_not_overdue(monday):
    tom = next(i for i in communication.today_queue() if i.kind == "concern" and i.customer == "Tom Alvarez")
    assert not tom.overdue and "acknowledge by Mon, Nov 23" in tom.why


def test_acknowledging_moves_a_concern_down_to_the_reminders(monday):
    concerns.acknowledge(monday["tom_concern"], monday["maria"])
    tom = [i for i in communication.today_queue() if i.kind.startswith("concern") and i.record_id == monday["tom_concern"]]
    assert [(i.kind, i.rank, i.overdue) for i in tom] == [("concern_open", communication.RANKS["concern_open"], False)]
    assert "resolve by Mon, Nov 30" in tom[0].why  # raised on Saturday: five business days from Monday, not Thanksgiving


def test_resolved_concern_leaves_the_queue_and_owes_a_follow_up(monday):
    follow_up = concerns.resolve(monday["grace_concern"], "Refunded the second charge", monday["maria"])
    queue = communication.today_queue()
    assert all(i.record_id != monday["grace_concern"] for i in queue if i.kind.startswith("concern"))
    assert followups.get(follow_up).due_on == dt.date(2026, 11, 27)  # 3 business days after Monday (Thanksgiving skipped)


def test_follow_ups_overdue_and_due_today_but_not_future_or_done(monday):
    followups.create(monday["ada"], dt.date(2026, 11, 24), "Tomorrow's call")
    followups.complete(monday["harold_follow_up"], "Sent the quote, he is thinking about it")
    rows = [i for i in communication.today_queue() if i.kind == "follow_up"]
    assert [(i.customer, i.overdue) for i in rows] == [("Linda Park", True), ("Jamal Wright", False)]
    assert rows[0].why.startswith("Follow-up 1 business day overdue:")  # due Friday, the weekend not counted
    assert rows[1].why.startswith("Follow-up due today:")


def test_queued_notice_is_listed_until_sent(monday):
    notice = next(i for i in communication.today_queue() if i.kind == "notice")
    assert "before the visit on Wed, Nov 25, 9:00\u00a0AM" in notice.why
    communication.mark_sent(monday["ruth_notice"], "email")
    assert not [i for i in communication.today_queue() if i.kind == "notice"]
    assert Draft.get_by_id(monday["ruth_notice"]).status == "sent"


def test_weekly_letter_due_after_seven_days_or_never_sent(monday):
    Project.create(customer=monday["nguyen"], name="Spa extension", status="active")
    Project.create(customer=monday["nguyen"], name="Old pool", status="completed", last_letter_at=at(1))
    letters = [i for i in communication.today_queue() if i.kind == "letter"]
    assert [i.why.split(" (")[0] for i in letters] == [
        "Weekly letter due for “Spa extension”", "Weekly letter due for “Backyard pool build”"]
    assert "no letter sent yet" in letters[0].why and "letters go out on Fridays" in letters[0].why
    Project.update(last_letter_at=at(23, 8)).where(Project.name == "Backyard pool build").execute()
    assert [i.why for i in communication.today_queue() if "Backyard" in i.why] == []


def test_not_contacted_uses_each_customers_rhythm(monday):
    walter = [i for i in communication.today_queue() if i.kind == "not_contacted"]
    assert [(i.customer, i.why) for i in walter] == [
        ("Walter Grimes", "No contact for 60 days (usual rhythm: every 45 days)")]
    # Walter agreed to a quarterly call: 60 days is fine for him.
    Customer.update(contact_rhythm_days=90).where(Customer.id == monday["walter"]).execute()
    assert not [i for i in communication.today_queue() if i.kind == "not_contacted"]
    # Ada wants a call every 2 weeks; her last was 3 days ago, then 20 days pass.
    Customer.update(contact_rhythm_days=14).where(Customer.id == monday["ada"]).execute()
    clock.set_now(MONDAY + dt.timedelta(days=20))
    silent = {i.customer: i.why for i in communication.not_contacted_items()}
    assert silent["Ada Moreno"] == "No contact for 23 days (usual rhythm: every 14 days)"


def test_never_contacted_customer_counts_from_becoming_a_customer(monday):
    customer("Nina Quiet", since=dt.date(2026, 9, 1))
    customer("Fresh Face", since=dt.date(2026, 11, 20))
    rows = {i.customer: i.why for i in communication.not_contacted_items()}
    assert rows["Nina Quiet"].startswith("Never contacted since becoming a customer 83 days ago")
    assert "Fresh Face" not in rows


def test_cancelled_customers_are_not_chased(monday):
    Customer.update(status="cancelled").where(Customer.id == monday["walter"]).execute()
    assert not communication.not_contacted_items()


def test_at_risk_customer_not_otherwise_listed_appears_with_reasons(monday):
    office.update(contact_rhythm_days=30)
    Customer.update(health_score=40).where(Customer.id == monday["walter"]).execute()
    rows = [i for i in communication.today_queue() if i.kind == "at_risk"]
    assert [i.customer for i in rows] == ["Walter Grimes"]
    assert rows[0].why.startswith("At risk (health 40): no contact for 60 days")
    # ...and then not repeated among the silent ones
    assert not [i for i in communication.today_queue() if i.kind == "not_contacted"]


def test_customer_with_a_task_is_not_repeated_as_at_risk(monday):
    assert health.assess(monday["dorothy"]).at_risk
    assert [i.kind for i in communication.today_queue() if i.customer == "Dorothy Finch"] == ["concern"]


def test_mailto_url_is_percent_encoded():
    url = communication.mailto_url("ruth.cole@example.com", "Change to your visit & more",
                                   "Dear Ruth,\n\nPriya comes at 9:00 — 100% sure?\nYes")
    assert url == ("mailto:ruth.cole@example.com?subject=Change%20to%20your%20visit%20%26%20more"
                   "&body=Dear%20Ruth%2C%0D%0A%0D%0APriya%20comes%20at%209%3A00%20%E2%80%94%20100%25%20sure%3F"
                   "%0D%0AYes")
    assert communication.mailto_url("", "", "") == "mailto:"
    assert "+" not in communication.mailto_url("a@b.example", "a b", "c+d")
    assert communication.mailto_url("a@b.example", "", "c+d").endswith("body=c%2Bd")


def _read_only(db, backend, on: bool) -> None:
    if backend == "postgresql":
        db.read_only = on
        db.execute_sql(f"SET default_transaction_read_only = {'on' if on else 'off'}")
    else:
        db.execute_sql(f"PRAGMA query_only = {int(on)}")


def test_housekeeping_writes_nothing_on_a_read_only_database(monday, db, backend):
    from servicedesk.core.store.models import FollowUp, Setting, Visit

    visit_id = Visit.select().where(Visit.customer == monday["ruth"]).get().id
    FollowUp.delete().execute()
    _read_only(db, backend, True)
    try:
        communication.housekeeping()
    finally:
        _read_only(db, backend, False)
    assert FollowUp.select().count() == 0
    assert Setting.get_or_none(Setting.key == "health_computed_on") is None
    communication.housekeeping()
    assert [f.visit_id for f in FollowUp.select().where(FollowUp.source == "technician_change")] == [visit_id]
    assert Setting.get_or_none(Setting.key == "health_computed_on") is not None


def test_a_notice_for_a_visit_already_past_turns_into_an_apology(monday):
    from servicedesk.core.services import interactions

    clock.set_now(dt.datetime(2026, 11, 25, 11, 0))  # Ruth's Wednesday visit was at 9:00; nobody told her
    rows = [i for i in communication.today_queue() if i.customer_id == monday["ruth"]]
    assert [(i.kind, i.todo) for i in rows if i.kind.startswith("notice")] == [("notice_missed", "Call and apologise")]
    assert rows[0].why.startswith("They were never told: the change to the visit of Wed, Nov 25, 9:00\u00a0AM")
    interactions.log(monday["ruth"], "phone", "out", "Apologised for not telling her about Priya")
    communication.apologised(monday["ruth_notice"])
    assert [i.kind for i in communication.today_queue() if i.customer_id == monday["ruth"]
            and i.kind.startswith("notice")] == []


def test_the_call_that_answers_a_concern_closes_the_call_back_on_it(monday):
    from servicedesk.core.services import followups, interactions

    owed = followups.owed(monday["dorothy"], "manual", "Call Dorothy back about who comes from now on",
                          dt.date(2026, 11, 23), concern_id=monday["dorothy_concern"])
    other = followups.create(monday["dorothy"], dt.date(2026, 11, 30), "Bring the new bait stations")
    assert [f.id for f in interactions.answers(monday["dorothy"], monday["dorothy_concern"])] == [owed]
    interactions.log(monday["dorothy"], "phone", "out", "Told her Sam is her technician from now on",
                     concern_id=monday["dorothy_concern"], acknowledges=True, closes_follow_ups=[owed])
    assert followups.get(owed).done_at is not None and "Sam is her technician" in followups.get(owed).outcome
    assert followups.get(other).done_at is None  # another matter stays open
    assert all(i.record_id != owed for i in communication.today_queue() if i.kind == "follow_up")


def test_a_follow_up_due_when_the_office_is_closed_is_due_the_day_it_opens(monday):
    clock.set_now(dt.datetime(2026, 11, 25, 9))
    followups.create(monday["ada"], dt.date(2026, 11, 26), "Thanksgiving's call")  # the office is closed
    followups.create(monday["ada"], dt.date(2026, 11, 29), "Sunday's call")
    clock.set_now(dt.datetime(2026, 11, 30, 8, 30))  # the Monday after
    rows = {i.why.split(": ", 1)[1]: i for i in communication.today_queue()
            if i.kind == "follow_up" and i.customer_id == monday["ada"]}
    assert rows["Sunday's call"].why.startswith("Follow-up due today:") and not rows["Sunday's call"].overdue
    assert rows["Thanksgiving's call"].why.startswith("Follow-up 1 business day overdue:")  # due Friday, not 4 days
    late = [r.text for r in health.assess(monday["ada"]).reasons if r.rule == "follow_ups"]
    assert late == ["follow-up 1 business day overdue: Thanksgiving's call"]  # Sunday's costs nothing yet


def _counted():
    rows = communication.today_queue()
    assert communication.count_today() == len(rows)
    return rows


def test_the_tab_count_is_the_queue_however_each_rule_falls(monday):
    """The Communication tab counts today's queue without wording it: the count must follow every rule the list
    does, including who is left out of at-risk and silence because they are listed for something else."""
    assert len(_counted()) == 9
    office.update(contact_rhythm_days=30)
    nell = customer("Nell Hardy")
    concern = concerns.raise_concern(nell, "The fence gate was left open", raised_at=MONDAY)
    concerns.acknowledge(concern, monday["maria"])  # a reminder now (rank 10), which does not keep her off at-risk
    for cid in (nell, monday["walter"], monday["grace"], monday["dorothy"], monday["harold"]):
        Customer.update(health_score=40).where(Customer.id == cid).execute()
    rows = _counted()
    assert "Nell Hardy" in [i.customer for i in rows if i.kind == "at_risk"]
    assert "Grace Okafor" not in [i.customer for i in rows if i.kind == "at_risk"]  # her open concern is late
    clock.set_now(MONDAY + dt.timedelta(days=10))  # Nell's concern is past its resolution target: a task now
    rows = _counted()
    assert "Nell Hardy" not in [i.customer for i in rows if i.kind == "at_risk"]
    followups.create(monday["ada"], (MONDAY + dt.timedelta(days=10)).date(), "Call about the quote")
    _counted()


def test_a_visit_booked_on_a_day_the_office_is_closed_is_decided_before_the_day(monday):
    """Thanksgiving falls on the Thursday: a visit still booked then is on the queue, named with the holiday; so is
    one on the office's own closed day; one whose technician is off that day is listed once, as that."""
    from servicedesk.core.services import office as office_service

    from .conftest import visit

    thanksgiving = visit(monday["walter"], monday["sam"], at(26, 10), status="scheduled")
    cancelled = visit(monday["ada"], monday["sam"], at(26, 11), status="cancelled")
    office_service.update(closed_days=["2026-12-04"])
    own_day = visit(monday["ada"], monday["priya"], at(4, 9, month=12), status="confirmed")
    technicians.add_days_off(monday["lee"], dt.date(2026, 11, 26), dt.date(2026, 11, 26), "vacation")
    lee_off = visit(monday["nguyen"], monday["lee"], at(26, 14), status="scheduled")
    rows = [i for i in _counted() if i.kind in ("closed_day", "absent")]
    assert [(i.kind, i.record_id) for i in rows] == [
        ("absent", lee_off), ("closed_day", thanksgiving), ("closed_day", own_day)]
    assert rows[1].why.startswith("Booked on Thanksgiving Day (")
    assert rows[1].why.endswith("when the office is closed: move it to a day the office is open, or keep it if "
                                "someone works that day")
    assert rows[2].why.startswith("Booked on a day the office is closed (") and rows[2].why.count("closed") == 1
    assert cancelled not in [i.record_id for i in rows]
    scheduling.assign(thanksgiving, monday["sam"], "", at(27, 10))  # moved to the Friday: off the queue
    assert thanksgiving not in [i.record_id for i in _counted() if i.kind == "closed_day"]
