"""Checking one imported customer as the profile would: the file's words turned into field values.

A record read from the file (:mod:`import_records`) becomes a :class:`Prepared` customer: its clean
fields, its other numbers and emails as contacts, its sites, or the problems that keep the file out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers
from servicedesk.core.services.import_records import Record
from servicedesk.core.store.models import CHANNELS, CUSTOMER_STATUSES
from servicedesk.core.validation import check_country, check_email, clean_tags, parse_phone

_STATUS_WORDS = {s: s for s in CUSTOMER_STATUSES} | {
    "canceled": "cancelled", "inactive": "paused", "notactive": "paused", "lead": "prospect", "new": "prospect"}
_CHANNEL_WORDS = {c.replace("_", ""): c for c in CHANNELS} | {"mail": "letter", "post": "letter", "sms": "text",
                                                              "inperson": "in_person", "call": "phone"}
# The order in which a customer's numbers are tried for their main phone; the rest become contacts.
_PHONE_ORDER = ("Phone", "Mobile", "Home", "Work", "Other phone")
_MONTH_FIRST = {"US", "CA", "PH", "FM", "MH", "PW", "BZ"}  # regions that write 03/04/2021 for 4 March
_DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y",
                 "%a, %b %d, %Y", "%A, %B %d, %Y")


@dataclass
class Prepared:
    """A customer ready to write: clean fields, contacts, sites, and (re-import) the customer it updates."""

    line: int
    values: dict
    contacts: list[dict] = field(default_factory=list)
    sites: list[dict] = field(default_factory=list)
    note_lines: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    existing: int | None = None


_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")


@dataclass
class DateOrder:
    """How one file writes its numeric dates (03/04/2021): month first or day first, the same in every row.

    A date only one way can read (13/02/2021) says which; with none, the office's region says. ``problem``
    names a file that writes them both ways, where no 03/04/2021 of it can be read for sure."""

    month_first: bool
    problem: tuple[int, str] | None = None  # (line, words)


def date_order(dates, region: str) -> DateOrder:
    """The order of the numeric dates in ``dates`` ((line, text) pairs from the file's date columns)."""
    seen: dict[bool, tuple[int, str]] = {}
    for line, text in dates:
        m = _NUMERIC_DATE.match(text or "")
        if not m:
            continue
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b >= 1:
            seen.setdefault(False, (line, m[0].strip()))
        elif b > 12 >= a >= 1:
            seen.setdefault(True, (line, m[0].strip()))
        if len(seen) == 2:
            (first_line, first), (later_line, later) = sorted(seen.values())
            first_way, later_way = ("month first", "day first") if seen[True][0] == first_line else (
                "day first", "month first")
            return DateOrder(region.upper() in _MONTH_FIRST, (
                later_line, f"Date “{later}” can only be {later_way}, but line {first_line} writes “{first}”, "
                            f"which can only be {first_way}: write the file's dates one way "
                            f"(YYYY-MM-DD reads the same everywhere)."))
    if seen:
        return DateOrder(next(iter(seen)))
    return DateOrder(region.upper() in _MONTH_FIRST)


def parse_date(text: str, region: str, order: DateOrder | None = None) -> dt.date | None:
    """A date as lists write them: 2021-03-04, 2021-03-04T10:00:00Z, 03/04/2021 (as the file's ``order``
    says, else by the office's region), Mar 4, 2021, 4 March 2021. None when it is none of these."""
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return None
    m = _NUMERIC_DATE.match(text)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 70 else 1900 if year < 100 else 0
        month_first = order.month_first if order is not None else region.upper() in _MONTH_FIRST
        month, day = (a, b) if month_first else (b, a)
        if (order is None or order.problem) and month > 12 >= day:  # read as it can be; the problem is named
            month, day = day, month
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    head = re.sub(r"\s+\d{1,2}:\d{2}.*$", "", text)
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(head, form).date()
        except ValueError:
            continue
    return None


def prepare(rec: Record, technicians: dict[str, int], region: str,
            order: DateOrder | None = None) -> tuple[Prepared | None, list[str], list[str]]:
    """(customer, problems, warnings) for one record; the customer is None when there are problems.
    ``order`` is how the file writes its numeric dates (:func:`date_order`)."""
    problems = [f"Client id {rec.values.get('reference', '')}: {c}." for c in rec.conflicts]
    warnings: list[str] = []
    values = dict(rec.values)
    _words(values, problems, region, order)
    technician = values.pop("technician", "")
    if technician:
        tech_id = technicians.get(technician.casefold())
        if tech_id:
            values["technician_id"] = tech_id
        else:
            warnings.append(f"There is no technician called “{technician}”; the customer is left unassigned.")
    name = values.get("name", "")
    contacts = _numbers(rec, values, name, warnings, problems, region)
    contacts += [{"name": person, "role": "Contact", "phone": "", "phone_e164": "", "email": ""}
                 for person in rec.contacts if person.casefold() != name.casefold()]
    if rec.tags:
        values["tags"] = clean_tags(", ".join(rec.tags + ([values["tags"]] if values.get("tags") else [])))
    sites = _sites(rec, values, problems)
    if rec.note_lines:
        values["notes"] = "\n".join(filter(None, [values.get("notes", ""), *rec.note_lines]))
    # the number and email were checked above, once each: the rest as a customer typed in would be
    checked = {k: values.pop(k) for k in ("phone", "phone_e164", "email") if k in values}
    try:
        clean, more = customers.validate(values, region)
    except ValidationError as exc:
        problems += list(exc.problems.values())
        clean, more = {}, []
    clean.update(checked)
    if problems:
        return None, problems, warnings
    if not sites and clean.get("street"):  # as a customer typed in: their address is their main site
        sites.append({"label": "Main", "access_notes": "",
                      **{k: clean.get(k, "") for k in customers.ADDRESS_FIELDS}})
    return Prepared(rec.line, clean, contacts, sites, list(rec.note_lines), list(rec.lines)), problems, \
        warnings + more


def _words(values: dict, problems: list[str], region: str, order: DateOrder | None) -> None:
    """Status, channel and dates as the file writes them, turned into the program's values."""
    if values.get("status"):
        word = re.sub(r"[^a-z]", "", values["status"].casefold())
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
    since = values.pop("customer_since", "")
    if since:
        day = parse_date(since, region, order)
        if day is None:
            problems.append(f"Customer since “{since}” is not a date (write it as YYYY-MM-DD).")
        else:
            values["customer_since"] = day


def _numbers(rec: Record, values: dict, name: str, warnings: list, problems: list, region: str) -> list[dict]:
    """The first number (main, then mobile, home, work) and first email are the customer's; the rest contacts."""
    phones = sorted(rec.phones, key=lambda p: _PHONE_ORDER.index(p[0]) if p[0] in _PHONE_ORDER else 5 + (
        p[0] == "Fax"))
    seen: set[str] = set()
    contacts = []
    for role, typed in phones:
        phone = parse_phone(typed, region)
        key = phone.e164 or typed
        if key in seen:
            continue
        seen.add(key)
        if phone.warning:
            warnings.append(phone.warning)
        if "phone" not in values and role != "Fax":
            values["phone"], values["phone_e164"] = phone.typed, phone.e164
        else:
            contacts.append({"name": name, "role": role, "phone": phone.typed, "phone_e164": phone.e164, "email": ""})
    emails_seen: set[str] = set()
    for role, typed in rec.emails:
        email, problem = check_email(typed)
        if problem:
            problems.append(problem)
            continue
        if email.casefold() in emails_seen:
            continue
        emails_seen.add(email.casefold())
        if "email" not in values:
            values["email"] = email
        else:
            contacts.append({"name": name, "role": role if role != "Email" else "Other email", "phone": "",
                             "phone_e164": "", "email": email})
    return contacts


def _sites(rec: Record, values: dict, problems: list[str]) -> list[dict]:
    """The service addresses; with none, the billing address is the main site, and the other way round."""
    parts = ("street", "street2", "city", "state", "postcode", "country")
    sites = []
    for site in rec.sites:
        site = {"label": site.get("label", "Main"), "access_notes": site.get("access_notes", ""),
                **{k: site.get(k, "") for k in parts}}
        if not site["street"]:
            where = ", ".join(site[k] for k in parts if site[k]) or site["access_notes"]
            problems.append(f"The service address “{site['label']}” has no street ({where}).")
            continue
        site["country"], problem = check_country(site["country"])
        if problem:
            problems.append(f"{site['label']}: {problem}")
        sites.append(site)
    if sites and not values.get("street") and not any(values.get(k) for k in parts):
        values.update({k: sites[0][k] for k in parts})  # a homeowner: their service address is their address
    return sites
