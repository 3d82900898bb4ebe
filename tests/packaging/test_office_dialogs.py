"""The first-start dialog and Preferences store the office's details, or nothing at all."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import office
from servicedesk.ui.actions import ActionId
from servicedesk.ui.first_start import FirstStartDialog, ask_if_needed
from servicedesk.ui.preferences import PreferencesDialog


@pytest.fixture
def logo(tmp_path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#0b6b72"))
    path = tmp_path / "logo.png"
    assert image.save(str(path))
    return path


def fill(qtbot, dialog, logo):
    form = dialog.form
    form.name.clear()
    qtbot.keyClicks(form.name, "Bright Water Pools")
    form.address.setPlainText("12 Harbour Road\nRiverton 45002")
    qtbot.keyClicks(form.phone, "+44 20 7946 0000")
    qtbot.keyClicks(form.email, "office@brightwater.example")
    form.logo.setText(str(logo))
    qtbot.keyClicks(form.owner, "Maria Keller")
    qtbot.keyClicks(form.signature, "Maria Keller, Owner")
    form.region.setCurrentIndex(form.region.findData("en_GB"))
    form.hours.clear()
    qtbot.keyClicks(form.hours, "Mon-Sat 7:30-18:00")


def test_first_start_stores_every_field_and_marks_the_office_set_up(qtbot, db, logo):
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "firstStartDialog"
    fill(qtbot, dialog, logo)
    assert "27 March 2026" in dialog.findChild(QWidget, "regionExample").text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = office.get()
    assert stored.name == "Bright Water Pools"
    assert stored.address == "12 Harbour Road\nRiverton 45002"
    assert stored.phone == "+44 20 7946 0000"
    assert stored.email == "office@brightwater.example"
    assert stored.logo_path == str(logo)
    assert (stored.owner_name, stored.signature_line) == ("Maria Keller", "Maria Keller, Owner")
    assert (stored.locale, stored.region) == ("en_GB", "GB")
    assert stored.business_hours == "Mon-Sat 7:30-18:00"
    assert stored.configured is True


def test_cancel_stores_nothing(qtbot, db, logo):
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, logo)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert office.get() == office.Office()


def test_bad_input_is_named_and_changes_nothing(qtbot, db, tmp_path):
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.email, "not an address")
    dialog.form.logo.setText(str(tmp_path / "missing.png"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # still open, so the office can fix it
    problems = dialog.findChild(QWidget, "formProblems")
    assert problems.isVisible()
    assert "needs a name" in problems.text()
    assert "not valid" in problems.text()
    assert "missing.png" in problems.text() and "does not exist" in problems.text()
    assert office.get() == office.Office()
    qtbot.keyClicks(dialog.form.name, "Green Leaf Pest Control")
    dialog.form.email.clear()
    dialog.form.logo.clear()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert office.get().name == "Green Leaf Pest Control"


def test_asked_only_while_the_office_is_not_set_up(qtbot, db):
    office.update(name="Already Here", configured=True)
    assert ask_if_needed() is True  # returns at once: no dialog to answer

    office.update(configured=False)
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.objectName())
        dialog.reject()

    QTimer.singleShot(0, answer)
    assert ask_if_needed() is False
    assert seen == ["firstStartDialog"]


def test_preferences_show_the_stored_office_and_save_changes(qtbot, db, logo):
    office.update(name="Bright Water Pools", locale="de_DE", region="DE", owner_name="Maria Keller",
                  configured=True)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "preferencesDialog"
    assert dialog.form.name.text() == "Bright Water Pools"
    assert dialog.form.region.currentData() == "de_DE"
    assert dialog.form.region.currentText() == "Deutsch (Deutschland)"
    assert "27. März 2026" in dialog.findChild(QWidget, "regionExample").text()
    dialog.form.owner.clear()
    qtbot.keyClicks(dialog.form.owner, "Anna Keller")
    dialog.form.region.setCurrentIndex(dialog.form.region.findData("de_AT"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    stored = office.get()
    assert (stored.owner_name, stored.locale, stored.region) == ("Anna Keller", "de_AT", "AT")
    assert stored.name == "Bright Water Pools" and stored.configured


def test_a_region_outside_the_usual_list_is_kept(qtbot, db):
    office.update(name="Oslo Office", locale="is_IS", region="IS", configured=True)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert dialog.form.region.currentData() == "is_IS"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert office.get().locale == "is_IS"


def test_edit_preferences_opens_the_dialog_from_the_main_window(qtbot, demo_db, db_path):
    from servicedesk.ui.main_window import MainWindow

    window = MainWindow(db_path)
    qtbot.addWidget(window)
    action = window.findChild(QAction, ActionId.PREFERENCES.value)
    assert action.isEnabled()
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        seen.append((dialog.objectName(), dialog.form.name.text()))
        dialog.reject()

    QTimer.singleShot(0, answer)
    action.trigger()
    assert seen == [("preferencesDialog", office.get().name)]
    assert office.get().name  # the demo office has one


def test_preferences_set_how_the_office_works(qtbot, db):
    office.update(name="Bright Water Pools", configured=True)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert (dialog.ack.value(), dialog.resolve.value(), dialog.rhythm.value()) == (1, 5, 45)
    assert dialog.letter_day.currentText() == "Friday"
    assert dialog.fit_values.toPlainText().splitlines() == list(office.get().values)
    dialog.ack.setValue(2)
    dialog.resolve.setValue(10)
    dialog.rhythm.setValue(30)
    dialog.letter_day.setCurrentIndex(0)
    dialog.fit_values.setPlainText("Same technician every time\n\n  We call before we come  \nSame technician every time")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    stored = office.get()
    assert (stored.ack_target_days, stored.resolve_target_days, stored.contact_rhythm_days) == (2, 10, 30)
    assert stored.letter_weekday == 0
    assert stored.values == ("Same technician every time", "We call before we come")


def test_targets_that_contradict_each_other_are_named_and_nothing_is_stored(qtbot, db):
    office.update(name="Bright Water Pools", configured=True)
    before = office.get()
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.ack.setValue(6)
    dialog.resolve.setValue(3)
    dialog.fit_values.setPlainText("   \n")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() or dialog.result() != PreferencesDialog.DialogCode.Accepted
    text = dialog.findChild(QWidget, "formProblems").text()
    assert "Resolving (3 business days) cannot be due before acknowledging (6)" in text
    assert "fit check needs at least one value" in text
    assert office.get() == before
    with pytest.raises(ValidationError) as err:
        office.update(contact_rhythm_days="often", letter_weekday=9)
    assert set(err.value.problems) == {"contact_rhythm_days", "letter_weekday"}
    assert office.get() == before
