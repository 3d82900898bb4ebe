"""The office's own details as a form, shared by the first-start dialog and Preferences."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from servicedesk.core import formatting
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import office as office_service
from servicedesk.ui.desktop import app_icon
from servicedesk.ui.widgets import sizing
from servicedesk.ui.widgets.typed_dialog import TypedDialog

# The form's fields, by the office setting each one edits.
FIELD_NAMES = {
    "name": "officeName", "address": "officeAddress", "phone": "officePhone", "email": "officeEmail",
    "logo_path": "officeLogo", "owner_name": "ownerName", "signature_line": "signatureLine",
    "locale": "officeRegion", "business_hours": "businessHours",
}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class OfficeForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("officeForm")
        self.name = QLineEdit(objectName="officeName")
        self.name.setPlaceholderText(self.tr("e.g. Bright Water Pools"))
        self.address = QPlainTextEdit(objectName="officeAddress")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.phone = QLineEdit(objectName="officePhone")
        self.email = QLineEdit(objectName="officeEmail")
        self.logo = QLineEdit(objectName="officeLogo")
        self.logo.setPlaceholderText(self.tr("A PNG or JPEG picture, printed on letters"))
        browse = QPushButton(self.tr("Choose…"), objectName="officeLogoBrowse")
        browse.clicked.connect(self._choose_logo)
        self.logo_preview = QLabel(objectName="officeLogoPreview")
        self.logo_preview.setFixedSize(48, 48)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.textChanged.connect(self._show_logo)
        logo_row = QHBoxLayout()
        logo_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.logo, browse, self.logo_preview):
            logo_row.addWidget(w)
        self.owner = QLineEdit(objectName="ownerName")
        self.signature = QLineEdit(objectName="signatureLine")
        self.signature.setPlaceholderText(self.tr("e.g. Maria Keller, Owner"))
        self.region = QComboBox(objectName="officeRegion")
        for code in formatting.COMMON_LOCALES:
            self.region.addItem(_capitalised(formatting.display_name(code)), code)
        self.region.currentIndexChanged.connect(self._show_example)
        self.example = QLabel(objectName="regionExample")
        self.example.setStyleSheet("color: palette(mid);")
        self.hours = QLineEdit(objectName="businessHours")
        self.hours.setPlaceholderText(self.tr("e.g. Mon-Fri 8:00-17:00"))
        self.problems = QLabel(objectName="formProblems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.hide()

        form = QFormLayout(self)
        form.addRow(self.tr("Office &name:"), self.name)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("&Email:"), self.email)
        logo_label = QLabel(self.tr("&Logo:"))
        logo_label.setBuddy(self.logo)
        form.addRow(logo_label, logo_row)
        form.addRow(self.tr("&Owner's name:"), self.owner)
        form.addRow(self.tr("&Signature line:"), self.signature)
        form.addRow(self.tr("&Region:"), self.region)
        form.addRow("", self.example)
        form.addRow(self.tr("&Business hours:"), self.hours)
        form.addRow(self.problems)

    # -- values in and out
    def load(self, office: office_service.Office) -> None:
        self.name.setText(office.name)
        self.address.setPlainText(office.address)
        self.phone.setText(office.phone)
        self.email.setText(office.email)
        self.logo.setText(office.logo_path)
        self.owner.setText(office.owner_name)
        self.signature.setText(office.signature_line)
        self.hours.setText(office.business_hours)
        index = self.region.findData(office.locale)
        if index < 0:  # a region set elsewhere that is not in the usual list
            self.region.addItem(_capitalised(formatting.display_name(office.locale)), office.locale)
            index = self.region.count() - 1
        self.region.setCurrentIndex(index)
        self._show_example()

    def values(self) -> dict:
        locale = self.region.currentData()
        return {
            "name": self.name.text(), "address": self.address.toPlainText(), "phone": self.phone.text(),
            "email": self.email.text(), "logo_path": self.logo.text(), "owner_name": self.owner.text(),
            "signature_line": self.signature.text(), "business_hours": self.hours.text(),
            "locale": locale, "region": formatting.region_of(locale),
        }

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show every problem and put the cursor in the first field that has one."""
        self.problems.setText("\n".join(problems.values()))
        self.problems.setVisible(bool(problems))
        for key in FIELD_NAMES:
            if key in problems:
                self.findChild(QWidget, FIELD_NAMES[key]).setFocus()
                break

    # -- helpers
    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the office logo"), self.logo.text(),
                                              self.tr("Pictures (*.png *.jpg *.jpeg *.gif)"))
        if path:
            self.logo.setText(path)

    def _show_logo(self, path: str) -> None:
        pixmap = QPixmap(path) if path else QPixmap()
        if pixmap.isNull():
            self.logo_preview.clear()
        else:
            self.logo_preview.setPixmap(pixmap.scaled(48, 48, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))

    def _show_example(self) -> None:
        """How a date, a time and an amount will look in the chosen region."""
        from datetime import datetime

        locale = self.region.currentData() or formatting.DEFAULT_LOCALE
        sample = datetime(2026, 3, 27, 14, 30)
        self.example.setText(self.tr("Dates, times and numbers: %1, %2, %3")
                             .replace("%1", formatting.format_date(sample, "long", locale))
                             .replace("%2", formatting.format_time(sample, locale))
                             .replace("%3", formatting.format_number(1234.5, 2, locale)))


class OfficeDialog(TypedDialog):
    """The form in a dialog: OK stores every field through the office service, or shows what is wrong."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form = OfficeForm(self)
        self.form.load(office_service.get())
        self.intro = QLabel(objectName="dialogIntro")
        self.intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.setWindowIcon(app_icon())
        self._sized = False

    def showEvent(self, event) -> None:
        if not self._sized:  # Preferences adds its own rows after this; size once all are in place
            self._sized = True
            sizing.fit(self, 640)
        super().showEvent(event)

    def extra_changes(self) -> dict:
        return {}

    def accept(self) -> None:
        try:
            saved = office_service.update(**self.form.values(), **self.extra_changes())
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            return
        QLocale.setDefault(QLocale(saved.locale))  # month and day names in editors opened from now on
        super().accept()

