"""The Customers pane: type-ahead search over everyone, and the person on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.services import customers
from servicedesk.ui.actions import ActionId
from servicedesk.ui.customers.model import CustomerListModel
from servicedesk.ui.customers.profile import ProfileView
from servicedesk.ui.widgets.id_list_model import RecordIdRole

SEARCH_DELAY_MS = 120


class CustomersPane(QWidget):
    def __init__(self, registry, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("customersPane")
        self.navigator = navigator

        self.search = QLineEdit(objectName="customerSearch")
        self.search.setPlaceholderText(self.tr("Search name, company, phone, email, street or notes  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="customerCount")

        self.model = CustomerListModel(self)
        self.table = QTableView(objectName="customerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 260)

        self.profile = ProfileView(navigator, self)

        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.search)
        box.addWidget(self.table)
        box.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="customersSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.profile)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._open_first)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._update_count)

        registry.bind(ActionId.FIND, self.focus_search)
        navigator.customerRequested.connect(self.show_customer)
        navigator.dataChanged.connect(self._data_changed)
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def apply_search(self) -> None:
        self._timer.stop()
        self.model.set_query(self.search.text())

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("%n customer(s)", "", n))

    def _open_first(self) -> None:
        self.apply_search()
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def _current_changed(self, current, _previous) -> None:
        record_id = current.data(RecordIdRole) if current.isValid() else None
        if record_id is not None:
            self.profile.show_customer(record_id)

    def show_customer(self, customer_id: int) -> None:
        row = self.model.row_of(customer_id)
        if row < 0:
            self.search.clear()
            self.apply_search()
            row = self.model.row_of(customer_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))
        self.profile.show_customer(customer_id)

    def _data_changed(self, what: str) -> None:
        if what in ("customers", "visits", "communication"):
            self.model.invalidate_rows()
            if self.profile.customer_id is not None:
                self.profile.show_customer(self.profile.customer_id)

    def selected_customer_id(self) -> int | None:
        return self.profile.customer_id

    def customer_count(self) -> int:
        return customers.count()
