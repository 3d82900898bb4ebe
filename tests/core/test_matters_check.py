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


TUE, WED, SAT = dt.datetime(2026, 12, 8), dt.datetime(2026, 12, 9), dt.datetime(2026, 12, 12)


@pytest.mark.parametrize("words", [
    "Tuesdays only - not before 9",
    "Tuesdays only (not before 9)",
    "Only on Tuesdays and never before 9",
    "Tuesdays only, not before 9, never Saturdays",
    "Tuesdays only; not before 9.",
    "Tuesdays only — not before 9",
    "Tuesdays only–not before 9",
    "Tuesdays only but not before 9",
    "Tuesdays only and not before 9 please",
    "Only Tuesdays. Never before 9, the shop opens at 9.",
    "No Saturdays - Tuesdays only, not before 9",
])
def test_only_one_day_and_not_before_a_time_is_read_as_that_day_from_that_time(words):
    window = matters_check.read(words)
    assert window.days == frozenset({1}) and window.earliest == T(9), words
    assert not window.refuses(TUE.replace(hour=9, minute=15), TUE.replace(hour=10))
    assert window.refuses(TUE.replace(hour=8, minute=30), TUE.replace(hour=9, minute=15))
    assert window.refuses(WED.replace(hour=9, minute=15), WED.replace(hour=10))


@pytest.mark.parametrize("words, days", [
    ("Never on Tuesdays", {0, 2, 3, 4, 5, 6}),
    ("not Mondays", {1, 2, 3, 4, 5, 6}),
    ("Please don't come on Mondays or Fridays.", {1, 2, 3, 5, 6}),
    ("Any day but Friday", {0, 1, 2, 3, 5, 6}),
    ("Every day except Mondays and Fridays", {1, 2, 3, 5, 6}),
    ("Tuesdays are fine, never Saturdays", {0, 1, 2, 3, 4, 6}),
    ("Tuesday, not Monday", {1, 2, 3, 4, 5, 6}),
    ("Mondays and Tuesdays only", {0, 1}),
    ("Weekdays only, never Fridays", {0, 1, 2, 3}),
    ("Not on Tuesdays; only Wednesdays", {2}),
])
def test_the_days_a_negation_governs_are_refused_and_no_others(words, days):
    assert matters_check.read(words).days == frozenset(days), words


@pytest.mark.parametrize("words, earliest, latest", [
    ("Not before 9 on Tuesdays", T(9), None),
    ("Between 10 and 3 only", T(10), T(15)),
    ("After 9.30 only", T(9, 30), None),
    ("Mornings only and never before 8", T(8), T(12)),
])
def test_times_are_read_wherever_the_clause_ends(words, earliest, latest):
    window = matters_check.read(words)
    assert (window.earliest, window.latest) == (earliest, latest), words


def test_a_visit_on_the_day_she_named_is_not_flagged_and_another_day_is(db):
    from servicedesk.core import clock
    from servicedesk.core.services import customers, scheduling

    clock.set_now(dt.datetime(2026, 11, 30, 8))
    dorothy = customers.create(name="Dorothy Finch", street="12 Market Street", city="Riverton").id
    customers.add_what_matters(dorothy, "time_window", "Tuesdays only - not before 9")
    visit = scheduling.book(dorothy, TUE.replace(hour=9, minute=15), 45)
    assert matters_check.warnings(visit, TUE.replace(hour=9, minute=15)) == ()
    wednesday = matters_check.warnings(visit, WED.replace(hour=9, minute=15))
    assert len(wednesday) == 1 and "Tuesdays only - not before 9" in wednesday[0]
    assert matters_check.warnings(visit, SAT.replace(hour=10))
