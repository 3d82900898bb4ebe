"""An office whose October 2026 is known to the last figure, built through the services with a fixed clock.

The report is made on Monday 2 November 2026, 8:00. What October holds:

- Concerns (targets: acknowledge within 1 business day, resolve within 5): Dorothy's about a
  technician change (high) acknowledged late and resolved in time; Tom's about service quality
  (medium) acknowledged in time and resolved late; Grace's about billing (low) acknowledged in
  time, still open within its target; Linda's about billing (medium) raised Friday 30 October,
  not acknowledged yet and still within its target. One concern in September, answered in time.
- Continuity: on a plan at the month's end, Dorothy (4 technicians in her last 5 visits, and she
  said the same technician matters), Ada (1), Ben (2) and Chloe (1). In October Sam's customers
  had 4 completed visits and Sam did 2; Lee's customer 1 of 1. The technician was changed on
  3 visits: twice because "Sam Ortiz called in sick.", once with no reason; a move of a visit to
  another time with the same technician is not a change of technician.
- Customers: Ben joined on 1 October (a prospect who enquired in October is not counted);
  Ruth cancelled on 10 October (on the at-risk list 3–20 August, then off it for 51 days),
  Harold on 20 October (on the list since 1 September: 49 days), Walter on 27 October (never
  on it).
- Follow-ups due in October: 3 kept on time (Ada's second one only on the call again the next
  business day, after no answer on its day), 1 kept late, 1 not done, and 2 that reached only
  voicemail or no one: Ivy's (no answer, then a voicemail; called again on 3 November) and
  Linda's (a wrong number; the office stopped trying and wrote to her).
- Weekly letters (Fridays): Tom's project owed 5 (3 on time, 1 late, 1 missed); the Nguyens'
  project owed 1 (on time) and then was finished on 7 October.
- Change notices for October visits: 1 before the visit, 1 after it, 1 never sent.
- Health history (kept since June 2025): Ruth 3–20 August; Harold from 1 September; Ada on
  5 October and off 26 October; Dorothy from 13 October; Ivy past her contact rhythm (75, not at
  risk) on 31 October.
"""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import concerns, contact, customers, documents, followups, office, technicians
from servicedesk.core.services import health_history
from servicedesk.core.store import database
from servicedesk.core.store.models import (
    Draft,
    HealthChange,
    Milestone,
    Project,
    ServicePlan,
    Visit,
    VisitChange,
    WhatMatters,
)

MADE = dt.datetime(2026, 11, 2, 8, 0)
HISTORY_SINCE = dt.datetime(2025, 6, 1, 9, 0)


def at(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute)


def _customer(name: str, since: dt.date, **extra) -> int:
    clock.set_now(dt.datetime.combine(since, dt.time(9)))
    return customers.create(name=name, customer_since=since, **extra).id


def _plan(customer_id: int, technician: int, starts_on: dt.date, ends_on: dt.date | None = None) -> int:
    return ServicePlan.create(customer=customer_id, service_type="Monthly service", recurrence="monthly_weekday",
                              weekday=1, week_of_month=2, technician=technician, starts_on=starts_on,
                              ends_on=ends_on, active=ends_on is None).id


def _visit(customer_id: int, technician: int, starts: dt.datetime, status: str = "completed") -> int:
    return Visit.create(customer=customer_id, technician=technician, service_type="Monthly service",
                        starts_at=starts, ends_at=starts + dt.timedelta(hours=1), status=status,
                        completed_at=starts + dt.timedelta(hours=1) if status == "completed" else None).id


def _change(visit_id: int, when: dt.datetime, old: int, new: int, reason: str, moved_to: dt.datetime | None = None):
    starts = Visit.get_by_id(visit_id).starts_at
    VisitChange.create(visit=visit_id, changed_at=when, old_technician=old, new_technician=new,
                       old_starts_at=starts, new_starts_at=moved_to or starts, reason=reason)


def _notice(customer_id: int, visit_id: int, created: dt.datetime, status: str, sent: dt.datetime | None = None):
    Draft.create(customer=customer_id, template="change_notice", subject="Change to your visit", body="Dear customer",
                 status=status, visit=visit_id, created_at=created, sent_at=sent)


def _cancel(customer_id: int, day: dt.date, words: str) -> None:
    clock.set_now(dt.datetime.combine(day, dt.time(11)))
    version = customers.get(customer_id).version
    customers.update(customer_id, version, status="cancelled", cancel_reason=words)


def _letter(customer_id: int, project_id: int, sent: dt.datetime) -> None:
    clock.set_now(sent - dt.timedelta(minutes=5))
    made = documents.archive(b"%PDF-1.4 weekly letter", kind="timeline_letter", title="Weekly letter",
                             customer_id=customer_id, project_id=project_id)
    clock.set_now(sent)
    contact.send_document(made.id, "printed", when=sent)


def _history(customer_id: int, when: dt.datetime, score: int, rules: str, reasons: str) -> None:
    HealthChange.create(customer=customer_id, changed_at=when, score=score, rules=rules, reasons=reasons)


def build_october() -> dict:
    clock.set_now(at(1, 5, 9, year=2024))
    office.update(name="Bright Water & Green Leaf Services", owner_name="Maria Keller", ack_target_days=1,
                  resolve_target_days=5, contact_rhythm_days=45, letter_weekday=4, configured=True)
    sam, priya, lee, jo = (technicians.create(n) for n in ("Sam Ortiz", "Priya Shah", "Lee Brown", "Jo Reyes"))
    ids = {"sam": sam, "priya": priya, "lee": lee, "jo": jo}

    # ---------------------------------------------------------------- customers and plans
    dorothy = ids["dorothy"] = _customer("Dorothy Finch", dt.date(2024, 3, 1), technician_id=sam)
    ada = ids["ada"] = _customer("Ada Moreno", dt.date(2025, 1, 10), technician_id=sam)
    ben = ids["ben"] = _customer("Ben Carter", dt.date(2026, 10, 1), technician_id=sam)
    chloe = ids["chloe"] = _customer("Chloe Sanders", dt.date(2026, 5, 4), technician_id=lee)
    ruth = ids["ruth"] = _customer("Ruth Cole", dt.date(2024, 6, 1), technician_id=priya)
    harold = ids["harold"] = _customer("Harold Benson", dt.date(2025, 2, 1), technician_id=priya)
    walter = ids["walter"] = _customer("Walter Grimes", dt.date(2025, 4, 1), technician_id=lee)
    ivy = ids["ivy"] = _customer("Ivy Stone", dt.date(2025, 5, 1))
    tom = ids["tom"] = _customer("Tom Alvarez", dt.date(2026, 9, 1))
    nguyen = ids["nguyen"] = _customer("Lan Nguyen", dt.date(2026, 8, 20))
    grace = ids["grace"] = _customer("Grace Okafor", dt.date(2025, 9, 1))
    linda = ids["linda"] = _customer("Linda Park", dt.date(2025, 9, 2))
    ids["pat"] = _customer("Pat Quinn", dt.date(2026, 10, 3), status="prospect")
    for who, tech, since in ((dorothy, sam, dt.date(2024, 3, 1)), (ada, sam, dt.date(2025, 1, 10)),
                             (ben, sam, dt.date(2026, 10, 1)), (chloe, lee, dt.date(2026, 5, 4))):
        _plan(who, tech, since)
    _plan(ruth, priya, dt.date(2024, 6, 1), ends_on=dt.date(2026, 10, 10))
    WhatMatters.create(customer=dorothy, kind="same_technician", technician=sam,
                       words="Are you the one doing the service?", recorded_at=at(3, 1, year=2024))

    # ---------------------------------------------------------------- visits and technician changes
    for day, tech in ((at(6, 9), sam), (at(7, 14), priya), (at(8, 11), lee), (at(9, 8), sam)):
        _visit(dorothy, tech, day)
    dorothy_oct = ids["dorothy_visit"] = _visit(dorothy, jo, at(10, 13, 9))
    _change(dorothy_oct, at(10, 12, 16), sam, jo, "Sam Ortiz called in sick.")
    for day in (at(8, 12), at(9, 9), at(10, 14)):
        _visit(ada, sam, day)
    ada_late = _visit(ada, lee, at(10, 28), status="scheduled")
    _change(ada_late, at(10, 27, 15), sam, lee, "")
    _change(_visit(ada, sam, at(9, 22), status="cancelled"), at(9, 7), priya, sam, "September change")
    _visit(ben, sam, at(10, 2))
    ben_oct = _visit(ben, priya, at(10, 15, 9))
    _change(ben_oct, at(10, 14, 17), sam, priya, "Sam Ortiz called in sick.")
    _visit(chloe, lee, at(9, 16))
    _visit(chloe, lee, at(10, 16))
    chloe_moved = _visit(chloe, lee, at(10, 22, 14), status="scheduled")
    _change(chloe_moved, at(10, 20, 9), lee, lee, "Customer asked for the afternoon", moved_to=at(10, 22, 14))
    _visit(ruth, priya, at(9, 3))

    # ---------------------------------------------------------------- change notices for October visits
    _notice(dorothy, dorothy_oct, at(10, 12, 16), "sent", at(10, 12, 17))
    _notice(ben, ben_oct, at(10, 14, 17), "sent", at(10, 15, 12))
    _notice(chloe, chloe_moved, at(10, 20, 9), "discarded")

    # ---------------------------------------------------------------- concerns
    clock.set_now(at(9, 15, 9))
    september = concerns.raise_concern(ada, "The gate was left open.", "service_quality", "low", raised_at=at(9, 15, 9))
    clock.set_now(at(9, 15, 12))
    concerns.acknowledge(september, sam)
    clock.set_now(at(9, 16, 12))
    concerns.resolve(september, "Reminded the team to close the gate.", sam)

    clock.set_now(at(10, 6, 10))
    ids["dorothy_concern"] = concerns.raise_concern(
        dorothy, "A stranger again. I signed up because one person would come.", "technician_change", "high")
    clock.set_now(at(10, 8, 9))
    concerns.acknowledge(ids["dorothy_concern"], sam)
    clock.set_now(at(10, 13, 15))
    concerns.resolve(ids["dorothy_concern"], "Sam is her technician again from November.", sam)
    clock.set_now(at(10, 16, 11))
    fixed = followups.for_customer(dorothy)[0].id  # owed by the fix, due 16 October
    followups.complete(fixed, "She says it's fine now.")

    clock.set_now(at(10, 19, 9))
    tom_concern = concerns.raise_concern(tom, "The deck still has cracks.", "service_quality", "medium")
    clock.set_now(at(10, 19, 11))
    concerns.acknowledge(tom_concern, sam)
    clock.set_now(at(10, 30, 12))
    concerns.resolve(tom_concern, "Resealed the deck.", sam)

    clock.set_now(at(10, 27, 9))
    grace_concern = concerns.raise_concern(grace, "Charged twice for October.", "billing", "low")
    clock.set_now(at(10, 27, 14))
    concerns.acknowledge(grace_concern, sam)

    clock.set_now(at(10, 30, 16))
    concerns.raise_concern(linda, "The invoice has the wrong address.", "billing", "medium")

    # ---------------------------------------------------------------- follow-ups due in October
    clock.set_now(at(10, 1, 9))
    first = followups.create(ada, dt.date(2026, 10, 9), "Ask Ada about the back garden")
    second = followups.create(ben, dt.date(2026, 10, 14), "Check in after Ben's first visit")
    followups.create(chloe, dt.date(2026, 10, 28), "Offer Chloe the autumn deep clean")
    clock.set_now(at(10, 9, 15))
    followups.complete(first, "Done, all well.")
    clock.set_now(at(10, 16, 9))
    followups.complete(second, "Happy with Priya.")
    clock.set_now(at(10, 12, 9))
    ivy_call = followups.create(ivy, dt.date(2026, 10, 20), "Ask Ivy whether Thursdays still suit her")
    linda_call = followups.create(linda, dt.date(2026, 10, 22), "Confirm Linda's new billing address")
    ada_call = followups.create(ada, dt.date(2026, 10, 26), "Tell Ada when the hedge crew comes")
    clock.set_now(at(10, 20, 15))
    followups.complete(ivy_call, "", nobody_reached="no_answer")  # called again the next business day
    clock.set_now(at(10, 21, 11))
    followups.complete(followups.again_of(ivy_call).id, "Left a message on her mobile", nobody_reached="voicemail",
                       again_on=dt.date(2026, 11, 3))
    clock.set_now(at(10, 22, 10))
    followups.complete(linda_call, "", nobody_reached="wrong_number",
                       stop_trying="The number on file is disconnected; the invoice went by post.")
    clock.set_now(at(10, 26, 16))
    followups.complete(ada_call, "", nobody_reached="no_answer")
    clock.set_now(at(10, 27, 10))
    followups.complete(followups.again_of(ada_call).id, "Told her: Thursday morning.")

    # ---------------------------------------------------------------- weekly letters
    clock.set_now(at(9, 1))
    tom_project = Project.create(customer=tom, name="Backyard pool build", status="active",
                                 starts_on=dt.date(2026, 9, 28)).id
    nguyen_project = Project.create(customer=nguyen, name="Nguyen family pool", status="completed",
                                    starts_on=dt.date(2026, 9, 1)).id
    Milestone.create(project=nguyen_project, name="Handover", actual_end=dt.date(2026, 10, 7), status="done")
    _letter(nguyen, nguyen_project, at(10, 1, 16))  # Thursday before Friday 2 October: on time
    _letter(tom, tom_project, at(10, 2, 15))  # on the letter day
    _letter(tom, tom_project, at(10, 10, 10))  # Saturday after Friday 9 October: late
    _letter(tom, tom_project, at(10, 21, 11))  # Wednesday before Friday 23 October
    _letter(tom, tom_project, at(10, 30, 16))  # nothing in the week of 16 October: missed

    # ---------------------------------------------------------------- cancellations
    _cancel(ruth, dt.date(2026, 10, 10), "We are moving to Denver.")
    _cancel(harold, dt.date(2026, 10, 20), "I never knew who was coming, and nobody called me back.")
    _cancel(walter, dt.date(2026, 10, 27), "Sold the house.")

    # ---------------------------------------------------------------- the health history the report reads
    database.execute_sql("DELETE FROM health_change")
    office.set_value(health_history.SINCE_KEY, HISTORY_SINCE.isoformat(" "))
    _history(ruth, at(8, 3, 10), 55, "concerns,mood", "concern about billing open 3 days, not acknowledged")
    _history(ruth, at(8, 20, 11), 90, "mood", "worried on the phone on Thu, Aug 20")
    _history(harold, at(9, 1, 9), 55, "concerns,mood", "concern open 5 days, not acknowledged; upset on the phone")
    _history(ada, at(10, 5, 10), 65, "mood,changes", "angry on the phone on Mon, Oct 5; 1 cancellation this month")
    _history(dorothy, at(10, 13, 17), 60, "continuity,concerns",
             "4 technicians in their last 5 visits; they said the same technician matters")
    _history(ada, at(10, 26, 10), 100, "", "")
    _history(ivy, at(10, 31, 23), 75, "rhythm", "no contact for 91 days")
    clock.set_now(MADE)
    return ids


@pytest.fixture
def october(db):
    return build_october()
