"""What another PC changed in a record since it was opened: who, what and when, for a plain message."""

from __future__ import annotations

import datetime as dt
import json
import re

from servicedesk.core.errors import ConflictError
from servicedesk.core.formatting import format_datetime


_CHOICE = re.compile(r"[a-z]+(?:_[a-z]+)+")
DERIVED = ("phone_e164", "sort_name", "updated_at", "changed_at", "version", "changed_by")  # follow from others


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("{"):  # a JSON check list: the boxes ticked are what counts
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return ", ".join(sorted(str(k) for k, v in value.items() if v))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and _CHOICE.fullmatch(value):  # a stored choice: "on_hold" reads "on hold"
        return value.replace("_", " ")
    return str(value)


def differences(current, data: dict, labels: dict | None = None) -> list[tuple[str, str, str]]:
    """(field, theirs, yours) for each value in ``data`` that differs from the record ``current`` (a model row);
    ``labels`` names fields as the form does ("target_on": "target completion")."""
    out = []
    for key, mine in data.items():
        field = current._meta.fields.get(key)
        if field is None or key in DERIVED:
            continue
        theirs = getattr(current, field.name + "_id", None) if hasattr(field, "rel_model") else getattr(current, key)
        mine = mine.id if hasattr(mine, "id") else mine
        if isinstance(theirs, dt.date) and isinstance(mine, str):
            mine = type(theirs).fromisoformat(mine) if mine else None
        if _plain(theirs) != _plain(mine):
            if hasattr(field, "rel_model"):  # a technician or lead by name, not by number
                theirs, mine = _named(field.rel_model, theirs), _named(field.rel_model, mine)
            label = (labels or {}).get(key) or key.replace("_id", "").replace("_", " ")
            out.append((label, _plain(theirs), _plain(mine)))
    return out


def _named(model, record_id):
    if not record_id or "name" not in model._meta.fields:
        return record_id
    row = model.get_or_none(model.id == record_id)
    return row.name if row is not None else record_id


def _said(what: str, who: str, when: dt.datetime | None, changed: list, version: int | None) -> ConflictError:
    at = format_datetime(when, "short") if when else "a moment ago"
    fields = ", ".join(f[0] for f in changed) if changed else "no field you typed"
    choice = ("reload to see theirs, or keep yours to save it over theirs." if version is not None
              else "reload to see theirs.")
    return ConflictError(
        f"{what} was changed by {who} ({at}) since you opened it; theirs differs from yours in: {fields}. "
        f"Nothing of yours was saved yet: {choice}", who=who, when=when, differences=changed, version=version)


def conflict(what: str, current, data: dict, when: dt.datetime | None, labels: dict | None = None) -> ConflictError:
    """The ConflictError for a save of ``data`` over ``current``, which someone else saved meanwhile."""
    return _said(what, current.changed_by or "someone else", when, differences(current, data, labels),
                 current.version)


def overtaken(what: str, who: str, when: dt.datetime | None, changed: list, version: int | None = None) -> ConflictError:
    """The ConflictError for a change someone else already made to what you meant to change (a concern
    resolved on another PC, a milestone's date moved there): ``changed`` lists (field, theirs, yours)."""
    return _said(what, who or "someone else", when, changed, version)
