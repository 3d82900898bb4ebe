"""Every pane and dialog of the window, opened on the demo office as the desk would see it.

``SCREENS`` names each screen and how to open it from a shown ``MainWindow``; the layout test
checks each at 1366×768 and ``render_screens.py`` writes each to a PNG for a person to look at.
An opener returns the top-level widget to look at (the main window itself for a pane).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

TITLE_BAR = 32
SIZE = (1366, 768 - 40 - TITLE_BAR)  # a 1366×768 screen under a 40-pixel taskbar, less the window's title bar


def _dorothy() -> int:
    from servicedesk.core.services import customers

    return customers.search_ids("Dorothy")[0]


def _a_visit(customer_id: int, active: bool = True) -> int:
    from servicedesk.core.store import database

    status = "IN ('scheduled', 'confirmed')" if active else "= 'completed'"
    return database.execute_sql(f"SELECT id FROM visit WHERE customer_id = ? AND status {status}"
                                " ORDER BY starts_at LIMIT 1", (customer_id,)).fetchone()[0]


def _shown(widget):
    widget.show()
    QApplication.processEvents()
    return widget


# ------------------------------------------------------------------ panes

def _pane(index: int, tab=None, setup=None):
    def open_(window):
        window.tabs.setCurrentIndex(index)
        if setup is not None:
            setup(window)
        if tab is not None:
            tab(window)
        QApplication.processEvents()
        return window
    return open_


def _customer(window, tab: int = 0):
    window.customers.show_customer(_dorothy())
    window.customers.profile.tabs.setCurrentIndex(tab)


def _board(mode: str):
    def setup(window):
        window.schedule.pages.setCurrentIndex(0)
        window.schedule.set_mode("week")
        window.schedule.show_visit_on_board(_a_visit(_dorothy()))
        window.schedule.set_mode(mode)
    return setup


def _communication(tab: int):
    def setup(window):
        window.communication.tabs.setCurrentIndex(tab)
    return setup


# ------------------------------------------------------------------ dialogs

def _log_interaction(window):
    return _shown(window.communication.log_interaction(_dorothy()))


def _record_concern(window):
    return _shown(window.communication.new_concern(_dorothy()))


def _follow_up(window):
    return _shown(window.communication.new_follow_up(_dorothy()))


def _queue_row(window, kind: str):
    pane = window.communication
    row = next((n for n, r in enumerate(pane.queue_model.rows) if r.kind == kind), None)
    if row is None:
        return None
    pane.queue.selectRow(row)
    return pane.handle_current()


def _follow_up_outcome(window):
    return _shown(_queue_row(window, "follow_up"))


def _notice(window):
    return _shown(_queue_row(window, "notice"))


def _resolve(window):
    pane = window.communication
    pane.tabs.setCurrentIndex(1)
    pane.concern_table.selectRow(0)
    return _shown(pane.resolve_current())


def _apology(window):
    pane = window.communication
    pane.tabs.setCurrentIndex(1)
    pane.concern_table.selectRow(0)
    return _shown(pane.apology_current())


def _assign(window):
    from servicedesk.ui.schedule.dialogs import AssignDialog

    return _shown(AssignDialog(_a_visit(_dorothy()), parent=window))


def _complete(window):
    from servicedesk.ui.schedule.dialogs import CompleteDialog

    return _shown(CompleteDialog(_a_visit(_dorothy()), window))


def _plans(window):
    from servicedesk.ui.schedule.plans import PlansDialog

    dorothy = _dorothy()
    return _shown(PlansDialog(dorothy, _a_visit(dorothy), window))


def _technicians(window):
    from servicedesk.ui.schedule.staff import TechniciansDialog

    return _shown(TechniciansDialog(window))


def _export(window):
    from servicedesk.core import clock
    from servicedesk.ui.schedule.export import ExportDialog

    return _shown(ExportDialog(None, clock.today(), window))


def _project(window):
    from servicedesk.core.services import projects
    from servicedesk.ui.projects.dialogs import ProjectDialog

    return _shown(ProjectDialog(projects.get(projects.active_ids()[0]), parent=window))


def _clarity(window):
    from servicedesk.core.services import clarity, projects
    from servicedesk.ui.projects.dialogs import ClarityDialog

    ids = projects.active_ids()
    problems = {pid: found for pid in ids if (found := clarity.clarity_check(pid))}
    if not problems:
        problems = {ids[0]: [clarity.Problem(ids[0], "no_date", "An example of what the check names.")]}
    return _shown(ClarityDialog(problems, len(ids), window))


def _visit_picker(window):
    from servicedesk.ui.projects.dialogs import VisitPicker

    return _shown(VisitPicker(window))


def _what_matters(window):
    from servicedesk.ui.customers.dialogs import WhatMattersDialog

    return _shown(WhatMattersDialog(window))


def _history_detail(window):
    from servicedesk.core.services import history
    from servicedesk.ui.customers.history import HistoryDetail

    item = next(i for i in history.timeline(_dorothy()) if i.kind == "interaction")
    return _shown(HistoryDetail(item.kind, item.record_id, window))


def _import(window):
    from servicedesk import paths
    from servicedesk.core.services import imports
    from servicedesk.ui.customers.transfer import ImportDialog

    csv = Path(paths.data_dir()) / "new-customers.csv"
    csv.write_text("Name,Phone,Email,Street,City\nAda Byrne,555-0101,ada@example.com,3 Elm Road,Riverton\n"
                   "Ben Ochoa,555-0102,not an email,9 Oak Lane,Riverton\n", encoding="utf-8")
    return _shown(ImportDialog(imports.read(csv), window))


def _import_visits(window):
    from servicedesk import paths
    from servicedesk.core.services import visit_import
    from servicedesk.ui.customers.visit_import import VisitImportDialog

    csv = Path(paths.data_dir()) / "visits.csv"
    csv.write_text(
        "Date,Times,Visit title,Client name,Visit completed date,Assigned to,One-off job ($),Schedule duration,"
        "Job type,Visit frequency\n"
        "\"Feb 10, 2026\",9:00 AM - 10:00 AM,Monthly pest,Dorothy Finch,\"Feb 10, 2026\",Carlos Diaz,,1.00,"
        "Recurring,Monthly on the 2nd Tuesday\n"
        "\"Feb 12, 2026\",1:00 PM - 2:00 PM,Wasp nest,Dorothy Finch,\"Feb 12, 2026\",Tom B.,95.00,1.00,One-off,\n"
        "\"Feb 13, 2026\",,Spray,Rosa Park,,Sam,,0.50,One-off,\n", encoding="utf-8")
    return _shown(VisitImportDialog(visit_import.read(csv), window))


def _preferences(window):
    from servicedesk.ui.preferences import PreferencesDialog

    return _shown(PreferencesDialog(window))


def _preferences_mail(window):
    dialog = _preferences(window)
    dialog.pages.setCurrentWidget(dialog.mail)
    return dialog


def _running_late(window):
    from servicedesk.ui.schedule.running_late import RunningLateDialog

    return _shown(RunningLateDialog(_a_visit(_dorothy()), window))


def _first_start(window):
    from servicedesk.ui.first_start import FirstStartDialog

    return _shown(FirstStartDialog(window))


def _first_start_choice(window):
    from servicedesk.ui.app import demo_choice_box

    return _shown(demo_choice_box(window))


def _unsaved(window):
    window.customers.show_customer(_dorothy())
    profile = window.customers.profile
    box = QMessageBox(QMessageBox.Icon.Question, profile.tr("Unsaved changes"),
                      profile.tr("Save the changes to %s?") % profile.title.text(),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, window)
    return _shown(box)


def _print_preview(window):
    from servicedesk.core.services import documents, projects
    from servicedesk.ui import printing

    generated = documents.generate_timeline_letter(projects.active_ids()[0], override_clarity=True)
    return _shown(printing.preview_dialog(window, generated.path))


PANES = {
    "customers": _pane(0, setup=lambda w: _customer(w, 0)),
    "customers-sites": _pane(0, setup=lambda w: _customer(w, 1)),
    "customers-what-matters": _pane(0, setup=lambda w: _customer(w, 2)),
    "customers-fit-check": _pane(0, setup=lambda w: _customer(w, 3)),
    "customers-history": _pane(0, setup=lambda w: _customer(w, 4)),
    "customers-projects": _pane(0, setup=lambda w: _customer(w, 5)),
    "schedule-week": _pane(1, setup=_board("week")),
    "schedule-day": _pane(1, setup=_board("day")),
    "schedule-projects": _pane(1, setup=lambda w: w.schedule.pages.setCurrentIndex(1)),
    "communication-today": _pane(2, setup=_communication(0)),
    "communication-concerns": _pane(2, setup=_communication(1)),
    "communication-at-risk": _pane(2, setup=_communication(2)),
    "communication-templates": _pane(2, setup=_communication(3)),
    "communication-outbox": _pane(2, setup=_communication(4)),
}

DIALOGS = {
    "log-interaction": _log_interaction,
    "record-concern": _record_concern,
    "set-follow-up": _follow_up,
    "follow-up-outcome": _follow_up_outcome,
    "change-notice": _notice,
    "resolve-concern": _resolve,
    "apology": _apology,
    "assign": _assign,
    "complete-visit": _complete,
    "service-plans": _plans,
    "technicians": _technicians,
    "export-ics": _export,
    "project": _project,
    "clarity-check": _clarity,
    "visit-summary-picker": _visit_picker,
    "what-matters": _what_matters,
    "history-detail": _history_detail,
    "import": _import,
    "import-visits": _import_visits,
    "preferences": _preferences,
    "preferences-mail": _preferences_mail,
    "running-late": _running_late,
    "first-start": _first_start,
    "first-start-choice": _first_start_choice,
    "unsaved-changes": _unsaved,
    "print-preview": _print_preview,
}


def open_window(database_path):
    """The main window at the size a 1366×768 office screen gives it."""
    from servicedesk.ui.main_window import MainWindow

    window = MainWindow(database_path)
    window.setWindowState(Qt.WindowState.WindowNoState)  # maximised, it would take this screen as it is
    window.setGeometry(0, TITLE_BAR, *SIZE)
    window.show()
    QApplication.processEvents()
    return window


def close(widget, window) -> None:
    if widget is not None and widget is not window:
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()


__all__ = ["PANES", "DIALOGS", "SIZE", "open_window", "close", "dt"]


PANES["schedule-month"] = _pane(1, setup=_board("month"))
PANES["schedule-agenda"] = _pane(1, setup=_board("agenda"))


def _report_shown(window) -> None:
    """The Reports pane works its report out off the GUI thread: wait until it is on screen."""
    import time

    deadline = time.monotonic() + 120
    while window.reports.report is None and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(5):  # the report's widgets are shown and laid out by posted events
        QApplication.processEvents()


PANES["reports"] = _pane(3, setup=_report_shown)
