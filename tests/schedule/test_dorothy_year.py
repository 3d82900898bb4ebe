"""Dorothy's year, replayed: her technician leaves, the next one is sick, then on vacation twice.

Each time the desk is warned, the app proposes keeping her technician (another day) or someone she
already knows, and every change leaves a queued notice and a follow-up so she hears it first.
"""

import datetime as dt

from servicedesk.core import clock
from servicedesk.core.services import communication, continuity, customers, recurrence, scheduling, technicians, visits
from servicedesk.core.store.models import Draft, FollowUp, Visit


def _serve(visit_id, note="Checked and rebaited the stations"):
    clock.set_now(Visit.get_by_id(visit_id).starts_at + dt.timedelta(hours=2))
    scheduling.complete(visit_id, note, products=[("Bait blocks", "4 blocks", "Back store room")])


def test_dorothys_year(office_db):
    o = office_db
    plan = recurrence.create_plan(o.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                                  weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1),
                                  window_start=dt.time(9), window_end=dt.time(11), duration_min=60,
                                  technician_id=o.sam)
    recurrence.generate(dt.date(2026, 10, 31))
    jan, feb, mar, apr, may, jun, jul, aug, sep, oct_ = (
        v.id for v in Visit.select().where(Visit.plan == plan).order_by(Visit.starts_at))

    # January and February: Sam, as promised.
    _serve(jan)
    _serve(feb)
    assert continuity.figure(o.dorothy).describe() == "1 technician in the last 2 visits"

    # Sam leaves. The March visit is flagged on the board and nobody is sent without a warning.
    technicians.set_active(o.sam, False, left_on=dt.date(2026, 2, 20))
    march_row = next(v for v in visits.board(dt.datetime(2026, 3, 9), dt.datetime(2026, 3, 16)).visits)
    assert march_row.conflict == "no longer works here"
    warned = scheduling.assess(mar, o.alex)  # Sam cannot come: staffing the visit asks no reason
    assert not warned.needs_reason and any("no longer works here" in w for w in warned.warnings)
    props = scheduling.proposals(mar)
    assert {p.kind for p in props} == {"substitute"} and o.sam not in {p.technician_id for p in props}
    change = scheduling.assign(mar, o.alex, reason="Sam has left us; Alex will be your technician from now on",
                               make_regular=True)
    assert change.draft_id and change.follow_up_id
    assert scheduling.own_technician(o.dorothy).id == o.alex
    history = customers.preference_history(o.dorothy)  # her words stay; the name moves, the old one is kept
    assert [(w.technician, w.words) for w in history] == [("Sam Ortiz", "Are you the one doing the service?"),
                                                          ("Alex Kim", "Are you the one doing the service?")]
    assert [w.technician for w in customers.what_matters(o.dorothy) if w.kind == "same_technician"] == ["Alex Kim"]
    assert not scheduling.assess(apr, o.alex).needs_reason
    assert Visit.get_by_id(apr).technician_id == o.alex  # the rest of her plan follows
    _serve(mar)
    _serve(apr)

    # May: Alex is sick on her day. She wants the same person, so Alex on another day comes first.
    clock.set_now(dt.datetime(2026, 5, 11, 7))
    technicians.add_days_off(o.alex, dt.date(2026, 5, 11), dt.date(2026, 5, 12), "sick")
    assert visits.board(dt.datetime(2026, 5, 11), dt.datetime(2026, 5, 18)).visits[0].conflict == "off (sick)"
    best = scheduling.proposals(may)[0]
    assert (best.kind, best.technician_id, best.starts_at) == ("same_technician", o.alex, dt.datetime(2026, 5, 13, 9))
    moved = scheduling.assign(may, best.technician_id, starts_at=best.starts_at)
    assert moved.draft_id and moved.follow_up_id is None  # a new day to tell her about, but no stranger
    _serve(may)

    # June: Alex on vacation for the whole window: the first day he is back comes first, then strangers;
    # the office sends a substitute all the same, and that needs a reason.
    clock.set_now(dt.datetime(2026, 6, 1, 8))
    technicians.add_days_off(o.alex, dt.date(2026, 6, 1), dt.date(2026, 6, 19), "vacation")
    props = scheduling.proposals(jun)
    assert (props[0].kind, props[0].technician_id, props[0].starts_at) == ("same_technician", o.alex,
                                                                          dt.datetime(2026, 6, 22, 9))
    stranger = next(p for p in props if p.kind == "substitute")
    assert stranger.familiar_visits == 0 and scheduling.assess(jun, stranger.technician_id).needs_reason
    june = scheduling.assign(jun, o.jo, reason="Alex is on vacation")
    assert june.follow_up_id
    _serve(jun)
    _serve(jul)

    # August: Alex away again; this time Jo, whom she has met, is proposed before a new face.
    clock.set_now(dt.datetime(2026, 8, 1, 8))
    technicians.add_days_off(o.alex, dt.date(2026, 8, 3), dt.date(2026, 8, 21), "vacation")
    subs = [p for p in scheduling.proposals(aug) if p.kind == "substitute"]
    assert subs[0].technician_id == o.jo and subs[0].familiar_visits == 1
    assert subs[1].technician_id == o.lee and subs[1].familiar_visits == 0
    scheduling.assign(aug, o.jo, reason="Alex is on vacation; Jo, whom you met in June, will come")
    _serve(aug)
    _serve(sep)
    _serve(oct_)

    # Her figure: three faces in ten visits (the story had four), six of them her own technician's.
    fig = continuity.figure(o.dorothy, 10)
    assert (fig.visits, fig.technicians, fig.own_share) == (10, 3, 0.6)
    assert fig.describe() == "3 technicians in the last 10 visits"

    # What the office had to do: a notice for each change, a call before each new face.
    notices = list(Draft.select().where((Draft.customer == o.dorothy) & (Draft.status == "queued"))
                   .order_by(Draft.id))
    assert len(notices) == 4
    assert "Alex Kim instead of Sam Ortiz" in notices[0].body
    assert "Wednesday, May 13" in notices[1].body
    assert "Jo Banks instead of Alex Kim" in notices[2].body and "whom you met in June" in notices[3].body
    calls = list(FollowUp.select().where(FollowUp.source == "technician_change").order_by(FollowUp.due_on))
    assert [f.due_on for f in calls] == [dt.date(2026, 3, 9), dt.date(2026, 6, 8), dt.date(2026, 8, 10)]
    queue = communication.open_follow_ups(dt.date(2026, 10, 31))
    assert sum(1 for q in queue if q.customer == "Dorothy Finch") == 4  # three calls plus the first-visit check-in
