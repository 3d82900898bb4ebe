"""File > Import Visits…: the core reads and checks a visit history, this window shows it and asks what it must.

The same check as the command line: the product the file looks like, where each column goes (any
can be changed), the first rows with bad ones in red, and the report. Technicians the office does
not know are asked about one by one: add them, say who they are here, or leave their visits
unassigned; nothing is imported until each has an answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from servicedesk.core.services import technicians, visit_import
from servicedesk.ui.customers.checked_import import CheckedImportDialog, read_and_ask


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("VisitImport", text, disambiguation, n)


CHOOSE, CREATE, NOBODY = "", "create", "nobody"


class TechniciansBox(QGroupBox):
    """One line per technician the file names and the office does not have, each with its answer."""

    answered = Signal()

    def __init__(self, names: dict[str, int], parent=None):
        super().__init__(tr("Technicians the office does not have"), parent)
        self.setObjectName("unknownTechnicians")
        self.choices: dict[str, QComboBox] = {}
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self.staff = [s.name for s in technicians.technicians(active_only=False)]
        inner = QWidget()
        inner.setLayout(self.form)
        self.scroll = QScrollArea()
        self.scroll.setWidget(inner)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.scroll)
        self.ask(names)

    def ask(self, names: dict[str, int]) -> None:
        """A line for each of ``names`` not asked about yet (a column given a place may name new people)."""
        for name, visits in names.items():
            if name in self.choices:
                continue
            box = QComboBox(objectName=f"technicianChoice{len(self.choices)}")
            box.addItem(tr("Choose what to do…"), CHOOSE)
            box.addItem(tr("Add “%1” as a new technician").replace("%1", name), CREATE)
            box.addItem(tr("Leave their visits unassigned"), NOBODY)
            for person in self.staff:
                box.addItem(tr("The same person as %1").replace("%1", person), person)
            box.currentIndexChanged.connect(lambda _i: self.answered.emit())
            self.form.addRow(tr("“%1” (%Ln visit(s))", "", visits).replace("%1", name), box)
            self.choices[name] = box
        self.scroll.setMaximumHeight(min(150, 36 * max(1, len(self.choices)) + 8))
        self.setVisible(bool(self.choices))

    def answers(self) -> tuple[dict[str, str | None], set[str]]:
        """({name: who they are here, or None}, names to add) as chosen so far."""
        said: dict[str, str | None] = {}
        create: set[str] = set()
        for name, box in self.choices.items():
            choice = box.currentData()
            if choice == CREATE:
                create.add(name)
            elif choice == NOBODY:
                said[name] = None
            elif choice:
                said[name] = choice
        return said, create


class VisitImportDialog(CheckedImportDialog):
    def __init__(self, plan: visit_import.VisitPlan, parent=None):
        super().__init__(plan, visit_import.FIELDS, "visitImport",
                         tr("Keep the columns that have no place as lines in the visit's notes"), "visitKeepInNotes",
                         parent)
        self.setObjectName("visitImportDialog")
        self.setWindowTitle(self.tr("Import visits"))
        self.people = TechniciansBox(dict(plan.unknown), self)
        self.people.answered.connect(self.recheck)
        self.split.setSizes([190, 150, 150])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.people)
        layout.addWidget(self.keep_in_notes)
        layout.addWidget(self.buttons)
        self.resize(940, 660)
        self.refresh()

    def refresh(self) -> None:
        p = self.plan
        self.people.ask(p.unknown)
        self.show_plan(self.tr("It looks like a %1: its columns are read as that product writes them.").replace(
            "%1", p.layout))
        self.update_button()

    def update_button(self) -> None:
        p = self.plan
        visits, plans = len(p.rows), len(p.new_plans())
        text = self.tr("Import %Ln visit(s)", "", visits)
        if plans:
            text += " " + self.tr("and make %Ln service plan(s)", "", plans)
        if p.updates:
            text += " " + self.tr("and bring %Ln booked visit(s) up to date", "", len(p.updates))
        self.import_button.setText(text)
        self.import_button.setEnabled(p.ok and bool(visits or p.updates))

    def report_lines(self) -> list[str]:
        p = self.plan
        lines = self.refusal_lines()
        if p.unresolved:
            lines.append(self.tr("Say below what to do about each technician the office does not have: %1."
                                 ).replace("%1", ", ".join(p.unresolved)))
        if p.left_out():
            lines.append(self.tr("Left out on purpose: %1").replace("%1", ", ".join(p.left_out())))
        if p.plans:
            lines.append(self.tr("Recurring jobs that become service plans (their visits are booked 12 weeks ahead):"))
            lines += [f"  {d}" for d in p.plans]
        if p.no_plan:
            lines.append(self.tr("Recurring jobs without a rule a plan can follow (their visits come in one by one):"))
            lines += [f"  {item}" for item in p.no_plan]
        if p.updates:
            lines.append(self.tr("Booked visits the file says have happened, brought up to date:"))
            lines += [f"  line {v.line}: {v.customer}: {v.service or 'visit'} — {v.status.replace('_', ' ')}"
                      for _i, v in p.updates]
        if p.not_scheduled:
            lines.append(self.tr("Jobs with no date yet, not imported:"))
            lines += [f"  {item}" for item in p.not_scheduled]
        if p.already:
            lines.append(self.tr("Already imported (%Ln visit(s)), not imported again:", "", len(p.already)))
            lines += [f"  {item}" for item in p.already[:50]]
        if p.warnings:
            lines.append(self.tr("Warnings (these rows are imported):"))
            lines += [f"  {w}" for w in p.warnings]
        return lines

    def check(self, progress, mapping=None) -> visit_import.VisitPlan:
        said, create = self.people.answers()
        return visit_import.recheck(self.plan, mapping=mapping, technicians=said, create=create, progress=progress)

    def importing_title(self) -> str:
        return self.tr("Importing visits…")

    def do_import(self, progress) -> visit_import.Result:
        return visit_import.run(self.plan, progress)


def import_visits(parent, navigator, path: str | None = None):
    """Read and check the file on a worker thread, then show what would be imported; the import itself
    runs from the dialog. Returns the reading's operation (None when no file was chosen)."""
    return read_and_ask(parent, tr("Import visits"), tr("Visit or job lists (*.csv *.txt);;All files (*)"),
                        visit_import.read, VisitImportDialog, lambda result: _imported(navigator, result), path)


def _imported(navigator, result: visit_import.Result) -> None:
    navigator.dataChanged.emit("all")
    text = tr("Imported %Ln visit(s).", "", result.imported)
    if result.updated:
        text += " " + tr("Brought %Ln booked visit(s) up to date.", "", result.updated)
    if result.plans:
        text += " " + tr("Made %Ln service plan(s).", "", result.plans)
    if result.technicians:
        text += " " + tr("Added %n technician(s): %1.", "", len(result.technicians)).replace(
            "%1", ", ".join(result.technicians))
    navigator.statusMessage.emit(text)
