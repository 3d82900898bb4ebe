"""One row of a customer list read into one customer: names, every number and email, addresses, notes.

Nothing a mapped column holds is lost on the way: a second number becomes a contact, a column kept
"as a labelled line" becomes a line of the notes, an address written as lines (QuickBooks Desktop's
"Bill to 1…5") is split into street, city, state and postcode. Rows that share a client id (Jobber and
ServiceTitan write one row per property) are merged into one customer with several sites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from servicedesk.core.services.import_layouts import ADDRESS_PARTS, PHONE_ROLES, Layout, header_key
from servicedesk.core.validation import check_country

_SPLIT_PHONES = re.compile(r"\s*(?:,|;|\n|\s/\s|:::|\bor\b)\s*", re.IGNORECASE)
_SPLIT_EMAILS = re.compile(r"[\s,;]+|:::")
_SPLIT_TAGS = re.compile(r"\s*(?:,|;|\n|:::)\s*")
_GOOGLE_SYSTEM_GROUPS = {"mycontacts", "starred"}  # every contact has them: they are Google's, not the office's
_PHONE_LABELS = {"mobile": "Mobile", "cell": "Mobile", "home": "Home", "work": "Work", "main": "Phone",
                 "other": "Other phone", "homefax": "Fax", "workfax": "Fax", "fax": "Fax", "pager": "Other phone"}
_CITY_LINE = re.compile(
    r"^(?P<city>[^,]+?),?\s+(?P<state>[A-Za-z][A-Za-z .]{0,30}?)\.?\s+"
    r"(?P<postcode>\d{5}(?:-\d{4})?|[A-Za-z]\d[A-Za-z]\s?\d[A-Za-z]\d|\d{4})$")
_STATE_LINE = re.compile(r"^(?P<state>[A-Za-z][A-Za-z .]{0,30}?)\.?\s+(?P<postcode>\d{5}(?:-\d{4})?|\d{4}|"
                         r"[A-Za-z]\d[A-Za-z]\s?\d[A-Za-z]\d)$")


PLAIN, NAME_PART, PHONE, EMAIL, TAGS, NOTES, NOTE_LINE, CONTACT, BLOCK, ADDRESS = range(10)
_NAME_PARTS = ("first_name", "middle_name", "last_name", "name_title", "name_suffix", "name")
_BLOCKS = {"address_lines": "", "site_lines": "site", "site2_lines": "site2"}


@dataclass
class Spec:
    """How to read one column: its position, header, field, what kind of value it is and where it goes."""

    index: int
    header: str
    field: str
    label_index: int | None = None
    kind: int = PLAIN
    group: str = ""  # address group: "" billing, "site", "site2"
    part: str = ""  # address part, or the phone or email role


def specs(headers: list[str], mapping: list[str | None]) -> list[Spec]:
    """The columns that feed something, each with the label column beside it (Google's "Phone 2 - Label")."""
    labels = {}
    for n, (header, name) in enumerate(zip(headers, mapping)):
        if name == "label":
            labels[header_key(re.sub(r"-\s*(label|type)\s*$", "", header, flags=re.IGNORECASE))] = n
    out = []
    for n, (header, name) in enumerate(zip(headers, mapping)):
        if name in (None, "skip", "label"):
            continue
        stem = header_key(re.sub(r"-\s*[^-]+$", "", header)) if "-" in header else None
        spec = Spec(n, header, name, labels.get(stem) if stem else None)
        if name in PHONE_ROLES:
            spec.kind, spec.part = PHONE, PHONE_ROLES[name]
        elif name in ("email", "other_email"):
            spec.kind, spec.part = EMAIL, "Email" if name == "email" else "Other email"
        elif name in ("tags", "notes", "note_line", "contact"):
            spec.kind = {"tags": TAGS, "notes": NOTES, "note_line": NOTE_LINE, "contact": CONTACT}[name]
        elif name in _BLOCKS:
            spec.kind, spec.group = BLOCK, _BLOCKS[name]
        elif name.startswith(("site_", "site2_")):
            spec.kind = ADDRESS
            spec.group, spec.part = name.split("_", 1)
            spec.part = "access_notes" if spec.part == "access" else spec.part
        elif name in ADDRESS_PARTS:
            spec.kind, spec.part = ADDRESS, name
        elif name in _NAME_PARTS:
            spec.kind = NAME_PART
        out.append(spec)
    return out


class Record:
    """A customer as the file has them, before checking: plain text, every value kept."""

    __slots__ = ("line", "values", "phones", "emails", "sites", "contacts", "note_lines", "tags", "lines",
                 "conflicts")

    def __init__(self, line: int):
        self.line = line
        self.values: dict[str, str] = {}  # single-valued customer fields
        self.phones: list[tuple[str, str]] = []  # (role, as typed)
        self.emails: list[tuple[str, str]] = []  # (role, as typed)
        self.sites: list[dict] = []
        self.contacts: list[str] = []
        self.note_lines: list[str] = []
        self.tags: list[str] = []
        self.lines = [line]  # every line of the file merged into this customer
        self.conflicts: list[str] = []


def _words(text: str) -> list[str]:
    return sorted(re.findall(r"\w+", text.casefold()))


def _add(bucket: dict, key: str, value: str, joiner: str = ", ") -> None:
    bucket[key] = f"{bucket[key]}{joiner}{value}" if key in bucket else value


def build(line: int, cells: list[str], columns: list[Spec], layout: Layout | None, unquote) -> Record:
    """Read one row: ``columns`` from :func:`specs`, ``unquote`` undoes the export's formula guard."""
    rec = Record(line)
    values = rec.values
    parts: dict[str, dict[str, str]] = {}
    blocks: dict[str, list[str]] = {}
    notes: list[str] = []
    width = len(cells)
    for spec in columns:
        if spec.index >= width:
            continue
        value = cells[spec.index].strip()
        if not value:
            continue
        if value[0] in "'=":
            value = unquote(value)
            if not value:
                continue
        kind = spec.kind
        if kind == PLAIN:
            _add(values, spec.field, value)
        elif kind == ADDRESS:
            group = parts.setdefault(spec.group, {})
            _add(group, spec.part, value, "; " if spec.part == "access_notes" else ", ")
            if spec.label_index is not None and spec.part == "street" and "label" not in group:
                label = cells[spec.label_index].strip() if spec.label_index < width else ""
                if label:
                    group["label"] = label.lstrip("* ").strip()
        elif kind == PHONE or kind == EMAIL:
            role = spec.part
            if spec.label_index is not None and spec.label_index < width and cells[spec.label_index].strip():
                label = cells[spec.label_index].strip()
                role = _phone_role(label) if kind == PHONE else label.lstrip("* ").strip()
            if kind == PHONE:
                if _several(value):
                    rec.phones += [(role, p) for p in _SPLIT_PHONES.split(value) if p.strip()]
                else:
                    rec.phones.append((role, value))
            elif _several(value) or " " in value:
                rec.emails += [(role, e) for e in _SPLIT_EMAILS.split(value) if e.strip()]
            else:
                rec.emails.append((role, value))
        elif kind == NAME_PART:
            _add(values, spec.field, value, " ")
        elif kind == NOTES:
            notes.append(value)
        elif kind == NOTE_LINE:
            rec.note_lines.append(f"{spec.header}: {value}")
        elif kind == TAGS:
            rec.tags += [t.lstrip("* ").strip() for t in _SPLIT_TAGS.split(value)
                         if t.strip() and header_key(t) not in _GOOGLE_SYSTEM_GROUPS]
        elif kind == CONTACT:
            rec.contacts.append(value)
        elif kind == BLOCK:
            blocks.setdefault(spec.group, []).extend(value.splitlines())
    if notes:
        values["notes"] = "\n".join(notes)
    _name(rec)
    if "" in parts or "" in blocks:
        values.update(_address(parts.get("", {}), blocks.get("", ()), rec))
    if len(parts) > ("" in parts) or len(blocks) > ("" in blocks):
        labels = layout.site_labels if layout else ("Main", "Site 2")
        for group, default in zip(("site", "site2"), labels):
            here = parts.get(group, {})
            site = _address(here, blocks.get(group, ()), rec)
            access = here.get("access_notes", "")
            if site or access:
                rec.sites.append({"label": here.get("label") or default, **site, "access_notes": access})
    return rec


def _several(value: str) -> bool:
    """Whether a cell may hold several numbers or emails (most hold one: checked without a regular expression)."""
    return "," in value or ";" in value or "\n" in value or "/" in value or ":::" in value or " or " in value.lower()


def _phone_role(label: str) -> str:
    key = header_key(label)
    return _PHONE_LABELS.get(key, label.lstrip("* ").strip() or "Phone")


def _name(rec: Record) -> None:
    """The person's name from its parts; a display name that says more is kept in the notes."""
    v = rec.values
    person = " ".join(v.pop(k, "") for k in ("first_name", "middle_name", "last_name", "name_suffix")).split()
    person_name = " ".join(person)
    title = v.pop("name_title", "")
    display = v.get("name", "")
    if person_name:
        v["name"] = person_name
        if display and _words(display) not in (_words(person_name), _words(v.get("company", ""))):
            rec.note_lines.insert(0, f"Display name: {display}")
    elif not display and v.get("company"):
        v["name"] = v["company"]
    v.setdefault("name", "")
    if title:
        if not v.get("salutation") and v.get("name"):
            v["salutation"] = f"Dear {title} {v['name'].split()[-1]}"
        else:
            rec.note_lines.insert(0, f"Title: {title}")


def _address(parts: dict[str, str], block: list[str], rec: Record) -> dict[str, str]:
    """The address parts of a group, with an address written as lines split into its parts."""
    out = {k: parts[k] for k in ADDRESS_PARTS if parts.get(k)}
    lines = [ln.strip() for ln in block if ln.strip()]
    if not lines:
        return out
    if out.get("street"):  # the parts are there already: the lines say the same, or more
        extra = [ln for ln in lines if _words(ln) and not set(_words(ln)) <= set(_words(" ".join(out.values())))]
        rec.note_lines += [f"Address: {ln}" for ln in extra]
        return out
    names = {tuple(_words(n)) for n in (rec.values.get("name", ""), rec.values.get("company", ""), *rec.contacts)
             if n}
    while lines and tuple(_words(lines[0])) in names:
        lines.pop(0)  # "Bill to 1" is often the customer's own name
    if len(lines) == 1 and "," in lines[0]:
        lines = [p.strip() for p in lines[0].split(",") if p.strip()]
    if lines and not any(ch.isdigit() for ch in lines[-1]) and len(lines) > 1:
        code, problem = check_country(lines[-1])
        if not problem:
            out["country"] = code
            lines.pop()
    if lines:
        m = _CITY_LINE.match(lines[-1])
        if m:
            out.update(city=m["city"].strip(), state=m["state"].strip(), postcode=m["postcode"].upper())
            lines.pop()
        elif len(lines) > 1 and (m := _STATE_LINE.match(lines[-1])):
            out.update(state=m["state"].strip(), postcode=m["postcode"].upper())
            lines.pop()
            out["city"] = lines.pop()
    if lines:
        out["street"] = lines[0]
        if len(lines) > 1:
            out["street2"] = ", ".join(lines[1:])
    return out


def merge(first: Record, other: Record, single_labels: dict[str, str]) -> None:
    """Add a later row of the same client to the first: new numbers, emails, sites, tags and lines."""
    first.lines += other.lines
    for key, value in other.values.items():
        mine = first.values.get(key, "")
        if not mine:
            first.values[key] = value
        elif key == "notes" and value not in mine:
            first.values[key] = f"{mine}\n{value}"
        elif value != mine and key not in ("notes",):
            first.conflicts.append(f"{single_labels.get(key, key)} is “{mine}” on line {first.line} "
                                   f"but “{value}” here")
    first.phones += [p for p in other.phones if p not in first.phones]
    first.emails += [e for e in other.emails if e not in first.emails]
    first.tags += [t for t in other.tags if t not in first.tags]
    first.contacts += [c for c in other.contacts if c not in first.contacts]
    first.note_lines += [n for n in other.note_lines if n not in first.note_lines]
    for site in other.sites:
        if not any(same_place(site, s) for s in first.sites):
            first.sites.append(site)


def place_key(site: dict) -> tuple:
    return tuple(" ".join(_words(site.get(k, "") or "")) for k in ("street", "street2", "city", "postcode"))


def same_place(a: dict, b: dict) -> bool:
    return place_key(a) == place_key(b)
