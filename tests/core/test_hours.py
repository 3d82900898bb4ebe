"""Business hours as offices type them in Preferences."""

import datetime as dt

import pytest

from servicedesk.core.services import hours, office


@pytest.mark.parametrize("text, days, opens, closes", [
    ("Mon-Fri 8:00-17:00", (0, 1, 2, 3, 4), dt.time(8), dt.time(17)),
    ("Mon–Sat 7-19", (0, 1, 2, 3, 4, 5), dt.time(7), dt.time(19)),
    ("Monday to Friday 8am to 5:30pm", (0, 1, 2, 3, 4), dt.time(8), dt.time(17, 30)),
    ("Mon-Fri 8:00-17:00, Sat 9:00-13:00", (0, 1, 2, 3, 4, 5), dt.time(8), dt.time(17)),
    ("Tue, Thu 6.30-21.00", (1, 3), dt.time(6, 30), dt.time(21)),
    ("Fri-Mon 10-16", (0, 4, 5, 6), dt.time(10), dt.time(16)),
    ("9am-5pm", (0, 1, 2, 3, 4), dt.time(9), dt.time(17)),
    ("whenever", (0, 1, 2, 3, 4), dt.time(8), dt.time(17)),
    ("", (0, 1, 2, 3, 4), dt.time(8), dt.time(17)),
])
def test_business_hours_are_read_from_the_words(text, days, opens, closes):
    parsed = hours.parse(text)
    assert (parsed.days, parsed.opens, parsed.closes) == (days, opens, closes)


def test_the_office_hours_come_from_preferences(db):
    office.update(business_hours="Mon-Sat 6:00-20:00")
    found = hours.office_hours()
    assert (found.opens, found.closes, found.minutes) == (dt.time(6), dt.time(20), 14 * 60)
    assert found.open_on(dt.date(2026, 1, 10)) and not found.open_on(dt.date(2026, 1, 11))
