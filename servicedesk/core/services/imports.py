"""Customers in and out of CSV files, as offices actually have them.

Reading accepts UTF-8 (with or without BOM), Windows-1252 and Excel's UTF-16 "Unicode text",
separated by commas, semicolons or tabs, with headers matched case-insensitively against the
usual synonyms and against this program's own export columns. ``read`` checks every row and
finds likely duplicates without writing anything; ``run`` imports a clean file in one
transaction, so a file with any bad row imports nothing. ``export`` writes a file only its
owner can read, with spreadsheet formulas neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from servicedesk.core import clock
from servicedesk.core.errors import ServiceError, ValidationError
from servicedesk.core.services import customers, health, office
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.models import CHANNELS, CUSTOMER_STATUSES, Customer, Site, Staff
from servicedesk.core.validation import clean_text

# The export's columns, in order; importing them gives back the same customers.
COLUMNS = (
    ("name", "Name"),
    ("company", "Company"),
    ("salutation", "Salutation"),
    ("status", "Status"),
    ("cancel_reason", "Cancel reason"),
    ("customer_since", "Customer since"),
    ("trade", "Trade"),
    ("preferred_channel", "Preferred channel"),
    ("best_time", "Best time"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("street", "Street"),
    ("city", "City"),
    ("postcode", "Postcode"),
    ("notes", "Notes"),
    ("technician", "Technician"),
)
FIELD_LABELS = dict(COLUMNS) | {"first_name": "First name", "last_name": "Last name"}

SYNONYMS = {
    "name": ("name", "fullname", "customer", "customername", "contactname"),
    "first_name": ("firstname", "givenname", "forename"),
    "last_name": ("lastname", "surname", "familyname"),
    "company": ("company", "companyname", "organisation", "organization", "business"),
    "phone": ("phone", "telephone", "tel", "mobile", "cell", "phonenumber", "telephonenumber",
              "mobilephone", "mobilenumber"),
    "email": ("email", "emailaddress", "mail"),
    "street": ("street", "address", "streetaddress", "address1", "addressline1"),
    "city": ("city", "town"),
    "postcode": ("postcode", "zip", "zipcode", "postalcode", "postcodezip"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
    "salutation": ("salutation", "greeting"),
    "status": ("status",),
    "cancel_reason": ("cancelreason", "cancellationreason"),
    "customer_since": ("customersince", "since"),
    "trade": ("trade", "service", "line"),
    "preferred_channel": ("preferredchannel", "channel"),
    "best_time": ("besttime", "besttimetocall", "besttimetoreach"),
    "technician": ("technician", "tech"),
}
_HEADER_TO_FIELD = {syn: name for name, syns in SYNONYMS.items() for syn in syns}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREVIEW_ROWS = 10


class ImportFileError(ServiceError):
    """The file cannot be read at all (missing, empty, unknown encoding, no name column)."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class Duplicate:
    line: int
    name: str
    reason: str  # "same phone as Dorothy Finch (already in the office)"

    def __str__(self) -> str:
        return f"line {self.line}: {self.name} — {self.reason}"


@dataclass
class Plan:
    """What a file would import: read and checked, nothing written yet."""

    path: str
    encoding: str
    delimiter: str
    headers: list[str]
    mapping: list[str | None]  # the field each column feeds, None when ignored
    preview: list[list[str]]  # the first rows as they are in the file
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (line, clean values) of good rows
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    total: int = 0  # data rows in the file

    @property
    def ok(self) -> bool:
        return not self.problems

    def duplicate_lines(self) -> set[int]:
        return {d.line for d in self.duplicates}


@dataclass(frozen=True)
class Result:
    imported: int
    skipped_duplicates: int
    ids: tuple[int, ...] = ()


class Cancelled(ServiceError):
    """The person stopped the import; nothing was imported."""


# ------------------------------------------------------------------ reading a file

def decode(raw: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was in."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "UTF-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    sample = raw[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:  # UTF-16 without its mark
        even_nuls = sample[0::2].count(b"\x00")
        return raw.decode("utf-16-be" if even_nuls > sample[1::2].count(b"\x00") else "utf-16-le"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file is not in a text encoding ServiceDesk knows (UTF-8, UTF-16 or Windows-1252): "
            f"byte {exc.start} cannot be read. Save it from your spreadsheet as “CSV UTF-8”."
        ) from exc


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: 0 for d in (",", ";", "\t")}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def header_key(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _fold(header))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def map_headers(headers: list[str]) -> list[str | None]:
    mapping: list[str | None] = []
    for header in headers:
        name = _HEADER_TO_FIELD.get(header_key(header))
        mapping.append(name if name not in mapping else None)  # the first column of a kind wins
    return mapping


def unneutralise(cell: str) -> str:
    """Undo the export's formula guard: the first of the quotes before = + - @ is ours, not the customer's."""
    if cell[:1] == "'" and _formula_like(cell):
        return cell[1:]
    return cell


def _formula_like(cell: str) -> bool:
    """Starts like a formula, after any quotes a person typed themselves (“'=1+1”, “''@x”)."""
    return cell.lstrip("'").startswith(FORMULA_STARTS)


def read(path: str | os.PathLike, progress=None) -> Plan:
    """Read and check ``path``: every bad row and likely duplicate named, nothing written.

    ``progress(done, total)`` is called while the rows are checked; returning False stops.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    text, encoding = decode(raw)
    return read_text(text, encoding, str(path), progress)


def read_text(text: str, encoding: str = "UTF-8", path: str = "", progress=None) -> Plan:
    text = clean_text(text)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise ImportFileError("The file is empty: there is no header line and no customer in it.")
    delimiter = _sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if any(c.strip() for c in cells):
                records.append((start, cells))
    except csv.Error as exc:
        raise ImportFileError(f"Line {reader.line_num}: the file is not valid CSV ({exc}).") from exc
    (header_line, headers), data = records[0], records[1:]
    headers = [h.strip() for h in headers]
    mapping = map_headers(headers)
    if "name" not in mapping and not {"first_name", "last_name"} & set(mapping):
        raise ImportFileError(
            f"Line {header_line}: no column holds the customer's name. The columns found are: "
            f"{', '.join(h or '(empty)' for h in headers)}. Name one column “Name” or “Full name”."
        )
    plan = Plan(path, encoding, delimiter, headers, mapping,
                preview=[[unneutralise(c) for c in cells] for _line, cells in data[:PREVIEW_ROWS]],
                total=len(data))
    _check_rows(plan, data, progress)
    _find_duplicates(plan)
    return plan


# ------------------------------------------------------------------ checking rows

_STATUS_WORDS = {s: s for s in CUSTOMER_STATUSES} | {"canceled": "cancelled", "inactive": "paused"}
_CHANNEL_WORDS = {c.replace("_", ""): c for c in CHANNELS} | {"mail": "letter", "post": "letter", "sms": "text",
                                                              "inperson": "in_person", "call": "phone"}


def _row_values(plan: Plan, cells: list[str]) -> dict:
    values: dict[str, str] = {}
    for name, cell in zip(plan.mapping, cells):
        if name is not None:
            values[name] = unneutralise(cell.strip())
    first, last = values.pop("first_name", ""), values.pop("last_name", "")
    if not values.get("name"):
        values["name"] = " ".join(p for p in (first, last) if p)
    return values


def _convert(values: dict, technicians: dict[str, int]) -> tuple[dict, list[str], list[str]]:
    """Turn the file's words into field values: (values, problems, warnings)."""
    problems, warnings = [], []
    if values.get("status"):
        word = values["status"].casefold()
        if word not in _STATUS_WORDS:
            problems.append(f"Status “{values['status']}” is not one of: {', '.join(CUSTOMER_STATUSES)}.")
        values["status"] = _STATUS_WORDS.get(word, "active")
    else:
        values.pop("status", None)
    if values.get("preferred_channel"):
        word = re.sub(r"[^a-z]", "", values["preferred_channel"].casefold())
        if word not in _CHANNEL_WORDS:
            problems.append(f"Preferred channel “{values['preferred_channel']}” is not one of: "
                            f"{', '.join(CHANNELS)}.")
        values["preferred_channel"] = _CHANNEL_WORDS.get(word, "phone")
    else:
        values.pop("preferred_channel", None)
    since = values.get("customer_since", "")
    if since:
        try:
            values["customer_since"] = dt.date.fromisoformat(since[:10])
        except ValueError:
            problems.append(f"Customer since “{since}” is not a date written as YYYY-MM-DD.")
            values.pop("customer_since")
    else:
        values.pop("customer_since", None)
    technician = values.pop("technician", "")
    if technician:
        tech_id = technicians.get(technician.casefold())
        if tech_id:
            values["technician_id"] = tech_id
        else:
            warnings.append(f"There is no technician called “{technician}”; the customer is left unassigned.")
    return values, problems, warnings


def _check_rows(plan: Plan, data: list[tuple[int, list[str]]], progress=None) -> None:
    technicians = {s.name.casefold(): s.id for s in Staff.select(Staff.id, Staff.name)}
    region = office.get().region
    width = len(plan.headers)
    for done, (line, cells) in enumerate(data, start=1):
        if progress is not None and done % 500 == 0 and progress(done, len(data)) is False:
            raise Cancelled("The file was not checked to the end; nothing was imported.")
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            plan.problems.append(RowProblem(line, f"{len(cells)} fields, but the header has {width} columns "
                                                  "(a separator inside a value needs quotes)."))
            continue
        values, problems, warnings = _convert(_row_values(plan, cells), technicians)
        try:
            clean, more = customers.validate(values, region)
        except ValidationError as exc:
            problems += list(exc.problems.values())
            clean, more = {}, []
        if problems:
            plan.problems.append(RowProblem(line, " ".join(problems)))
            continue
        plan.warnings += [RowProblem(line, w) for w in warnings + more]
        plan.rows.append((line, clean))


# ------------------------------------------------------------------ likely duplicates

def name_key(name: str) -> str:
    """Names that differ only in case, accents, punctuation, word order or a middle initial share a key."""
    words = re.findall(r"[0-9a-z]+", _fold(name))
    long_words = [w for w in words if len(w) > 1 or w.isdigit()] or words
    return " ".join(sorted(long_words))


def _find_duplicates(plan: Plan) -> None:
    phones: dict[str, str] = {}
    emails: dict[str, str] = {}
    names: dict[str, str] = {}
    existing = " (already in the office)"
    for name, phone, email in database.execute_sql(
            "SELECT name, phone_e164, lower(email) FROM customer").fetchall():
        if phone:
            phones.setdefault(phone, name + existing)
        if email:
            emails.setdefault(email, name + existing)
        names.setdefault(name_key(name), name + existing)
    for line, values in plan.rows:
        name = values.get("name", "")
        phone, email, key = values.get("phone_e164", ""), values.get("email", "").lower(), name_key(name)
        reason = ""
        if phone and phone in phones:
            reason = f"same phone as {phones[phone]}"
        elif email and email in emails:
            reason = f"same email as {emails[email]}"
        elif key and key in names:
            reason = f"nearly the same name as {names[key]}"
        if reason:
            plan.duplicates.append(Duplicate(line, name, reason))
            continue
        here = f"{name} (line {line})"
        if phone:
            phones.setdefault(phone, here)
        if email:
            emails.setdefault(email, here)
        names.setdefault(key, here)


# ------------------------------------------------------------------ importing

def run(plan: Plan, include_duplicates: bool = False, progress=None) -> Result:
    """Import a checked plan in one transaction. ``progress(done, total)`` returning False cancels."""
    if not plan.ok:
        raise ValidationError({f"line {p.line}": str(p) for p in plan.problems})
    skip = set() if include_duplicates else plan.duplicate_lines()
    todo = [(line, values) for line, values in plan.rows if line not in skip]
    stamp, today = clock.now(), clock.today()
    ids = []
    add_customer, add_site = _inserter(Customer), _inserter(Site)
    with transaction():
        cursor = database.cursor()
        for done, (_line, values) in enumerate(todo, start=1):
            data = {"customer_since": today, "created_at": stamp, "updated_at": stamp, **values}
            customer_id = add_customer(cursor, data)
            if data.get("street"):
                add_site(cursor, {"customer": customer_id, "label": "Main", "street": data["street"],
                                  "city": data.get("city", ""), "postcode": data.get("postcode", "")})
            ids.append(customer_id)
            if progress is not None and done % 200 == 0 and progress(done, len(todo)) is False:
                raise Cancelled("The import was stopped; no customer was imported.")
        health.recompute(ids)  # a customer since long ago, never contacted, is scored so from the start
    if progress is not None:
        progress(len(todo), len(todo))
    return Result(len(ids), len(plan.rows) - len(todo), tuple(ids))


def _inserter(model):
    """A fast single-row INSERT for ``model`` that fills the model's defaults and converts values as peewee does."""
    fields = [f for f in model._meta.sorted_fields if f.name != "id"]
    sql = (f"INSERT INTO {model._meta.table_name} ({', '.join(f.column_name for f in fields)})"
           f" VALUES ({', '.join('?' * len(fields))})")

    def insert(cursor, values: dict) -> int:
        row = []
        for f in fields:
            value = values[f.name] if f.name in values else (f.default() if callable(f.default) else f.default)
            row.append(f.db_value(value))
        return dialect.current().insert_id(cursor, sql, row)

    return insert


# ------------------------------------------------------------------ exporting

def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading quote; import takes it off again.

    A cell that already starts with a quote before a formula sign (“'=1+1” typed as text) gets one
    too, or the import would take the person's own quote for the guard and drop it.
    """
    return "'" + cell if _formula_like(cell) else cell


def _export_rows(ids=None):
    sql = ("SELECT c.name, c.company, c.salutation, c.status, c.cancel_reason, c.customer_since, c.trade,"
           " c.preferred_channel, c.best_time, c.phone, c.email, c.street, c.city, c.postcode, c.notes,"
           " COALESCE(t.name, '') FROM customer c LEFT JOIN staff t ON t.id = c.technician_id")
    if ids is None:
        cursor = database.execute_sql(sql + " ORDER BY c.sort_name, c.id")
        while chunk := cursor.fetchmany(1000):
            yield from chunk
        return
    ids = list(ids)
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        yield from database.execute_sql(sql + f" WHERE c.id IN ({','.join('?' * len(part))})", part).fetchall()


def export(path: str | os.PathLike, ids=None, progress=None) -> int:
    """Write customers (all, or ``ids``) to ``path`` as UTF-8 CSV readable by its owner only."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    count = 0
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise ServiceError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    try:
        with open(fd, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([label for _name, label in COLUMNS])
            for row in _export_rows(ids):
                writer.writerow([neutralise("" if v is None else str(v)) for v in row])
                count += 1
                if progress is not None and count % 1000 == 0:
                    progress(count)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count
