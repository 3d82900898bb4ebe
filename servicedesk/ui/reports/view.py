"""The report drawn on screen: the summary, then each section's charts with their numbers beside them
and the sentences that say what they mean, in the order the PDF prints them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.services.reports import words
from servicedesk.core.services.reports.model import Block, MonthlyReport
from servicedesk.ui.reports.model import FigureTableModel

BESIDE_UP_TO_COLUMNS = 5  # as in the PDF: wider tables go under their chart
TABLE_ROWS_SHOWN = 14  # a longer list scrolls inside its table


def _label(text: str, name: str = "", size: float = 0, bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text, objectName=name or "reportText")
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and words from the database are never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if size or bold:
        font = QFont(label.font())
        if size:
            font.setPointSizeF(font.pointSizeF() * size)
        font.setBold(bold)
        label.setFont(font)
    if muted:
        label.setStyleSheet("color: #5b6775;")
    return label


def _table(block: Block) -> QTableView:
    """The block's numbers: one line a row (the full text in the tooltip), as high as its rows, as wide as its
    columns, with the last column taking the room left when it holds words rather than numbers."""
    table = QTableView(objectName="reportTable")
    table.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
    table.setModel(FigureTableModel(block.table, table))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().lineSpacing() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    last = len(block.table.headers) - 1
    words_last = last not in block.table.numeric and last > 0
    header.setStretchLastSection(words_last)
    shown = min(len(block.table.rows), TABLE_ROWS_SHOWN)
    frame = 2 * table.frameWidth()
    table.setFixedHeight(header.sizeHint().height() + shown * rows.defaultSectionSize() + frame
                         + (0 if shown == len(block.table.rows) else 2))
    if not words_last:
        table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    else:
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return table


class ReportView(QWidget):
    """The whole report, rebuilt for each month shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reportView")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 12, 12)
        self._layout.addWidget(_label(self.tr("The report appears here once it is worked out."), "reportPlaceholder",
                                      muted=True))
        self._layout.addStretch(1)
        self.charts: list[QLabel] = []

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.charts = []

    def show_report(self, report: MonthlyReport, pictures: list[QPixmap]) -> None:
        self._clear()
        add = self._layout.addWidget
        add(_label(self.tr("Monthly report: %s") % words.month(report.month.start), "reportTitle", 1.5, True))
        add(_label(self.tr("At a glance"), "reportHeading", 1.15, True))
        for line in report.summary:
            add(_label(("" if report.empty else "• ") + line, "reportEmpty" if report.empty else "reportSummary",
                       1.2 if report.empty else 0))
        pictures = iter(pictures)
        if not report.empty:
            for section in report.sections:
                add(self._rule())
                add(_label(section.title, "reportSection", 1.3, True))
                for line in section.lead:
                    add(_label(line, "reportLead"))
                for block in section.blocks:
                    self._block(block, next(pictures) if block.chart is not None else None)
        self._layout.addStretch(1)

    @staticmethod
    def _rule() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    def _block(self, block: Block, picture: QPixmap | None) -> None:
        add = self._layout.addWidget
        add(_label(block.title, "reportBlock", 1.05, True))
        for line in block.sentences:
            if line:
                add(_label(line, "reportSentence"))
        chart = None
        if picture is not None:
            chart = QLabel(objectName="reportChart")
            chart.setPixmap(picture)
            chart.setAccessibleName(block.chart.title)
            chart.setToolTip(block.chart.title)
            chart.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.charts.append(chart)
        table = _table(block) if block.table is not None and block.table.rows else None
        if chart is not None and table is not None and len(block.table.headers) <= BESIDE_UP_TO_COLUMNS:
            row = QHBoxLayout()
            row.addWidget(chart, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(table, 0, Qt.AlignmentFlag.AlignTop)
            row.addStretch(1)
            self._layout.addLayout(row)
            return
        if chart is not None:
            add(chart, 0, Qt.AlignmentFlag.AlignLeft)
        if table is not None:
            add(table)

    def widgets(self) -> list[QWidget]:
        """What the report shows, top to bottom."""
        out = []
        for i in range(self._layout.count()):
            item = self._layout.itemAt(i)
            if item.widget() is not None:
                out.append(item.widget())
            elif item.layout() is not None:
                out += [item.layout().itemAt(j).widget() for j in range(item.layout().count())
                        if item.layout().itemAt(j).widget() is not None]
        return out

    def texts(self) -> list[str]:
        """Every sentence and heading on screen, in order (what a reader sees)."""
        return [w.text() for w in self.widgets() if isinstance(w, QLabel) and w.text()]

    def tables(self) -> list[QTableView]:
        return [w for w in self.widgets() if isinstance(w, QTableView)]
