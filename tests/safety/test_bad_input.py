"""Hostile and odd input: each value gets a clear message or is stored and shown exactly as typed.

The one deliberate change is that NUL bytes are removed (``validation.clean_text``): SQLite
text and PDF strings end at them, so "before\\x00after" is stored as "beforeafter".
Names, phone numbers and emails, and the text of projects, milestones, visits, the office and
concerns, are also trimmed of surrounding spaces. Every path to a PDF, a CSV file, an .ics file and
the search box has its own file beside this one: test_bad_input_documents, _csv, _ics, _search,
and _dates for impossible dates and durations.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, technicians, templates
from tests.safety.hostile import BAD_DATES, HOSTILE_TEXT, SINKS


def _sound(db):
    path = db.database
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and \
            con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def _is_clear(exc: ValidationError) -> bool:
    text = str(exc)
    return bool(text.strip()) and "Traceback" not in text and all(exc.problems.values())


@pytest.mark.parametrize("sink", SINKS, ids=lambda s: s.name)
def test_hostile_text_is_stored_exactly_or_refused_clearly(db, sink):
    refused = []
    for label, text in HOSTILE_TEXT.items():
        try:
            handle = sink.put(text)
        except ValidationError as exc:
            assert _is_clear(exc), (label, str(exc))
            refused.append(label)
            continue
        assert sink.shown(handle) == sink.expected(text), label
    assert _sound(db)
    if sink.name != "customer.email":  # an email field may refuse anything that is not an address
        assert refused == []


@pytest.mark.parametrize("label", HOSTILE_TEXT)
def test_hostile_names_are_found_by_the_search_box_and_searching_never_fails(db, label):
    text = HOSTILE_TEXT[label]
    other = customers.create(name="Plain Person").id
    cid = customers.create(name=text, notes=text).id
    found = customers.search_ids(text)
    assert cid in found
    if text.strip('"* ') and label not in ("fts_quote",):
        assert other not in found
    for sort in customers.SORT_COLUMNS:
        assert set(customers.search_ids(text, sort=sort, descending=True)) == set(found)
    assert _sound(db)


@pytest.mark.parametrize("typed", ['"', '""', "*", "NEAR(", "NEAR(a b", "AND OR", "a OR b", "-", "^", ":",
                                   "body:", "phones : x", "(((", ")", "%", "_", "\\", "\x00", "   ", "🏊",
                                   "'; DROP TABLE customer;--", "x" * 10_000])
def test_the_search_box_takes_any_text(db, typed):
    customers.create(name="Dorothy Gale")
    assert all(isinstance(i, int) for i in customers.search_ids(typed))
    assert customers.count() == 1 and _sound(db)


@pytest.mark.parametrize("typed", BAD_DATES)
def test_impossible_dates_get_a_message_and_change_nothing(db, typed):
    with pytest.raises(ValidationError) as info:
        customers.create(name="Date Test", customer_since=typed)
    assert set(info.value.problems) == {"customer_since"}
    assert "is not a date" in str(info.value)
    assert customers.count() == 0


@pytest.mark.parametrize("value", [0, -5, "-1", "abc", "'; DROP TABLE customer;--", "1.5"])
def test_impossible_contact_rhythms_get_a_message(db, value):
    with pytest.raises(ValidationError) as info:
        customers.create(name="Rhythm Test", contact_rhythm_days=value)
    assert set(info.value.problems) == {"contact_rhythm_days"}
    assert customers.count() == 0


@pytest.mark.parametrize("field, value", [("status", "<b>active</b>"), ("status", "'; DROP TABLE customer;--"),
                                          ("preferred_channel", "pigeon"), ("name", "\x00\x00"), ("name", "   ")])
def test_choices_and_required_fields_refuse_odd_text_clearly(db, field, value):
    with pytest.raises(ValidationError) as info:
        customers.create(**{"name": "Choice Test", field: value})
    assert field in info.value.problems and info.value.problems[field]
    assert customers.count() == 0


@pytest.mark.parametrize("hours", [-8, -0.01, 0])
def test_time_off_that_ends_before_it_starts_is_refused(db, hours):
    sid = technicians.create(name="Backwards")
    start = dt.datetime(2026, 5, 4, 8)
    with pytest.raises(ValidationError, match="must end after it starts"):
        technicians.add_time_off(sid, start, start + dt.timedelta(hours=hours))
    assert technicians.time_off(sid, dt.datetime(2026, 1, 1), dt.datetime(2027, 1, 1)) == []


def test_an_edit_with_bad_input_changes_nothing(db):
    cid = customers.create(name="Keep Me", notes="kept", email="keep@example.com").id
    version = customers.get(cid).version
    with pytest.raises(ValidationError) as info:
        customers.update(cid, version, notes="changed", email="not an email", customer_since="2023-02-30")
    assert set(info.value.problems) == {"email", "customer_since"}
    profile = customers.get(cid)
    assert (profile.notes, profile.email, profile.version) == ("kept", "keep@example.com", version)


@pytest.mark.parametrize("body", ["{0}", "{", "}", "{name.__class__}", "{name[99]}", "{name:>99999999999999}",
                                  "{name!z}", HOSTILE_TEXT["braces"]])
def test_templates_with_odd_markers_render_without_failing(db, body):
    templates.save("odd", "Odd", "Hello {name}", body)
    subject, text = templates.render("odd", {"name": "<b>Dorothy</b>"})
    assert subject == "Hello <b>Dorothy</b>"
    assert isinstance(text, str)
