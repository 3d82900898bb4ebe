"""A pool builder's office with one build under way and one milestone running late."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from servicedesk.core import clock
from servicedesk.core.services import customers, office, projects, technicians

LETTER_DAY = dt.date(2026, 11, 20)  # a Friday


@dataclass
class PoolBuild:
    customer_id: int
    project_id: int
    lead_id: int
    milestones: dict  # name -> id


def build_pool_project(customer_name="Hannah Whitfield", salutation="Dear Hannah") -> PoolBuild:
    clock.set_now(dt.datetime(2026, 10, 1, 9, 0))
    office.update(name="Bluewater Pools", address="14 Harbour Road, Portland, OR 97201",
                  phone="(503) 555-0140", email="office@bluewater-pools.example", owner_name="Daniel Reyes",
                  signature_line="Owner, Bluewater Pools", configured=True)
    lead = technicians.create("Marek Kowalski", role="project_lead", phone="(503) 555-0187")
    cid = customers.create(name=customer_name, salutation=salutation, street="2210 SE Alder Street",
                           city="Portland, OR", postcode="97214", phone="(503) 555-0199", trade="pool").id
    pid = projects.create(cid, "Backyard pool build", lead_id=lead, starts_on="2026-10-05", target_on="2026-12-18")
    ids = {}
    ids["Design and permit"] = projects.add_milestone(
        pid, "Design and permit", planned_start="2026-10-05", planned_end="2026-10-23",
        actual_start="2026-10-05", actual_end="2026-10-21", status="done")
    ids["Excavation"] = projects.add_milestone(
        pid, "Excavation", planned_start="2026-11-09", planned_end="2026-11-18",
        actual_start="2026-11-10", actual_end="2026-11-17", status="done")
    ids["Steel and plumbing"] = projects.add_milestone(
        pid, "Steel and plumbing", planned_start="2026-11-18", planned_end="2026-11-25",
        actual_start="2026-11-18", status="in_progress")
    ids["Shell inspection"] = projects.add_milestone(
        pid, "Shell inspection", planned_start="2026-11-26", planned_end="2026-11-27", status="waiting",
        waiting_on="inspection")
    ids["Gunite shell"] = projects.add_milestone(
        pid, "Gunite shell", planned_start="2026-11-30", planned_end="2026-12-03")
    ids["Tiling and coping"] = projects.add_milestone(
        pid, "Tiling and coping", planned_start="2026-12-07", planned_end="2026-12-11",
        decision_needed="Please choose the coping stone colour (sandstone or grey granite) by 27 November.")
    ids["Fill and start-up"] = projects.add_milestone(
        pid, "Fill and start-up", planned_start="2026-12-14", planned_end="2026-12-18")
    clock.set_now(dt.datetime(2026, 11, 19, 10, 0))
    projects.update_milestone(ids["Gunite shell"], note="gunite crew double-booked", planned_start="2026-12-03",
                              planned_end="2026-12-08")
    projects.update_milestone(
        ids["Gunite shell"], status="delayed", revised_end="2026-12-10",
        delay_reason="The concrete plant closed for two days after last week's storm, so the gunite crew "
                     "moved every job back by a week.")
    clock.set_now(dt.datetime.combine(LETTER_DAY, dt.time(9, 30)))
    return PoolBuild(cid, pid, lead, ids)


@pytest.fixture
def pool(db):
    return build_pool_project()


@pytest.fixture
def pest_visit(db):
    """A completed pest-control visit with products applied, the next visit booked, and a later move."""
    from servicedesk.core.store.models import ProductApplied, Site, Visit, VisitChange

    clock.set_now(dt.datetime(2026, 11, 12, 15, 0))
    office.update(name="Evergreen Pest Care", address="88 Mill Lane, Springfield", phone="(555) 010-2200",
                  owner_name="Rosa Delgado", signature_line="Owner, Evergreen Pest Care", configured=True)
    sam = technicians.create("Sam Ortiz", phone="(555) 010-2211")
    lee = technicians.create("Lee Park", phone="(555) 010-2212")
    cid = customers.create(name="Dorothy Ames", salutation="Dear Dorothy", street="41 Orchard Way",
                           city="Springfield", postcode="62704").id
    site = Site.get(Site.customer == cid)
    visit = Visit.create(customer=cid, site=site, technician=sam, service_type="Quarterly pest treatment",
                         starts_at=dt.datetime(2026, 11, 12, 9, 0), ends_at=dt.datetime(2026, 11, 12, 10, 15),
                         status="completed", completed_at=dt.datetime(2026, 11, 12, 10, 20),
                         work_done="Treated the kitchen and utility room; sealed two gaps behind the dishwasher.",
                         findings="Ant trail along the back door sill; no sign of rodents in the garage.",
                         recommendations="Keep the pet bowls off the floor overnight for a week.")
    ProductApplied.create(visit=visit, name="Advion Ant Gel", amount="12 g", location="Kitchen skirting")
    ProductApplied.create(visit=visit, name="Dust & <seal> 50", amount="1 tube", location="Back door sill")
    following = Visit.create(customer=cid, site=site, technician=sam, service_type="Quarterly pest treatment",
                             starts_at=dt.datetime(2027, 2, 9, 9, 0), ends_at=dt.datetime(2027, 2, 9, 10, 0))
    VisitChange.create(visit=following, old_technician=sam, new_technician=lee,
                       old_starts_at=dt.datetime(2027, 2, 9, 9, 0), new_starts_at=dt.datetime(2027, 2, 11, 14, 0),
                       reason="Sam is on a training course that week.")
    Visit.update(technician=lee, starts_at=dt.datetime(2027, 2, 11, 14, 0),
                 ends_at=dt.datetime(2027, 2, 11, 15, 0)).where(Visit.id == following.id).execute()
    return {"visit": visit.id, "next": following.id, "customer": cid, "sam": sam, "lee": lee}


SHOTCRETE_LETTER_DAY = dt.date(2026, 12, 4)
SHOTCRETE_REASON = ("The shotcrete supplier's pump truck failed its safety inspection, so nothing can be sprayed "
                    "before December 12.")


@pytest.fixture
def hernandez(db):
    """A pool build in Texas planned step after step, excavation under way since its planned Monday; nothing
    late yet. (project id, milestone ids by name)"""
    clock.set_now(dt.datetime(2026, 11, 2, 9, 0))
    office.update(name="Hill Country Pools", phone="(512) 555-0100", owner_name="Ray Ortega", configured=True)
    lead = technicians.create("Luis Ramos", role="project_lead", phone="(512) 555-0177")
    cid = customers.create(name="Elena Hernandez", salutation="Dear Elena", street="18 Pecan Hollow",
                           city="Bastrop", postcode="78602").id
    pid = projects.create(cid, "Hernandez backyard pool", lead_id=lead)
    ids = {name: projects.add_milestone(pid, name, planned_start=start, planned_end=end) for name, start, end in (
        ("Excavation", "2026-11-30", "2026-12-04"),
        ("Shotcrete shell", "2026-12-07", "2026-12-10"),
        ("Tile and coping", "2026-12-11", "2026-12-17"),
        ("Plaster", "2026-12-18", "2026-12-21"),
        ("Fill and start-up", "2026-12-22", "2026-12-23"),
    )}
    clock.set_now(dt.datetime.combine(SHOTCRETE_LETTER_DAY, dt.time(9)))
    projects.update_milestone(ids["Excavation"], status="in_progress", actual_start="2026-11-30")  # began on time
    return pid, ids
