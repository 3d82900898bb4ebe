"""Business days follow the office's calendar.

A business day is a weekday that is neither a public holiday of the office's country (``office.region``)
and state or region (``office.holiday_region``, e.g. ``TX``), from the ``holidays`` package, nor one
of the office's own closed days (``office.closed_days``, set in Preferences). Concern clocks and
follow-up dates count these days: a concern raised on 24 December in an office closed for
Christmas is not overdue on the 26th.

Each year's public holidays, once worked out, are remembered in the data folder
(``public-holidays.json``, by calendar and by release of the package), so a start reads them
there instead of importing the package, which loads every country's calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import threading
from pathlib import Path

from servicedesk.core import events
from servicedesk.core.store import database

log = logging.getLogger(__name__)
_memo: dict = {}
REMEMBERED = "public-holidays.json"  # in the data folder: the years worked out so far, by calendar
_file_lock = threading.Lock()


class PublicHolidays:
    """One country's (and region's) public holidays, worked out a year at a time when a day of that year is
    asked about. A year the data folder remembers is read from there; any other is worked out by the
    ``holidays`` package (importing it loads every country's calendar, a noticeable pause) and remembered
    for the next start. ``day in holidays`` and ``holidays.get(day, default)`` as with the package's own."""

    def __init__(self, country: str, subdivision: str):
        self.country, self.subdivision = country, subdivision
        self.names: dict[dt.date, str] = {}
        self.years: set[int] = set()
        self._lock = threading.Lock()

    def _year(self, year: int) -> None:
        if year in self.years:
            return
        with self._lock:
            if year not in self.years:
                self.names.update(_year_of(self.country, self.subdivision, year))
                self.years.add(year)

    def __contains__(self, day) -> bool:
        self._year(day.year)
        return day in self.names

    def get(self, day, default=None):
        self._year(day.year)
        return self.names.get(day, default)


@functools.lru_cache(maxsize=1)
def _package_release() -> str:
    """Which release of the ``holidays`` package is installed, without importing it ("" when it cannot be told)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
        if spec is None or not spec.origin:
            return ""
        found = sorted(Path(spec.origin).parent.parent.glob("holidays-*.dist-info"))
        return found[-1].name if found else f"{spec.origin}:{os.stat(spec.origin).st_mtime_ns}"
    except (OSError, ImportError, ValueError):
        return ""


def _remembered_path() -> Path:
    from servicedesk import paths

    return paths.data_dir() / REMEMBERED


_kept: dict = {}  # the remembered file's calendars as last read: "source" (its path and the release), "calendars"


def _read_remembered(release: str) -> dict:
    """The remembered calendars of this release of the package (read once; {} when there are none)."""
    path = _remembered_path()
    if _kept.get("source") != (path, release):
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        fits = isinstance(found, dict) and found.get("release") == release and isinstance(found.get("calendars"), dict)
        _kept.update(source=(path, release), calendars=found["calendars"] if fits else {})
    return _kept["calendars"]


def _year_of(country: str, subdivision: str, year: int) -> dict[dt.date, str]:
    """The public holidays the package gives for ``year``: remembered, or worked out and then remembered."""
    release = _package_release()
    name = f"{country}/{subdivision}"
    if release:
        with _file_lock:
            days = _read_remembered(release).get(name, {}).get(str(year))
        if isinstance(days, dict):
            return {dt.date.fromisoformat(day): text for day, text in days.items()}
    import holidays  # every country's calendar: only when a year is not remembered yet

    try:
        found = dict(holidays.country_holidays(country, subdiv=subdivision or None, years=year))
    except (NotImplementedError, KeyError):  # a country the package does not know: weekends and closed days
        found = {}
    if release:
        _remember(release, name, year, found)
    return found


def _remember(release: str, name: str, year: int, days: dict[dt.date, str]) -> None:
    from servicedesk import paths

    with _file_lock:
        _kept.clear()  # another copy of ServiceDesk may have remembered other years meanwhile
        calendars = _read_remembered(release)
        calendars.setdefault(name, {})[str(year)] = {day.isoformat(): text for day, text in sorted(days.items())}
        try:
            paths.write_private(_remembered_path(), json.dumps({"release": release, "calendars": calendars},
                                                               ensure_ascii=False, sort_keys=True).encode("utf-8"))
        except OSError as exc:  # a read-only or full data folder: worked out again next time
            log.info("public holidays not remembered: %s", exc)


@functools.lru_cache(maxsize=64)
def _calendar(country: str, subdivision: str, closed: frozenset) -> tuple:
    return PublicHolidays(country, subdivision), closed


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
    return _open(day, *_calendar(*(key or calendar_key())))


def _open(day: dt.date, public: PublicHolidays, closed: frozenset) -> bool:
    """A business day: a weekday that is neither a public holiday nor one of the office's closed days."""
    return day.weekday() < 5 and day not in closed and day not in public


def holiday_or_closed(day: dt.date, key: tuple | None = None) -> bool:
    """A public holiday or one of the office's own closed days, whatever day of the week (weekends aside)."""
    public, closed = _calendar(*(key or calendar_key()))
    return day in closed or day in public


OWN_CLOSED_DAY = "closed"  # the office's own closed day, where a public holiday has its name


def closed_days(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """The days from ``first`` to ``last`` on which the office is closed though it is a weekday or a weekend it
    may work: a public holiday (its name) or one of its own closed days (``OWN_CLOSED_DAY``)."""
    public, closed = _calendar(*calendar_key())
    out = {}
    day = first
    while day <= last:
        if day in closed:
            out[day] = OWN_CLOSED_DAY
        elif day in public:
            out[day] = public.get(day)
        day += dt.timedelta(days=1)
    return out


def holiday_name(day: dt.date) -> str:
    """Why ``day`` is not a business day ("" when it is one)."""
    public, closed = _calendar(*calendar_key())
    if day in closed:
        return "the office is closed"
    return public.get(day, "")


@functools.lru_cache(maxsize=8192)  # the same few dates come up for every concern of a day
def _add(day: dt.date, n: int, key: tuple) -> dt.date:
    public, closed = _calendar(*key)  # once for the whole walk
    one = dt.timedelta(days=1)
    if n <= 0:
        while not _open(day, public, closed):
            day += one
        return day
    while n:
        day += one
        if _open(day, public, closed):
            n -= 1
    return day


def add_business_days(day: dt.date, n: int, key: tuple | None = None) -> dt.date:
    """The n-th business day after ``day`` (n=0: ``day`` itself, moved to the next business day if it is none).

    ``key``: the office's calendar (``calendar_key()``) when the caller works out many dates at once."""
    return _add(day, n, key or calendar_key())


def opens_on(day: dt.date, key: tuple | None = None) -> dt.date:
    """The day a task due on ``day`` is due: ``day`` itself, or the next business day when the office is closed then."""
    return _add(day, 0, key or calendar_key())


def closed_on(day: dt.date) -> tuple[str, dt.date] | None:
    """None when the office is open on ``day``; else the public holiday's name ("" for a weekend or one of the
    office's own closed days) and the day the office opens again."""
    opens = opens_on(day)
    if opens == day:
        return None
    public, closed = _calendar(*calendar_key())
    return ("" if day in closed else public.get(day, "")), opens


def subtract_business_days(day: dt.date, n: int, key: tuple | None = None) -> dt.date:
    """The n-th business day before ``day``."""
    key = key or calendar_key()
    while n > 0:
        day -= dt.timedelta(days=1)
        if is_business_day(day, key):
            n -= 1
    return day


def business_days_late(due: dt.date, today: dt.date, key: tuple | None = None) -> int:
    """How many business days a task due on ``due`` is late on ``today``: none up to its due day, which is the
    next business day when ``due`` is none (a follow-up due on a Sunday or a holiday is due the day the office
    opens again); then one for each business day that went by without it."""
    key = key or calendar_key()
    effective = opens_on(due, key)
    if today <= effective:
        return 0
    public, closed = _calendar(*key)
    count, day = 0, effective
    while day < today:
        count += _open(day, public, closed)
        day += dt.timedelta(days=1)
    return count


def business_days_between(start: dt.date, end: dt.date, key: tuple | None = None) -> int:
    """Business days after ``start`` up to and including ``end`` (0 when end <= start)."""
    key = key or calendar_key()
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_business_day(day, key)
    return count


def business_days_apart(old: dt.date, new: dt.date, key: tuple | None = None) -> int:
    """How many business days ``new`` is after ``old`` (negative when it is before): the business days after the
    earlier one up to and including the later one, so going there and back comes to nothing."""
    if new >= old:
        return business_days_between(old, new, key)
    return -business_days_between(new, old, key)


def shift_business_days(day: dt.date, n: int, key: tuple | None = None) -> dt.date:
    """``day`` moved n business days later (earlier when n is negative); a business day stays one."""
    key = key or calendar_key()
    if n > 0:
        return add_business_days(day, n, key)
    return subtract_business_days(day, -n, key) if n < 0 else day
