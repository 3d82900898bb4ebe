"""Message templates the office can edit, filled from a record's fields.

Fields are written ``{customer_name}``; a field the record does not have stays visible as
``{field}`` so nobody sends a letter with a silent gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from servicedesk.core import clock
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.store import transaction
from servicedesk.core.store.models import Template
from servicedesk.core.validation import clean_text

DEFAULTS = {
    "change_notice": (
        "Change to your visit",
        "Visit change notice",
        "{salutation},\n\n"
        "We want you to hear this from us first: your {service_type} visit on {old_date} "
        "will now be on {new_date} with {new_technician} instead of {old_technician}.\n"
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
        "Here is where {project_name} stands this week, in plain words and with dates.",
    ),
    "letter_closing": (
        "Timeline letter: closing",
        "",
        "If anything here is unclear, or you would simply like to talk it through, "
        "{contact_name} is your contact and will be glad to hear from you.",
    ),
    "letter_contact": (
        "Timeline letter: your contact",
        "",
        "{contact_name} leads your project and is the person to call with any question, big or small: "
        "{contact_phone} (direct line).",
    ),
    "letter_quiet_week": (
        "Timeline letter: nothing finished this week",
        "",
        "Nothing was finished this week; the work below is under way, and every date in "
        "this letter is the one we are working to.",
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
}


@dataclass(frozen=True)
class TemplateText:
    key: str
    name: str
    subject: str
    body: str


_MARKER = re.compile(r"\{(\w+)\}")


def fill(text: str, values: dict) -> str:
    """Fill ``{field}`` markers; unknown markers are left as they are, stray braces are harmless.

    Only plain ``{name}`` markers are filled: no format specs or attribute lookups, so a typed
    ``{name:>999999999}`` or ``{name.__class__}`` stays text instead of eating memory or leaking.
    """
    safe = {k: ("" if v is None else str(v)) for k, v in values.items()}
    return _MARKER.sub(lambda m: safe.get(m.group(1), m.group(0)), text)


def get(key: str) -> TemplateText:
    row = Template.get_or_none(Template.key == key)
    if row is not None:
        return TemplateText(row.key, row.name, row.subject, row.body)
    if key in DEFAULTS:
        name, subject, body = DEFAULTS[key]
        return TemplateText(key, name, subject, body)
    raise NotFound(f"There is no template called {key}.")


def all_templates() -> list[TemplateText]:
    keys = list(DEFAULTS) + [t.key for t in Template.select(Template.key) if t.key not in DEFAULTS]
    return [get(k) for k in keys]


def save(key: str, name: str, subject: str, body: str) -> None:
    body = clean_text(body)
    if not body.strip():
        raise ValidationError({"body": "A template needs some text."})
    with transaction():
        Template.insert(key=key, name=clean_text(name) or key, subject=clean_text(subject), body=body,
                        updated_at=clock.now()).on_conflict_replace().execute()


def render(key: str, values: dict) -> tuple[str, str]:
    """(subject, body) of template ``key`` filled with ``values``."""
    t = get(key)
    return fill(t.subject, values), fill(t.body, values)
