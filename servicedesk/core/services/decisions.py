"""What a decision asked of the customer says about time: the day it is asked for, and the lead
time the letter itself states (“by Friday; it takes ten days to arrive”).

Read from the office's own words, in English: weekdays (“by Friday” is the next Friday after the
letter), “tomorrow”, month-and-day in either order (“by November 27”, “by 27 November”), ISO dates,
and lead times in days or weeks, in figures or words (“ten days”, “2 weeks”).
"""

from __future__ import annotations

import datetime as dt
import re

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
            "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
            "thirty": 30}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?" \
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_COUNT = r"(\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
_LEAD = re.compile(_COUNT + r"[\s-]+(?:working\s+|business\s+|calendar\s+)?(day|week)s?\b", re.I)
_BY = r"\b(?:by|before|no later than|until)\s+(?:this\s+|next\s+|the\s+)?"
_ON_WEEKDAY = r"(?:(?:" + "|".join(_WEEKDAYS) + r"),?\s+(?:the\s+)?)?"  # “by Friday, December 4”
_BY_WEEKDAY = re.compile(_BY + r"(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_BY_TOMORROW = re.compile(_BY + r"tomorrow\b", re.I)
_BY_MONTH_DAY = re.compile(_BY + _ON_WEEKDAY + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.I)
_BY_DAY_MONTH = re.compile(_BY + _ON_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH, re.I)
_BY_ISO = re.compile(_BY + r"(\d{4}-\d{2}-\d{2})\b", re.I)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def lead_days(text: str) -> int | None:
    """The longest lead time ``text`` states, in days (“takes ten days” → 10, “2 weeks” → 14)."""
    found = [_count(m.group(1)) * (7 if m.group(2).lower() == "week" else 1) for m in _LEAD.finditer(text or "")]
    return max(found) if found else None


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    return next(i for i, name in enumerate(_MONTHS, start=1) if name.startswith(word[:3]))


def _on_or_after(month: int, day: int, after: dt.date) -> dt.date | None:
    for year in (after.year, after.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate >= after - dt.timedelta(days=31):  # a date just past still belongs to this year
            return candidate
    return None


def deadline(text: str, asked_on: dt.date) -> dt.date | None:
    """The day ``text`` asks the decision by, read from a letter written on ``asked_on``."""
    text = text or ""
    m = _BY_ISO.search(text)
    if m:
        try:
            return dt.date.fromisoformat(m.group(1))
        except ValueError:
            return None
    m = _BY_MONTH_DAY.search(text)
    if m:
        return _on_or_after(_month(m.group(1)), int(m.group(2)), asked_on)
    m = _BY_DAY_MONTH.search(text)
    if m:
        return _on_or_after(_month(m.group(2)), int(m.group(1)), asked_on)
    m = _BY_WEEKDAY.search(text)
    if m:
        ahead = (_WEEKDAYS.index(m.group(1).lower()) - asked_on.weekday()) % 7 or 7
        return asked_on + dt.timedelta(days=ahead)
    if _BY_TOMORROW.search(text):
        return asked_on + dt.timedelta(days=1)
    return None
