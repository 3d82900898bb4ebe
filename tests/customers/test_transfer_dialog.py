"""File > Import Customers… shows the columns and first rows, refuses bad files, and imports good ones."""

import csv

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QTableView

from servicedesk.core.services import customers, imports
from servicedesk.ui.customers.transfer import ImportDialog, export_customers
from servicedesk.ui.navigation import Navigator


def _file(tmp_path, rows):
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return path


def test_preview_and_mapping_then_import(qtbot, dorothy, tmp_path, qtmodeltester):
    plan = imports.read(_file(tmp_path, [("Full name", "Mobile", "Fax"), ("Walter Brown", "555 301 7777", "x"),
                                         ("Dorothy Finch", "", "")]))
    dialog = ImportDialog(plan)
    qtbot.addWidget(dialog)
    columns = dialog.findChild(QTableView, "importColumns").model()
    preview = dialog.findChild(QTableView, "importPreview").model()
    qtmodeltester.check(columns)
    qtmodeltester.check(preview)
    assert [(columns.index(r, 0).data(), columns.index(r, 1).data()) for r in range(3)] == [
        ("Full name", "Name"), ("Mobile", "Phone"), ("Fax", "(ignored)")]
    assert preview.index(0, 0).data() == "Walter Brown"
    assert "line 3: Dorothy Finch — nearly the same name as Dorothy Finch" in dialog.findChild(
        QPlainTextEdit, "importReport").toPlainText()
    assert dialog.import_button.text() == "Import 1 customer"
    dialog.findChild(QCheckBox, "includeDuplicates").setChecked(True)
    assert dialog.import_button.text() == "Import 2 customers"
    dialog.findChild(QCheckBox, "includeDuplicates").setChecked(False)
    dialog.import_button.click()
    assert dialog.result_.imported == 1
    assert customers.count() == 2


def test_bad_rows_disable_import(qtbot, office_db, tmp_path):
    plan = imports.read(_file(tmp_path, [("Name", "Email"), ("Ann Lee", "ann@"), ("", "x@example.com")]))
    dialog = ImportDialog(plan)
    qtbot.addWidget(dialog)
    report = dialog.findChild(QPlainTextEdit, "importReport").toPlainText()
    assert "line 2:" in report and "line 3: The customer's name is required." in report
    assert not dialog.import_button.isEnabled()


def test_export_from_the_menu_writes_the_file(qtbot, dorothy, tmp_path):
    navigator = Navigator()
    path = tmp_path / "out.csv"
    with qtbot.waitSignal(navigator.statusMessage) as message:
        assert export_customers(None, navigator, str(path)) == 1
    assert "Exported 1 customer" in message.args[0]
    assert "Dorothy Finch" in path.read_text(encoding="utf-8-sig")


def test_file_menu_import_runs_the_whole_way(qtbot, office_db, tmp_path, monkeypatch):
    from servicedesk.ui.customers import transfer

    rows = [("Name", "Phone")] + [(f"Person {n}", f"555 201 {1000 + n}") for n in range(450)]
    path = _file(tmp_path, rows)

    def click_import(dialog):
        assert dialog.import_button.text() == "Import 450 customers"
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(transfer.ImportDialog, "exec", click_import)
    navigator = Navigator()
    with qtbot.waitSignal(navigator.dataChanged):
        result = transfer.import_customers(None, navigator, str(path))
    assert result.imported == 450 and customers.count() == 450
