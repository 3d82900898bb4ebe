"""Two PCs of one office on one PostgreSQL database: this test's window, and another PC in its own process."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from servicedesk.core import clock, session
from servicedesk.core.services import customers, recurrence, scheduling, technicians
from servicedesk.core.store.models import Visit

pytestmark = pytest.mark.backends("postgresql")


def _type_notes(qtbot, window, customer_id: int, text: str):
    window.customers.show_customer(customer_id)
    notes = window.customers.profile.fields.widgets["notes"]
    notes.setFocus()
    qtbot.keyClicks(notes, text)
    return notes


def test_both_edit_one_customer_the_conflict_is_shown_and_nothing_is_lost(qtbot, window, other_pcs):
    cid = customers.create(name="Dorothy Finch", phone="555 201 4455").id
    window.customers.refresh()
    notes = _type_notes(qtbot, window, cid, "Wants Sam every month")

    priya = other_pcs("Priya Shah")
    assert priya.ask(f"edit {cid} 1 phone 555 201 9999") == "saved 2"  # the other PC saved first

    profile = window.customers.profile
    assert profile.save() is False
    message = profile.message.text()
    assert f"changed by Priya Shah on {session.computer()}" in message and "phone" in message
    assert notes.toPlainText() == "Wants Sam every month"  # what was typed is still there
    assert profile.keep_button.isVisible() and profile.reload_button.isVisible()
    assert customers.get(cid).phone == "555 201 9999" and customers.get(cid).notes == ""  # nothing overwritten

    qtbot.mouseClick(profile.keep_button, Qt.MouseButton.LeftButton)  # keep mine, knowingly
    assert customers.get(cid).notes == "Wants Sam every month"
    assert priya.ask(f"notes {cid}") == "notes Wants Sam every month"


def test_both_generate_the_same_plans_and_no_visit_is_doubled(db, other_pcs):
    clock.set_now(None)
    sam = technicians.create("Sam Ortiz")
    for n in range(40):
        cid = customers.create(name=f"Plan Customer {n}").id
        recurrence.create_plan(cid, service_type="Pest control", recurrence="weekly", weekday=n % 5,
                               window_start=dt.time(9), duration_min=60, technician_id=sam,
                               starts_on=dt.date.today())
    until = dt.date.today() + dt.timedelta(weeks=12)
    a, b = other_pcs("Front desk"), other_pcs("Owner")
    a.send(f"generate {until}")  # both at once
    b.send(f"generate {until}")
    created = [int(a.read().split()[1]), int(b.read().split()[1])]
    total = Visit.select().count()
    distinct = Visit.select(Visit.plan, Visit.occurrence).distinct().count()
    assert total == distinct == sum(created) and total >= 40 * 11


def test_both_generate_visits_of_days_the_office_is_closed_and_each_is_on_the_day_it_opens_once(db, other_pcs):
    from servicedesk.core.services import business_days, office

    clock.set_now(None)
    today = dt.date.today()
    closed = [today + dt.timedelta(days=n) for n in range(1, 8)]  # the office closes for a week
    office.update(closed_days=tuple(d.isoformat() for d in closed))
    sam = technicians.create("Sam Ortiz")
    for n in range(20):
        cid = customers.create(name=f"Plan Customer {n}").id
        recurrence.create_plan(cid, service_type="Pest control", recurrence="weekly", weekday=n % 5,
                               window_start=dt.time(9), duration_min=60, technician_id=sam, starts_on=today)
    until = today + dt.timedelta(weeks=6)
    a, b = other_pcs("Front desk"), other_pcs("Owner")
    a.send(f"generate {until}")  # both at once
    b.send(f"generate {until}")
    created = [int(a.read().split()[1]), int(b.read().split()[1])]
    visits = list(Visit.select())
    assert len(visits) == len({(v.plan_id, v.occurrence) for v in visits}) == sum(created)
    assert not any(business_days.holiday_or_closed(v.starts_at.date()) for v in visits)
    assert len({(v.plan_id, v.starts_at.date()) for v in visits}) == len(visits)  # never two on one day
    opens = business_days.opens_on(closed[-1])
    moved = [v for v in visits if v.occurrence in closed]
    assert all(v.starts_at.date() == opens for v in moved)
    # a plan's date in the closed week has its visit the day the office opens when that is nearer than its next
    # date (a week on); otherwise the next visit serves. Four plans fall on each weekday.
    assert len(moved) == sum(4 for d in closed if d.weekday() < 5 and (opens - d).days * 2 <= 7)
    assert not any(v.starts_at.date() in closed for v in visits)
    assert recurrence.generate(until) == 0


def test_follow_ups_owed_by_the_sweep_are_owed_once_when_two_pcs_sweep_at_once(db, other_pcs):
    from servicedesk.core.store.models import Concern, FollowUp

    clock.set_now(None)
    now = dt.datetime.now().replace(microsecond=0)
    for n in range(30):
        cid = customers.create(name=f"Fixed Customer {n}").id
        Concern.create(customer=cid, words="The gate was left open.", raised_at=now - dt.timedelta(days=2),
                       acknowledged_at=now - dt.timedelta(days=2), resolution="Spoke to the crew",
                       resolved_at=now - dt.timedelta(hours=20))
    a, b = other_pcs("Front desk"), other_pcs("Owner")
    a.send("sweep 3")
    b.send("sweep 3")
    owed = [int(a.read().split()[1]), int(b.read().split()[1])]
    assert sorted(owed) == [0, 30]  # one PC owed them all, the other found them owed
    assert FollowUp.select().where(FollowUp.source == "concern_resolved").count() == 30


def test_a_call_logged_on_one_pc_shows_in_the_other_pcs_queue(qtbot, window, other_pcs):
    walter = customers.create(name="Walter Grimes", customer_since=dt.date.today() - dt.timedelta(days=90)).id
    window.navigator.dataChanged.emit("all")
    queue = window.communication.queue_model
    waiting = lambda: {queue.row_at(r).customer_id for r in range(queue.rowCount())}  # noqa: E731
    assert walter in waiting()  # never contacted in 90 days

    search = window.customers.search
    search.setFocus()
    qtbot.keyClicks(search, "Wal")  # someone is typing on this PC meanwhile

    owner = other_pcs("Maria Keller")
    assert owner.ask(f"call {walter} Called to check in, all well") == "logged"
    qtbot.waitUntil(lambda: walter not in waiting(), timeout=5000)
    assert search.text() == "Wal"


def test_the_server_stops_and_restarts_mid_session_and_nothing_typed_is_lost(qtbot, window, pg_cluster, other_pcs):
    cid = customers.create(name="Harold Benson").id
    window.customers.refresh()
    notes = _type_notes(qtbot, window, cid, "Quarterly quote wanted")

    pg_cluster.stop()
    try:
        profile = window.customers.profile
        assert profile.save() is False
        assert "office server cannot be reached" in profile.message.text().lower()
        assert notes.toPlainText() == "Quarterly quote wanted"
        qtbot.waitUntil(lambda: window.live.offline_label.isVisible(), timeout=10_000)
    finally:
        pg_cluster.restart_server()
    qtbot.waitUntil(lambda: not window.live.offline_label.isVisible(), timeout=15_000)
    assert notes.toPlainText() == "Quarterly quote wanted"
    assert profile.save() is True
    assert other_pcs("Priya Shah").ask(f"notes {cid}") == "notes Quarterly quote wanted"


def test_a_profile_opened_while_the_server_is_away_says_so_and_opens_once_it_is_back(db, pg_cluster):
    from servicedesk.core.services import interactions, profile_page
    from servicedesk.core.store.db import StorageError

    cid = customers.create(name="Harold Benson").id
    interactions.log(cid, "phone", "in", "Wants a quarterly quote")
    pg_cluster.stop()
    try:
        with pytest.raises(StorageError, match="office server cannot be reached"):
            profile_page.read(cid)  # its two statements are sent together: the plain message all the same
    finally:
        pg_cluster.restart_server()
    page = profile_page.read(cid)  # a new connection: nothing of the lost one is left in the way
    assert page.profile.name == "Harold Benson"
    assert [item.text for item in page.history] == ["Wants a quarterly quote"]


def test_the_offices_region_changed_on_one_pc_shows_in_the_others_dates(qtbot, window, other_pcs):
    from servicedesk.core import formatting
    from servicedesk.core.services import office

    office.update(locale="en_US")
    day = dt.date(2026, 11, 29)
    assert formatting.format_date(day) == "Nov 29, 2026"  # read, and kept for the screens that paint dates

    owner = other_pcs("Maria Keller")
    assert owner.ask("region de_DE") == "region de_DE"  # the owner moves the office to German dates on her PC
    qtbot.waitUntil(lambda: formatting.format_date(day) == "29.11.2026", timeout=5000)


def test_a_technician_made_regular_on_one_pc_is_not_undone_by_a_profile_saved_on_the_other(qtbot, window, other_pcs):
    sam, lee = technicians.create("Sam Ortiz"), technicians.create("Lee Park")
    cid = customers.create(name="Dorothy Finch", technician_id=sam).id
    customers.add_what_matters(cid, "same_technician", "Sam every month, please", technician_id=sam)
    visit = scheduling.book(cid, dt.datetime.combine(clock.today() + dt.timedelta(days=7), dt.time(9)))
    window.customers.refresh()
    notes = _type_notes(qtbot, window, cid, "Gate code 4411")  # the receptionist is typing in her profile

    dispatcher = other_pcs("Priya Shah")  # Sam leaves the route: Lee becomes Dorothy's technician
    assert dispatcher.ask(f"regular {visit} {lee} Sam moved to the north route") == "regular"

    profile = window.customers.profile
    assert profile.save() is False  # her profile was opened before: nothing of it is written over Lee
    message = profile.message.text()
    assert "changed by Priya Shah" in message and "technician" in message
    assert notes.toPlainText() == "Gate code 4411"
    stored = customers.get(cid)
    assert stored.technician_id == lee and stored.notes == ""
    assert [(w.kind, w.technician_id) for w in customers.what_matters(cid)] == [("same_technician", lee)]

    qtbot.mouseClick(profile.reload_button, Qt.MouseButton.LeftButton)  # theirs shown; then her notes again
    assert window.customers.profile.fields.widgets["technician_id"].currentData() == lee
    _type_notes(qtbot, window, cid, "Gate code 4411")
    assert profile.save() is True
    stored = customers.get(cid)
    assert stored.technician_id == lee and stored.notes == "Gate code 4411"
    assert [(w.kind, w.technician_id) for w in customers.what_matters(cid)] == [("same_technician", lee)]


def test_a_site_cell_being_typed_in_stays_open_while_another_pc_logs_a_call(qtbot, window, other_pcs):
    from servicedesk.ui.customers.profile import SITES

    cid = customers.create(name="Dorothy Finch", street="12 Oak Street", city="Springfield").id
    window.customers.refresh()
    window.customers.show_customer(cid)
    profile = window.customers.profile
    profile.tabs.setCurrentIndex(SITES)
    view, model = profile.lists.views["sites"], profile.lists.sites
    index = model.index(0, [key for key, _h, _e in model.columns].index("access_notes"))
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.keyClicks(view.indexWidget(index), "Gate code 4411, the dog")  # still typing, the cell open

    owner = other_pcs("Maria Keller")
    with qtbot.waitSignal(window.navigator.dataChanged, timeout=5000,
                          check_params_cb=lambda what: what in ("communication", "all")):
        assert owner.ask(f"call {cid} Called about the quote") == "logged"
    editor = view.indexWidget(index)
    assert editor is not None and editor.text() == "Gate code 4411, the dog"  # nothing typed is lost
    qtbot.keyClicks(editor, " is friendly")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.rows[0]["access_notes"] == "Gate code 4411, the dog is friendly")
    assert profile.save() is True
    assert customers.get(cid).version == 2


def test_a_follow_up_closed_on_another_pc_meanwhile_says_when_and_what_came_of_it(db, other_pcs):
    from servicedesk.core.errors import ValidationError
    from servicedesk.core.services import followups

    clock.set_now(None)
    cid = customers.create(name="Walter Grimes").id
    owed = followups.create(cid, clock.today(), "Ask how the new pump runs")
    owner = other_pcs("Maria Keller")
    assert owner.ask(f"done {owed} Pump runs quietly, all fine") == "done"
    with pytest.raises(ValidationError) as caught:
        followups.complete(owed, "Left a message about the pump")
    said = caught.value.problems["done_at"]
    assert "already done" in said and "“Pump runs quietly, all fine”" in said
    assert followups.get(owed).outcome == "Pump runs quietly, all fine"
