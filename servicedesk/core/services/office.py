"""The office itself: name, address, owner, region, targets. Stored as settings in the database."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace

from servicedesk.core.store import transaction
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
    letter_weekday: int = 4  # weekly letters go out on Friday
    configured: bool = False  # the first-start dialog has been completed


_KEY = "office"


def get() -> Office:
    row = Setting.get_or_none(Setting.key == _KEY)
    if row is None:
        return Office()
    stored = json.loads(row.value)
    known = {f.name for f in fields(Office)}
    values = {k: v for k, v in stored.items() if k in known}
    if "values" in values:
        values["values"] = tuple(values["values"])
    return Office(**values)


def save(office: Office) -> Office:
    with transaction():
        Setting.insert(key=_KEY, value=json.dumps(asdict(office))).on_conflict_replace().execute()
    return office


def update(**changes) -> Office:
    with transaction():
        office = replace(get(), **changes)
        save(office)
    return office


def get_value(key: str, default=None):
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else json.loads(row.value)


def set_value(key: str, value) -> None:
    with transaction():
        Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
