"""A technician's schedule as .ics: parsed back, from the service and from the command line."""

import datetime as dt
import os
import subprocess
import sys

from icalendar import Calendar

from servicedesk.core.services import ics, recurrence, scheduling


def test_exported_calendar_parses_back(office_db, tmp_path):
    recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="weekly", weekday=4,
                           starts_on=dt.date(2026, 3, 1), window_start=dt.time(9), window_end=dt.time(11),
                           duration_min=45, technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 3, 31))
    cancelled = scheduling.book(office_db.dorothy, dt.datetime(2026, 3, 10, 15), 30, service_type="Extra check")
    scheduling.cancel(cancelled, "Not needed after all")
    out = tmp_path / "sam.ics"
    assert ics.export(office_db.sam, dt.date(2026, 3, 1), dt.date(2026, 3, 31), out) == 4
    cal = Calendar.from_ical(out.read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    # the DST switch (8 March in the US) does not move the wall-clock time
    assert [e.decoded("dtstart") for e in events] == [dt.datetime(2026, 3, d, 9) for d in (6, 13, 20, 27)]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(minutes=45) for e in events)
    first = events[0]
    assert str(first["summary"]) == "Rodent control: Dorothy Finch"
    assert str(first["location"]) == "12 Market Street, Riverton"
    assert "Are you the one doing the service?" in str(first["description"])
    assert len({str(e["uid"]) for e in events}) == 4
    assert str(cal["version"]) == "2.0"


def test_cli_writes_the_file_and_names_a_bad_technician(office_db, db_location, tmp_path):
    recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                           weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1), technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 6, 30))
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    out = tmp_path / "schedule.ics"
    run = [sys.executable, "-m", "servicedesk", "ics", "--database", str(db_location)]
    ok = subprocess.run(run + ["--technician", "sam", "--from", "2026-01-01", "--to", "2026-03-31",
                               "--out", str(out)], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert "3 visits for Sam Ortiz" in ok.stdout
    assert len([c for c in Calendar.from_ical(out.read_bytes()).walk() if c.name == "VEVENT"]) == 3
    bad = subprocess.run(run + ["--technician", "Nobody", "--from", "2026-01-01", "--to", "2026-03-31",
                                "--out", str(tmp_path / "x.ics")], capture_output=True, text=True, env=env)
    assert bad.returncode == 1 and "no staff member called “Nobody”" in bad.stderr
    assert not (tmp_path / "x.ics").exists()
    date = subprocess.run(run + ["--technician", "Sam", "--from", "2026-13-01", "--to", "2026-03-31",
                                 "--out", str(out)], capture_output=True, text=True, env=env)
    assert date.returncode == 2 and "is not a date" in date.stderr


def test_a_range_beyond_the_generated_weeks_still_holds_every_planned_visit(office_db):
    recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="weekly", weekday=4,
                           starts_on=dt.date(2026, 1, 1), window_start=dt.time(9), window_end=dt.time(11),
                           technician_id=office_db.sam)  # created, never generated: nobody opened the board
    first, last = dt.date(2026, 6, 1), dt.date(2026, 6, 30)  # months past the usual 12 weeks
    events = [c for c in Calendar.from_ical(ics.calendar(office_db.sam, first, last)).walk() if c.name == "VEVENT"]
    # Friday 19 June is Juneteenth: the office is closed, so that week's visit is on Monday the 22nd
    assert [e.decoded("dtstart") for e in events] == [dt.datetime(2026, 6, d, 9) for d in (5, 12, 22, 26)]
