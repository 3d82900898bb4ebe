"""The pesticide application log: every application in a period, one row each, ready for a state inspector
or the monthly use report some states require.

Each row: date and time, the site's address, the product and its registration number, the amount
and the area treated, the target pest, the applicator and their licence number. An application with
any of these missing is listed as incomplete, with what is missing named, never left out.

The applications are the rows pest-control visits record when they are completed
(``trade_records``: one ``pest_application`` row each, dated, with the applicator and the licence
number they held that day); the site is the visit's, else the customer's address. An applicator
whose staff record was since removed, or a row written without a field, is listed as incomplete.
The records are kept at least the years the office sets (Preferences; three unless changed): the
database refuses to delete a younger one, or the visit that holds it (schema step 15).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN, fn

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import office as office_service
from servicedesk.core.services.import_csv import write_private
from servicedesk.core.store.models import Customer, PestApplication, Site, Staff, Visit

# (attribute, heading): the log's columns, in the order an inspector's form asks for them
COLUMNS = (
    ("applied_at", "Date and time"),
    ("site", "Site address"),
    ("product", "Product"),
    ("registration_number", "Registration no."),
    ("amount", "Amount"),
    ("area", "Area treated"),
    ("target_pest", "Target pest"),
    ("applicator", "Applicator"),
    ("licence_number", "Licence no."),
)
CSV_HEADER = ("Date", "Time", "Site address", "Customer", "Product", "Registration number", "Amount",
              "Area treated", "Target pest", "Applicator", "Applicator licence number", "Complete", "Missing", "Visit")


@dataclass(frozen=True)
class Entry:
    applied_at: dt.datetime
    customer: str
    site: str
    product: str
    registration_number: str
    amount: str
    area: str
    target_pest: str
    applicator: str
    licence_number: str
    visit_id: int
    unit: str = ""

    @property
    def missing(self) -> tuple[str, ...]:
        """The headings of the fields this application lacks (empty: complete); an amount needs its unit."""
        lacking = tuple(heading for key, heading in COLUMNS if not str(getattr(self, key) or "").strip())
        return lacking + (("Unit",) if self.amount and not self.unit.strip() else ())

    @property
    def complete(self) -> bool:
        return not self.missing


def _address(parts: tuple, o: office_service.Office) -> str:
    """Street, street 2, city, state, postcode, country on one line, as the office's country writes them."""
    from servicedesk.core import addresses

    return addresses.one_line(addresses.Address(*(" ".join(str(p or "").split()) for p in parts)), o.region,
                              o.locale)


def _moment(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _amount(amount, unit: str) -> str:
    """``12 g``; empty when nothing was applied (a row to be named incomplete)."""
    from servicedesk.core import formatting

    if amount is None or amount <= 0:
        return ""
    return " ".join(x for x in (formatting.format_number(amount), unit.strip()) if x)


def entries(first: dt.date, last: dt.date) -> list[Entry]:
    """Every application from ``first`` to ``last`` (inclusive), oldest first."""
    if last < first:
        raise ValidationError({"to": "The period must end on or after its start."})
    applicator = Staff.alias()
    rows = (PestApplication
            .select(PestApplication.applied_at, Customer.name, Site.street, Site.street2, Site.city, Site.state,
                    Site.postcode, Site.country, Customer.street, Customer.street2, Customer.city, Customer.state,
                    Customer.postcode, Customer.country, PestApplication.product, PestApplication.registration_number,
                    PestApplication.amount, PestApplication.unit, PestApplication.area, PestApplication.target_pest,
                    fn.COALESCE(applicator.name, ""), PestApplication.licence_number, Visit.id)
            .join(Visit, on=(PestApplication.visit == Visit.id))
            .join(Customer, on=(Visit.customer == Customer.id))
            .join(Site, JOIN.LEFT_OUTER, on=(Visit.site == Site.id))
            .join(applicator, JOIN.LEFT_OUTER, on=(PestApplication.applicator == applicator.id))
            .where((PestApplication.applied_at >= dt.datetime.combine(first, dt.time()))
                   & (PestApplication.applied_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time())))
            .order_by(PestApplication.applied_at, PestApplication.id)
            .tuples())
    o = office_service.get()
    out = []
    for r in rows:
        site = _address(r[2:8], o) if r[2] or r[4] else _address(r[8:14], o)
        out.append(Entry(_moment(r[0]), r[1], site, r[14], r[15], _amount(r[16], r[17]), r[18], r[19], r[20],
                         r[21], r[22], r[17] or ""))
    return out


def retention_years() -> int:
    return office_service.get().application_retention_years


def write_csv(found: list[Entry], path: Path) -> int:
    """The log as a CSV file (UTF-8, owner-only, formulas guarded): ISO dates and 24-hour times, one row each."""
    rows = ((e.applied_at.date().isoformat(), e.applied_at.time().isoformat(timespec="minutes"), e.site, e.customer, e.product,
             e.registration_number, e.amount, e.area, e.target_pest, e.applicator, e.licence_number,
             "yes" if e.complete else "no", "; ".join(e.missing), e.visit_id) for e in found)
    return write_private(path, list(CSV_HEADER), rows)


def period_words(first: dt.date, last: dt.date) -> str:
    """``October 2026`` for a whole month, else ``Oct 1, 2026 – Oct 15, 2026``."""
    from servicedesk.core import formatting

    whole = first.day == 1 and (last + dt.timedelta(days=1)).day == 1 and (first.year, first.month) == (
        last.year, last.month)
    if whole:
        return formatting.format_month(first)
    return f"{formatting.format_date(first)} – {formatting.format_date(last)}"


def summary(found: list[Entry], first: dt.date, last: dt.date) -> tuple[str, ...]:
    """What the log holds, in plain words, and how long the records are kept."""
    period = period_words(first, last)
    incomplete = [e for e in found if not e.complete]
    kept = (f"Application records are kept for at least {retention_years()} years (the office's setting in "
            "Preferences); none younger can be deleted.")
    if not found:
        return (f"No pesticide applications were recorded in {period}.", kept)
    n = len(found)
    lines = [f"{n} application{'s' if n != 1 else ''} in {period}, one row each, oldest first: "
             f"{n - len(incomplete)} complete and {len(incomplete)} incomplete."]
    if incomplete:
        lacking: dict[str, int] = {}
        for e in incomplete:
            for heading in e.missing:
                lacking[heading] = lacking.get(heading, 0) + 1
        lines.append("An incomplete row is shaded and names what it lacks: "
                     + "; ".join(f"{heading.lower()} ({count})" for heading, count in lacking.items()) + ".")
    lines.append(kept)
    return tuple(lines)


def write_pdf(found: list[Entry], first: dt.date, last: dt.date, path: Path) -> Path:
    from servicedesk.core import formatting
    from servicedesk.core.documents import application_log as layout
    from servicedesk.core.services import documents

    rows = tuple(layout.Row(formatting.format_date(e.applied_at), formatting.format_time(e.applied_at),
                            tuple(str(getattr(e, key)) for key, _h in COLUMNS[1:]), ", ".join(e.missing))
                 for e in found)
    title = f"Pesticide application log: {period_words(first, last)}"
    log = layout.Log(documents.letterhead(), title, summary(found, first, last),
                     tuple(h for _k, h in COLUMNS), rows, f"No pesticide applications were recorded in "
                                                         f"{period_words(first, last)}.")
    documents.write_private(Path(path), layout.render(log))
    return Path(path)
