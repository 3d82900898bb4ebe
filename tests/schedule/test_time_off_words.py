"""Time off is worded the way people say it: whole days as days, part of a day with its times."""

import datetime as dt

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import recurrence, scheduling, technicians
from servicedesk.core.store.models import Visit
from servicedesk.ui.schedule.staff import TechniciansDialog


def test_a_week_off_reads_as_days_in_the_overlap_message(office_db):
    technicians.add_days_off(office_db.sam, dt.date(2026, 2, 9), dt.date(2026, 2, 13), "vacation")
    with pytest.raises(ValidationError) as err:
        technicians.add_days_off(office_db.sam, dt.date(2026, 2, 12), dt.date(2026, 2, 12), "training")
    text = str(err.value)
    assert "Mon, Feb 9 – Fri, Feb 13 (vacation)" in text
    assert "AM" not in text and "PM" not in text


def test_one_sick_day_and_a_part_day_read_as_said(office_db):
    technicians.add_days_off(office_db.alex, dt.date(2026, 2, 10), dt.date(2026, 2, 10), "sick")
    technicians.add_time_off(office_db.alex, dt.datetime(2026, 2, 11, 8), dt.datetime(2026, 2, 11, 12), "training")
    plan = recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                                  weekday=1, week_of_month=2, starts_on=dt.date(2026, 2, 1),
                                  window_start=dt.time(9), window_end=dt.time(11), technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 2, 28))
    visit = Visit.select().where(Visit.plan == plan).order_by(Visit.starts_at).first()  # Tue, Feb 10
    with pytest.raises(ValidationError) as err:
        scheduling.assign(visit.id, office_db.alex, reason="Sam is sick")
    assert err.value.problems["technician"] == "Alex Kim is off (sick) Tue, Feb 10."
    part = scheduling.busy(office_db.alex, dt.datetime(2026, 2, 11, 9), dt.datetime(2026, 2, 11, 10))
    assert part == "off (training) Wed, Feb 11, 8:00\u00a0AM – 12:00\u00a0PM"


def test_the_technicians_dialog_lists_the_first_and_last_day_off(office_db, qtbot):
    technicians.add_days_off(office_db.sam, dt.date(2026, 2, 9), dt.date(2026, 2, 13), "vacation")
    dialog = TechniciansDialog()
    qtbot.addWidget(dialog)
    row = next(n for n, s in enumerate(dialog.staff.rows) if s.id == office_db.sam)
    dialog.staff_table.selectRow(row)
    model = dialog.absences
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    shown = [model.index(0, c).data() for c in range(2)]
    assert shown == ["Mon, Feb 9, 2026", "Fri, Feb 13, 2026"]
