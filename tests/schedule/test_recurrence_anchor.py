"""Starting rrule near the wanted dates (for speed) must give exactly the dates a walk from the plan's start gives."""

import datetime as dt
import random
from types import SimpleNamespace

import pytest

from servicedesk.core.services import recurrence


def _plans(count=400, seed=3):
    rng = random.Random(seed)
    for _ in range(count):
        kind = rng.choice(("weekly", "every_n_weeks", "monthly_weekday", "monthly_date"))
        yield SimpleNamespace(
            recurrence=kind,
            interval=1 if kind == "weekly" else rng.randint(1, 5),
            weekday=rng.randint(0, 6),
            week_of_month=rng.choice((1, 2, 3, 4, -1)),
            day_of_month=rng.randint(1, 31),
            starts_on=dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2900)),
            ends_on=None,
        )


@pytest.mark.parametrize("window_start", [dt.date(2026, 11, 23), dt.date(2027, 2, 28), dt.date(2024, 2, 29)])
def test_anchored_dates_equal_the_full_walk(monkeypatch, window_start):
    end = window_start + dt.timedelta(weeks=12)
    plans = list(_plans())
    anchored = [recurrence.occurrences(p, window_start, end) for p in plans]
    monkeypatch.setattr(recurrence, "_anchor", lambda plan, first: plan.starts_on)
    walked = [recurrence.occurrences(p, window_start, end) for p in plans]
    assert anchored == walked
    assert sum(map(len, anchored)) > 500  # the sample really produces dates


def test_plans_with_the_same_pattern_key_have_the_same_dates():
    first, last = dt.date(2026, 11, 23), dt.date(2027, 2, 21)
    groups: dict[tuple, list] = {}
    for plan in _plans(count=1500, seed=11):
        plan.starts_on = min(plan.starts_on, first)  # plans under way, as generation sees them
        groups.setdefault(recurrence.pattern_key(plan, first, last), []).append(
            recurrence.occurrences(plan, first, last))
    shared = [dates for dates in groups.values() if len(dates) > 1]
    assert len(shared) > 20  # the sample really shares keys
    for dates in shared:
        assert all(d == dates[0] for d in dates)
