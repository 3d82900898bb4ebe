"""Dates, times, numbers and money the way the office writes them.

Everything follows the office's locale (``office.get().locale``, e.g. ``en_US``, ``en_GB``,
``de_DE``) unless a locale is passed. The formats come from Babel's copy of the Unicode CLDR,
so month and weekday names, day-month order, 12- or 24-hour clock, decimal and grouping marks
and where the currency sign goes are right for every locale, not just a few.
"""

from __future__ import annotations

import functools
import logging
import pickle
import re
from datetime import date, datetime, time
from decimal import Decimal

from babel import Locale, UnknownLocaleError, dates, numbers

from servicedesk.core import events

log = logging.getLogger(__name__)

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
    same for the words the commands print. ``many`` is the plural where it is not the word plus "s".
    The number is written as the office's region writes numbers (``1,234`` or ``1.234``)."""
    return f"{format_number(n)} {word if n == 1 else many or word + 's'}"


def _printable(text: str) -> str:
    """CLDR uses a narrow no-break space in some formats (``2:30\u202fPM``); many fonts lack that
    glyph, so it becomes an ordinary no-break space, which every font has."""
    return text.replace("\u202f", "\u00a0")


@functools.lru_cache(maxsize=64)
def parse_locale(code: str | None) -> Locale:
    """A Babel locale for a code such as ``en_GB`` or ``de-DE``; the default for anything unknown
    (each code is looked up once: a week's letters write hundreds of dates)."""
    try:
        locale = Locale.parse((code or DEFAULT_LOCALE).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        locale = Locale.parse(DEFAULT_LOCALE)
    _keep_data(str(locale))
    return locale


KEPT_DATA = "locale-data"  # in the data folder: a locale's data as Babel merges it, by release of Babel


def _keep_data(name: str) -> None:
    """Babel reads a locale's data from three files (the root's, the language's, the region's) and merges
    them when its first date is written: 10-25 ms of the window's first paint. The merged data is kept
    in the data folder the first time and read from there (one file, 4 ms) on every later start."""
    from babel import __version__, localedata

    from servicedesk import paths

    cache = getattr(localedata, "_cache", None)
    if not isinstance(cache, dict) or name in cache:
        return
    try:
        path = paths.data_dir() / KEPT_DATA / f"babel-{__version__}-{name}.pickle"
    except OSError:
        return
    try:
        data = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        data = None
    except Exception:  # noqa: BLE001 - a damaged copy: read Babel's own files, and keep them again
        log.info("kept locale data unreadable, read again: %s", path, exc_info=True)
        data = None
    if isinstance(data, dict) and data:
        cache.setdefault(name, data)
        return
    try:
        data = localedata.load(name)
        paths.write_private(paths.private_folder(path.parent) / path.name, pickle.dumps(data, protocol=5))
    except OSError as exc:  # a read-only data folder: Babel's files are read at each start
        log.info("locale data not kept: %s", exc)


_office: tuple | None = None  # (the database it was read from, its locale)
_database = None  # the store's database proxy, imported on first use (the store imports this module)


def office_locale() -> Locale:
    """The office's locale, from its settings (the default before the office is set up).

    Read once per database and kept until the office's settings are saved again
    (``forget_office_locale``), so a screen painting hundreds of dates reads it once.
    """
    global _office, _database
    if _database is None:  # imported when first needed, and then kept: a board writes hundreds of times
        from servicedesk.core.store import database as _database
    source = _database.obj
    if source is None:  # no office open (a message about a lock, say): the default
        return parse_locale(DEFAULT_LOCALE)
    if _office is not None and _office[0] is source:
        return _office[1]
    from servicedesk.core.services import office

    try:
        found = parse_locale(office.get().locale)
    except Exception:  # a damaged or half-open database: write dates the default way, and ask again later
        return parse_locale(DEFAULT_LOCALE)
    _office = (source, found)
    return found


def forget_office_locale() -> None:
    """The office's settings changed: read its locale afresh next time."""
    global _office
    _office = None


events.office_changed.connect(forget_office_locale)


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
    return _date_text(value, style, _locale(locale))


@functools.lru_cache(maxsize=4096)
def _date_text(value: date, style: str, loc: Locale) -> str:
    """Each day is written once per style and locale: a timeline or a board writes hundreds of the same few."""
    return _printable(dates.format_date(value, format=style, locale=loc))


def format_time(value: time | datetime, locale: str | Locale | None = None) -> str:
    """Hours and minutes: ``2:30 PM`` in the US, ``14:30`` in Germany and Britain."""
    return _time_text(value.hour, value.minute, _locale(locale))


@functools.lru_cache(maxsize=4096)
def _time_text(hour: int, minute: int, loc: Locale) -> str:
    """Each minute of the day is written once per locale (a busy board shows hundreds of visits' times)."""
    return _printable(dates.format_time(time(hour, minute), format="short", locale=loc))


@functools.lru_cache(maxsize=256)
def _pattern(skeleton: str, loc: Locale, full_weekday: bool = False) -> str:
    """The locale's own pattern for a CLDR skeleton (``MMMMd`` → ``MMMM d`` in the US, ``d MMMM`` in
    Britain); ``full_weekday`` writes the weekday out in full (CLDR's skeletons abbreviate it)."""
    skeletons = loc.datetime_skeletons
    key = skeleton if skeleton in skeletons else dates.match_skeleton(skeleton, skeletons)
    pattern = str(getattr(skeletons[key], "pattern", skeletons[key]))
    if full_weekday:
        pattern = re.sub(r"(?<!')E{1,3}(?!E)", "EEEE", pattern)
    return pattern


def date_pattern(skeleton: str, locale: str | Locale | None = None) -> str:
    """The locale's CLDR pattern for ``skeleton`` (for editors that take a pattern of their own)."""
    return _pattern(skeleton, _locale(locale))


@functools.lru_cache(maxsize=4096)
def _skeleton(value: date, skeleton: str, loc: Locale, full_weekday: bool = False) -> str:
    return _printable(dates.format_date(value, _pattern(skeleton, loc, full_weekday), locale=loc))


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def format_day(value: date | datetime, year: bool | None = None, reference: date | None = None,
               locale: str | Locale | None = None, short: bool = False) -> str:
    """A day without its weekday: ``November 29`` (US), ``29 November`` (Britain), ``29. November``;
    ``short``: ``Nov 29``, ``29 Nov``.

    The year is added when ``year`` is true, or (``year`` None) when the day is not in the year of
    ``reference`` (a letter's date, say); with neither, the year is always written.
    """
    value = _as_date(value)
    if year is None:
        year = reference is None or value.year != reference.year
    month = "MMM" if short else "MMMM"
    return _skeleton(value, ("y" if year else "") + month + "d", _locale(locale))


def format_weekday(value: date | datetime, year: bool = False, locale: str | Locale | None = None) -> str:
    """The day with its weekday in full: ``Friday, November 27``, ``Friday 27 November``."""
    return _skeleton(_as_date(value), "yMMMMEd" if year else "MMMMEd", _locale(locale), full_weekday=True)


def format_short_day(value: date | datetime, year: bool = False, locale: str | Locale | None = None) -> str:
    """A compact day for lists and boards: ``Fri, Nov 27``, ``Fri 27 Nov``, ``Fr., 27. Nov.``."""
    return _skeleton(_as_date(value), "yMMMEd" if year else "MMMEd", _locale(locale))


def weekday_name(weekday: int, locale: str | Locale | None = None) -> str:
    """The name of a weekday (0 Monday … 6 Sunday): ``Friday``, ``Freitag``."""
    return weekday_names("wide", locale)[weekday]


def format_month(value: date | datetime, short: bool = False, locale: str | Locale | None = None) -> str:
    """A month and its year, the locale's way: ``November 2026``, ``novembre 2026`` (``Nov 2026`` when ``short``)."""
    return _skeleton(_as_date(value), "yMMM" if short else "yMMMM", _locale(locale))


def format_span(start: date, end: date, reference: date | None = None,
                locale: str | Locale | None = None) -> str:
    """Two days as one span in the locale's words: ``November 18 – 25``, ``18–25 November``,
    ``November 30 – December 3``; the year as ``format_day`` decides."""
    loc = _locale(locale)
    start, end = _as_date(start), _as_date(end)
    if start == end:
        return format_day(start, reference=reference, locale=loc)
    if start.year != end.year:  # CLDR shortens the months of a span across years: write both days out
        return f"{format_day(start, True, locale=loc)} – {format_day(end, True, locale=loc)}"
    year = reference is None or start.year != reference.year
    return _printable(dates.format_interval(start, end, "yMMMMd" if year else "MMMMd", locale=loc))


def format_moment(value: datetime, weekday: str | None = "short", year: bool = False,
                  locale: str | Locale | None = None) -> str:
    """A day and a time: ``Fri, Nov 27, 2:30 PM``; ``weekday="full"``: ``Friday, November 27, 2:30 PM``;
    ``weekday=None``: ``Nov 27, 2:30 PM``."""
    loc = _locale(locale)
    if weekday == "full":
        day_text = format_weekday(value, year, loc)
    elif weekday == "short":
        day_text = format_short_day(value, year, loc)
    else:
        day_text = _skeleton(_as_date(value), "yMMMd" if year else "MMMd", loc)
    return f"{day_text}, {format_time(value, loc)}"


def format_times(start: time | datetime, end: time | datetime, locale: str | Locale | None = None) -> str:
    """A time window: ``9:00 AM – 10:15 AM``, ``09:00–10:15``."""
    loc = _locale(locale)
    first, last = format_time(start, loc), format_time(end, loc)
    return f"{first}–{last}" if first[-1:].isdigit() and last[-1:].isdigit() else f"{first} – {last}"


def format_datetime(value: datetime, style: str = "medium", locale: str | Locale | None = None) -> str:
    """A date in ``style`` followed by the short time."""
    loc = _locale(locale)
    return f"{format_date(value, style, loc)}, {format_time(value, loc)}"


@functools.lru_cache(maxsize=64)
def _plain_below_thousand(loc: Locale) -> bool:
    """Whether ``loc`` writes the whole numbers 0-999 as plain digits, as nearly every locale does."""
    return all(numbers.format_decimal(n, locale=loc) == str(n) for n in (*range(10), 10, 99, 100, 999))


def format_number(value: int | float | Decimal, decimals: int | None = None,
                  locale: str | Locale | None = None) -> str:
    """``1,234.5`` in the US, ``1.234,5`` in Germany; ``decimals`` fixes the digits after the mark."""
    loc = _locale(locale)
    if decimals is None:
        if type(value) is int and 0 <= value < 1000 and _plain_below_thousand(loc):
            return str(value)  # as the locale writes it, without asking Babel for each of a list's counts
        return _printable(numbers.format_decimal(value, locale=loc))
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _printable(numbers.format_decimal(value, format=pattern, locale=loc, decimal_quantization=True))


def parse_number(text: str, locale: str | Locale | None = None):
    """A number as typed in the office's region (“2,5” in Germany, “1,234.5” in the US); ValueError
    when it is not one."""
    text = (text or "").strip().replace("\u00a0", "").replace("\u202f", "")
    if not text:
        raise ValueError("empty")
    try:
        return numbers.parse_decimal(text, locale=_locale(locale), strict=True)
    except numbers.NumberFormatError:
        try:
            return Decimal(text)  # a plain “2.5” is understood everywhere
        except Exception:
            raise ValueError(text) from None


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


def weekday_names(width: str = "abbreviated", locale: str | Locale | None = None) -> list[str]:
    """Monday to Sunday in the locale's words; ``width``: ``abbreviated`` (Mon) or ``wide`` (Monday)."""
    names = dates.get_day_names(width, locale=_locale(locale))
    return [names[i] for i in range(7)]


def whole_days(start: datetime, end: datetime) -> tuple[date, date] | None:
    """The first and last day of an absence that covers whole days (from midnight to a later midnight),
    or None when it starts or ends during a day."""
    if start.time() != time() or end.time() != time() or end <= start:
        return None
    return start.date(), date.fromordinal(end.toordinal() - 1)


def format_absence(start: datetime, end: datetime, year: bool = False,
                   locale: str | Locale | None = None) -> str:
    """Time away, the way people say it: whole days as days (``Mon, Feb 9 – Fri, Feb 13``, one day
    ``Mon, Feb 9``), part of a day with its times (``Mon, Feb 9, 8:00 AM – 12:00 PM``)."""
    loc = _locale(locale)
    days = whole_days(start, end)
    if days is not None:
        first, last = days
        if first == last:
            return format_short_day(first, year, loc)
        return f"{format_short_day(first, year, loc)} – {format_short_day(last, year, loc)}"
    if start.date() == end.date():
        return f"{format_moment(start, year=year, locale=loc)} – {format_time(end, loc)}"
    return f"{format_moment(start, year=year, locale=loc)} – {format_moment(end, year=year, locale=loc)}"
