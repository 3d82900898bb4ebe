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
    """Text as stored: NUL bytes removed (SQLite and PDFs stop at them), everything else kept.

    Text with no visible character at all (spaces, zero-width spaces, joiners, direction marks,
    fillers) is empty: every check of required text then refuses it with its own message.
    """
    if value is None:
        return ""
    text = str(value).replace("\x00", "")
    return text if has_visible(text) else ""


_BLANK_CATEGORIES = ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me")
_BLANK = frozenset("\u115f\u1160\u2800\u3164\uffa0")  # letters and symbols drawn as nothing


def has_visible(text: str) -> bool:
    """Whether ``text`` shows anything on screen or paper."""
    if text.isascii():  # the common case, without the Unicode tables: any printable character shows
        return any(" " < ch < "\x7f" for ch in text)
    import unicodedata

    return any(not ch.isspace() and ch not in _BLANK and unicodedata.category(ch) not in _BLANK_CATEGORIES
               for ch in text)


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def check_choice(problems: dict, field: str, value, choices, label: str) -> None:
    """Add a problem for ``field`` when ``value`` is not one of ``choices`` (empty choices not listed)."""
    if value not in choices:
        problems[field] = f"{label} must be one of: {', '.join(c for c in choices if c)}."


# Names people write for a country that CLDR does not list under them.
_COUNTRY_ALIASES = {"usa": "US", "u s a": "US", "u s": "US", "united states of america": "US", "america": "US",
                    "uk": "GB", "u k": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
                    "great britain": "GB", "northern ireland": "GB"}
_countries: dict[str, str] = {}


def check_whole_numbers(problems: dict, cleaned: dict, fields) -> None:
    """Each ``(key, low, high, what)`` of ``fields`` present in ``cleaned`` becomes an int within
    ``low..high``, or a problem under its key (``what`` names it: "The port")."""
    for key, low, high, what in fields:
        if key not in cleaned:
            continue
        value = cleaned[key]
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).strip())
            except ValueError:
                problems[key] = f"{what} must be a whole number; “{cleaned[key]}” is not."
                continue
        if not low <= value <= high:
            problems[key] = f"{what} must be between {low} and {high}."
        cleaned[key] = value


def _country_key(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def check_country(typed: str) -> tuple[str, str]:
    """Return (ISO 3166 code, problem) for a country written as a code or a name ("Canada", "USA", "ca")."""
    typed = clean_text(typed).strip()
    if not typed:
        return "", ""
    if not _countries:
        from babel import Locale  # CLDR's names, in English and in the office's usual languages

        for language in ("en", "fr", "de", "es"):
            for code, name in Locale(language).territories.items():
                if len(code) == 2 and code.isalpha():
                    _countries.setdefault(_country_key(name), code)
                    _countries.setdefault(code.casefold(), code)
        _countries.update(_COUNTRY_ALIASES)
    code = _countries.get(_country_key(typed))
    if code is None:
        return typed, (f"The country “{typed}” is not one ServiceDesk knows: write its name in full "
                       "or its two-letter code (US, CA, GB, AU…).")
    return code, ""


def clean_tags(typed) -> str:
    """Tags as stored: "VIP, Monthly" — split on commas, semicolons or new lines, each once, in order."""
    seen, out = set(), []
    for part in clean_text(typed).replace(";", ",").replace("\n", ",").split(","):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return ", ".join(out)
