"""Export a technician's schedule as an .ics file for their phone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from servicedesk import paths
from servicedesk.core.errors import ServiceError
from servicedesk.core.services import ics, technicians
from servicedesk.ui.schedule.dialogs import ErrorLabel
from servicedesk.ui.widgets import dates


class ExportDialog(QDialog):
    def __init__(self, technician_id: int | None, first_day: dt.date, parent=None):
        super().__init__(parent)
        self.setObjectName("exportIcsDialog")
        self.setWindowTitle(self.tr("Export a technician's schedule"))
        self.written = ""
        self.technician = QComboBox(objectName="exportTechnician")
        for t in technicians.technicians():
            self.technician.addItem(t.name, t.id)
        if technician_id is not None:
            self.technician.setCurrentIndex(max(0, self.technician.findData(technician_id)))
        self.first = QDateEdit(QDate(first_day), objectName="exportFrom")
        self.last = QDateEdit(QDate(first_day + dt.timedelta(days=13)), objectName="exportTo")
        for w in (self.first, self.last):
            w.setCalendarPopup(True)
            w.setDisplayFormat(dates.date_format())
        self.path = QLineEdit(objectName="exportPath")
        browse = QPushButton(self.tr("Choose…"), objectName="exportBrowse")
        browse.clicked.connect(self.browse)
        self.technician.currentIndexChanged.connect(self._suggest)
        self._suggest()
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Technician"), self.technician)
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To"), self.last)
        form.addRow(self.tr("File"), where)
        self.error = ErrorLabel("exportError", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _suggest(self) -> None:
        name = paths.file_stem(self.technician.currentText().lower(), "schedule")
        folder = paths.data_dir()
        self.path.setText(str(folder / f"{name}.ics"))

    def browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save schedule as"), self.path.text(),
                                                      self.tr("Calendar files (*.ics)"))
        if chosen:
            self.path.setText(chosen)

    def save(self) -> None:
        if self.technician.currentData() is None:
            self.error.setText(self.tr("There is no technician to export."))
            self.error.show()
            return
        try:
            count = ics.export(self.technician.currentData(), self.first.date().toPython(),
                               self.last.date().toPython(), self.path.text())
        except ServiceError as exc:
            self.error.show_error(exc)
            return
        except OSError as exc:
            self.error.setText(self.tr("Could not write %s: %s") % (self.path.text(), exc.strerror or exc))
            self.error.show()
            return
        self.written = self.tr("%d visits for %s written to %s") % (count, self.technician.currentText(),
                                                                    self.path.text())
        self.accept()
