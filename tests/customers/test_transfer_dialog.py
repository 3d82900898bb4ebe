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
    plan = imports.read(_file(tmp_path, [("Full name", "Mobile", "Fax"), ("Walter Brown", "555 301 7777", "555 301 7778"),
                                         ("Dorothy Finch", "", "")]))
    dialog = ImportDialog(plan)
    qtbot.addWidget(dialog)
    columns = dialog.findChild(QTableView, "importColumns").model()
    preview = dialog.findChild(QTableView, "importPreview").model()
    qtmodeltester.check(columns)
    qtmodeltester.check(preview)
    assert [(columns.index(r, 0).data(), columns.index(r, 1).data()) for r in range(3)] == [
        ("Full name", "Name"), ("Mobile", "Mobile phone"), ("Fax", "Fax")]
    assert preview.index(0, 0).data() == "Walter Brown"
    assert "line 3: Dorothy Finch — nearly the same name as Dorothy Finch" in dialog.findChild(
        QPlainTextEdit, "importReport").toPlainText()
    assert dialog.import_button.text() == "Import 1 customer"
    dialog.findChild(QCheckBox, "includeDuplicates").setChecked(True)
    assert dialog.import_button.text() == "Import 2 customers"
    dialog.findChild(QCheckBox, "includeDuplicates").setChecked(False)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=20_000)  # imported on a worker thread
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
        qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)
        return dialog.result()

    monkeypatch.setattr(transfer.ImportDialog, "exec", click_import)
    navigator = Navigator()
    with qtbot.waitSignal(navigator.statusMessage, timeout=30_000) as message:  # read, checked, imported
        transfer.import_customers(None, navigator, str(path))
    assert message.args[0] == "Imported 450 customers." and customers.count() == 450


def test_a_products_file_is_named_and_any_column_can_be_mapped_before_importing(qtbot, office_db, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox

    header = ("J-ID", "Display Name", "First Name", "Last Name", "Main Phone #s", "E-mails", "Service Street 1",
              "Service City", "Gate code")
    path = _file(tmp_path, [header, ("10", "Ann Lee", "Ann", "Lee", "555 201 0001", "ann@lee.example",
                                     "3 Bay Road", "Riverton", "4411"),
                            ("11", "Bob Stone", "Bob", "Stone", "555 201 0002", "bob@", "9 Hill Road", "Riverton", "")])
    dialog = ImportDialog(imports.read(path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "It looks like a Jobber export" in dialog.summary.text()
    report = dialog.findChild(QPlainTextEdit, "importReport").toPlainText()
    assert "Column 'Gate code' has data in 1 row and no place" in report
    assert "line 3: The email address “bob@” is not valid" in report
    preview = dialog.findChild(QTableView, "importPreview").model()
    assert preview.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # the bad row is marked
    assert preview.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not dialog.import_button.isEnabled()
    # the person gives "Gate code" a place: the service address's access notes, chosen in the list
    view = dialog.findChild(QTableView, "importColumns")
    cell = view.model().index(8, 1)
    view.setCurrentIndex(cell)
    view.edit(cell)
    editor = view.findChild(QComboBox, "mappingChoice")
    editor.setCurrentIndex(editor.findData("site_access"))
    view.commitData(editor)
    qtbot.waitUntil(lambda: not dialog.busy())  # every row checked again with the new mapping
    assert view.model().index(8, 1).data() == "Service address: access notes"
    assert "Gate code" not in dialog.findChild(QPlainTextEdit, "importReport").toPlainText()
    # and leaves the bad email out by mapping the column to "Left out"
    dialog.columns_model.setData(dialog.columns_model.index(5, 1), "skip")
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result_ is not None)
    assert dialog.result_.imported == 2
    ann = customers.get(customers.search_ids("Ann Lee")[0])
    assert (ann.reference, ann.sites[0].access_notes, ann.email) == ("10", "4411", "")


def test_keeping_unplaced_columns_in_the_notes_from_the_dialog(qtbot, office_db, tmp_path):
    dialog = ImportDialog(imports.read(_file(tmp_path, [("Name", "Pet"), ("Ann Lee", "Dog: Biscuit")])))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled() and dialog.keep_in_notes.isVisibleTo(dialog)
    dialog.keep_in_notes.setChecked(True)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result_ is not None)
    assert customers.get(customers.search_ids("Ann")[0]).notes == "Pet: Dog: Biscuit"
