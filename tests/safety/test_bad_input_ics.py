"""Hostile text in a technician's .ics file: customer names, addresses, access notes, what matters.

The calendar is parsed back with icalendar and every text comes back as typed; in the raw file every
comma, semicolon and line break inside a value is escaped (RFC 5545), so no text can end a property
or start a new event.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar

from servicedesk.core import clock
from servicedesk.core.services import customers, ics, recurrence, technicians
from servicedesk.core.validation import clean_text
from tests.safety.hostile import HOSTILE_TEXT

INJECTION = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\nDESCRIPTION;X=1:y, z; w\\n"
SAMPLES = {**HOSTILE_TEXT, "ics injection": INJECTION, "breaks": "one\rtwo\u2028three\x0bfour\x0cfive"}
WEEK = (dt.date(2026, 3, 2), dt.date(2026, 3, 8))


@pytest.fixture
def calendar_bytes(db):
    clock.set_now(dt.datetime(2026, 3, 1, 9))
    tech = technicians.create("Sam Ortiz")
    for n, (label, text) in enumerate(SAMPLES.items()):
        saved = customers.save_profile(
            None, None, {"name": f"{label} {text}", "technician_id": tech},
            sites=[{"label": "Main", "street": f"{n} {text}", "city": text, "access_notes": text}])
        customers.add_what_matters(saved.id, "call_before", text)
        site = customers.get(saved.id).sites[0].id
        recurrence.create_plan(saved.id, service_type=f"{label} {text}", recurrence="weekly", weekday=n % 5,
                               starts_on=WEEK[0], technician_id=tech, site_id=site)
    recurrence.generate(WEEK[1])
    return ics.calendar(tech, *WEEK)


def _events(data: bytes) -> dict[str, object]:
    events = [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]
    return {str(e["summary"]).split(" ", 1)[0]: e for e in events}


def test_every_text_comes_back_as_typed(calendar_bytes):
    events = _events(calendar_bytes)
    assert sorted(events) == sorted(label.split(" ", 1)[0] for label in SAMPLES)
    for n, (label, text) in enumerate(SAMPLES.items()):
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # line breaks are written as \n, the RFC's one kind
        typed = clean_text(text).strip()
        name = clean_text(f"{label} {text}").strip()
        event = events[label.split(" ", 1)[0]]
        assert str(event["summary"]) == f"{name}: {name}", label
        assert str(event["location"]) == ", ".join(x for x in (f"{n} {typed}".strip(), typed) if x), label
        description = str(event["description"])
        assert description.startswith(f"Customer: {name}\n"), label
        assert f"Matters: call before — “{typed}”" in description, label
        assert description.endswith(f"Access: {typed}"), label


def test_text_is_escaped_in_the_file(calendar_bytes):
    raw = calendar_bytes.decode("utf-8")
    lines = re.sub(r"\r\n[ \t]", "", raw).split("\r\n")  # unfolded
    assert lines[-1] == "" and raw.endswith("\r\n")
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines[:-1]]
    assert names.count("BEGIN") == names.count("END") == len(SAMPLES) + 1
    assert set(names) <= {"BEGIN", "END", "PRODID", "VERSION", "X-WR-CALNAME", "UID", "DTSTAMP", "DTSTART",
                          "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS"}
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))  # folded as the RFC asks
    injected = next(line for line in lines if line.startswith("LOCATION:") and "injected" in line)
    assert "\\;" in injected and "\\," in injected and "\\n" in injected and "\r" not in injected
