"""Dialogs of the projects view: a project's details, the clarity check before printing, a visit to summarise."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from servicedesk.core import clock, formatting
from servicedesk.core.errors import ConflictError, ServiceError
from servicedesk.core.services import clarity, customers, projects, technicians, visits
from servicedesk.ui.widgets import sizing
from servicedesk.ui.widgets.conflict import ConflictPanel
from servicedesk.ui.widgets.typed_dialog import TypedDialog


class ProjectDialog(TypedDialog):
    """New project (with a customer search) or a project's details; saves through the service."""

    def __init__(self, project: projects.ProjectInfo | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("projectDialog")
        self.project = project
        self.project_id = project.id if project else None
        self.version = projects.version(project.id) if project else None  # what a save must find unchanged
        self.setWindowTitle(self.tr("Project details") if project else self.tr("New project"))
        form = QFormLayout()
        self.search = QLineEdit(objectName="projectCustomerSearch")
        self.search.setPlaceholderText(self.tr("Type a name, phone or street"))
        self.customer = QComboBox(objectName="projectCustomer")
        if project is None:
            form.addRow(self.tr("Find customer"), self.search)
            form.addRow(self.tr("Customer"), self.customer)
            self.search.textChanged.connect(self._search)
        else:
            customer = QLabel(project.customer, objectName="projectCustomerName")
            customer.setTextFormat(Qt.TextFormat.PlainText)  # the name as typed
            form.addRow(self.tr("Customer"), customer)
        self.name = QLineEdit(project.name if project else self.tr("Pool build"), objectName="projectName")
        self.lead = QComboBox(objectName="projectLead")
        self.lead.addItem(self.tr("— nobody yet —"), None)
        for s in technicians.list_staff():
            self.lead.addItem(f"{s.name} — {s.phone}" if s.phone else s.name, s.id)
        if project and project.lead_id and self.lead.findData(project.lead_id) < 0:
            # the lead has left: shown as such and kept unless someone else is chosen, never dropped unseen
            self.lead.addItem(self.tr("%s (no longer works here)") % project.lead, project.lead_id)
        if project and project.lead_id:
            self.lead.setCurrentIndex(max(self.lead.findData(project.lead_id), 0))
        self.start = QLineEdit(project.starts_on.isoformat() if project and project.starts_on else "",
                               objectName="projectStart")
        self.target = QLineEdit(project.target_on.isoformat() if project and project.target_on else "",
                                objectName="projectTarget")
        for edit in (self.start, self.target):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.status = QComboBox(objectName="projectStatus")
        for value in projects.PROJECT_STATUSES:
            self.status.addItem(self.tr(value.replace("_", " ")), value)
        self.status.setCurrentIndex(self.status.findData(project.status if project else "active"))
        form.addRow(self.tr("Project"), self.name)
        form.addRow(self.tr("Project lead (the customer's contact)"), self.lead)
        form.addRow(self.tr("Starts"), self.start)
        form.addRow(self.tr("Target completion"), self.target)
        form.addRow(self.tr("Status"), self.status)
        self.error = QLabel(objectName="projectDialogError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        self.error.setStyleSheet("color: #a04a1c;")
        self.error.setWordWrap(True)
        self.conflict = ConflictPanel(self)
        self.conflict.reloadRequested.connect(self.reload)
        self.conflict.keepRequested.connect(self.keep_mine)
        self._mine: dict = {}  # what a save met by someone else's newer one tried to write
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.conflict)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _search(self, text: str) -> None:
        self.customer.clear()
        if len(text.strip()) < 2:
            return
        for row in customers.rows(customers.search_ids(text)[:30]):
            self.customer.addItem(f"{row.name} — {row.company}" if row.company else row.name, row.id)

    def values(self) -> dict:
        return {"name": self.name.text(), "lead_id": self.lead.currentData(), "starts_on": self.start.text(),
                "target_on": self.target.text(), "status": self.status.currentData()}

    def save(self) -> None:
        try:
            if self.project_id is None:
                if self.customer.currentData() is None:
                    self.error.setText(self.tr("Find and choose the customer this project is for."))
                    return
                self.project_id = projects.create(self.customer.currentData(), **self.values())
            else:
                self.version = projects.update(self.project_id, expected_version=self.version, **self.values())
        except ConflictError as exc:
            self._mine = self.values()
            self.error.clear()
            self.conflict.show_conflict(exc)  # nothing written: Reload or Keep mine
            return
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def _shown(self) -> str:
        """The form as typed, one line a field, to keep and copy."""
        lead = self.lead.currentText() if self.lead.currentData() is not None else ""
        return "\n".join(f"{label}: {value}" for label, value in (
            (self.tr("Project"), self.name.text()), (self.tr("Project lead"), lead),
            (self.tr("Starts"), self.start.text()), (self.tr("Target completion"), self.target.text()),
            (self.tr("Status"), self.status.currentText())))

    def _fill(self, project: projects.ProjectInfo) -> None:
        self.name.setText(project.name)
        self.lead.setCurrentIndex(max(self.lead.findData(project.lead_id), 0))
        self.start.setText(project.starts_on.isoformat() if project.starts_on else "")
        self.target.setText(project.target_on.isoformat() if project.target_on else "")
        self.status.setCurrentIndex(self.status.findData(project.status))

    def reload(self) -> None:
        """Their version in the form (Save then saves what the form holds over it); what was typed kept to copy."""
        typed = self._shown()
        self._fill(projects.get(self.project_id))
        self.version = projects.version(self.project_id)
        self.conflict.show_reloaded(typed)

    def keep_mine(self) -> None:
        """Save what was typed over their version, knowingly; a newer change meanwhile is shown again."""
        try:
            self.version = projects.update(self.project_id, expected_version=self.conflict.error.version, **self._mine)
        except ConflictError as exc:
            self.conflict.show_conflict(exc)
            return
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class ClarityDialog(QDialog):
    """The clarity check's findings before printing, and what to do about them."""

    FIX, CLEAR_ONLY, OVERRIDE, CANCEL = "fix", "clear_only", "override", "cancel"

    def __init__(self, problems: dict[int, list[clarity.Problem]], total: int, parent=None):
        super().__init__(parent)
        self.setObjectName("clarityDialog")
        self.setWindowTitle(self.tr("Clarity check"))
        self.choice = self.CANCEL
        self.problems = problems
        intro = QLabel(self.tr("%n letter(s) would leave the customer guessing. Fix them first, or print "
                               "anyway if you are sure.", "", len(problems)))
        intro.setWordWrap(True)
        text = QPlainTextEdit(objectName="clarityProblems")
        text.setReadOnly(True)
        text.setPlainText(describe(problems))
        buttons = QDialogButtonBox()
        self.fix = QPushButton(self.tr("Fix the first problem"), objectName="clarityFix")
        self.clear_only = QPushButton(self.tr("Print the %n clear letter(s) only", "", total - len(problems)),
                                      objectName="clarityClearOnly")
        self.clear_only.setEnabled(total > len(problems))
        self.override = QPushButton(self.tr("Print all anyway"), objectName="clarityOverride")
        buttons.addButton(self.fix, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.clear_only, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.override, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.fix.setDefault(True)
        for button, choice in ((self.fix, self.FIX), (self.clear_only, self.CLEAR_ONLY), (self.override, self.OVERRIDE)):
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def ask(self) -> str:
        self.exec()
        return self.choice


def describe(problems: dict[int, list[clarity.Problem]]) -> str:
    lines = []
    for pid, items in problems.items():
        p = projects.get(pid)
        lines.append(f"{p.customer} — {p.name}")
        lines += [f"   • {item.message}" for item in items]
        lines.append("")
    return "\n".join(lines).strip()


class VisitPicker(QDialog):
    """Choose a recently completed visit to write its summary."""

    def __init__(self, parent=None, days: int = 45):
        super().__init__(parent)
        self.setObjectName("visitPicker")
        self.setWindowTitle(self.tr("Visit summary"))
        self.visit = sizing.fit_items(QComboBox(objectName="visitPickerVisit"), 60)
        end = clock.now() + dt.timedelta(days=1)
        for v in reversed(visits.between(end - dt.timedelta(days=days), end)):
            if v.status == "completed":
                self.visit.addItem(f"{formatting.format_moment(v.starts_at)} — {v.customer} — {v.service_type} "
                                   f"({v.technician or '?'})", v.id)
        label = QLabel(self.tr("Completed visits of the last %n day(s):", "", days) if self.visit.count()
                       else self.tr("No visit was completed in the last %n day(s).", "", days))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.visit.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.visit)
        layout.addWidget(buttons)

    def chosen(self) -> int | None:
        return self.visit.currentData() if self.exec() == QDialog.DialogCode.Accepted else None
