"""The Assign dialog keeps its fields still: warnings and errors appear in room kept for them."""

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from servicedesk.core.services import recurrence
from servicedesk.ui.schedule.dialogs import AssignDialog
from tests.ui import layout


@pytest.fixture
def dialog(qtbot, office_db):
    recurrence.create_plan(office_db.dorothy, service_type="Rodent control", recurrence="monthly_weekday",
                           weekday=1, week_of_month=2, starts_on=dt.date(2026, 1, 1), window_start=dt.time(9),
                           window_end=dt.time(11), technician_id=office_db.sam)
    recurrence.generate(dt.date(2026, 2, 28))
    from servicedesk.core.store.models import Visit

    visit = Visit.select().where(Visit.customer == office_db.dorothy).order_by(Visit.starts_at).first()
    d = AssignDialog(visit.id)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.office = office_db
    return d


def where(dialog):
    return {name: w.mapTo(dialog, QPoint(0, 0)) for name, w in (
        ("technician", dialog.technician), ("when", dialog.start), ("reason", dialog.reason),
        ("regular", dialog.make_regular), ("confirm", dialog.findChild(QPushButton, "confirmAssign")))}


def test_picking_a_suggestion_that_warns_moves_nothing(dialog, qtbot):
    warning = dialog.findChild(QLabel, "assignWarning")
    assert warning.text() == ""  # Sam, her own technician, as planned
    before = where(dialog)
    substitute = next(n for n, p in enumerate(dialog.proposals.rows) if p.kind == "substitute")
    dialog.table.scrollTo(dialog.proposals.index(substitute, 1))  # as a person scrolls the list to it
    cell = dialog.table.visualRect(dialog.proposals.index(substitute, 1)).center()
    assert dialog.table.viewport().rect().contains(cell)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert dialog.technician.currentData() != dialog.office.sam
    assert "is not Sam Ortiz" in warning.text() and warning.isVisible()
    assert where(dialog) == before
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmAssign"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "assignError")
    assert error.isVisible() and "needs a reason" in error.text()
    assert where(dialog) == before  # the error too has its room
    assert not dialog.make_regular.isChecked()
    assert not layout.problems(dialog), layout.problems(dialog)

