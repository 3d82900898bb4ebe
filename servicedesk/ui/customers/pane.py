"""The Customers pane: type-ahead search over everyone, and the person on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSplitter,
    QTabWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.services import customers
from servicedesk.ui.actions import ActionId
from servicedesk.ui.customers.model import CustomerListModel
from servicedesk.ui.customers.empty_profile import empty_profile
from servicedesk.ui.widgets.guide import Guide
from servicedesk.ui.widgets.id_list_model import RecordIdRole

SEARCH_DELAY_MS = 120


def _transfer():
    from servicedesk.ui.customers import transfer  # the import and export dialogs load when first asked for

    return transfer


def _visit_import():
    from servicedesk.ui.customers import visit_import

    return visit_import


class CustomersPane(QWidget):
    countKnown = Signal()  # the list's whole count is shown (it follows the first screenful)

    def __init__(self, registry, navigator, parent=None, hold_rest: bool = False):
        """``hold_rest``: the list shows its first screenful and reads the rest (and the count) only once
        ``model.release_rest()`` is called (the window does when it has first painted)."""
        super().__init__(parent)
        self.setObjectName("customersPane")
        self.navigator = navigator

        self.search = QLineEdit(objectName="customerSearch")
        self.search.setPlaceholderText(self.tr("Search name, company, phone, email, street or notes  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="customerCount")
        self.guide = Guide(self.tr(
            "<b>No customers yet.</b><br>Add your first with <b>New Customer</b> (Ctrl+N), or bring your "
            "list in with <b>File ▸ Import Customers…</b> (a CSV file from a spreadsheet or your old system)."),
            "customersGuide", self)

        self.model = CustomerListModel(self)
        if hold_rest:
            self.model.hold_rest()
        self.table = QTableView(objectName="customerTable")
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts by name, which reads the list once
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(60)  # the last column, stretched, shrinks to what is left but not below this
        m = CustomerListModel
        for visual, column in enumerate((m.NAME, m.PHONE, m.STREET, m.TOWN)):  # who, then where: namesakes differ
            header.moveSection(header.visualIndex(column), visual)
        for column, width in ((m.NAME, 166), (m.PHONE, 110), (m.STREET, 130), (m.TOWN, 100), (m.NEXT_VISIT, 84),
                              (m.TECHNICIAN, 92), (m.LAST_CONTACT, 88), (m.OPEN_CONCERNS, 60)):
            header.resizeSection(column, width)  # Health, last, takes the rest, in sight
        for column in m.HIDDEN_AT_FIRST:
            header.setSectionHidden(column, True)
        self.columns_button = QToolButton(objectName="customerColumns")
        self.columns_button.setText(self.tr("Columns"))
        self.columns_button.setToolTip(self.tr("Choose the list's columns: phone, street and town tell namesakes apart"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_button.setMenu(self._columns_menu())

        self._profile = None  # built when first needed (a customer opened, a new one started)
        self._profile_side = QWidget(objectName="customerProfileSide")
        self._empty_profile = empty_profile(self._profile_side)
        side = QVBoxLayout(self._profile_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self._empty_profile)

        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.search)
        box.addWidget(self.guide)
        box.addWidget(self.table)
        foot = QHBoxLayout()
        foot.addWidget(self.count_label, 1)
        foot.addWidget(self.columns_button)
        box.addLayout(foot)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="customersSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._profile_side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)  # the person at hand gets the larger share
        self.splitter.setSizes([640, 720])  # until the window remembers the person's own split
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._open_first)
        self.search.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.complete.connect(self._update_count)
        self.model.complete.connect(self.countKnown)
        self._update_count()  # the list was read when sorting was switched on, before this was connected

        registry.bind(ActionId.FIND, self.focus_search)
        registry.bind(ActionId.SAVE, self._save)
        registry.bind(ActionId.NEW_CUSTOMER, self.new_customer)
        registry.bind(ActionId.ADD_WHAT_MATTERS, self._add_what_matters)
        registry.bind(ActionId.IMPORT_CUSTOMERS, lambda: _transfer().import_customers(self, navigator))
        registry.bind(ActionId.IMPORT_VISITS, lambda: _visit_import().import_visits(self, navigator))
        registry.bind(ActionId.EXPORT_CUSTOMERS, lambda: _transfer().export_customers(self, navigator))
        self._own_save = False
        navigator.customerRequested.connect(self.show_customer)
        navigator.dataChanged.connect(self._data_changed)

    @property
    def profile(self):
        """The person on the right, built the first time it is needed (the window paints without it)."""
        if self._profile is None:
            from servicedesk.ui.customers.profile import ProfileView

            self._profile = ProfileView(self.navigator, self._profile_side)
            self._profile.saved.connect(self._saved)
            self._profile_side.layout().replaceWidget(self._empty_profile, self._profile)
            self._empty_profile.setParent(None)  # gone at once: its labels carry the profile's names
            self._empty_profile.deleteLater()
            self._empty_profile = None
            self._profile.show()  # on screen now if the pane is; otherwise with it
            self._profile_side.layout().activate()
            self.splitter.setSizes(self.splitter.sizes())  # the split kept, widened to the profile's least width
        return self._profile

    def has_unsaved(self) -> bool:
        return self._profile is not None and self._profile.has_unsaved()

    def confirm_leave(self) -> bool:
        """True when nothing typed in the profile would be lost by leaving it."""
        return self._profile is None or self._profile.confirm_leave()

    def eventFilter(self, watched, event) -> bool:
        """Down in the search box goes on into the list, so finding someone never needs the mouse."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.apply_search()
            if self.model.rowCount():
                current = self.table.currentIndex()
                self.table.setFocus()
                if not current.isValid():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def _columns_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("customerColumnsMenu")
        header = self.table.horizontalHeader()
        for column, (title, _key) in enumerate(CustomerListModel.COLUMNS):
            if column == CustomerListModel.NAME:
                continue
            action = menu.addAction(self.model.tr(title))
            action.setCheckable(True)
            action.setObjectName(f"column{_key.title().replace('_', '')}")
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.aboutToShow.connect(lambda: [a.setChecked(not header.isSectionHidden(c))
                                          for c, a in zip(range(1, len(CustomerListModel.COLUMNS)), menu.actions())])
        return menu

    def refresh(self) -> None:
        self.model.reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def apply_search(self) -> None:
        self._timer.stop()
        self.model.set_query(self.search.text())

    def _update_count(self) -> None:
        if not self.model.is_complete():  # the first screenful is shown; the rest of the list follows
            self.count_label.setText(self.tr("counting…"))
            self.guide.setVisible(False)
            return
        n = self.model.rowCount()
        self.count_label.setText(self.tr("%Ln customer(s)", "", n))
        self.guide.setVisible(n == 0 and not self.search.text().strip())  # an empty office: what to do first

    def count_known(self) -> bool:
        return self.model.is_complete()

    def _open_first(self) -> None:
        self.apply_search()
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def _current_changed(self, current, previous) -> None:
        record_id = current.data(RecordIdRole) if current.isValid() else None
        if record_id is None or record_id == self.profile.customer_id:
            return
        if not self.profile.confirm_leave():
            self._select_quietly(self.model.row_of(self.profile.customer_id) if self.profile.customer_id else -1)
            return
        self.profile.show_customer(record_id)

    def _select_quietly(self, row: int) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        else:
            selection.clear()
        selection.blockSignals(False)
        self.table.viewport().update()

    def _visible(self) -> bool:
        return self.isVisible()

    def _save(self) -> None:
        if self._visible() and self._profile is not None:
            self.profile.save()

    def _add_what_matters(self) -> None:
        """For the customer on the profile, from any pane: the profile comes forward to show the new item."""
        if self._profile is None or (self._profile.customer_id is None and not self._profile.creating):
            return
        self._bring_forward()
        self.profile.add_what_matters()

    def new_customer(self) -> None:
        self._bring_forward()
        if not self.profile.confirm_leave():
            return
        self._select_quietly(-1)
        self.profile.new_customer()

    def _bring_forward(self) -> None:
        holder = self.parentWidget()
        while holder is not None and not isinstance(holder, QTabWidget):
            holder = holder.parentWidget()
        if holder is not None:
            holder.setCurrentWidget(self)

    def _saved(self, customer_id: int) -> None:
        self.model.reload()
        if self.model.row_of(customer_id) < 0 and self.search.text():
            self.search.clear()  # a new customer the search does not match: show everyone
            self.apply_search()
        row = self.model.row_of(customer_id)
        self._select_quietly(row)
        if row >= 0:
            self.table.scrollTo(self.model.index(row, 0))
        self._own_save = True
        try:
            self.navigator.dataChanged.emit("customers")
        finally:
            self._own_save = False

    def show_customer(self, customer_id: int) -> None:
        if customer_id != self.profile.customer_id and not self.profile.confirm_leave():
            return
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
        if self.profile.customer_id != customer_id:
            self.profile.show_customer(customer_id)

    def _data_changed(self, what: str) -> None:
        if what == "all":
            self.model.reload()
        if what in ("customers", "visits", "communication", "all"):
            self.model.invalidate_rows()
            if self._profile is not None and self._profile.customer_id is not None and not self._profile.is_dirty() \
                    and not self._profile.lists.editing() and not self._own_save:
                self.profile.show_customer(self.profile.customer_id)  # never over what is being typed

    def selected_customer_id(self) -> int | None:
        return None if self._profile is None else self._profile.customer_id

    def customer_count(self) -> int:
        return customers.count()
