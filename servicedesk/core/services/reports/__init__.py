"""The owner's monthly report: is the office keeping its promises?

``build(month)`` reads one month and the twelve before it and returns a ``MonthlyReport`` of
plain values: a summary, then one section each for concerns, continuity, customers gained and
lost, the promises kept, and relationship health. Each section is blocks of a chart, the
numbers beside it and the sentences that say what they mean; the window and the PDF
(``documents.monthly_report``) draw the same report, and the command line writes the PDF
(``servicedesk report``). The rules behind each figure are in the section's module.
"""

from __future__ import annotations

from servicedesk.core import clock
from servicedesk.core.services import health_history
from servicedesk.core.services import office as office_service
from servicedesk.core.services.reports import (
    concern_figures,
    continuity_figures,
    health_figures,
    promise_figures,
    retention_figures,
)
from servicedesk.core.services.reports import words as w
from servicedesk.core.services.reports.model import Block, Chart, MonthlyReport, Section, Series, Table  # noqa: F401
from servicedesk.core.services.reports.period import Month, last_full_month, parse  # noqa: F401

SECTIONS = (concern_figures, continuity_figures, retention_figures, promise_figures, health_figures)
STEPS = len(SECTIONS)  # progress is reported after each section


def build(month: Month, progress=None) -> MonthlyReport:
    """The report for ``month``; ``progress(done)`` is called after each of the ``STEPS`` sections."""
    sections = []
    for done, module in enumerate(SECTIONS, start=1):
        sections.append(module.build(month))
        if progress is not None:
            progress(done)
    return MonthlyReport(office_service.get().name or "The office", month, clock.now(), _summary(month, sections),
                         tuple(sections), health_history.since())


def months(most: int = 120) -> list[Month]:
    """The months a report can be made for, newest first: this month back to the office's first records."""
    from servicedesk.core.services.reports.period import as_date
    from servicedesk.core.store import database

    found = [as_date(database.execute_sql(sql).fetchone()[0]) for sql in (
        "SELECT MIN(customer_since) FROM customer", "SELECT MIN(starts_at) FROM visit",
        "SELECT MIN(raised_at) FROM concern")]
    first = min((d for d in found if d is not None), default=clock.today())
    out = [Month.of(clock.today())]
    while len(out) < most and out[-1].start > first:
        out.append(out[-1].previous())
    return out


def _summary(month: Month, sections: list[Section]) -> tuple[str, ...]:
    if not any(s.has_data for s in sections):
        return (f"Nothing was recorded in {w.month(month.start)}: no concerns, completed visits, technician changes, "
                "new customers or cancellations, follow-ups, weekly letters, change notices or movements on the "
                "at-risk list.",)
    partial = month.contains(clock.today())
    out = []
    if partial:
        out.append(w.sentence(f"{w.month(month.start)} is not over: this report counts up to today, "
                              f"{w.day(clock.today())}"))
    for s in sections:
        out.append(f"{s.title}: {' '.join(s.lead)}")
    return tuple(out)
