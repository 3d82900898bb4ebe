"""Checks for what people type: phone numbers, emails, required fields, text."""

from __future__ import annotations

from dataclasses import dataclass



@dataclass(frozen=True)
class Phone:
    typed: str
    e164: str  # "" when the number could not be understood
    warning: str = ""


def parse_phone(typed: str, region: str = "US") -> Phone:
    """Parse a phone number as the office would dial it. Unparseable is a warning, not a block."""
    typed = clean_text(typed).strip()
    if not typed:
        return Phone("", "")
    import phonenumbers  # its tables load on first use, not at every start

    try:
        number = phonenumbers.parse(typed, region or None)
    except phonenumbers.NumberParseException:
        return Phone(typed, "", f"The phone number “{typed}” could not be understood; it was kept as typed.")
    if not phonenumbers.is_possible_number(number):
        return Phone(typed, "", f"The phone number “{typed}” does not look complete; it was kept as typed.")
    return Phone(typed, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def check_email(typed: str) -> tuple[str, str]:
    """Return (normalised email, problem). Syntax only: no network lookup."""
    typed = clean_text(typed).strip()
    if not typed:
        return "", ""
    from email_validator import EmailNotValidError, validate_email  # loaded on first use

    try:
        result = validate_email(typed, check_deliverability=False)
    except EmailNotValidError as exc:
        return typed, f"The email address “{typed}” is not valid: {exc}"
    return result.normalized, ""


def clean_text(value) -> str:
    """Text as stored: NUL bytes removed (SQLite and PDFs stop at them), everything else kept."""
    if value is None:
        return ""
    return str(value).replace("\x00", "")


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def check_choice(problems: dict, field: str, value, choices, label: str) -> None:
    """Add a problem for ``field`` when ``value`` is not one of ``choices`` (empty choices not listed)."""
    if value not in choices:
        problems[field] = f"{label} must be one of: {', '.join(c for c in choices if c)}."
