"""The office's clock. Tests fix it with ``clock.set_now(...)``; everything else asks ``now()``/``today()``."""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # 0 is Monday, as date.weekday()
_fixed: dt.datetime | None = None


def now() -> dt.datetime:
    return _fixed if _fixed is not None else dt.datetime.now().replace(microsecond=0)


def today() -> dt.date:
    return now().date()


def set_now(moment: dt.datetime | None) -> None:
    """Fix the clock at ``moment`` (None returns to the real time)."""
    global _fixed
    _fixed = moment
