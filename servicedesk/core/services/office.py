"""The office itself: name, address, owner, region, targets. Stored as settings in the database."""

from __future__ import annotations

import datetime as dt

import json
from dataclasses import asdict, dataclass, field, fields, replace

from servicedesk.core.services import wording
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import Setting

DEFAULT_VALUES = (
    "Wants a long-term relationship, not a one-off job",
    "Agrees to clear expectations of what is and is not included",
    "Respects our technicians' time and safety",
    "Tells us early when something is not right",
)


@dataclass(frozen=True)
class Office:
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    owner_name: str = ""
    signature_line: str = ""
    logo_path: str = ""
    region: str = "US"  # phone numbers and formats
    locale: str = "en_US"
    business_hours: str = "Mon-Fri 8:00-17:00"
    trade: str = ""
    values: tuple[str, ...] = field(default=DEFAULT_VALUES)  # the fit check's list
    ack_target_days: int = 1  # acknowledge a concern within N business days
    resolve_target_days: int = 5
    contact_rhythm_days: int = 45  # default gap after which a customer is "not contacted"
    application_retention_years: int = 3  # pesticide application records are kept at least this long
    letter_weekday: int = 4  # weekly letters go out on Friday
    holiday_region: str = ""  # the state or region whose public holidays also close the office (e.g. TX)
    closed_days: tuple[str, ...] = ()  # the office's own closed days, ISO dates
    vague_reasons: tuple[str, ...] = field(default=wording.VAGUE_REASONS)  # delay reasons that name no cause
    defensive_phrases: tuple[str, ...] = field(default=wording.DEFENSIVE_PHRASES)  # "phrase = plainer wording"
    configured: bool = False  # the first-start dialog has been completed


_KEY = "office"
_FIELDS = frozenset(f.name for f in fields(Office))


STORED_SQL = f"SELECT value FROM setting WHERE key = '{_KEY}'"  # the office's settings as stored (JSON text)


def get() -> Office:
    row = database.execute_sql(STORED_SQL).fetchone()
    return from_stored(row[0] if row else None)


def from_stored(text: str | None) -> Office:
    """The office from its stored settings (``STORED_SQL``); the defaults when there are none yet."""
    if text is None:
        return Office()
    stored = json.loads(text)
    values = {k: v for k, v in stored.items() if k in _FIELDS}
    for key in ("values", "closed_days", "vague_reasons", "defensive_phrases"):
        if key in values:
            values[key] = tuple(values[key])
    return Office(**values)


def save(office: Office) -> Office:
    from servicedesk.core import events

    with transaction():
        Setting.insert(key=_KEY, value=json.dumps(asdict(office))).on_conflict(
            conflict_target=[Setting.key], preserve=[Setting.value]).execute()
        events.office_changed()
    return office


_TEXT_FIELDS = ("name", "address", "phone", "email", "owner_name", "signature_line", "logo_path",
                "business_hours", "trade", "holiday_region")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
_NUMBER_FIELDS = (  # setting, lowest, highest, its name in a message
    ("ack_target_days", 1, 30, "The time to acknowledge a concern"),
    ("resolve_target_days", 1, 120, "The time to resolve a concern"),
    ("contact_rhythm_days", 7, 730, "The usual gap between contacts"),
    ("application_retention_years", 1, 50, "The years pesticide application records are kept"),
    ("letter_weekday", 0, 6, "The day weekly letters go out"),
)


def check(changes: dict) -> dict:
    """The changes as they would be stored (text cleaned); ValidationError naming every problem."""
    from pathlib import Path

    from servicedesk.core import formatting
    from servicedesk.core.errors import ValidationError
    from servicedesk.core.validation import check_email, check_whole_numbers, clean_text

    known = {f.name for f in fields(Office)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise ValidationError({k: f"“{k}” is not an office setting." for k in unknown})
    cleaned = {k: clean_text(v).strip() if k in _TEXT_FIELDS else v for k, v in changes.items()}
    problems = {}
    if "name" in cleaned and not cleaned["name"]:
        problems["name"] = "The office needs a name: it heads every letter and visit summary."
    if cleaned.get("email"):
        cleaned["email"], problem = check_email(cleaned["email"])
        if problem:
            problems["email"] = problem
    if "locale" in cleaned and not formatting.is_known_locale(str(cleaned["locale"])):
        problems["locale"] = f"“{cleaned['locale']}” is not a region ServiceDesk knows."
    check_whole_numbers(problems, cleaned, _NUMBER_FIELDS)
    if ("ack_target_days" in cleaned or "resolve_target_days" in cleaned) and not (
            {"ack_target_days", "resolve_target_days"} & set(problems)):
        stored = get()
        ack = cleaned.get("ack_target_days", stored.ack_target_days)
        resolve = cleaned.get("resolve_target_days", stored.resolve_target_days)
        if resolve < ack:
            problems["resolve_target_days"] = (f"Resolving ({resolve} business days) cannot be due before "
                                               f"acknowledging ({ack}).")
    if "values" in cleaned:
        items = cleaned["values"]
        items = items.splitlines() if isinstance(items, str) else list(items)
        cleaned["values"] = tuple(dict.fromkeys(t for t in (clean_text(str(i)).strip() for i in items) if t))
        if not cleaned["values"]:
            problems["values"] = "The fit check needs at least one value to check a new customer against."
    for key in ("vague_reasons", "defensive_phrases"):
        if key in cleaned:
            items = cleaned[key]
            items = items.splitlines() if isinstance(items, str) else list(items)
            kept = (" ".join(clean_text(str(i)).split()) for i in items)
            cleaned[key] = tuple(dict.fromkeys(t for t in kept if t))
    for line in cleaned.get("defensive_phrases", ()):
        if not line.partition("=")[0].strip():
            problems["defensive_phrases"] = f"“{line}” has no phrase before the “=”."
    if "closed_days" in cleaned:
        items = cleaned["closed_days"]
        items = items.replace(",", " ").split() if isinstance(items, str) else list(items)
        days = []
        for item in items:
            try:
                days.append(dt.date.fromisoformat(str(item).strip()).isoformat())
            except ValueError:
                problems["closed_days"] = f"“{item}” is not a date (use YYYY-MM-DD, one per closed day)."
        cleaned["closed_days"] = tuple(sorted(set(days)))
    if cleaned.get("holiday_region"):
        import holidays

        region = cleaned["holiday_region"].upper()
        country = str(cleaned.get("region") or get().region).upper()
        known = holidays.list_supported_countries().get(country, [])
        if region not in known:
            problems["holiday_region"] = (f"“{cleaned['holiday_region']}” is not a state or region of {country} "
                                          f"with public holidays" + (f" (for example {', '.join(known[:6])})."
                                                                     if known else "."))
        cleaned["holiday_region"] = region
    logo = cleaned.get("logo_path")
    if logo:
        if Path(logo).suffix.lower() not in LOGO_SUFFIXES:
            problems["logo_path"] = f"The logo must be a PNG, JPEG or GIF picture; “{logo}” is not."
        elif not Path(logo).is_file():
            problems["logo_path"] = f"The logo file “{logo}” does not exist."
    if problems:
        raise ValidationError(problems)
    return cleaned


def update(**changes) -> Office:
    """Change some settings; nothing is stored when any of them is invalid (see ``check``)."""
    changes = check(changes)
    with transaction():
        office = replace(get(), **changes)
        save(office)
    return office


def get_value(key: str, default=None):
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else json.loads(row.value)


def set_value(key: str, value) -> None:
    with transaction():
        Setting.insert(key=key, value=json.dumps(value)).on_conflict(
            conflict_target=[Setting.key], preserve=[Setting.value]).execute()
