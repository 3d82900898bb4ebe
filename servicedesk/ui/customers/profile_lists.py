"""The profile's lists: service sites, other contacts, what matters, goals and agreed expectations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core import formatting
from servicedesk.ui.customers.dialogs import WhatMattersDialog
from servicedesk.ui.customers.rows_model import RowsModel
from servicedesk.ui.widgets.banner import KIND_ICONS, KIND_LABELS

GOAL_LABELS = {
    "goal": "Goal",
    "challenge": "Challenge",
    "expect_when": "Agreed: when service happens",
    "expect_includes": "Agreed: included",
    "expect_excludes": "Agreed: not included",
}


def _matters_label(row: dict) -> str:
    label = QCoreApplication.translate("WhatMattersBanner", KIND_LABELS.get(row["kind"], row["kind"]))
    text = f"{KIND_ICONS.get(row['kind'], '★')}  {label}"
    return text + (f" ({row['technician']})" if row.get("technician") else "")


def _recorded(row: dict) -> str:
    at = row.get("recorded_at")
    return formatting.format_date(at) if at else QCoreApplication.translate("ProfileLists", "not saved yet")


class ProfileLists(QObject):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sites = RowsModel((("label", "Site", True), ("street", "Street", True),
                                ("street2", "Street line 2", True), ("city", "City", True),
                                ("state", "State / province", True), ("postcode", "Postcode", True),
                                ("country", "Country", True), ("access_notes", "Access notes", True)), parent=self)
        self.contacts = RowsModel((("name", "Name", True), ("role", "Role", True), ("phone", "Phone", True),
                                   ("email", "Email", True)), parent=self)
        self.what_matters = RowsModel((("kind", "What matters", False), ("words", "In their own words", True),
                                       ("recorded_at", "Recorded", False)),
                                      labels={"kind": _matters_label, "recorded_at": _recorded}, parent=self)
        self.goals = RowsModel((("kind", "Kind", False), ("text", "What was said or agreed", True),
                                ("recorded_at", "Recorded", False)),
                               labels={"kind": lambda r: self.tr(GOAL_LABELS.get(r["kind"], r["kind"])),
                                       "recorded_at": _recorded}, parent=self)
        self.views: dict[str, QTableView] = {}
        self.errors: dict[str, QLabel] = {}
        for model in (self.sites, self.contacts, self.what_matters, self.goals):
            model.edited.connect(self.changed)

    # -- building
    def _section(self, key: str, title: str, model: RowsModel, add_button: QWidget, view_name: str,
                 widths=()) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        view = QTableView(objectName=view_name)
        view.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(widths):
            if width:
                header.resizeSection(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        remove = QPushButton(self.tr("Remove"), objectName="remove" + view_name[8:])
        remove.clicked.connect(lambda: model.remove(view.currentIndex().row()))
        error = QLabel(objectName=view_name + "Error")
        error.setStyleSheet("color: #c62828;")
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
        error.hide()
        buttons = QHBoxLayout()
        heading = QLabel(f"<b>{title}</b>")
        buttons.addWidget(heading)
        buttons.addStretch(1)
        buttons.addWidget(add_button)
        buttons.addWidget(remove)
        layout.addLayout(buttons)
        layout.addWidget(view)
        layout.addWidget(error)
        self.views[key], self.errors[key] = view, error
        return box

    def editing(self) -> bool:
        """A cell is open, with what is being typed in it not in the rows yet."""
        return any(view.state() == QAbstractItemView.State.EditingState for view in self.views.values())

    def _add_row_button(self, name: str, text: str, model: RowsModel, row: dict, key: str) -> QPushButton:
        button = QPushButton(text, objectName=name)

        def add():
            position = model.append(dict(row))
            view = self.views[key]
            view.setCurrentIndex(model.index(position, 0))
            view.edit(model.index(position, 1 if key == "sites" else 0))

        button.clicked.connect(add)
        return button

    def sites_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self._section(
            "sites", self.tr("Service sites (gate code, dog, parking…)"), self.sites,
            self._add_row_button("addSite", self.tr("Add site"), self.sites, {"label": "Main"}, "sites"),
            "customerSites", (90, 150, 90, 100, 70, 75, 60, 0)), 3)
        layout.addWidget(self._section(
            "contacts", self.tr("Other people to reach"), self.contacts,
            self._add_row_button("addContact", self.tr("Add contact"), self.contacts, {}, "contacts"),
            "customerContacts", (160, 110, 130, 0)), 2)
        return page

    def matters_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        add_matters = QPushButton(self.tr("Add what matters…"), objectName="addWhatMatters")
        add_matters.setToolTip(self.tr("Ctrl+M"))
        add_matters.clicked.connect(self.add_what_matters)
        layout.addWidget(self._section("what_matters", self.tr("What matters to them"), self.what_matters,
                                       add_matters, "customerWhatMatters", (250, 0, 100)), 1)
        add_goal = QToolButton(objectName="addGoal")
        add_goal.setText(self.tr("Add…"))
        add_goal.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(add_goal)
        for kind, label in GOAL_LABELS.items():
            action = menu.addAction(self.tr(label))
            action.setObjectName(f"addGoal_{kind}")
            action.triggered.connect(lambda _c=False, k=kind: self._add_goal(k))
        add_goal.setMenu(menu)
        layout.addWidget(self._section("goals", self.tr("Goals, challenges and agreed expectations"), self.goals,
                                       add_goal, "customerGoals", (210, 0, 100)), 1)
        return page

    def _add_goal(self, kind: str) -> None:
        position = self.goals.append({"kind": kind, "text": ""})
        view = self.views["goals"]
        view.setCurrentIndex(self.goals.index(position, 1))
        view.edit(self.goals.index(position, 1))

    def add_what_matters(self) -> dict | None:
        dialog = WhatMattersDialog(self.views["what_matters"].window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        item = dialog.item()
        self.what_matters.append(item)
        return item

    # -- filling and reading
    def fill(self, p) -> None:
        self.sites.set_rows(s.__dict__ for s in p.sites)
        self.contacts.set_rows(c.__dict__ for c in p.contacts)
        self.what_matters.set_rows(w.__dict__ for w in p.what_matters)
        self.goals.set_rows(g.__dict__ for g in p.goals)

    def values(self) -> dict:
        return {"sites": self.sites.rows, "contacts": self.contacts.rows,
                "what_matters": self.what_matters.rows, "goals": self.goals.rows}

    def show_message(self, key: str, text: str) -> None:
        label = self.errors.get(key)
        if label is not None:
            label.setText((label.text() + "\n" if label.text() else "") + text)
            label.show()

    def clear_messages(self) -> None:
        for label in self.errors.values():
            if not label.isHidden() or label.text():
                label.clear()
                label.hide()
