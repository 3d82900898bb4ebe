"""What every part of a demo build shares: the seeded random source, the writer, the dates, the staff."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from servicedesk.core.demo.rows import Writer

HORIZON_DAYS = 84  # plans and visits reach twelve weeks ahead


@dataclass
class Context:
    rng: random.Random
    writer: Writer
    now: dt.datetime
    years: int = 1
    techs: dict[str, list[int]] = field(default_factory=dict)  # trade -> technician ids
    names: dict[int, str] = field(default_factory=dict)  # staff id -> name
    licences: dict[int, str] = field(default_factory=dict)  # pesticide applicator -> licence number
    off: dict[tuple[int, dt.date], str] = field(default_factory=dict)  # (technician, day) -> reason
    office_staff: int | None = None  # who answers the phone
    leads: dict[str, int] = field(default_factory=dict)  # trade -> project lead
    drafts_left: int = 2  # change notices still to queue
    plan_share: float = 1.0  # share of ordinary customers on a recurring plan
    plan_years: float | None = None  # plans began within this many years (None: when the customer joined)
    slots: set = field(default_factory=set)  # (technician, weekday, hour, week of the rhythm) taken
    large: bool = False  # a large office: fewer open items per customer, middle initials tell namesakes apart
    turns: int = 0  # for taking kinds in turn, so that every kind appears

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def history_start(self) -> dt.date:
        return self.today - dt.timedelta(days=365 * self.years)

    @property
    def horizon(self) -> dt.date:
        return self.today + dt.timedelta(days=HORIZON_DAYS)

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute))

    def in_turn(self, choices):
        self.turns += 1
        return choices[self.turns % len(choices)]

    def days_ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1..4, or -1 for the last) ``weekday`` of a month."""
    if nth == -1:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def occurrences(recurrence: str, interval: int, weekday: int, nth: int | None,
                start: dt.date, end: dt.date) -> list[dt.date]:
    """The plan's dates in [start, end]."""
    out = []
    if recurrence == "monthly_weekday":
        year, month = start.year, start.month
        while True:
            day = nth_weekday(year, month, weekday, nth or 1)
            if day > end:
                return out
            if day >= start:
                out.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    day = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    step = dt.timedelta(days=7 * (interval if recurrence == "every_n_weeks" else 1))
    while day <= end:
        out.append(day)
        day += step
    return out
