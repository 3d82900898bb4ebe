"""How the report writes counts, shares, days and durations: plain words in the office's region.

Every date and number goes through the office's locale (CLDR through Babel, as
``core.formatting`` does), so a British office reads "10 November" and an American one
"November 10".
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton
from babel.numbers import format_percent

from servicedesk.core import formatting


def _printable(text: str) -> str:
    return text.replace("\u202f", "\u00a0")


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 concern``, ``3 concerns`` (``many`` for irregular plurals)."""
    return f"{formatting.format_number(n)} {one if n == 1 else (many or one + 's')}"


def n(value: int) -> str:
    """A count in a sentence: ``none`` for nothing, else the number as the office writes it."""
    return "none" if value == 0 else formatting.format_number(value)


def were(n: int) -> str:
    return "was" if n == 1 else "were"


def share(part: int, whole: int) -> str:
    """``83%`` of ``whole`` (``—`` when there is nothing to divide)."""
    if not whole:
        return "—"
    return _printable(format_percent(part / whole, locale=formatting.office_locale()))


def pct(value: float | None) -> str:
    """A share already worked out from 0 to 100 (``83%``)."""
    if value is None:
        return "—"
    return _printable(format_percent(value / 100, locale=formatting.office_locale()))


def percent(part: int, whole: int) -> float | None:
    """The share as a number from 0 to 100 for a chart (None when there is nothing to divide)."""
    return round(100 * part / whole, 1) if whole else None


def day(value: dt.date | dt.datetime) -> str:
    """``November 10`` in the US, ``10 November`` in Britain."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _printable(format_skeleton("MMMMd", value, locale=formatting.office_locale()))


def short_day(value: dt.date | dt.datetime) -> str:
    """``Nov 10`` in the US, ``10 Nov`` in Britain: for table cells and chart labels."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _printable(format_skeleton("MMMd", value, locale=formatting.office_locale()))


def full_day(value: dt.date | dt.datetime) -> str:
    """A day with its year (``Nov 10, 2026``)."""
    return formatting.format_date(value, "medium")


def month_short(value: dt.date) -> str:
    """``Nov 2026``: the months along a chart's axis."""
    return _printable(format_skeleton("yMMM", value, locale=formatting.office_locale()))


def month(value: dt.date) -> str:
    """``November 2026``."""
    return formatting.format_month(value)


def span(delta: dt.timedelta | None) -> str:
    """A duration as a person says it: ``40 minutes``, ``3 hours``, ``2 days and 4 hours``."""
    if delta is None:
        return "—"
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return count(max(minutes, 0), "minute")
    hours = minutes // 60
    if hours < 48:
        return count(hours, "hour")
    days, rest = divmod(hours, 24)
    return count(days, "day") + (f" and {count(rest, 'hour')}" if rest else "")


def business_days(n: float | int | None) -> str:
    if n is None:
        return "—"
    if float(n).is_integer():
        return count(int(n), "business day")
    return f"{formatting.format_number(n, 1)} business days"


def listing(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quoted(text: str, up_to: int = 160) -> str:
    """The customer's own words on one line, in quotation marks, cut with an ellipsis when long."""
    text = " ".join(str(text).split())
    if len(text) > up_to:
        text = text[:up_to - 1].rstrip() + "…"
    return f"“{text}”"


def sentence(text: str) -> str:
    """``text`` with a capital first letter and a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…”" else text + "."
