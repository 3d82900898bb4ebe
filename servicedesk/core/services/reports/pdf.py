"""The monthly report written as a PDF (the window's "Save as PDF…" and ``servicedesk report``)."""

from __future__ import annotations

from pathlib import Path

from servicedesk.core.services import concerns, documents
from servicedesk.core.services.reports import words as w
from servicedesk.core.services.reports.model import MonthlyReport

STEPS = 5  # progress is reported after each section is laid out


def targets_sentence() -> str:
    ack, resolve = concerns.targets()
    return (f"The office's targets: acknowledge a concern within {w.business_days(ack)}, resolve it within "
            f"{w.business_days(resolve)} (Edit > Preferences).")


def render(report: MonthlyReport, progress=None) -> bytes:
    from servicedesk.core.documents import monthly_report  # matplotlib and reportlab load only now

    return monthly_report.render(report, documents.letterhead(), targets_sentence(), progress)


def write(report: MonthlyReport, target: Path, progress=None) -> Path:
    """Write the report to ``target`` (owner-only, whole or not at all); returns the path."""
    target = Path(target)
    documents.write_private(target, render(report, progress))
    return target
