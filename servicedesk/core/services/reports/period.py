"""The month a report covers, and the twelve before it that its trends show."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from servicedesk.core import clock
from servicedesk.core.errors import ValidationError

TREND_MONTHS = 12  # months before the report's month on every trend


@dataclass(frozen=True, order=True)
class Month:
    year: int
    number: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.number, 1)

    @property
    def end(self) -> dt.date:
        """The month's last day."""
        return self.next().start - dt.timedelta(days=1)

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time())

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the month (an exclusive bound)."""
        return dt.datetime.combine(self.next().start, dt.time())

    def next(self) -> "Month":
        return Month(self.year + 1, 1) if self.number == 12 else Month(self.year, self.number + 1)

    def previous(self) -> "Month":
        return Month(self.year - 1, 12) if self.number == 1 else Month(self.year, self.number - 1)

    def trend(self) -> list["Month"]:
        """The twelve months before this one, then this one: oldest first."""
        months = [self]
        for _ in range(TREND_MONTHS):
            months.insert(0, months[0].previous())
        return months

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.number:02d}"

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)


def as_date(value) -> dt.date | None:
    """A day read from the database (a date, a datetime or their text) as a date."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def last_full_month() -> Month:
    return Month.of(clock.today()).previous()


def parse(text: str) -> Month:
    """``2026-11`` as a month; a clear message for anything else or a month not begun yet."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(text or ""))
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        raise ValidationError({"month": f"“{text}” is not a month (use YYYY-MM, for example 2026-11)."})
    month = Month(int(match.group(1)), int(match.group(2)))
    if month.start > clock.today():
        raise ValidationError({"month": f"{month.key} has not begun yet; choose this month or an earlier one."})
    return month
