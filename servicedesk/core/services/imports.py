"""Customers in and out of CSV files, as offices actually have them.

Reading accepts UTF-8 (with or without BOM), Windows-1252 and Excel's UTF-16 "Unicode text",
separated by commas, semicolons or tabs. The columns are matched to fields by the layouts of the
products offices move from (:mod:`import_layouts`) and the usual synonyms; a column that holds data
and has no place stops the import until it is mapped, kept in the notes or left out on purpose.
``read`` checks every row, finds likely duplicates and (re-import) the customers each row updates,
without writing; ``run`` writes a clean plan in one transaction, so a file with any bad row imports
nothing. ``export`` writes a file only its owner can read, with spreadsheet formulas neutralised.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import import_apply, office
from servicedesk.core.services.import_check import Prepared, date_order, prepare
from servicedesk.core.services.import_csv import (  # noqa: F401  (the module's public names)
    FORMULA_STARTS,
    ImportFileError,
    Source,
    decode,
    neutralise,
    parse,
    read_file,
    unneutralise,
    write_private,
)
from servicedesk.core.services.import_layouts import FIELDS, detect, header_key, map_headers
from servicedesk.core.services.import_records import build, merge, specs
from servicedesk.core.store import database
from servicedesk.core.store.models import Staff

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
    ("street2", "Street line 2"),
    ("city", "City"),
    ("state", "State"),
    ("postcode", "Postcode"),
    ("country", "Country"),
    ("notes", "Notes"),
    ("technician", "Technician"),
    ("reference", "Client id"),
    ("tags", "Tags"),
)
FIELD_LABELS = FIELDS
NAME_FIELDS = {"name", "first_name", "last_name", "company"}
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class Unmapped:
    """A column that holds data and feeds nothing."""

    header: str
    rows: int

    def __str__(self) -> str:
        return (f"Column '{self.header}' has data in {self.rows} row{'s' if self.rows != 1 else ''} and no place: "
                "map it, keep it in the notes, or leave it out")


@dataclass(frozen=True)
class Duplicate:
    line: int
    name: str
    reason: str  # "same phone as Dorothy Finch (already in the office)"

    def __str__(self) -> str:
        return f"line {self.line}: {self.name} — {self.reason}"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.field}: “{self.old}” → “{self.new}”" if self.old else f"{self.field}: “{self.new}” added"


@dataclass
class Updated:
    """A row that matches a customer already in the office (re-import) and what it would change."""

    line: int
    name: str
    customer_id: int
    changes: list[Change] = field(default_factory=list)
    values: dict = field(default_factory=dict)  # the fields to set
    sites: list[dict] = field(default_factory=list)  # sites to add
    contacts: list[dict] = field(default_factory=list)  # contacts to add

    def __str__(self) -> str:
        said = "; ".join(str(c) for c in self.changes) or "unchanged"
        return f"line {self.line}: {self.name} — {said}"


@dataclass
class Plan:
    """What a file would import: read and checked, nothing written yet."""

    source: Source
    mapping: list[str | None]  # the field each column feeds, None when it has no place
    layout: str = ""  # the product the file looks like, "" for a list of the office's own
    filled: list[int] = field(default_factory=list)  # rows with data, per column
    preview: list[list[str]] = field(default_factory=list)  # the first rows as they are in the file
    rows: list[Prepared] = field(default_factory=list)  # good rows (one per customer)
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    updates: list[Updated] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    update: bool = False
    total: int = 0  # data rows in the file

    path = property(lambda self: self.source.path)
    encoding = property(lambda self: self.source.encoding)
    delimiter = property(lambda self: self.source.delimiter)
    headers = property(lambda self: self.source.headers)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.unmapped

    def duplicate_lines(self) -> set[int]:
        return {d.line for d in self.duplicates}

    def new_count(self, include_duplicates: bool = False) -> int:
        updating = {u.line for u in self.updates}
        skip = set() if include_duplicates else self.duplicate_lines()
        return sum(1 for r in self.rows if r.line not in updating and r.line not in skip)

    def left_out(self) -> list[str]:
        """Columns with data left out on purpose (by the layout or the person)."""
        return [h for h, f, n in zip(self.headers, self.mapping, self.filled) if f == "skip" and n]


@dataclass(frozen=True)
class Result:
    imported: int
    skipped_duplicates: int
    ids: tuple[int, ...] = ()
    updated: int = 0
    unchanged: int = 0


class Cancelled(ServiceError):
    """The person stopped the import; nothing was imported."""


# ------------------------------------------------------------------ reading a file

def read(path: str | os.PathLike, progress=None, **options) -> Plan:
    """Read and check ``path``: every bad row, unmapped column and likely duplicate named, nothing written.

    ``progress(done, total)`` is called while the rows are checked; returning False stops. Options are
    those of :func:`check`.
    """
    text, encoding = read_file(path)
    return check(parse(text, encoding, str(path)), progress=progress, **options)


def read_text(text: str, encoding: str = "UTF-8", path: str = "", progress=None, **options) -> Plan:
    return check(parse(text, encoding, path), progress=progress, **options)


def remap(plan: Plan, mapping: list[str | None], progress=None) -> Plan:
    """The same file checked again with another mapping (the import dialog's changes)."""
    return check(plan.source, mapping=mapping, update=plan.update, progress=progress)


def check(source: Source, mapping: list[str | None] | None = None, drop=(), keep_in_notes: bool = False,
          update: bool = False, maps: dict[str, str] | None = None, progress=None) -> Plan:
    """Check every row of ``source``.

    ``mapping`` replaces the automatic one whole; ``maps`` sets single columns ({"Gate code":
    "site_access"}); ``drop`` names columns to leave out; ``keep_in_notes`` keeps every column without a
    place as labelled lines in the notes; ``update`` matches rows to customers already in the office.
    """
    headers = source.headers
    layout = detect(headers)
    mapping, filled, unmapped = placed(source, map_headers(headers, layout) if mapping is None else mapping, FIELDS,
                                       maps, drop, keep_in_notes)
    if not NAME_FIELDS & set(mapping):
        raise ImportFileError(
            f"Line {source.header_line}: no column holds the customer's name. The columns found are: "
            f"{', '.join(h or '(empty)' for h in headers)}. Name one column “Name” or “Full name”."
        )
    plan = Plan(source, mapping, layout.name if layout else "", filled,
                preview=[[unneutralise(c) for c in cells] for _line, cells in source.data[:PREVIEW_ROWS]],
                update=update, total=len(source.data))
    plan.unmapped = unmapped
    _check_rows(plan, layout, progress)
    if update:
        _match_existing(plan)
    _find_duplicates(plan)
    return plan


def placed(source: Source, mapping: list[str | None], fields: dict[str, str], maps: dict[str, str] | None = None,
           drop=(), keep_in_notes: bool = False) -> tuple[list[str | None], list[int], list[Unmapped]]:
    """Where each column goes once the person had their say, and what still has no place.

    ``maps`` sets single columns ({"Gate code": "site_access"}), ``drop`` leaves columns out on purpose,
    ``keep_in_notes`` makes every column without a place a labelled line of the notes. Returns the
    mapping, the rows with data per column without a place (or left out), and the columns that hold
    data and have no place: each of them stops the import until it has one.
    """
    headers = source.headers
    mapping = list(mapping) + [None] * (len(headers) - len(mapping))
    for name, target in (maps or {}).items():
        if target not in fields:
            raise ImportFileError(f"“{target}” is not a place a column can go; the places are: {', '.join(fields)}.")
        mapping[column_index(headers, name)] = target
    for name in drop:
        mapping[column_index(headers, name)] = "skip"
    filled = [0] * len(headers)
    for n, f in enumerate(mapping):
        if f is None or f == "skip":
            filled[n] = sum(1 for _line, cells in source.data if n < len(cells) and cells[n].strip())
    if keep_in_notes:
        mapping = [("note_line" if f is None and n else f) for f, n in zip(mapping, filled)]
    return mapping, filled, [Unmapped(h, n) for h, f, n in zip(headers, mapping, filled) if f is None and n]


def column_index(headers: list[str], name: str) -> int:
    """The column a person named (as written, or folded: "gate code" is "Gate Code")."""
    keys = [header_key(h) for h in headers]
    for candidate in (name, name.strip()):
        if candidate in headers:
            return headers.index(candidate)
        if header_key(candidate) in keys:
            return keys.index(header_key(candidate))
    raise ImportFileError(f"There is no column “{name}” in the file; its columns are: {', '.join(headers)}.")


# ------------------------------------------------------------------ checking rows

def _check_rows(plan: Plan, layout, progress=None) -> None:
    technicians = {s.name.casefold(): s.id for s in Staff.select(Staff.id, Staff.name)}
    region = office.get().region
    width = len(plan.headers)
    columns = specs(plan.headers, plan.mapping)
    by_reference: dict[str, object] = {}
    records = []
    data = plan.source.data
    for done, (line, cells) in enumerate(data, start=1):
        if progress is not None and done % 500 == 0 and progress(done, len(data)) is False:
            raise Cancelled("The file was not checked to the end; nothing was imported.")
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            plan.problems.append(RowProblem(line, f"{len(cells)} fields, but the header has {width} columns "
                                                  "(a separator inside a value needs quotes)."))
            continue
        rec = build(line, cells, columns, layout, unneutralise)
        reference = rec.values.get("reference", "")
        if reference and reference in by_reference:  # one more property of a client already read
            merge(by_reference[reference], rec, FIELDS)
            continue
        if reference:
            by_reference[reference] = rec
        records.append(rec)
    order = date_order(((rec.line, rec.values.get("customer_since", "")) for rec in records), region)
    if order.problem:
        plan.problems.append(RowProblem(*order.problem))
    for rec in records:
        prepared, problems, warnings = prepare(rec, technicians, region, order)
        if problems:
            plan.problems.append(RowProblem(rec.line, " ".join(problems)))
            continue
        plan.warnings += [RowProblem(rec.line, w) for w in warnings]
        plan.rows.append(prepared)
    plan.problems.sort(key=lambda p: p.line)


# ------------------------------------------------------------------ re-import: the customers already there

_COMPARED = ("name", "company", "salutation", "status", "cancel_reason", "customer_since", "trade",
             "preferred_channel", "best_time", "phone", "email", "street", "street2", "city", "state", "postcode",
             "country", "notes", "technician_id", "reference", "tags")


def _match_existing(plan: Plan) -> None:
    """Rows for a customer already in the office (same client id, or same name and phone or email)."""
    from servicedesk.core.services.customer_match import SHARED, CustomerIndex

    index = CustomerIndex()
    matched: dict[int, Prepared] = {}
    for row in plan.rows:
        v = row.values
        cid = index.find(v.get("name", ""), v.get("reference", ""), [v.get("phone_e164") or v.get("phone", "")],
                         [v.get("email", "")])
        if cid not in (None, SHARED) and cid not in matched:
            row.existing = cid
            matched[cid] = row
    if matched:
        current = import_apply.current(list(matched))
        for cid, row in matched.items():
            plan.updates.append(_changes(row, cid, current[cid]))
        plan.updates.sort(key=lambda u: u.line)


def _shown(value) -> str:
    return "" if value is None else str(value)


def _changes(row: Prepared, cid: int, now: dict) -> Updated:
    v = row.values
    out = Updated(row.line, v.get("name", ""), cid)
    for key in _COMPARED:
        if key not in v or v[key] in ("", None):
            continue  # a value the file does not have is kept as the office has it
        new, old = v[key], now["fields"].get(key)
        if key == "phone" and v.get("phone_e164") and v["phone_e164"] == now["fields"].get("phone_e164"):
            continue
        if key == "notes":
            missing = [ln for ln in new.splitlines() if ln.strip() and ln not in (old or "")]
            if not missing:
                continue
            new = "\n".join(filter(None, [old or "", *missing]))
            out.changes.append(Change(FIELDS["notes"], "", "\n".join(missing)))
            out.values["notes"] = new
            continue
        if key == "tags":
            from servicedesk.core.validation import clean_tags

            new = clean_tags(", ".join(filter(None, [old or "", new])))
        if _shown(new) != _shown(old):
            out.changes.append(Change(FIELDS.get(key, "Technician"), _shown(old), _shown(new)))
            out.values[key] = new
            if key == "phone":
                out.values["phone_e164"] = v.get("phone_e164", "")
            if key == "name":
                out.values["sort_name"] = v["sort_name"]
    from servicedesk.core.services.import_records import place_key

    places = set(now["places"])
    for site in row.sites:
        if place_key(site) not in places:
            places.add(place_key(site))
            out.sites.append(site)
            out.changes.append(Change("Site", "", ", ".join(site[k] for k in ("street", "city") if site[k])))
    reach = set(now["reach"]) | {now["fields"].get("phone_e164"), (now["fields"].get("email") or "").lower()}
    for contact in row.contacts:
        key = contact["phone_e164"] or contact["phone"] or contact["email"].lower() or contact["name"].casefold()
        if key and key not in reach:
            reach.add(key)
            out.contacts.append(contact)
            out.changes.append(Change(contact["role"], "", contact["phone"] or contact["email"] or contact["name"]))
    return out


# ------------------------------------------------------------------ likely duplicates

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def name_key(name: str) -> str:
    """Names that differ only in case, accents, punctuation, word order or a middle initial share a key.

    Compared after Unicode normalisation and case folding in every script: “Ольга Смирнова” and
    “ольга смирнова”, “陳大文” and “陳大文”, “José Álvarez” and “jose alvarez”. A single Latin letter
    is an initial and left out; a single character of another script (陳) is a name.
    """
    words = re.findall(r"[^\W_]+", _fold(name))
    long_words = [w for w in words if len(w) > 1 or w.isdigit() or not w.isascii()] or words
    return " ".join(sorted(long_words))


def _find_duplicates(plan: Plan) -> None:
    phones: dict[str, str] = {}
    emails: dict[str, str] = {}
    names: dict[str, str] = {}
    references: dict[str, str] = {}
    existing = " (already in the office)"
    for name, phone, email, ref in database.execute_sql(
            "SELECT name, phone_e164, lower(email), reference FROM customer").fetchall():
        if phone:
            phones.setdefault(phone, name + existing)
        if email:
            emails.setdefault(email, name + existing)
        if ref:
            references.setdefault(ref, name + existing)
        names.setdefault(name_key(name), name + existing)
    for row in plan.rows:
        if row.existing is not None:
            continue  # re-import: updates that customer
        values, line = row.values, row.line
        name = values.get("name", "")
        phone, email, key = values.get("phone_e164", ""), values.get("email", "").lower(), name_key(name)
        ref = values.get("reference", "")
        reason = ""
        if ref and ref in references:
            reason = f"same client id as {references[ref]}"
        elif phone and phone in phones:
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
        from servicedesk.core.errors import ValidationError

        named = {f"line {p.line}": str(p) for p in plan.problems}
        named.update({f"column {u.header}": str(u) for u in plan.unmapped})
        raise ValidationError(named)
    skip = set() if include_duplicates else plan.duplicate_lines()
    todo = [r for r in plan.rows if r.line not in skip and r.existing is None]

    def step(done: int, total: int) -> bool:
        if progress is not None and progress(done, total) is False:
            raise Cancelled("The import was stopped; no customer was imported.")
        return True

    ids, _updated = import_apply.write(todo, plan.updates, step)
    if progress is not None:
        progress(len(todo) + len(plan.updates), len(todo) + len(plan.updates))
    changed = sum(1 for u in plan.updates if u.changes)
    return Result(len(ids), len([r for r in plan.rows if r.line in skip and r.existing is None]), tuple(ids),
                  updated=changed, unchanged=len(plan.updates) - changed)


# ------------------------------------------------------------------ exporting

def _export_rows(ids=None):
    columns = ", ".join(f"c.{name}" for name, _label in COLUMNS if name not in ("technician", "reference", "tags"))
    sql = (f"SELECT {columns}, COALESCE(t.name, ''), c.reference, c.tags"
           " FROM customer c LEFT JOIN staff t ON t.id = c.technician_id")
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
    return write_private(path, [label for _name, label in COLUMNS], _export_rows(ids), progress)
