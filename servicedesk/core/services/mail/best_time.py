"""When a customer said they are best reached (“mornings”, “after 5 pm”, “weekdays 9-12”), as the next moment.

Understood: mornings, afternoons, evenings, weekdays, weekends, “after 5 pm”, “before 10 am”,
“not after 6 pm”, “9-12” or “9:30-11”. Anything else is not guessed at: the message goes at once.
"""

from __future__ import annotations

import datetime as dt
import re

PARTS = {"morning": (8, 12), "afternoon": (12, 17), "evening": (17, 20), "lunch": (12, 13)}
DAY_HOURS = (8, 20)  # a window given only as "after" or "before" ends or starts here
_HOUR = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"


def _hour(h: str, m: str | None, half: str | None, default_pm: bool = False) -> float:
    hour = int(h) % 24 + (int(m) / 60 if m else 0)
    half = (half or "").replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour >= 12:
        hour -= 12
    elif not half and default_pm and hour < 8:
        hour += 12  # "after 5": five in the afternoon
    return hour


def window(text: str) -> tuple[float, float, set[int]] | None:
    """(from hour, until hour, weekdays) the text names, or None when it names no time."""
    text = text.lower()
    days = set(range(7))
    named_days = False
    if "weekday" in text or "week day" in text:
        days, named_days = set(range(5)), True
    elif "weekend" in text:
        days, named_days = {5, 6}, True
    span = None
    found = re.search(_HOUR + r"\s*(?:-|–|to|until)\s*" + _HOUR, text)
    if found:
        g = found.groups()
        start = _hour(g[0], g[1], g[2] or g[5])
        end = _hour(g[3], g[4], g[5], default_pm=start >= 8 and int(g[3]) < 8)
        span = (start, end if end > start else end + 12)
    elif (found := re.search(r"(not after|before|until|by)\s+" + _HOUR, text)):
        span = (DAY_HOURS[0], _hour(*found.groups()[1:], default_pm=True))
    elif (found := re.search(r"(after|from)\s+" + _HOUR, text)):
        span = (_hour(*found.groups()[1:], default_pm=True), DAY_HOURS[1])
    else:
        for word, hours in PARTS.items():
            if word in text:
                span = hours
                break
    if span is None and not named_days:
        return None
    start, end = span or DAY_HOURS
    return (start, end, days) if end > start else None


def next_moment(text: str, after: dt.datetime) -> dt.datetime | None:
    """The first moment at or after ``after`` inside the customer's best time; None when they gave none."""
    found = window(text or "")
    if found is None:
        return None
    start, end, days = found
    for offset in range(8):
        day = after.date() + dt.timedelta(days=offset)
        if day.weekday() not in days:
            continue
        opens = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=start)
        closes = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=end)
        if after < closes:
            return max(after, opens).replace(second=0, microsecond=0)
    return None
