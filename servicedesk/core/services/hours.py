"""The office's business hours, read from the words it typed in Preferences ("Mon-Fri 8:00-17:00").

The board's day view spans them and a technician's day is measured against them. Anything not
understood falls back to Monday to Friday, 8:00 to 17:00, so a typo never hides a visit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DEFAULT_DAYS = (0, 1, 2, 3, 4)
DEFAULT_OPENS, DEFAULT_CLOSES = dt.time(8), dt.time(17)

_DAY_NAMES = ("mo", "tu", "we", "th", "fr", "sa", "su")
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_DAY_RANGE = re.compile(_DAY + r"\s*(?:-|–|—|to|through|thru)\s*" + _DAY, re.IGNORECASE)
_ONE_DAY = re.compile(r"\b" + _DAY, re.IGNORECASE)
_TIME = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
_TIME_RANGE = re.compile(_TIME + r"\s*(?:-|–|—|to|until|till)\s*" + _TIME, re.IGNORECASE)


@dataclass(frozen=True)
class BusinessHours:
    days: tuple[int, ...]  # 0 Monday .. 6 Sunday
    opens: dt.time
    closes: dt.time

    @property
    def minutes(self) -> int:
        """Working minutes in one open day."""
        return (self.closes.hour * 60 + self.closes.minute) - (self.opens.hour * 60 + self.opens.minute)

    def open_on(self, day: dt.date) -> bool:
        return day.weekday() in self.days


def clock_time(hour: str, minute: str | None, half: str | None) -> dt.time | None:
    """A time of day from its written parts ("9", "30", "pm"); None when there is no such time."""
    h, m = int(hour), int(minute or 0)
    half = (half or "").replace(".", "").lower()
    if half == "pm" and h < 12:
        h += 12
    elif half == "am" and h == 12:
        h = 0
    if h == 24 and m == 0:
        return dt.time(23, 59)
    if not (0 <= h < 24 and 0 <= m < 60):
        return None
    return dt.time(h, m)


def _day_index(word: str) -> int:
    return _DAY_NAMES.index(word[:2].lower())


def parse(text: str | None) -> BusinessHours:
    """Days and the earliest opening to the latest closing named in ``text`` (several parts allowed)."""
    text = text or ""
    days: set[int] = set()
    for first, last in _DAY_RANGE.findall(text):
        a, b = _day_index(first), _day_index(last)
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    for word in _ONE_DAY.findall(_DAY_RANGE.sub(" ", text)):
        days.add(_day_index(word))
    opens, closes = [], []
    for h1, m1, p1, h2, m2, p2 in _TIME_RANGE.findall(text):
        start = clock_time(h1, m1, p1 or (p2 if p2 and int(h1) <= int(h2) else None))
        end = clock_time(h2, m2, p2)
        if start and end and end > start:
            opens.append(start)
            closes.append(end)
    return BusinessHours(tuple(sorted(days)) or DEFAULT_DAYS, min(opens, default=DEFAULT_OPENS),
                         max(closes, default=DEFAULT_CLOSES))


def office_hours() -> BusinessHours:
    from servicedesk.core.services import office

    return parse(office.get().business_hours)
