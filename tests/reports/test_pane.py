"""The Reports pane: the same report on screen, worked out off the GUI thread when first shown, saved as a PDF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow

from servicedesk.core.services import reports
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.reports.pane import ReportsPane
from tests.documents.pdf import text_of


def _pane_on(qtbot):
    host = QMainWindow()
    registry = ActionRegistry(host)
    pane = ReportsPane(registry, Navigator(host), host)
    host.setCentralWidget(pane)
    host.resize(1300, 700)
    qtbot.addWidget(host)
    return host, pane


@pytest.fixture
def pane(october, qtbot):
    return _pane_on(qtbot)


def _shown(qtbot, host, pane):
    with qtbot.waitSignal(pane.reportShown, timeout=120_000):
        host.show()
    qtbot.waitUntil(lambda: pane.view.isVisible())


def test_nothing_is_worked_out_until_the_pane_is_shown(pane, qtbot):
    host, view = pane
    assert view.report is None and view.month.count() == 0
    _shown(qtbot, host, view)
    assert view.report.month == reports.parse("2026-10")  # last month, by default
    assert view.month.currentText() == "October 2026"


def test_the_screen_shows_every_sentence_chart_and_number_of_the_report(pane, qtbot, qtmodeltester):
    host, view = pane
    _shown(qtbot, host, view)
    expected = reports.build(reports.parse("2026-10"))
    texts = view.view.texts()
    assert texts[0] == "Monthly report: October 2026"
    for line in expected.summary:
        assert "• " + line in texts
    for section in expected.sections:
        assert section.title in texts
        for block in section.blocks:
            assert block.title in texts
            assert all(line in texts for line in block.sentences if line)
    tables = view.view.tables()
    wanted = [b.table for s in expected.sections for b in s.blocks if b.table is not None and b.table.rows]
    assert len(tables) == len(wanted)
    for table, data in zip(tables, wanted):
        model = table.model()
        qtmodeltester.check(model)
        shown = [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]
        assert shown == list(data.rows)
        headers = tuple(model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()))
        assert headers == data.headers
    assert len(view.view.charts) == len(expected.charts()) == 8
    assert all(not chart.pixmap().isNull() and chart.pixmap().width() > 500 for chart in view.view.charts)
    assert [c.toolTip() for c in view.view.charts] == [c.title for c in expected.charts()]


def test_choosing_another_month_works_it_out_again(pane, qtbot):
    host, view = pane
    _shown(qtbot, host, view)
    index = view.month.findText("September 2026")
    with qtbot.waitSignal(view.reportShown, timeout=120_000):
        view.month.setCurrentIndex(index)
        view.month.activated.emit(index)
    assert view.report.month == reports.parse("2026-09")
    assert "Monthly report: September 2026" in view.view.texts()


def test_a_month_with_nothing_in_it_says_so(pane, qtbot):
    host, view = pane
    _shown(qtbot, host, view)
    assert view.month.itemText(view.month.count() - 1) == "March 2024"  # back to the office's first customer
    index = view.month.findText("April 2024")  # a month in which nothing happened
    with qtbot.waitSignal(view.reportShown, timeout=120_000):
        view.month.setCurrentIndex(index)
        view.month.activated.emit(index)
    texts = view.view.texts()
    assert texts[2].startswith("Nothing was recorded in April 2024: no concerns, completed visits")
    assert view.view.tables() == [] and view.view.charts == []


def test_save_as_pdf_writes_the_same_report(pane, qtbot, tmp_path, monkeypatch):
    host, view = pane
    _shown(qtbot, host, view)
    target = tmp_path / "october"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "october.pdf"
    qtbot.waitUntil(lambda: view.state.text() == f"Saved to {written}", timeout=60000)  # written off the GUI thread
    assert written.exists()
    text = text_of(written)
    assert "Harold Benson cancelled on October 20." in text
    assert "They had been on the at-risk list for 49 days, since September 1" in text


def test_a_pest_control_office_saves_its_application_log_from_the_pane(october, qtbot, tmp_path, monkeypatch):
    import csv

    import datetime as dt

    from servicedesk.core.services import office
    from servicedesk.core.store.models import PestApplication, Staff, Visit

    host, view = _pane_on(qtbot)
    office.update(trade="pest")
    visit = (Visit.select().where((Visit.starts_at >= dt.datetime(2026, 10, 1)) & (Visit.starts_at < dt.datetime(2026, 11, 1))
                                  & Visit.technician.is_null(False)).order_by(Visit.starts_at).first())
    tech = Staff.get_by_id(visit.technician_id)
    Staff.update(licence_number="TX-0654321").where(Staff.id == tech.id).execute()
    for minutes, product, area in ((10, "Contrac Blox", "Stockroom stations"), (25, "Advion Ant Gel", "")):
        PestApplication.create(visit=visit, applied_at=visit.starts_at + dt.timedelta(minutes=minutes),
                               target_pest="House mice", product=product, registration_number="12455-79", amount=4,
                               unit="blocks", area=area, applicator=tech.id, licence_number="TX-0654321")
    _shown(qtbot, host, view)
    assert view.log_button.isVisible()
    target = tmp_path / "october-log"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Spreadsheet (CSV) (*.csv)"))
    qtbot.mouseClick(view.log_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "october-log.csv"
    qtbot.waitUntil(lambda: view.state.text().startswith("Saved to"), timeout=60000)  # written off the GUI thread
    with open(written, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Date"], r["Time"], r["Product"], r["Amount"], r["Area treated"], r["Applicator"],
             r["Applicator licence number"], r["Complete"], r["Missing"]) for r in rows] == [
        (visit.starts_at.date().isoformat(), (visit.starts_at + dt.timedelta(minutes=10)).strftime("%H:%M"),
         "Contrac Blox", "4 blocks", "Stockroom stations", tech.name, "TX-0654321", "no", "Site address"),
        (visit.starts_at.date().isoformat(), (visit.starts_at + dt.timedelta(minutes=25)).strftime("%H:%M"),
         "Advion Ant Gel", "4 blocks", "", tech.name, "TX-0654321", "no", "Site address; Area treated")]
    assert view.state.text() == (f"Saved to {written} — 2 applications in October 2026, one row each, oldest first: "
                                 "0 complete and 2 incomplete.")  # the customer has no address on file


def test_an_office_without_pest_control_has_no_application_log_button(pane, qtbot):
    host, view = pane
    _shown(qtbot, host, view)
    assert not view.log_button.isVisible()
