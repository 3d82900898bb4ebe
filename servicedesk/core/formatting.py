"""Dates, times, numbers and money the way the office writes them.

Everything follows the office's locale (``office.get().locale``, e.g. ``en_US``, ``en_GB``,
``de_DE``) unless a locale is passed. The formats come from Babel's copy of the Unicode CLDR,
so month and weekday names, day-month order, 12- or 24-hour clock, decimal and grouping marks
and where the currency sign goes are right for every locale, not just a few.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from babel import Locale, UnknownLocaleError, dates, numbers

DEFAULT_LOCALE = "en_US"

# The regions an office is offered when it sets itself up; any other valid locale also works.
COMMON_LOCALES = (
    "en_US", "en_CA", "fr_CA", "es_MX", "en_GB", "en_IE", "en_AU", "en_NZ", "en_ZA",
    "de_DE", "de_AT", "de_CH", "fr_FR", "fr_BE", "fr_CH", "it_IT", "es_ES", "pt_PT", "pt_BR",
    "nl_NL", "nl_BE", "da_DK", "sv_SE", "nb_NO", "fi_FI", "pl_PL",
)


def plural(n: int, word: str, many: str | None = None) -> str:
    """A count in English words for the command line: ``1 visit``, ``2 visits``, ``3 technicians``.

    The window's texts get their plural forms from Qt (``tr("%n visit(s)", "", n)``); this is the
    same for the words the commands print. ``many`` is the plural where it is not the word plus "s"."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def _printable(text: str) -> str:
    """CLDR uses a narrow no-break space in some formats (``2:30\u202fPM``); many fonts lack that
    glyph, so it becomes an ordinary no-break space, which every font has."""
    return text.replace("\u202f", "\u00a0")


def parse_locale(code: str | None) -> Locale:
    """A Babel locale for a code such as ``en_GB`` or ``de-DE``; the default for anything unknown."""
    try:
        return Locale.parse((code or DEFAULT_LOCALE).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LOCALE)


def office_locale() -> Locale:
    """The office's locale, from its settings (the default before the office is set up)."""
    from servicedesk.core.services import office

    return parse_locale(office.get().locale)


def _locale(locale: str | Locale | None) -> Locale:
    if isinstance(locale, Locale):
        return locale
    return office_locale() if locale is None else parse_locale(locale)


def is_known_locale(code: str) -> bool:
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return "_" in code or "-" in code


def region_of(code: str) -> str:
    """The two-letter region of a locale (``en_GB`` → ``GB``), used for phone numbers."""
    return parse_locale(code).territory or "US"


def display_name(code: str) -> str:
    """The locale's own name for itself: ``English (United Kingdom)``, ``Deutsch (Deutschland)``."""
    loc = parse_locale(code)
    return loc.get_display_name(loc) or code


def format_date(value: date | datetime, style: str = "medium", locale: str | Locale | None = None) -> str:
    """``style``: ``short`` (11/27/26), ``medium`` (Nov 27, 2026), ``long`` (November 27, 2026),
    ``full`` (Friday, November 27, 2026) — each in the locale's own order and words."""
    if isinstance(value, datetime):
        value = value.date()
    return _printable(dates.format_date(value, format=style, locale=_locale(locale)))


def format_time(value: time | datetime, locale: str | Locale | None = None) -> str:
    """Hours and minutes: ``2:30 PM`` in the US, ``14:30`` in Germany and Britain."""
    if isinstance(value, datetime):
        value = value.time()
    value = value.replace(second=0, microsecond=0)
    return _printable(dates.format_time(value, format="short", locale=_locale(locale)))


def format_datetime(value: datetime, style: str = "medium", locale: str | Locale | None = None) -> str:
    """A date in ``style`` followed by the short time."""
    loc = _locale(locale)
    return f"{format_date(value, style, loc)}, {format_time(value, loc)}"


def format_number(value: int | float | Decimal, decimals: int | None = None,
                  locale: str | Locale | None = None) -> str:
    """``1,234.5`` in the US, ``1.234,5`` in Germany; ``decimals`` fixes the digits after the mark."""
    loc = _locale(locale)
    if decimals is None:
        return _printable(numbers.format_decimal(value, locale=loc))
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _printable(numbers.format_decimal(value, format=pattern, locale=loc, decimal_quantization=True))


def currency_of(locale: str | Locale | None = None) -> str:
    """The currency in use in the locale's region (``USD``, ``GBP``, ``EUR``...)."""
    loc = _locale(locale)
    found = numbers.get_territory_currencies(loc.territory or "US")
    return found[0] if found else "USD"


def format_money(amount: int | float | Decimal, currency: str | None = None,
                 locale: str | Locale | None = None) -> str:
    """``$1,234.50`` in the US, ``£1,234.50`` in Britain, ``1.234,50 €`` in Germany."""
    loc = _locale(locale)
    return _printable(numbers.format_currency(amount, currency or currency_of(loc), locale=loc))


def format_month(value: date | datetime, locale: str | Locale | None = None) -> str:
    """A month and its year, the locale's way: ``November 2026``, ``novembre 2026``."""
    if isinstance(value, datetime):
        value = value.date()
    return _printable(dates.format_skeleton("yMMMM", value, locale=_locale(locale)))


def weekday_names(width: str = "abbreviated", locale: str | Locale | None = None) -> list[str]:
    """Monday to Sunday in the locale's words; ``width``: ``abbreviated`` (Mon) or ``wide`` (Monday)."""
    names = dates.get_day_names(width, locale=_locale(locale))
    return [names[i] for i in range(7)]
