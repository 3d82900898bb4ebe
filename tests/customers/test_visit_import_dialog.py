"""File > Import Visits…: the product named, each column's place, and every unknown technician asked about."""

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QTableView

from servicedesk.core.services import technicians, visit_import
from servicedesk.core.store.models import ServicePlan, Staff, Visit
from servicedesk.ui.customers.visit_import import VisitImportDialog, import_visits
from servicedesk.ui.navigation import Navigator

HEADER = ("Date", "Times", "Visit title", "Client name", "Client phone", "Visit completed date", "Assigned to",
          "One-off job ($)", "Schedule duration", "Job type", "Visit frequency")
ROWS = [("Feb 10, 2026", "9:00 AM - 10:00 AM", "Monthly pest", "Dorothy Finch", "555 201 4455", "Feb 10, 2026",
         "Priya Nair", "", "1.00", "Recurring", "Monthly on the 2nd Tuesday"),
        ("Feb 12, 2026", "1:00 PM - 2:00 PM", "Wasp nest", "Dorothy Finch", "555 201 4455", "Feb 12, 2026",
         "Tom B.", "95.00", "1.00", "One-off", ""),
        ("Feb 13, 2026", "1:00 PM - 2:00 PM", "Wasp nest check", "Dorothy Finch", "555 201 4455", "Feb 13, 2026",
         "sam ortiz", "", "0.50", "One-off", "")]


def _file(tmp_path, rows=ROWS):
    path = tmp_path / "visits.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def _choose(qtbot, box: QComboBox, data, dialog) -> None:
    """Pick an answer the way a person does with the keyboard: click the list, then arrow down to it;
    each answer has every row checked again on a worker thread: wait for that."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    if box.view().isVisible():
        qtbot.keyClick(box.view(), Qt.Key.Key_Escape)
    while box.currentData() != data:
        before = box.currentIndex()
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentIndex() != before, f"{data!r} is not among the choices"
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)


def _import(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)  # imported on a worker thread


def test_unknown_technicians_are_asked_about_then_added(qtbot, dorothy, tmp_path, qtmodeltester):
    dialog = VisitImportDialog(visit_import.read(_file(tmp_path)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.findChild(QTableView, "visitImportColumns").model())
    assert "It looks like a Jobber visits report" in dialog.summary.text()
    report = dialog.findChild(QPlainTextEdit, "visitImportReport").toPlainText()
    assert "Say below what to do about each technician the office does not have: Priya Nair, Tom B." in report
    assert "line 2: Dorothy Finch — Monthly pest: Monthly on the 2nd Tuesday" in report
    assert not dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 3 visits and make 1 service plan"
    first, second = (dialog.findChild(QComboBox, f"technicianChoice{n}") for n in range(2))
    assert first.isVisible() and first.currentText() == "Choose what to do…"
    _choose(qtbot, first, "create", dialog)
    assert first.currentText() == "Add “Priya Nair” as a new technician"
    assert not dialog.import_button.isEnabled()  # Tom B. still has no answer
    _choose(qtbot, second, "create", dialog)
    assert dialog.import_button.isEnabled()
    _import(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_.technicians == ("Priya Nair", "Tom B.") and dialog.result_.plans == 1
    names = {v.service_type: Staff.get_by_id(v.technician_id).name for v in Visit.select() if v.import_key}
    assert names == {"Monthly pest": "Priya Nair", "Wasp nest": "Tom B.", "Wasp nest check": "Sam Ortiz"}


def test_unknown_technicians_said_to_be_someone_here_or_nobody(qtbot, dorothy, tmp_path):
    technicians.create("Priya Nair-Shah")
    dialog = VisitImportDialog(visit_import.read(_file(tmp_path, ROWS[:2])))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.import_button.text() == "Import 2 visits and make 1 service plan"
    first, second = (dialog.findChild(QComboBox, f"technicianChoice{n}") for n in range(2))
    _choose(qtbot, first, "Priya Nair-Shah", dialog)
    assert first.currentText() == "The same person as Priya Nair-Shah"
    _choose(qtbot, second, "nobody", dialog)
    _import(qtbot, dialog)
    visits = {v.service_type: v for v in Visit.select() if v.import_key}
    assert Staff.get_by_id(visits["Monthly pest"].technician_id).name == "Priya Nair-Shah"
    assert visits["Wasp nest"].technician_id is None and "Assigned to: Tom B." in visits["Wasp nest"].notes
    assert Staff.select().count() == 2  # nobody was added


def test_file_menu_import_visits_runs_the_whole_way(qtbot, dorothy, tmp_path, monkeypatch):
    path = _file(tmp_path, [ROWS[2]])

    shown = []

    def click_import(dialog):
        assert dialog.import_button.text() == "Import 1 visit"
        _import(qtbot, dialog)
        shown.append(dialog)
        return dialog.result()

    monkeypatch.setattr(VisitImportDialog, "exec", click_import)
    navigator = Navigator()
    with qtbot.waitSignal(navigator.statusMessage, timeout=30_000) as message:  # read, checked, imported
        import_visits(None, navigator, str(path))
    result = shown[0].result_
    assert result.imported == 1 and message.args[0] == "Imported 1 visit."
    assert ServicePlan.select().count() == 0


def test_a_column_without_a_place_is_mapped_in_the_dialog(qtbot, dorothy, tmp_path):
    path = tmp_path / "own.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("Date", "Client", "Service", "Done by"),
                                 ("2026-02-02", "Dorothy Finch", "Spray", "Sam Ortiz"),
                                 ("2026-02-09", "Dorothy Finch", "Spray", "Jo Lee")])
    dialog = VisitImportDialog(visit_import.read(path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Column 'Done by' has data in 2 rows and no place" in dialog.report.toPlainText()
    assert not dialog.import_button.isEnabled()
    view = dialog.findChild(QTableView, "visitImportColumns")
    cell = view.model().index(3, 1)
    view.setCurrentIndex(cell)
    view.edit(cell)
    editor = view.findChild(QComboBox, "mappingChoice")
    editor.setCurrentIndex(editor.findData("technician"))
    view.commitData(editor)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)  # every row checked again with the new place
    assert view.model().index(3, 1).data() == "Technician (one or more names)"
    # the column now names someone the office does not have: they are asked about too
    assert "Say below what to do about each technician the office does not have: Jo Lee." in dialog.report.toPlainText()
    assert not dialog.import_button.isEnabled()
    jo = dialog.findChild(QComboBox, "technicianChoice0")
    assert jo.isVisible()
    _choose(qtbot, jo, "Sam Ortiz", dialog)
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 2 visits"
    _import(qtbot, dialog)
    assert [v.technician_id for v in Visit.select()] == [Staff.get(Staff.name == "Sam Ortiz").id] * 2
