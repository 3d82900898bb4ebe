"""The History tab: the timeline in the profile, each row opening its record."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from servicedesk.core.store.models import Concern, Interaction, Visit
from servicedesk.ui.customers.history import HistoryView
from servicedesk.ui.navigation import Navigator


def _view(qtbot, customer_id):
    navigator = Navigator()
    view = HistoryView(navigator)
    qtbot.addWidget(view)
    view.history_model.load(customer_id)
    view.resize(800, 400)
    view.show()
    return view, navigator


def _double_click(qtbot, view, row):
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_rows_open_their_records(qtbot, dorothy, sam, qtmodeltester):
    visit = Visit.create(customer=dorothy, technician=sam, starts_at=dt.datetime(2026, 2, 3, 9),
                         ends_at=dt.datetime(2026, 2, 3, 10), status="completed", service_type="monthly")
    Concern.create(customer=dorothy, raised_at=dt.datetime(2026, 2, 5, 11), words="A stranger came again",
                   category="technician_change")
    view, navigator = _view(qtbot, dorothy)
    qtmodeltester.check(view.model())
    shown = [view.model().index(r, 1).data() for r in range(view.model().rowCount())]
    assert shown == ["⚠  Concern — Technician change (open)", "⌂  Visit — Monthly (completed)"]
    with qtbot.waitSignal(navigator.visitRequested) as signal:
        _double_click(qtbot, view, 1)
    assert signal.args == [visit.id]
    _double_click(qtbot, view, 0)
    dialog = view.findChild(QWidget, "historyDetail")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert "A stranger came again" in dialog.findChild(QLabel, "historyDetailText").text()


def test_five_hundred_items_in_the_profile(qtbot, dorothy):
    Interaction.insert_many([{"customer": dorothy, "occurred_at": dt.datetime(2021, 1, 1) + dt.timedelta(days=n),
                              "channel": "phone", "direction": "in", "summary": f"call {n}"}
                             for n in range(500)]).execute()
    view, _navigator = _view(qtbot, dorothy)
    assert view.model().rowCount() == 500
    assert view.model().index(0, 3).data() == "call 499"
    assert isinstance(view, QTableView)
