"""Hostile and odd text, and every place it can be typed: shared by the bad-input suite.

To cover a new path (a CSV export, a PDF summary, an import), add a ``Sink`` to ``SINKS``:
``put(text)`` stores or renders the text the way a person would and returns a handle (or
raises ValidationError), ``shown(handle)`` returns what the person sees afterwards (read a
PDF back with pypdf, a CSV with the csv module), and ``expected(text)`` says what that must be.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from servicedesk.core.validation import clean_text

HOSTILE_TEXT = {
    "markup": "<b>bold</b> <i>it</i> &amp; <font size=99>x</font>",
    "img": '<img src="/etc/passwd"> <a href="javascript:alert(1)">click</a>',
    "quotes": "O'Brien said \"it's fine\" `ok` ‘curly’ “double”",
    "sql": "'; DROP TABLE customer;-- ",
    "sql2": "Robert'); DELETE FROM visit WHERE 1=1; --",
    "long": ("Ten thousand characters of notes. " * 300)[:10_000],
    "emoji": "Pool 🏊‍♀️ ok 👍🏽 🇳🇿 done",
    "rtl": "שלום עולם مرحبا بالعالم \u202eevil\u202c",
    "nul": "before\x00after\x00",
    "fts_quote": '"',
    "fts_syntax": '"unbalanced * NEAR( AND OR NOT body : phones:',
    "fts_star": "* ** ***",
    "braces": "{name} {0} {name.__class__} {{ }} {",
    "control": "tab\there\nnew line\r\nbell\x07",
    "percent": "100% _under_ \\back\\slash %s %d",
    "unicode": "Zoë Ångström ß İstanbul ﬁne",
    "cjk": "王小明 東京都渋谷区 お客様へ 서울특별시 張偉",
    "font": '<font name=x face="Courier">x</font> <img src="/etc/passwd"/> <para><br/></para> &lt;&#x41;',
}

# What a spreadsheet would run as a formula if a cell started with it.
FORMULAS = {
    "cmd": "=cmd|' /C calc'!A0",
    "plus": "+1+1",
    "minus": "-2",
    "at": "@SUM(A1)",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "hyperlink": '=HYPERLINK("http://evil.example","click")',
    "quoted": "'=1+1",  # a quote the person typed, not the export's guard
    "quoted2": "''@x",
}

# Texts a field may refuse, but must refuse with a message rather than a crash.
BAD_DATES = ["2023-02-30", "2023-13-01", "31/12/2023", "yesterday", "0000-00-00", "'; DROP TABLE visit;--"]


@dataclass(frozen=True)
class Sink:
    name: str
    put: Callable[[str], object]
    shown: Callable[[object], str]
    expected: Callable[[str], str] = clean_text


def _customer_field(field: str, **extra):
    def put(text):
        from servicedesk.core.services import customers

        return customers.create(**{"name": "Field Test", **extra, field: text}).id

    def shown(cid):
        from servicedesk.core.services import customers

        return getattr(customers.get(cid), field)

    return put, shown


def _stripped(text: str) -> str:
    return clean_text(text).strip()


CUSTOMER_TEXT_FIELDS = ("company", "salutation", "trade", "best_time", "street", "city", "postcode",
                        "notes", "fit_note")


def _sinks() -> list[Sink]:
    sinks = [Sink(f"customer.{f}", *_customer_field(f)) for f in CUSTOMER_TEXT_FIELDS]
    sinks.append(Sink("customer.name", *_customer_field("name"), expected=_stripped))
    sinks.append(Sink("customer.phone", *_customer_field("phone"), expected=_stripped))
    sinks.append(Sink("customer.email", *_customer_field("email"), expected=_stripped))
    sinks.append(Sink("customer.cancel_reason", *_customer_field("cancel_reason", status="cancelled")))

    def list_row(text):
        from servicedesk.core.services import customers

        return customers.create(name="List Row", company=text).id

    def list_shown(cid):
        from servicedesk.core.services import customers

        return customers.rows([cid])[0].company

    sinks.append(Sink("customer list row", list_row, list_shown))

    def staff(text):
        from servicedesk.core.services import technicians

        return technicians.create(name=text, skills=text)

    def staff_shown(sid):
        from servicedesk.core.services import technicians

        return technicians.get(sid).name

    sinks.append(Sink("technician.name", staff, staff_shown, expected=_stripped))

    def template(text):
        from servicedesk.core.services import templates

        templates.save("hostile", text, text, text)
        return "hostile"

    def template_shown(key):
        from servicedesk.core.services import templates

        return templates.get(key).body

    sinks.append(Sink("template.body", template, template_shown))

    def time_off_note(text):
        from servicedesk.core.services import technicians

        sid = technicians.create(name="Off Sick")
        start = dt.datetime(2026, 3, 1, 8)
        technicians.add_time_off(sid, start, start + dt.timedelta(days=1), "sick", text)
        return sid

    def time_off_shown(sid):
        from servicedesk.core.services import technicians

        return technicians.time_off(sid, dt.datetime(2026, 1, 1), dt.datetime(2027, 1, 1))[0].note

    sinks.append(Sink("time_off.note", time_off_note, time_off_shown))
    sinks += _project_sinks() + _visit_sinks() + _office_sinks()

    def concern(text):
        from servicedesk.core.services import concerns

        cid = customers_create("Concerned")
        kid = concerns.raise_concern(cid, text)
        concerns.resolve(kid, text)
        return kid

    def concern_shown(kid):
        from servicedesk.core.services import concerns

        info = concerns.get(kid)
        assert info.resolution == info.words
        return info.words

    sinks.append(Sink("concern.words and resolution", concern, concern_shown, expected=_stripped))
    return sinks


def customers_create(name: str) -> int:
    from servicedesk.core.services import customers

    return customers.create(name=name).id


def _project_sinks() -> list[Sink]:
    """Project and milestone text, as the letter reads it."""

    def project(text):
        from servicedesk.core.services import projects

        return projects.create(customers_create("Builder"), text)

    def project_shown(pid):
        from servicedesk.core.services import projects

        return projects.get(pid).name

    def milestone(field):
        def put(text):
            from servicedesk.core.services import projects

            pid = projects.create(customers_create("Builder"), "Pool")
            values = {"name": "Tiling", field: text} if field != "name" else {"name": text}
            return projects.add_milestone(pid, **values)

        def shown(mid):
            from servicedesk.core.services import projects

            return getattr(projects.get_milestone(mid), field)

        return put, shown

    return [Sink("project.name", project, project_shown, expected=_stripped)] + [
        Sink(f"milestone.{f}", *milestone(f), expected=_stripped) for f in ("name", "delay_reason", "decision_needed")]


def _visit_sinks() -> list[Sink]:
    """What a technician records at a visit, and the reason a visit moved, as the visit summary reads them."""

    def completed(text):
        from servicedesk.core import clock
        from servicedesk.core.services import scheduling

        clock.set_now(dt.datetime(2026, 3, 2, 8))
        vid = scheduling.book(customers_create("Visited"), dt.datetime(2026, 3, 2, 9), 60)
        clock.set_now(dt.datetime(2026, 3, 2, 12))
        scheduling.complete(vid, text, findings=text, recommendations=text, products=[(text, text, text)])
        return vid

    def completed_shown(vid):
        from servicedesk.core.services import visits

        d = visits.detail(vid)
        assert d.findings == d.recommendations == d.work_done and d.products == ((d.work_done,) * 3,)
        return d.work_done

    def moved(text):
        from servicedesk.core import clock
        from servicedesk.core.services import scheduling

        clock.set_now(dt.datetime(2026, 3, 2, 8))
        vid = scheduling.book(customers_create("Moved"), dt.datetime(2026, 3, 9, 9), 60)
        scheduling.reschedule(vid, dt.datetime(2026, 3, 10, 9), text)
        return vid

    def moved_shown(vid):
        from servicedesk.core.services import visits

        change = visits.detail(vid).changes[-1]
        return change[change.index(" (") + 2:-1]

    return [Sink("visit work, findings, recommendations, products", completed, completed_shown, expected=_stripped),
            Sink("visit change reason", moved, moved_shown, expected=_stripped)]


def _office_sinks() -> list[Sink]:
    """The office's own text, which heads every letter."""

    def put(field):
        def store(text):
            from servicedesk.core.services import office

            office.update(**{field: text})
            return field

        return store

    def shown(field):
        from servicedesk.core.services import office

        return getattr(office.get(), field)

    return [Sink(f"office.{f}", put(f), shown, expected=_stripped)
            for f in ("name", "address", "owner_name", "signature_line")]


SINKS = _sinks()
