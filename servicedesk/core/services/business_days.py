"""Business days follow the office's calendar.

A business day is a weekday that is neither a public holiday of the office's country (``office.region``)
and state or region (``office.holiday_region``, e.g. ``TX``), from the ``holidays`` package, nor one
of the office's own closed days (``office.closed_days``, set in Preferences). Concern clocks and
follow-up dates count these days: a concern raised on 24 December in an office closed for
Christmas is not overdue on the 26th.
"""

from __future__ import annotations

import datetime as dt
import functools

from servicedesk.core import events
from servicedesk.core.store import database

_memo: dict = {}


@functools.lru_cache(maxsize=64)
def _calendar(country: str, subdivision: str, closed: frozenset) -> tuple:
    import holidays  # its every country's calendar takes a while to import: only when a date is worked out

    try:
        public = holidays.country_holidays(country, subdiv=subdivision or None)
    except (NotImplementedError, KeyError):  # a country the package does not know: weekends and closed days
        public = {}
    return public, closed


def calendar_key() -> tuple[str, str, frozenset]:
    """(country, state or region, closed days) of the office whose database is open, read once per change."""
    token = (id(database.obj), getattr(database.obj, "database", None))
    if _memo.get("token") != token:
        from servicedesk.core.services import office

        o = office.get()
        _memo.update(token=token, key=(o.region.upper(), o.holiday_region.upper(),
                                       frozenset(dt.date.fromisoformat(d) for d in o.closed_days)))
    return _memo["key"]


def forget(*_args) -> None:
    """The office's settings changed: read the calendar again."""
    _memo.clear()
    _add.cache_clear()


events.office_changed.connect(forget)


def is_business_day(day: dt.date, key: tuple | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    public, closed = _calendar(*(key or calendar_key()))
    return day not in closed and day not in public


def holiday_name(day: dt.date) -> str:
    """Why ``day`` is not a business day ("" when it is one)."""
    public, closed = _calendar(*calendar_key())
    if day in closed:
        return "the office is closed"
    return public.get(day, "") if hasattr(public, "get") else ""


@functools.lru_cache(maxsize=8192)  # the same few dates come up for every concern of a day
def _add(day: dt.date, n: int, key: tuple) -> dt.date:
    if n <= 0:
        while not is_business_day(day, key):
            day += dt.timedelta(days=1)
        return day
    while n:
        day += dt.timedelta(days=1)
        if is_business_day(day, key):
            n -= 1
    return day


def add_business_days(day: dt.date, n: int) -> dt.date:
    """The n-th business day after ``day`` (n=0: ``day`` itself, moved to the next business day if it is none)."""
    return _add(day, n, calendar_key())


def subtract_business_days(day: dt.date, n: int) -> dt.date:
    """The n-th business day before ``day``."""
    key = calendar_key()
    while n > 0:
        day -= dt.timedelta(days=1)
        if is_business_day(day, key):
            n -= 1
    return day


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after ``start`` up to and including ``end`` (0 when end <= start)."""
    key = calendar_key()
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_business_day(day, key)
    return count
