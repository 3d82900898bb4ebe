"""The customer's history: one timeline, newest first; a double-click opens the record."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from servicedesk.core import formatting
from servicedesk.core.errors import NotFound
from servicedesk.core.services import history
from servicedesk.ui.widgets.id_list_model import RecordIdRole

KindRole = Qt.ItemDataRole.UserRole + 3

KIND_ICONS = {"visit": "⌂", "interaction": "✉", "concern": "⚠", "follow_up": "↻", "document": "▤", "snooze": "↷"}
# An interaction's icon says how it happened: a call is a telephone, not an envelope.
CHANNEL_ICONS = {"phone": "☎", "email": "@", "letter": "✉", "visit": "⌂", "in_person": "☺", "text": "✆"}


def icon(item) -> str:
    if item.kind == "interaction":
        return CHANNEL_ICONS.get(item.channel, KIND_ICONS["interaction"])
    return KIND_ICONS.get(item.kind, "•")
OPEN_COLOR = {"open": "#c62828", "acknowledged": "#b26a00"}


class HistoryModel(QAbstractTableModel):
    WHEN, WHAT, WHO, DETAILS = range(4)
    HEADERS = ("When", "What", "Who", "Details")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[history.HistoryItem] = []

    def load(self, customer_id: int | None, items=None) -> None:
        """Show ``customer_id``'s history: ``items`` when read with the rest of their profile, else read here."""
        self.beginResetModel()
        if items is None:
            items = history.timeline(customer_id) if customer_id is not None else []
        self.items = items
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == RecordIdRole:
            return item.record_id
        if role == KindRole:
            return item.kind
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return (formatting.format_moment(item.at, None, year=True) if item.at.time() != dt.time()
                        else formatting.format_date(item.at))
            if column == self.WHAT:
                return f"{icon(item)}  {self.tr(item.title)}"
            if column == self.DETAILS:
                return item.text
            return item.who
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DETAILS:
            return item.text
        if role == Qt.ItemDataRole.ForegroundRole and column == self.WHAT and item.status in OPEN_COLOR:
            return QColor(OPEN_COLOR[item.status])
        return None


class HistoryView(QTableView):
    """The timeline table. Visits open on the board; everything else in a detail window."""

    def __init__(self, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("customerHistory")
        self.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
        self.navigator = navigator
        self.history_model = HistoryModel(self)
        self.setModel(self.history_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(HistoryModel.WHEN, 125)
        header.resizeSection(HistoryModel.WHAT, 245)
        header.resizeSection(HistoryModel.WHO, 95)
        header.setStretchLastSection(True)
        self.activated.connect(self.open_record)  # a double-click or Enter

    def open_record(self, index) -> None:
        if not index.isValid():
            return
        kind, record_id = index.data(KindRole), index.data(RecordIdRole)
        if kind == "visit":
            self.navigator.visitRequested.emit(record_id)
            return
        try:
            dialog = HistoryDetail(kind, record_id, self)
        except NotFound as exc:
            self.navigator.statusMessage.emit(str(exc))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._went_out)
        dialog.open()

    def _went_out(self) -> None:
        """A document shown went out from its record: the profile reads the customer again."""
        self.navigator.dataChanged.emit("communication")


def detail_html(kind: str, record_id: int, context) -> str:
    """A record's fields as a two-column table (label, value), for the pane and the window alike."""
    fields = history.detail(kind, record_id)
    return "<table>" + "".join(
        f"<tr><td style='color:#555;padding-right:12px;vertical-align:top'>{html.escape(context.tr(label))}</td>"
        f"<td>{html.escape(value).replace(chr(10), '<br>')}</td></tr>" for label, value in fields) + "</table>"


class HistoryPanel(QSplitter):
    """The History tab: the timeline above, the chosen record in full below."""

    def __init__(self, view: HistoryView, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("historyPanel")
        self.view = view
        self.detail = QLabel(objectName="historyDetailPane")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setContentsMargins(6, 6, 6, 6)
        holder = QScrollArea(objectName="historyDetailScroll")
        holder.setWidgetResizable(True)
        holder.setWidget(self.detail)
        self.addWidget(view)
        self.addWidget(holder)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        view.selectionModel().currentRowChanged.connect(lambda current, _previous: self.show_record(current))
        view.history_model.modelReset.connect(lambda: self.show_record(None))
        self._hint_shown = False
        self.show_record(None)

    def show_record(self, index) -> None:
        if index is None or not index.isValid():
            if not self._hint_shown:  # every profile opened comes here: the hint stays when it is there
                self._hint_shown = True
                self.detail.setText(self.tr("Choose a row to read it in full here; a visit opens on the board "
                                            "with a double-click."))
            return
        self._hint_shown = False
        kind, record_id = index.data(KindRole), index.data(RecordIdRole)
        try:
            self.detail.setText(f"<b>{html.escape(index.siblingAtColumn(HistoryModel.WHAT).data())}</b>"
                                + detail_html(kind, record_id, self.view))
        except NotFound as exc:
            self.detail.setText(html.escape(str(exc)))


class HistoryDetail(QDialog):
    TITLES = {"interaction": "Interaction", "concern": "Concern", "follow_up": "Follow-up", "document": "Document",
              "snooze": "Put off"}

    def __init__(self, kind: str, record_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("historyDetail")
        self.setWindowTitle(self.tr(self.TITLES.get(kind, "Record")))
        self.text = QLabel(detail_html(kind, record_id, self), objectName="historyDetailText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.send_dialog = None
        if kind == "document":  # written, not sent yet: say how it went out once it does
            from servicedesk.core.services import documents

            waiting = documents.unsent(record_id)
            if waiting is not None:
                went = buttons.addButton(self.tr("It went out…"), QDialogButtonBox.ButtonRole.ActionRole)
                went.setObjectName("historySendDocument")
                went.setToolTip(self.tr("Print it, or say it was handed over, posted or emailed"))
                went.clicked.connect(lambda: self._send(waiting))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _send(self, document) -> None:
        from servicedesk.ui.sending import SendDialog

        self.send_dialog = SendDialog([document.id], document.path, document.title, self)
        self.send_dialog.sent.connect(self._sent)
        self.send_dialog.open()

    def _sent(self, _how: str) -> None:
        """It went out: this record closes (the history shows the sending from now on) once its dialog has."""
        self.send_dialog.finished.connect(self.accept, Qt.ConnectionType.QueuedConnection)
