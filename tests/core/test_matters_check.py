"""The times and days a customer's own words allow, and the visits that would go against them."""

import datetime as dt

import pytest

from servicedesk.core.services import matters_check

T = dt.time


@pytest.mark.parametrize("words, earliest, latest, days", [
    ("Mornings only. After noon I'm at my mother's.", None, T(12), None),
    ("Not before 9, the baby naps until then.", T(9), None, None),
    ("After 6 pm only, the office is full of patients before that.", T(18), None, None),
    ("Please don't use the leaf blower before 9, the neighbours complain.", T(9), None, None),
    ("My husband works nights and sleeps until 2: no doorbell please.", T(14), None, None),
    ("Tuesdays only, between 10 and 3.", T(10), T(15), {1}),
    ("Anytime, but not on Fridays.", None, None, {0, 1, 2, 3, 5, 6}),
    ("No weekends, and please be gone by 4 pm.", None, T(16), {0, 1, 2, 3, 4}),
    ("Leave the invoice in the mailbox, not the door.", None, None, None),
])
def test_the_window_a_customers_words_name(words, earliest, latest, days):
    window = matters_check.read(words)
    assert (window.earliest, window.latest) == (earliest, latest)
    assert window.days == (frozenset(days) if days is not None else None)


def test_a_window_refuses_visits_outside_it():
    window = matters_check.read("Not before 9, the baby naps until then.")
    tuesday = dt.datetime(2026, 1, 13)
    assert window.refuses(tuesday.replace(hour=8), tuesday.replace(hour=9))
    assert not window.refuses(tuesday.replace(hour=9), tuesday.replace(hour=10))
    mornings = matters_check.read("Mornings only.")
    assert mornings.refuses(tuesday.replace(hour=11, minute=30), tuesday.replace(hour=12, minute=30))
