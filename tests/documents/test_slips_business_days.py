"""A slip moves the steps after it by the office's business days: a delay never sends a crew out on a
weekend, a public holiday or a day the office is closed, and each step keeps its length in business
days; a step the office planned on a weekend on purpose keeps its place after the working day before it."""

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import business_days, customers, documents, office, projects, technicians

from tests.documents.pdf import text_of

D = dt.date
REASON = "The steel inspector could only come on Friday, so the plumbing is tested two days late."


def build(steps, closed_days=()):
    """A pool build in Texas with ``steps`` ((name, planned start, planned end), each following the one
    before it); (project id, milestone ids by name)."""
    clock.set_now(dt.datetime(2026, 4, 1, 9, 0))
    office.update(name="Hill Country Pools", phone="(512) 555-0100", owner_name="Ray Ortega", configured=True,
                  closed_days=tuple(closed_days))
    lead = technicians.create("Luis Ramos", role="project_lead", phone="(512) 555-0177")
    cid = customers.create(name="Elena Hernandez", salutation="Dear Elena", street="18 Pecan Hollow",
                           city="Bastrop", postcode="78602").id
    pid = projects.create(cid, "Hernandez backyard pool", lead_id=lead)
    ids = {name: projects.add_milestone(pid, name, planned_start=start, planned_end=end)
           for name, start, end in steps}
    return pid, ids


def dates(pid):
    return {m.name: (m.current_start, m.current_end) for m in projects.milestones(pid)}


def test_a_delay_over_a_weekend_moves_the_next_step_to_monday_keeping_its_length(db):
    pid, ids = build((("Steel and plumbing", "2026-05-11", "2026-05-13"),  # Monday to Wednesday
                      ("Gunite shell", "2026-05-14", "2026-05-18")))  # Thursday, Friday and Monday
    projects.update_milestone(ids["Steel and plumbing"], status="delayed", revised_end="2026-05-15",
                              delay_reason=REASON)
    # two business days late: Monday to Wednesday (three business days, as planned), not Saturday to Wednesday
    assert dates(pid)["Gunite shell"] == (D(2026, 5, 18), D(2026, 5, 20))


def test_the_letter_gives_the_customer_the_working_days(db):
    pid, ids = build((("Steel and plumbing", "2026-05-11", "2026-05-13"),
                      ("Gunite shell", "2026-05-14", "2026-05-18"),
                      ("Tile and coping", "2026-05-19", "2026-05-22")))
    clock.set_now(dt.datetime(2026, 5, 13, 9, 0))
    projects.update_milestone(ids["Steel and plumbing"], status="delayed", revised_end="2026-05-15",
                              delay_reason=REASON)
    text = text_of(documents.generate_timeline_letter(pid, D(2026, 5, 13)).path)
    assert "May 18 – 20 Gunite shell" in text
    assert "May 21 – 27 Tile and coping" in text  # four business days: Monday May 25 is Memorial Day
    assert "May 16" not in text and "May 17" not in text and "May 24" not in text


def test_a_delay_over_a_public_holiday_skips_it(db):
    pid, ids = build((("Steel and plumbing", "2026-11-23", "2026-11-24"),
                      ("Shell inspection", "2026-11-25", "2026-11-25")))  # the day before Thanksgiving
    projects.update_milestone(ids["Steel and plumbing"], status="delayed", revised_end="2026-11-25",
                              delay_reason=REASON)
    assert dates(pid)["Shell inspection"] == (D(2026, 11, 27), D(2026, 11, 27))  # not Thanksgiving Day


def test_a_delay_over_a_day_the_office_closes_skips_it(db):
    pid, ids = build((("Steel and plumbing", "2026-11-23", "2026-11-24"),
                      ("Shell inspection", "2026-11-25", "2026-11-25")), closed_days=("2026-11-27",))
    projects.update_milestone(ids["Steel and plumbing"], status="delayed", revised_end="2026-11-25",
                              delay_reason=REASON)
    assert dates(pid)["Shell inspection"] == (D(2026, 11, 30), D(2026, 11, 30))  # closed Thursday and Friday


def test_a_chain_of_steps_moves_by_business_days_and_comes_back_to_its_plan(db):
    plan = (("Excavation", "2026-06-01", "2026-06-03"),  # Monday to Wednesday
            ("Steel and plumbing", "2026-06-04", "2026-06-05"),
            ("Gunite shell", "2026-06-08", "2026-06-09"),
            ("Tile and coping", "2026-06-10", "2026-06-11"),
            ("Plaster", "2026-06-12", "2026-06-16"))
    pid, ids = build(plan)
    before = dates(pid)
    moved = projects.update_milestone(ids["Excavation"], status="delayed", revised_end="2026-06-05",
                                      delay_reason="Rock under the deep end needed a breaker for two days.")
    assert set(moved) == {ids[name] for name, _start, _end in plan[1:]}
    assert dates(pid) == {
        "Excavation": (D(2026, 6, 3), D(2026, 6, 5)),  # not begun: its start moves too
        "Steel and plumbing": (D(2026, 6, 8), D(2026, 6, 9)),
        "Gunite shell": (D(2026, 6, 10), D(2026, 6, 11)),
        "Tile and coping": (D(2026, 6, 12), D(2026, 6, 15)),
        "Plaster": (D(2026, 6, 16), D(2026, 6, 18)),
    }
    for name, start, end in plan[1:]:
        now_start, now_end = dates(pid)[name]
        assert business_days.is_business_day(now_start) and business_days.is_business_day(now_end), name
        planned = business_days.business_days_between(D.fromisoformat(start), D.fromisoformat(end))
        assert business_days.business_days_between(now_start, now_end) == planned, name
    projects.update_milestone(ids["Excavation"], status="in_progress", revised_end=None, delay_reason="")
    assert dates(pid) == before


@pytest.mark.parametrize("plaster_ends, fill_on", [
    ("2026-08-21", D(2026, 8, 22)),  # a week late: still the Saturday after plaster ends
    ("2026-08-17", D(2026, 8, 18)),  # one day late: still the day after, now a working day
])
def test_a_step_planned_on_a_saturday_on_purpose_stays_the_day_after_the_step_before(db, plaster_ends, fill_on):
    pid, ids = build((("Plaster", "2026-08-13", "2026-08-14"),  # Thursday and Friday
                      ("Fill and start-up", "2026-08-15", "2026-08-15")))  # Saturday, when the customer is home
    projects.update_milestone(ids["Plaster"], status="delayed", revised_end=plaster_ends,
                              delay_reason="The plaster colour you chose is made to order.")
    assert dates(pid)["Fill and start-up"] == (fill_on, fill_on)


def test_a_revised_end_alone_moves_the_start_by_business_days(db):
    pid, ids = build((("Gunite shell", "2026-05-14", "2026-05-15"),))  # Thursday and Friday
    projects.update_milestone(ids["Gunite shell"], status="delayed", revised_end="2026-05-18",
                              delay_reason=REASON)
    assert dates(pid)["Gunite shell"] == (D(2026, 5, 15), D(2026, 5, 18))  # Friday and Monday, not Sunday
