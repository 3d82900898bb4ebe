"""The profile: the person, how to reach them, their sites, what matters to them, their goals and history.

Everything typed stays in the form until Save; Save sends the whole profile to the service in
one call (one transaction). Problems are shown next to their fields and named in one message;
a conflict with someone else's save is said plainly and the form keeps what was typed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core import clock, formatting
from servicedesk.core.errors import ConflictError, NotFound, ServiceError, ValidationError
from servicedesk.core.store.db import StorageError
from servicedesk.core.services import customers, office
from servicedesk.core.validation import check_email, parse_phone
from servicedesk.ui.customers.expectations_offer import ExpectationsOffer
from servicedesk.ui.customers.fields import STATUS_LABELS, Fields, set_plain_text
from servicedesk.ui.customers.history import HistoryPanel, HistoryView
from servicedesk.ui.customers.model import health_color, health_label
from servicedesk.ui.customers.profile_lists import ProfileLists
from servicedesk.ui.customers.projects_list import CustomerProjects
from servicedesk.ui.widgets import open_cell, plain_box
from servicedesk.ui.widgets.banner import WhatMattersBanner
from servicedesk.ui.widgets.sizing import wrap

DETAILS, SITES, MATTERS, FIT, HISTORY, PROJECTS = range(6)
LIST_TABS = {"sites": SITES, "contacts": SITES, "what_matters": MATTERS, "goals": MATTERS}


class ProfileView(QWidget):
    saved = Signal(int)  # the customer's id, after every successful save

    def __init__(self, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("customerProfile")
        self.navigator = navigator
        self.customer_id: int | None = None
        self.version: int | None = None
        self.creating = False

        self.title = QLabel(objectName="profileName")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        self.title.setStyleSheet("font-size: 17pt; font-weight: 600;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        wrap(self.title)  # a long name (an association, a trust) takes lines, not the window's width
        self.summary = QLabel(objectName="profileSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.health = QLabel(objectName="profileHealth")  # the badge, with its reasons beside it and on hover
        self.health.setTextFormat(Qt.TextFormat.PlainText)
        self.health.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"), objectName="saveCustomer")
        self.save_button.setToolTip(self.tr("Save the whole profile (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Undo changes"), objectName="revertCustomer")
        self.banner = WhatMattersBanner(self)
        self.expectations = ExpectationsOffer(self)
        self.message = QLabel(objectName="profileMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.reload_button = QPushButton(self.tr("Reload: show theirs (what you typed stays here to copy)"),
                                         objectName="reloadCustomer")
        self.reload_button.hide()
        self.keep_button = QPushButton(self.tr("Keep mine and save it over theirs"), objectName="keepMineCustomer")
        self.keep_button.hide()
        self._conflict: ConflictError | None = None  # the other PC's save this profile last met, until a choice

        self.fields = Fields(self)
        self.lists = ProfileLists(self)
        self.history = HistoryView(navigator, self)
        self.projects = CustomerProjects(navigator, self)
        self.fit_boxes: list[QCheckBox] = []
        self._fit_items: list[str] = []  # the texts of fit_boxes, in order
        self.fit_note = QPlainTextEdit(objectName="fitNote")
        self.fit_note.setTabChangesFocus(True)
        self.fit_note.setPlaceholderText(self.tr("Why they are (or are not) a good fit for the office"))

        self.tabs = QTabWidget(objectName="profileTabs")
        self.tabs.addTab(self._details_tab(), self.tr("Details"))
        self.tabs.addTab(self.lists.sites_tab(), self.tr("Sites && contacts"))
        self.tabs.addTab(self.lists.matters_tab(), self.tr("What matters && goals"))
        self.tabs.addTab(self._fit_tab(), self.tr("Fit check"))
        self.history_panel = HistoryPanel(self.history, self)
        self.tabs.addTab(self.history_panel, self.tr("History"))
        self.tabs.addTab(self.projects, self.tr("Projects"))

        head = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.summary)
        names.addWidget(self.health)
        head.addLayout(names, 1)
        head.addWidget(self.revert_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.expectations)
        layout.addWidget(self.message)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.reload_button)
        conflict_row.addWidget(self.keep_button)
        conflict_row.addStretch(1)
        layout.addLayout(conflict_row)
        layout.addWidget(self.tabs, 1)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.reload_button.clicked.connect(self.reload_theirs)
        self.keep_button.clicked.connect(self.keep_mine)
        self.fields.changed.connect(self._edited)
        self.lists.changed.connect(self._edited)
        self.fit_note.textChanged.connect(self._edited)
        self.fields.widgets["status"].currentIndexChanged.connect(self._status_changed)
        self.fields.widgets["name"].textChanged.connect(self._name_typed)
        self.fields.widgets["phone"].editingFinished.connect(self._check_phone)
        self.fields.widgets["email"].editingFinished.connect(self._check_email)
        self._children_dirty = False
        self._filling = False
        self._fit_done = False  # the fit check of the customer shown was done (or is being done now)
        self._shown_technician: int | None = None  # their technician as shown, before any change typed
        self._projects_for: int | None = None  # whose projects to read when their tab is first shown
        self.tabs.currentChanged.connect(self._tab_shown)
        self._show_empty()

    # -- building the tabs
    def _details_tab(self) -> QWidget:
        f = self.fields
        person, reach, place = QGroupBox(self.tr("The person")), QGroupBox(self.tr("Reaching them")), \
            QGroupBox(self.tr("Address"))
        for box, keys in ((person, ("name", "company", "salutation", "status", "cancel_reason", "customer_since",
                                    "trade", "technician_id", "tags", "reference")),
                          (reach, ("phone", "email", "preferred_channel", "best_time", "contact_rhythm_days",
                                   "visit_reminders", "sms_address")),
                          (place, ("street", "street2", "city", "state", "postcode", "country", "notes"))):
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for key in keys:
                label = QLabel(f.label(key) + ("  *" if key == "name" else ""))
                label.setMinimumWidth(135)
                form.addRow(label, f.row(key))
        body = QWidget()
        column = QVBoxLayout(body)
        for box in (person, reach, place):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(objectName="profileDetails")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _fit_tab(self) -> QWidget:
        page = QWidget()
        self.fit_layout = QVBoxLayout(page)
        intro = QLabel(self.tr("Does this customer fit the way the office works? Tick what is true, "
                               "and note why."))
        intro.setWordWrap(True)
        self.fit_layout.addWidget(intro)
        self.fit_boxes_holder = QVBoxLayout()
        self.fit_layout.addLayout(self.fit_boxes_holder)
        self.fit_layout.addWidget(QLabel(self.tr("Note")))
        self.fit_layout.addWidget(self.fit_note)
        return page

    def _set_fit_items(self, values, checked: dict) -> None:
        items = list(values) + [k for k in checked if k not in values]  # an item the office dropped stays
        if self._fit_items == items:  # the same list: only the ticks change
            for box, text in zip(self.fit_boxes, items):
                tick = bool(checked.get(text))
                if box.isChecked() != tick:
                    box.blockSignals(True)
                    box.setChecked(tick)
                    box.blockSignals(False)
            return
        self._fit_items = items
        for box in self.fit_boxes:
            box.deleteLater()
        self.fit_boxes = []
        for number, text in enumerate(items, start=1):
            box = QCheckBox(text, objectName=f"fitCheck{number}")
            box.setChecked(bool(checked.get(text)))
            box.toggled.connect(self._edited)
            box.toggled.connect(self._fit_ticked)
            self.fit_boxes_holder.addWidget(box)
            self.fit_boxes.append(box)

    def _fit_ticked(self) -> None:
        if not self._filling:
            self._fit_done = True

    def _fit_tab_text(self, checked: dict) -> None:
        """"Fit check (3 of 4)" once the check was done; "Fit check" until then."""
        if checked:
            ticked = sum(1 for tick in checked.values() if tick)
            self._tab_text(FIT, self.tr("Fit check (%1 of %2)").replace("%1", str(ticked)).replace("%2", str(len(checked))))
        else:
            self._tab_text(FIT, self.tr("Fit check"))

    # -- showing a customer
    def _show_empty(self) -> None:
        self.customer_id, self.version, self.creating = None, None, False
        self.title.setText(self.tr("Choose a customer on the left"))
        self.summary.setText(self.tr("…or press Ctrl+N to add a new one."))
        self._show_health(None)
        self.banner.set_items([])
        self._projects_for = None
        self.expectations.show_for(None)
        self.projects.load(None)
        self.tabs.setEnabled(False)
        self._set_clean()

    def show_customer(self, customer_id: int) -> None:
        try:
            from servicedesk.core.services import profile_page  # loaded with the first profile

            page = profile_page.read(customer_id)  # the history with it: on a server, one wait for both
        except NotFound as exc:
            self._show_empty()
            self.title.setText(str(exc))
            return
        p = page.profile
        self.customer_id, self.version, self.creating = p.id, p.version, False
        self._fill(p, page.technicians, page.fit_items)
        self.title.setText(p.name + (f" — {p.company}" if p.company else ""))
        self.summary.setText(self._summary_html(p, page.continuity))
        self._show_health(p.health_score, page.health_reasons, page.health_as_of)
        self.banner.set_items(p.what_matters)
        self.expectations.show_for(p.id)
        self.history.history_model.load(p.id, page.history)
        count = self.history.history_model.rowCount()
        self._tab_text(HISTORY, self.tr("History (%n)", "", count) if count else self.tr("History"))
        if self.tabs.currentIndex() == PROJECTS:
            self._projects_for = None
            count = self.projects.load(p.id)
        else:  # the list is read when its tab is shown; the tab's title says how many there are
            self._projects_for = p.id
            count = page.projects
        self._tab_text(PROJECTS, self.tr("Projects (%n)", "", count) if count else self.tr("Projects"))

    def _tab_text(self, index: int, text: str) -> None:
        bar = self.tabs.tabBar()
        if bar.tabText(index) != text:  # setting it, even unchanged, lays the tab bar out again
            bar.setTabText(index, text)  # the tab widget follows the bar's new size before it next paints

    def _tab_shown(self, index: int) -> None:
        if index == PROJECTS and self._projects_for is not None:
            customer_id, self._projects_for = self._projects_for, None
            self.projects.load(customer_id)

    def new_customer(self) -> None:
        self.customer_id, self.version, self.creating = None, None, True
        blank = customers.Profile(
            id=0, name="", company="", salutation="", status="active", cancel_reason="", customer_since=None,
            trade="", preferred_channel="phone", best_time="", phone="", phone_e164="", email="", street="",
            city="", postcode="", notes="", technician_id=None, technician="", fit_check={}, fit_note="", version=0)
        self._fill(blank)
        from servicedesk.core import clock

        self.fields.widgets["customer_since"].setDate(clock.today())
        self.fields._shown = self.fields.values()
        self.title.setText(self.tr("New customer"))
        self.summary.setText(self.tr("Type at least the name, then Save (Ctrl+S)."))
        self._show_health(None)
        self.banner.set_items([])
        self.expectations.show_for(None)
        self.history.history_model.load(None)
        self._projects_for = None
        self.projects.load(None)
        self._tab_text(HISTORY, self.tr("History"))  # nothing of the customer shown before
        self._tab_text(PROJECTS, self.tr("Projects"))
        self.tabs.setCurrentIndex(DETAILS)
        self.fields.widgets["name"].setFocus()

    def _fill(self, p, staff=None, fit_items=None) -> None:
        """Show ``p``; ``staff`` ((id, name) of the technicians at work) and ``fit_items`` (the office's fit
        check) as read with them, or read here."""
        if staff is None:
            from servicedesk.core.services import technicians  # loaded with the first profile

            staff = [(t.id, t.name) for t in technicians.technicians()]
        if fit_items is None:
            fit_items = office.get().values
        self._filling = True
        try:
            self.fields.set_technicians(staff)
            self.fields.fill({**p.__dict__})
            self.lists.fill(p)
            self._set_fit_items(fit_items, p.fit_check)
            set_plain_text(self.fit_note, p.fit_note)
            self._fit_done = bool(p.fit_check)  # until someone ticks a box or writes the note
            self._shown_technician = p.technician_id
            self._fit_tab_text(p.fit_check)
            self._status_changed()
            self._salutation_hint(p.name)
        finally:
            self._filling = False
        self.tabs.setEnabled(True)
        self._hide_message()
        self.fields.clear_messages()
        self.lists.clear_messages()
        self._set_clean()

    def _summary_html(self, p, figure) -> str:
        status = self.tr(STATUS_LABELS.get(p.status, p.status))
        if p.status == "cancelled" and p.cancel_reason:
            status += f" ({_esc(p.cancel_reason)})"
        parts = [f"<b>{status}</b>"]
        if p.customer_since:
            parts.append(self.tr("customer since %s") % formatting.format_month(p.customer_since, short=True))
        parts.append(_esc(p.technician) if p.technician else self.tr("no technician yet"))
        parts.append(_esc(figure.describe()))
        return " · ".join(parts)

    def _show_health(self, score: int | None, reasons: tuple[str, ...] = (), as_of=None) -> None:
        """The health badge as the customer list shows it (the stored score) and why, as recorded with it: the
        two largest reasons beside it, every reason on hover; recorded on an earlier day, with that day (their
        day counts are that day's)."""
        if score is None:
            self.health.clear()
            self.health.setToolTip("")
            self.health.hide()
            return
        shown = "; ".join(reasons[:2]) + ("; …" if len(reasons) > 2 else "")
        dated = ""
        if reasons and as_of is not None and as_of < clock.today():
            dated = self.tr("as of %s:") % formatting.format_date(as_of) + " "
        self.health.setText(health_label(score) + (f" — {dated}{shown}" if reasons else ""))
        colour = f"color: {health_color(score)};"
        if self.health.styleSheet() != colour:  # setting it, even unchanged, styles the label anew
            self.health.setStyleSheet(colour)
        self.health.setToolTip((dated.strip() + "\n" if dated else "") + "\n".join(f"• {r}" for r in reasons)
                               or self.tr("No warning signs"))
        self.health.show()

    # -- editing
    def is_dirty(self) -> bool:
        if self.customer_id is None and not self.creating:
            return False
        return self._children_dirty or self.fields.changed_since_fill() or self.creating and bool(
            self.fields.values()["name"].strip())

    def _edited(self, *_args) -> None:
        if self._filling:
            return
        if self.sender() is not self.fields:
            self._children_dirty = True
        self.save_button.setEnabled(True)
        self.revert_button.setEnabled(True)

    def _set_clean(self) -> None:
        self._children_dirty = False
        editable = self.customer_id is not None or self.creating
        self.save_button.setEnabled(self.creating)
        self.revert_button.setEnabled(False)
        self.save_button.setVisible(editable)
        self.revert_button.setVisible(editable)

    def _status_changed(self, *_args) -> None:
        cancelled = self.fields.widgets["status"].currentData() == "cancelled"
        self.fields.widgets["cancel_reason"].setEnabled(cancelled)

    def _name_typed(self, name: str) -> None:
        if not self._filling:  # a profile being shown sets the hint once, when all its fields are in
            self._salutation_hint(name)

    def _salutation_hint(self, name: str) -> None:
        self.fields.widgets["salutation"].setPlaceholderText(customers.default_salutation(name))

    def _check_phone(self) -> None:
        phone = parse_phone(self.fields.widgets["phone"].text(), office.get().region)
        self.fields.show_message("phone", phone.warning, warning=True)

    def _check_email(self) -> None:
        _email, problem = check_email(self.fields.widgets["email"].text())
        self.fields.show_message("email", problem)

    def add_what_matters(self) -> None:
        if self.customer_id is None and not self.creating:
            return
        self.tabs.setCurrentIndex(MATTERS)
        item = self.lists.add_what_matters()
        if item and item["kind"] == "same_technician":  # they want this technician: make it theirs
            box = self.fields.widgets["technician_id"]
            box.setCurrentIndex(max(box.findData(item["technician_id"]), 0))

    # -- saving
    def save(self) -> bool:
        if self.customer_id is None and not self.creating:
            return False
        self.fields.clear_messages()
        self.lists.clear_messages()
        values = self.fields.values()
        values["fit_note"] = self.fit_note.toPlainText()
        # a check nobody did is kept as not done, not as every value failed
        done = self._fit_done or bool(values["fit_note"].strip())
        values["fit_check"] = {box.text(): box.isChecked() for box in self.fit_boxes} if done else {}
        regular = self._technician_changed(values.get("technician_id"))
        if regular is None:
            return False  # not now: nothing saved, what was typed stays
        try:
            result = customers.save_profile(self.customer_id, self.version, values, **self.lists.values(),
                                            regular_technician=regular)
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        except ConflictError as exc:
            self._show_message(str(exc), "error")  # what was typed stays in the fields
            self._conflict = exc
            self.reload_button.show()
            self.keep_button.setVisible(exc.version is not None)
            return False
        except (NotFound, StorageError) as exc:  # the server gone: the message says so, the typing stays
            self._show_message(str(exc), "error")
            return False
        except ServiceError as exc:  # a full disk, or Cancel while another program was saving: the text stays
            self._show_message(str(exc), "error")
            return False
        self.show_customer(result.id)
        if result.warnings:
            self._show_message(self.tr("Saved, with a warning:") + "\n" + "\n".join(result.warnings), "warning")
            self._check_phone()
        else:
            self.navigator.statusMessage.emit(self.tr("Saved %s.") % self.title.text())
        self.saved.emit(result.id)
        return True

    def _show_problems(self, problems: dict) -> None:
        lines, first_tab = [], None
        for key, text in problems.items():
            head = key.split(".")[0]
            if head in self.fields.widgets:
                self.fields.show_message(head, text)
                lines.append(f"{self.fields.label(head)}: {text}")
                tab = DETAILS
            else:
                self.lists.show_message(head, text)
                lines.append(text)
                tab = LIST_TABS.get(head, DETAILS)
            first_tab = tab if first_tab is None else first_tab
        self.tabs.setCurrentIndex(first_tab if first_tab is not None else DETAILS)
        self._show_message(self.tr("Not saved. Please correct:") + "\n• " + "\n• ".join(lines), "error")

    def _show_message(self, text: str, kind: str) -> None:
        colors = {"error": ("#fdecea", "#c62828", "#611a15"), "warning": ("#fff4e5", "#b26a00", "#663c00")}
        bg, border, fg = colors[kind]
        self.message.setStyleSheet(f"background:{bg}; border:1px solid {border}; color:{fg};"
                                   " border-radius:4px; padding:6px;")
        self.message.setProperty("kind", kind)
        self.message.setText(text)
        self.message.show()

    def _hide_message(self) -> None:
        if self.message.isHidden() and self.reload_button.isHidden() and self.keep_button.isHidden():
            return  # nothing shown: every profile opened comes here
        self.message.clear()
        self.message.hide()
        self.reload_button.hide()
        self.keep_button.hide()

    def keep_mine(self) -> bool:
        """After a conflict: save what is typed over the other PC's newer version, knowingly."""
        if self._conflict is None or self._conflict.version is None:
            return False
        self.version, self._conflict = self._conflict.version, None
        return self.save()

    def reload_theirs(self) -> None:
        """After a conflict: the other PC's version in the form; what was typed stays in the message, to copy."""
        from servicedesk.ui.widgets.conflict import yours_text

        exc, self._conflict = self._conflict, None
        yours = yours_text(exc) if exc is not None else ""
        self.revert()
        if yours:
            who = exc.who or self.tr("someone else")
            self._show_message(self.tr("Their version, saved by %1, is shown now. What you typed was not saved; "
                                       "it is kept here to copy:").replace("%1", who) + "\n" + yours, "warning")

    def revert(self) -> None:
        if self.customer_id is not None:
            self.show_customer(self.customer_id)
        else:
            self._show_empty()

    def _technician_changed(self, technician_id) -> bool | None:
        """Their technician changed away from the one they said must come every time: asked first, as
        assigning a visit to someone else is. True: the preference moves to the new technician too; None:
        not now; False: nothing of the kind to ask."""
        before = self._shown_technician
        if self.creating or not before or technician_id == before:
            return False
        said = [row for row in self.lists.what_matters.rows
                if row.get("kind") == "same_technician" and row.get("technician_id") == before]
        if not said:
            return False
        box = self.fields.widgets["technician_id"]
        new_name = box.currentText() if technician_id else self.tr("nobody")
        old_name = box.itemText(box.findData(before)) if box.findData(before) >= 0 else self.tr("their technician")
        words = said[-1].get("words") or ""
        question = QMessageBox(QMessageBox.Icon.Warning, self.tr("Another technician"),
                               self.tr("%1 said the same technician matters%2: %3 has been theirs. Make %4 their "
                                       "technician from now on? Their “same technician” wish moves to %4 (%3 stays in "
                                       "their history). Their plans and booked visits keep who they have: change "
                                       "those under Schedule, where the customer is told.")
                               .replace("%1", self.title.text() or self.tr("This customer"))
                               .replace("%2", f" (“{words}”)" if words else "")
                               .replace("%3", old_name).replace("%4", new_name),
                               QMessageBox.StandardButton.Cancel, self)
        question.setObjectName("technicianChange")
        question.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the customer's name and words as typed
        make = question.addButton(self.tr("Make %1 their technician").replace("%1", new_name),
                                  QMessageBox.ButtonRole.AcceptRole)
        question.exec()
        return True if question.clickedButton() is make else None

    def has_unsaved(self) -> bool:
        """Something typed and not saved: in the fields, in the lists, or in a list's cell still open."""
        return self.is_dirty() or any(open_cell.typed_cell(view) for view in self.lists.views.values())

    def confirm_leave(self) -> bool:
        """True when it is fine to show something else: nothing unsaved, saved now, or discarded."""
        for view in self.lists.views.values():  # a cell still open is part of the changes asked about
            typed = open_cell.typed_cell(view)
            if typed is not None:
                open_cell.commit(view, typed[0])
        if not self.is_dirty():
            return True
        answer = plain_box.ask_to_save(self, self.tr("Unsaved changes"), self.tr("Save the changes to %s?")
                                       % (self.title.text() or self.tr("this customer")), "unsavedChanges")
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard


def _esc(text: str) -> str:
    return html.escape(text)
