"""The Reports pane: the owner's monthly report on screen, and saved as a PDF.

The report is worked out the first time the pane is shown, and again for another month or after
a change, always off the GUI thread (``operations.run``) with a progress bar while it
runs; the window stays usable. The charts are the same definitions the PDF prints
(``documents.charts``), rendered by matplotlib on the worker thread and shown as pictures.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.errors import ServiceError
from servicedesk.ui import operations
from servicedesk.ui.reports.view import ReportView
from servicedesk.ui.widgets import plain_box


class _Progress(QObject):
    """Carries the worker's progress to the GUI thread (a queued signal)."""

    advanced = Signal(int)


def _work(month, progress):
    """On the worker thread: the report, and each chart as a PNG for the screen."""
    from servicedesk.core.documents import charts
    from servicedesk.core.services import reports

    report = reports.build(month, progress)
    pictures = [charts.png(chart, charts.SCREEN_DPI) for chart in report.charts()]
    progress(reports.STEPS + 1)
    return report, pictures


class ReportsPane(QWidget):
    reportShown = Signal()  # a report is on screen (tests wait for it)

    def __init__(self, actions, navigator, parent=None):  # noqa: ARG002  (as every pane is made)
        super().__init__(parent)
        self.setObjectName("reportsPane")
        self.navigator = navigator
        self.report = None
        self._loaded = False
        self._stale = False
        self._busy = False
        self._wanted = None  # a month chosen while another was being worked out
        self._save_when_shown = False  # "Save as PDF" asked for before the report was worked out

        self.month = QComboBox(objectName="reportMonth")
        self.month.setMinimumContentsLength(14)
        self.month.activated.connect(lambda _i: self.load())
        self.save_button = QPushButton(self.tr("Save as PDF…"), objectName="saveReportPdf")
        self.save_button.clicked.connect(self.save_pdf)
        self.save_button.setEnabled(False)
        self.log_button = QPushButton(self.tr("Application Log…"), objectName="saveApplicationLog")
        self.log_button.setToolTip(self.tr("Every pesticide application of the month, one row each, as a CSV or "
                                           "PDF file for a state inspector"))
        self.log_button.clicked.connect(self.save_application_log)
        self.progress = QProgressBar(objectName="reportProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.state = QLabel(objectName="reportState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month:")))
        top.addWidget(self.month)
        top.addWidget(self.save_button)
        top.addWidget(self.log_button)
        top.addSpacing(12)
        top.addWidget(self.progress)
        top.addWidget(self.state, 1)

        self.view = ReportView()
        self.scroll = QScrollArea(objectName="reportScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.view)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)

        self._progress = _Progress(self)
        self._progress.advanced.connect(self.progress.setValue)
        navigator.dataChanged.connect(self._data_changed)

    # -- loading, the first time the pane is shown
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded or self._stale:
            self._loaded, self._stale = True, False
            self._fill_months()
            self.log_button.setVisible(self._pest_office())
            self.load()

    @staticmethod
    def _pest_office() -> bool:
        from servicedesk.core.services import office

        return "pest" in office.get().trade.lower()

    def _data_changed(self, _what: str) -> None:
        if self.isVisible():
            self.load()
        else:
            self._stale = self._loaded

    def _fill_months(self) -> None:
        from servicedesk.core.services import reports
        from servicedesk.core.services.reports import words

        chosen = self.month.currentData()
        self.month.clear()
        for month in reports.months():
            self.month.addItem(words.month(month.start), month.key)
        index = self.month.findData(chosen) if chosen is not None else -1
        if index < 0:
            index = self.month.findData(reports.last_full_month().key)
        self.month.setCurrentIndex(max(index, 0))

    def chosen_month(self):
        from servicedesk.core.services import reports

        key = self.month.currentData()
        return reports.parse(key) if key else None

    def load(self) -> None:
        """Work out the report for the chosen month, off the GUI thread."""
        from servicedesk.core.services import reports
        from servicedesk.core.services.reports import words

        month = self.chosen_month()
        if month is None:
            return
        if self._busy:
            self._wanted = month
            return
        self._busy = True
        self.save_button.setEnabled(False)
        self.progress.setRange(0, reports.STEPS + 1)
        self.progress.setValue(0)
        self.progress.show()
        self.state.setText(self.tr("Working out the report for %s…") % words.month(month.start))
        operations.run(self, lambda _step: _work(month, self._progress.advanced.emit),
                       lambda result: self._show(month, result), self._failed, name="workOutReport")

    def _finish(self, month=None) -> bool:
        """The work is done; False when another month was chosen meanwhile (that one starts now)."""
        self._busy = False
        self.progress.hide()
        wanted, self._wanted = self._wanted, None
        if wanted is not None and wanted != month:
            self.load()
            return False
        return True

    def _show(self, month, result) -> None:
        if not self._finish(month):
            return
        report, pictures = result
        self.report = report
        self.view.show_report(report, [self._pixmap(data) for data in pictures])
        self.scroll.verticalScrollBar().setValue(0)
        self.state.setText("")
        self.save_button.setEnabled(True)
        self.reportShown.emit()
        if self._save_when_shown:
            self._save_when_shown = False
            self.save_pdf()

    @staticmethod
    def _pixmap(data: bytes) -> QPixmap:
        pixmap = QPixmap()
        pixmap.loadFromData(data, "PNG")
        return pixmap

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, ServiceError):
            self.state.setText(str(error))
            return
        self.state.setText(self.tr("The report could not be worked out: %s") % error)
        raise error

    # -- the PDF
    def save_pdf(self) -> None:
        from servicedesk.core.services.reports import pdf

        if self.report is None or self._busy:
            self._save_when_shown = True  # once the report on its way is on screen
            return
        report = self.report
        suggested = f"report-{report.month.key}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the monthly report"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        def saved(_written) -> None:
            self.state.setText(self.tr("Saved to %s") % path)
            self.navigator.statusMessage.emit(self.tr("Monthly report saved to %s") % path)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, (OSError, ServiceError)):
                raise exc
            plain_box.warn(self, self.tr("Save the monthly report"),
                           self.tr("The report could not be saved: %s") % exc)

        operations.run(self, lambda step: pdf.write(report, path, lambda done: step(done, pdf.STEPS)), saved, failed,
                       title=self.tr("Writing the report…"), name="saveReport")


    # -- the pesticide application log
    def save_application_log(self) -> None:
        from servicedesk.core.services import application_log

        month = self.chosen_month()
        if month is None:
            self._fill_months()
            month = self.chosen_month()
        suggested = f"application-log-{month.key}.csv"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save the pesticide application log"), suggested,
            self.tr("Spreadsheet (CSV) (*.csv);;PDF for printing (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith((".csv", ".pdf")):
            path += ".pdf" if "pdf" in chosen.lower() else ".csv"

        def write(_progress):
            found = application_log.entries(month.start, month.end)
            if path.lower().endswith(".csv"):
                application_log.write_csv(found, path)
            else:
                application_log.write_pdf(found, month.start, month.end, path)
            return application_log.summary(found, month.start, month.end)

        def saved(said) -> None:
            self.state.setText(self.tr("Saved to %s") % path + " — " + said[0])
            self.navigator.statusMessage.emit(self.tr("Application log saved to %s") % path)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, (OSError, ServiceError)):
                raise exc
            plain_box.warn(self, self.tr("Save the pesticide application log"),
                           self.tr("The log could not be saved: %s") % exc)

        operations.run(self, write, saved, failed, title=self.tr("Writing the application log…"),
                       name="saveApplicationLog")
