"""Message templates the office can edit, filled from a record's fields.

Fields are written ``{customer_name}``; a field the record does not have stays visible as
``{field}`` so nobody sends a letter with a silent gap. ``values_for`` gathers the fields of
a customer and, when given, one of their concerns, visits or follow-ups; ``FIELDS`` lists
them for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from servicedesk.core import clock, formatting
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import Template
from servicedesk.core.validation import clean_text

DEFAULTS = {
    "change_notice": (
        "Change to your visit",
        "Visit change notice",
        "{salutation},\n\n"
        "We want you to hear this from us first: {change}\n"
        "Why: {reason}\n\n"
        "If this does not suit you, call {contact_name} on {office_phone} and we will find another way.\n\n"
        "Kind regards,\n{office_name}",
    ),
    "delay_explanation": (
        "Delay explanation",
        "An update on {project_name}",
        "{salutation},\n\n{milestone} was planned for {planned_date} and will now be finished on "
        "{revised_date}. The reason: {delay_reason}\n\n"
        "Questions? Call {contact_name} directly on {contact_phone}.\n\nKind regards,\n{office_name}",
    ),
    "apology": (
        "Apology and resolution",
        "We are sorry, and here is what we did",
        "{salutation},\n\nThank you for telling us: \"{concern_words}\". You were right to raise it.\n"
        "What we have done: {resolution}\n\n"
        "We will call you on {follow_up_date} to make sure it is really fixed.\n\n"
        "Kind regards,\n{office_name}",
    ),
    "first_visit_checkin": (
        "Check-in after first visit",
        "How was your first visit?",
        "{salutation},\n\n{technician} visited you on {visit_date}. Was everything as you expected? "
        "Anything you would like done differently next time?\n\nKind regards,\n{office_name}",
    ),
    "letter_opening": (
        "Timeline letter: opening",
        "Your project this week",
        "Here is where {your_project} stands this week, in plain words and with dates.",
    ),
    "letter_closing": (
        "Timeline letter: closing",
        "",
        "If anything here is unclear, or you would simply like to talk it through, call: "
        "we would rather hear from you than have you wonder.",
    ),
    "letter_contact": (
        "Timeline letter: your contact",
        "",
        "{contact_name} leads your project and is the person to call with any question, big or small: "
        "{contact_phone} (direct line).",
    ),
    "letter_contact_office": (
        "Timeline letter: your contact, through the office",
        "",
        "{contact_name} leads your project and is the person to ask with any question, big or small: "
        "call the office on {contact_phone} and ask for them.",
    ),
    "letter_quiet_week": (
        "Timeline letter: nothing finished this week",
        "",
        "Nothing was finished this week; every date in this letter is the one we are working to.",
    ),
    "visit_summary_intro": (
        "Visit summary: opening",
        "Your visit summary",
        "Thank you for having us. Here is what {technician} did on {visit_date}, what we found and "
        "what we recommend.",
    ),
    "visit_summary_questions": (
        "Visit summary: questions",
        "",
        "Questions about this visit? Call {office_name} on {office_phone}; {contact_name} will be glad "
        "to help, and we would rather hear from you than have you wonder.",
    ),
    "visit_reminder": (
        "Email: visit reminder",
        "Reminder: your {service_type} visit on {visit_date}",
        "{salutation},\n\nA reminder that {technician} will come for your {service_type} visit on {visit_date} "
        "at {visit_time}.\n\nIf that no longer suits you, call us on {office_phone} and we will find another "
        "time.\n\nKind regards,\n{office_name}",
    ),
    "running_late": (
        "Email: running late",
        "{technician} is running late",
        "{salutation},\n\n{technician} is running about {minutes} minutes late for your {service_type} visit "
        "today and should be with you around {arrival_time}. We are sorry to keep you waiting.\n\n"
        "Questions? Call us on {office_phone}.\n\nKind regards,\n{office_name}",
    ),
    "visit_summary_email": (
        "Email: visit summary attached",
        "Your visit summary, {visit_date}",
        "{salutation},\n\nAttached is the summary of your {service_type} visit on {visit_date}: what "
        "{technician} did, what we found and what we recommend.\n\nQuestions? Call us on {office_phone}."
        "\n\nKind regards,\n{office_name}",
    ),
    "letter_email": (
        "Email: weekly letter attached",
        "{project_name}: this week's letter",
        "{salutation},\n\nAttached is this week's letter about {project_name}: what was done, what comes "
        "next and when. {contact_name} is your contact: {contact_phone}.\n\nKind regards,\n{office_name}",
    ),
}


@dataclass(frozen=True)
class TemplateText:
    key: str
    name: str
    subject: str
    body: str


_MARKER = re.compile(r"\{(\w+)\}")


def fill(text: str, values: dict) -> str:
    """Fill ``{field}`` markers; unknown markers are left as they are, stray braces are harmless, and
    a line whose fields are all given as empty is left out.

    Only plain ``{name}`` markers are filled: no format specs or attribute lookups, so a typed
    ``{name:>999999999}`` or ``{name.__class__}`` stays text instead of eating memory or leaking.
    """
    safe = {k: ("" if v is None else str(v)) for k, v in values.items()}
    return "".join(_MARKER.sub(lambda m: safe.get(m.group(1), m.group(0)), line)
                   for line in text.splitlines(keepends=True) if not _says_nothing(line, safe))


def _says_nothing(line: str, values: dict) -> bool:
    """A line whose every field is known and empty ("Why: " with no reason) is left out, not printed bare."""
    names = _MARKER.findall(line)
    return bool(names) and all(n in values and not values[n].strip() for n in names)


def get(key: str) -> TemplateText:
    row = database.execute_sql("SELECT key, name, subject, body FROM template WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return TemplateText(*row)
    if key in DEFAULTS:
        name, subject, body = DEFAULTS[key]
        return TemplateText(key, name, subject, body)
    raise NotFound(f"There is no template called {key}.")


def all_templates() -> list[TemplateText]:
    keys = list(DEFAULTS) + [t.key for t in Template.select(Template.key) if t.key not in DEFAULTS]
    return [get(k) for k in keys]


def defensive_problem(text: str) -> str:
    """“” when ``text`` reads plainly; otherwise what sounds defensive and what to say instead (from the
    office's list of defensive phrases)."""
    from servicedesk.core.services import office, wording

    found = wording.defensive(text, office.get().defensive_phrases)
    return f"This sounds defensive to a customer: {wording.describe(found)}." if found else ""


def save(key: str, name: str, subject: str, body: str) -> None:
    body = clean_text(body)
    if not body.strip():
        raise ValidationError({"body": "A template needs some text."})
    problem = defensive_problem(clean_text(subject) + "\n" + body)
    if problem:
        raise ValidationError({"body": problem})
    with transaction():
        Template.insert(key=key, name=clean_text(name) or key, subject=clean_text(subject), body=body,
                        updated_at=clock.now()).on_conflict(
            conflict_target=[Template.key],
            preserve=[Template.name, Template.subject, Template.body, Template.updated_at]).execute()


def render(key: str, values: dict, text: TemplateText | None = None) -> tuple[str, str]:
    """(subject, body) of template ``key`` (``text``: that template already read) filled with ``values``."""
    t = text or get(key)
    return fill(t.subject, values), fill(t.body, values)


def reset(key: str) -> None:
    """Back to the text ServiceDesk came with (the office's edits are removed)."""
    if key not in DEFAULTS:
        raise NotFound(f"{key} has no original text to go back to.")
    with transaction():
        Template.delete().where(Template.key == key).execute()


def fields_in(text: str) -> list[str]:
    """The ``{field}`` markers in ``text``, in order, each once."""
    out: list[str] = []
    for name in _MARKER.findall(text):
        if name not in out:
            out.append(name)
    return out


def unfilled(text: str) -> list[str]:
    """Markers still visible in a filled text: what the office must fill in by hand."""
    return fields_in(text)


FIELDS = {
    "salutation": "How the customer is greeted (“Dear Dorothy”)",
    "customer_name": "The customer's name",
    "office_name": "The office's name",
    "office_phone": "The office's phone number",
    "contact_name": "Who the customer should call (the owner, or the project lead)",
    "contact_phone": "That person's phone number",
    "technician": "The customer's technician, or the visit's",
    "visit_date": "The visit's day",
    "service_type": "The visit's service",
    "change": "What changed about a visit, in one sentence worded for the case (who, day, time or several)",
    "old_date": "A changed visit's original day",
    "new_date": "A changed visit's new day",
    "old_technician": "Who was going to come",
    "new_technician": "Who will come instead",
    "reason": "Why the visit changed",
    "project_name": "The project's name",
    "your_project": "The project as a letter talks about it (“your backyard pool”)",
    "concern_words": "The concern in the customer's own words",
    "resolution": "What was done about the concern",
    "follow_up_date": "When the office will call again",
    "visit_time": "The visit's time",
    "minutes": "Minutes late",
    "arrival_time": "The new arrival time",
}


def _day(value) -> str:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return formatting.format_weekday(value)


def _at(moment: datetime, day) -> str:
    return f"{day(moment)} at {formatting.format_time(moment)}"


def change_words(service_type: str, old_start: datetime, new_start: datetime, old_technician: str,
                 new_technician: str, day=None) -> str:
    """One sentence saying what changed about a visit, worded for the case.

    Only the technician: "…will be done by Sara instead of Kevin, at the same time." Only the
    day: "…will now be on Thursday 16 April at 09:00, with Kevin as planned." Only the time:
    "…will now be at 14:00 instead of 09:00, with Kevin as planned." Several: both said. A visit
    nobody was named for: "…will be done by Sara." Never
    "on Tuesday at 09:00 will now be on Tuesday at 09:00" nor "Kevin instead of Kevin".
    ``day`` writes a date (default: the weekday and day in the office's region, "Tuesday, April 14").
    """
    day = day or formatting.format_weekday
    service = service_type or "service"
    new_name = new_technician or "a technician we will confirm"
    old_name = old_technician or "the technician planned"
    who_changed = bool(old_technician) and old_technician != (new_technician or "")
    staffed = not old_technician and bool(new_technician)  # nobody was named: someone is now, not instead
    if old_start.date() != new_start.date():
        when = f"will now be on {_at(new_start, day)}"
        opening = f"your {service} visit on {_at(old_start, day)}"
    elif old_start != new_start:
        when = f"will now be at {formatting.format_time(new_start)} instead of {formatting.format_time(old_start)}"
        opening = f"your {service} visit on {day(old_start)}"
    else:
        opening = f"your {service} visit on {_at(old_start, day)}"
        if staffed:
            return f"{opening} will be done by {new_name}."
        if not who_changed:
            return f"{opening} goes ahead as planned, with {new_name}."
        return f"{opening} will be done by {new_name} instead of {old_name}, at the same time."
    who = (f"with {new_name} instead of {old_name}" if who_changed
           else f"with {new_name}" if staffed else f"with {new_name} as planned")
    return f"{opening} {when}, {who}."


def later_moves_words(moves, dropped=(), day=None) -> str:
    """What a change of a service plan also moves, after the visit its notice opens with: " The visits after
    it move too: Thursday, March 12 at 9:00 AM instead of Tuesday, March 10 at 9:00 AM; Tuesday, April 14
    at 10:00 AM instead of 9:00 AM." ``moves``: (old start, new start) each; ``dropped``: starts the plan
    no longer has (" There is no longer a visit on …"). "" when there is nothing more to say."""
    day = day or formatting.format_weekday
    words = ""
    if moves:
        words += " The visits after it move too: " + "; ".join(
            f"{_at(new, day)} instead of {formatting.format_time(old) if old.date() == new.date() else _at(old, day)}"
            for old, new in moves) + "."
    if dropped:
        words += (" There is no longer a visit on " if len(dropped) == 1 else " There are no longer visits on ") + \
            "; ".join(_at(start, day) for start in dropped) + "."
    return words


def dropped_words(service_type: str, dropped, ends_on=None, day=None) -> str:
    """A change of a service plan that only takes visits away, none moved: "your rodent control visit on
    Monday, February 2 at 9:00 AM no longer takes place." With the plan's new last day: "your rodent control
    plan now ends on Sunday, February 1, so your visits on …; … no longer take place." """
    day = day or formatting.format_weekday
    service = (service_type or "service").lower()
    dates = "; ".join(_at(start, day) for start in dropped)
    visits = f"visit on {dates} no longer takes place" if len(dropped) == 1 else \
        f"visits on {dates} no longer take place"
    if ends_on is not None:
        return f"your {service} plan now ends on {day(ends_on)}, so your {visits}."
    return f"your {service} {visits}."


def _change_values(visit_id: int) -> dict:
    """The latest change of a visit: who and when before and after, and why."""
    r = database.execute_sql(
        "SELECT vc.old_starts_at, vc.new_starts_at, o.name, n.name, vc.reason FROM visit_change vc"
        " LEFT JOIN staff o ON o.id = vc.old_technician_id LEFT JOIN staff n ON n.id = vc.new_technician_id"
        " WHERE vc.visit_id = ? ORDER BY vc.changed_at DESC, vc.id DESC LIMIT 1", (visit_id,)).fetchone()
    if r is None:
        return {}
    values = {"old_date": _day(r[0]), "new_date": _day(r[1]), "old_technician": r[2], "new_technician": r[3],
              "reason": r[4] or None}
    if r[0] and r[1]:
        service = database.execute_sql("SELECT service_type FROM visit WHERE id = ?", (visit_id,)).fetchone()
        as_moment = (lambda x: x if isinstance(x, datetime) else datetime.fromisoformat(str(x)))
        values["change"] = change_words(service[0] if service else "", as_moment(r[0]), as_moment(r[1]),
                                        r[2] or "", r[3] or "")
    return {k: v for k, v in values.items() if v}


def values_for(customer_id: int, concern_id: int | None = None, visit_id: int | None = None,
               follow_up_id: int | None = None, project_id: int | None = None) -> dict:
    """The fields of a customer and (optionally) one of their records. Unknown ones are left out."""
    from servicedesk.core.services import customers, office

    profile = customers.get(customer_id)
    o = office.get()
    values = {
        "salutation": profile.letter_salutation,
        "customer_name": profile.name,
        "office_name": o.name or None,
        "office_phone": o.phone or None,
        "contact_name": o.owner_name or None,
        "contact_phone": o.phone or None,
        "technician": profile.technician or None,
    }
    if concern_id is not None:
        r = database.execute_sql("SELECT words, resolution FROM concern WHERE id = ? AND customer_id = ?",
                                 (concern_id, customer_id)).fetchone()
        if r:
            values["concern_words"] = r[0]
            values["resolution"] = r[1] or None
            f = database.execute_sql("SELECT due_on FROM follow_up WHERE concern_id = ? AND done_at IS NULL"
                                     " ORDER BY due_on LIMIT 1", (concern_id,)).fetchone()
            if f:
                values["follow_up_date"] = formatting.format_weekday(date.fromisoformat(str(f[0])[:10]))
    if visit_id is not None:
        r = database.execute_sql(
            "SELECT v.starts_at, v.service_type, s.name FROM visit v LEFT JOIN staff s ON s.id = v.technician_id"
            " WHERE v.id = ? AND v.customer_id = ?", (visit_id, customer_id)).fetchone()
        if r:
            values["visit_date"] = _day(r[0])
            values["service_type"] = r[1] or None
            if r[2]:
                values["technician"] = r[2]
    if visit_id is not None:
        values.update(_change_values(visit_id))
    if project_id is not None:
        r = database.execute_sql(
            "SELECT p.name, s.name, s.phone FROM project p LEFT JOIN staff s ON s.id = p.lead_id"
            " WHERE p.id = ? AND p.customer_id = ?", (project_id, customer_id)).fetchone()
        if r:
            values["project_name"] = r[0]
            if r[1]:
                values["contact_name"] = r[1]
                values["contact_phone"] = r[2] or values.get("contact_phone")
    if follow_up_id is not None:
        r = database.execute_sql("SELECT due_on FROM follow_up WHERE id = ?", (follow_up_id,)).fetchone()
        if r:
            values["follow_up_date"] = formatting.format_weekday(date.fromisoformat(str(r[0])[:10]))
    return {k: v for k, v in values.items() if v is not None}


def draft_for(key: str, customer_id: int, **record) -> tuple[str, str]:
    """(subject, body) of template ``key`` filled from the customer and record; gaps stay visible."""
    return render(key, values_for(customer_id, **record))
