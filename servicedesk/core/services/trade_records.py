"""What each trade must record at a visit, declared once here: entered when the visit is completed,
stored, and printed on the visit summary.

- Pest control: every pesticide application — target pest, product, its registration number, amount
  and unit, the area treated — with the applicator's licence number (kept on the technician). Each
  application is a row of its own, dated, so the monthly application log is read straight from them.
- Pools: the water readings (free chlorine and pH always; alkalinity, hardness, stabiliser and salt
  when taken).
- Cleaning and restoration: the areas done, and moisture readings by area.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from servicedesk.core import formatting
from servicedesk.core.store.models import Customer, PestApplication, Staff, Visit, VisitReading
from servicedesk.core.validation import clean_text


@dataclass(frozen=True)
class Reading:
    key: str
    label: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    required: bool = False
    text: bool = False  # words, not a number
    per_area: bool = False  # one reading for each area ("Kitchen wall 18 %")


@dataclass(frozen=True)
class TradeRecord:
    trade: str
    title: str  # the summary's heading for the readings
    readings: tuple[Reading, ...] = ()
    applications: bool = False  # pesticide applications, with the applicator's licence


TRADES = {
    "pool": TradeRecord("pool", "Water readings", (
        Reading("free_chlorine", "Free chlorine", "ppm", 0, 20, required=True),
        Reading("ph", "pH", "", 6, 9, required=True),
        Reading("total_alkalinity", "Total alkalinity", "ppm", 0, 400),
        Reading("calcium_hardness", "Calcium hardness", "ppm", 0, 1500),
        Reading("cyanuric_acid", "Cyanuric acid", "ppm", 0, 300),
        Reading("salt", "Salt", "ppm", 0, 10000),
    )),
    "pest": TradeRecord("pest", "Pesticide applications", applications=True),
    "cleaning": TradeRecord("cleaning", "Areas and moisture", (
        Reading("areas_done", "Areas done", required=True, text=True),
        Reading("moisture", "Moisture", "%", 0, 100, per_area=True),
    )),
}
APPLICATION_FIELDS = (  # key, label, what is missing when it is empty
    ("target_pest", "Target pest", "the pest it targets"),
    ("product", "Product", "the product"),
    ("registration_number", "Registration no.", "the product's registration number"),
    ("amount", "Amount", "the amount applied"),
    ("unit", "Unit", "the unit of the amount"),
    ("area", "Area treated", "the area treated"),
)
_REGISTRATION = re.compile(r"\d")


@dataclass(frozen=True)
class Application:
    applied_at: dt.datetime
    target_pest: str
    product: str
    registration_number: str
    amount: float
    unit: str
    area: str
    applicator: str
    licence_number: str


@dataclass(frozen=True)
class Recorded:
    """What a completed visit recorded, ready to print."""

    title: str
    readings: tuple[tuple[str, str], ...]  # (label, value as written: "7.4", "2.5 ppm", "Kitchen wall: 18 %")
    applications: tuple[Application, ...]


def trade_of(visit_id: int) -> TradeRecord | None:
    """The record this visit's trade keeps: the customer's trade, else the office's own."""
    from servicedesk.core.services import office

    row = (Visit.select(Customer.trade).join(Customer, on=(Visit.customer == Customer.id))
           .where(Visit.id == visit_id).tuples().first())
    trade = (row[0] if row else "") or office.get().trade
    return TRADES.get(trade)


def _number(value, label: str, problems: dict, key: str) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = clean_text(str(value or "")).strip()
    try:
        return float(formatting.parse_number(text))
    except ValueError:
        problems[key] = f"{label}: “{text}” is not a number."
        return None


def check(visit: Visit, record: TradeRecord | None, readings: dict | None, applications) -> tuple[list, list]:
    """The readings and applications as they will be stored; ValidationError problems in ``problems``.

    ``readings``: {key: value} or, for a reading taken by area, {key: [(area, value), ...]}.
    ``applications``: dicts with the keys of ``APPLICATION_FIELDS``.
    """
    problems: dict[str, str] = {}
    reading_rows: list[dict] = []
    readings = readings or {}
    applications = list(applications or ())
    known = {r.key: r for r in record.readings} if record else {}
    for key in readings:
        if key not in known:
            problems[key] = f"“{key}” is not a reading this trade records."
    for r in (record.readings if record else ()):
        given = readings.get(r.key)
        entries = [(clean_text(str(a)).strip(), v) for a, v in given] if r.per_area and given else (
            [("", given)] if given not in (None, "") else [])
        entries = [(a, v) for a, v in entries if str(v).strip() or a]
        if r.required and not entries:
            what = r.label if r.label[1:2].isupper() else r.label[:1].lower() + r.label[1:]
            problems[r.key] = f"Record the {what}: a {record.trade} visit's summary shows it."
        for n, (area, value) in enumerate(entries, 1):
            key = f"{r.key}_{n}" if r.per_area else r.key
            if r.per_area and not area:
                problems[key] = f"{r.label} reading {n} needs the area it was taken in."
            if r.text:
                reading_rows.append({"field": r.key, "area": area, "number": None, "text": clean_text(str(value)).strip()})
                continue
            number = _number(value, r.label, problems, key)
            if number is None:
                continue
            if (r.low is not None and number < r.low) or (r.high is not None and number > r.high):
                problems[key] = (f"{r.label} {formatting.format_number(number)} is outside "
                                 f"{formatting.format_number(r.low)}–{formatting.format_number(r.high)}"
                                 f"{(' ' + r.unit) if r.unit else ''}: check the reading.")
            reading_rows.append({"field": r.key, "area": area, "number": number, "text": ""})
    application_rows: list[dict] = []
    if applications:
        if record is None or not record.applications:
            problems["applications"] = "Pesticide applications are recorded on pest-control visits."
        tech = Staff.get_or_none(Staff.id == visit.technician_id) if visit.technician_id else None
        if tech is None:
            problems["applicator"] = "Assign the technician who applied the products before recording them."
        elif not tech.licence_number.strip():
            problems["applicator"] = (f"{tech.name} has no applicator licence number: add it under Schedule > "
                                      "Technicians and Time Off before recording a pesticide application.")
        for n, given in enumerate(applications, 1):
            row = {k: clean_text(str(given.get(k, "") or "")).strip() for k, _label, _missing in APPLICATION_FIELDS}
            missing = [what for k, _label, what in APPLICATION_FIELDS if not row[k]]
            if missing:
                problems[f"application_{n}"] = f"Application {n} needs {', '.join(missing)}."
                continue
            amount = _number(given["amount"], f"Application {n}'s amount", problems, f"application_{n}")
            if amount is not None and amount <= 0:
                problems[f"application_{n}"] = f"Application {n}'s amount must be more than zero."
            if not _REGISTRATION.search(row["registration_number"]):
                problems[f"application_{n}"] = (f"Application {n}: “{row['registration_number']}” is not a "
                                                "registration number (as on the label, e.g. EPA Reg. No. 100-1484).")
            row.update(amount=amount, applied_at=given.get("applied_at") or visit.starts_at,
                       applicator=tech.id if tech else None, licence_number=tech.licence_number if tech else "")
            application_rows.append(row)
    if problems:
        from servicedesk.core.errors import ValidationError

        raise ValidationError(problems)
    return reading_rows, application_rows


def store(visit_id: int, reading_rows: list[dict], application_rows: list[dict]) -> None:
    """Inside the caller's transaction."""
    for row in reading_rows:
        VisitReading.create(visit=visit_id, **row)
    for row in application_rows:
        PestApplication.create(visit=visit_id, **row)


def _value(r: Reading, row: VisitReading) -> str:
    if r.text:
        return row.text
    text = formatting.format_number(row.number)
    text = f"{text} {r.unit}" if r.unit else text
    return f"{row.area}: {text}" if r.per_area else text


def recorded(visit_id: int) -> Recorded | None:
    """What the visit recorded, for its summary (None when its trade records nothing)."""
    record = trade_of(visit_id)
    rows = list(VisitReading.select().where(VisitReading.visit == visit_id).order_by(VisitReading.id))
    applied = list(PestApplication.select().where(PestApplication.visit == visit_id).order_by(PestApplication.id))
    if record is None and not rows and not applied:
        return None
    by_key = {r.key: r for t in TRADES.values() for r in t.readings}
    readings = []
    for row in rows:
        r = by_key.get(row.field)
        if r is not None:
            readings.append((r.label, _value(r, row)))
    names = {s.id: s.name for s in Staff.select().where(Staff.id.in_([a.applicator_id for a in applied]))}
    applications = tuple(Application(a.applied_at, a.target_pest, a.product, a.registration_number, a.amount, a.unit,
                                     a.area, names.get(a.applicator_id, ""), a.licence_number) for a in applied)
    title = record.title if record else "What we recorded"
    return Recorded(title, tuple(readings), applications)
