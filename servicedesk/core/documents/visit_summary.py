"""The visit summary a customer receives after a completed visit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Spacer, TableStyle

from servicedesk.core import formatting
from servicedesk.core.documents import base
from servicedesk.core.documents.base import Addressee, Letterhead, Table, paragraph
from servicedesk.core.documents.fonts import markup


@dataclass(frozen=True)
class Product:
    name: str
    amount: str
    location: str


@dataclass(frozen=True)
class VisitSummary:
    head: Letterhead
    to: Addressee
    salutation: str
    service_type: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    technician: str
    site: str
    work_done: str
    findings: str
    products: tuple[Product, ...]
    recommendations: str
    next_visit: str  # "Tuesday 9 June, 8:00, with Sam Ortiz" or "" when none is booked
    intro: str
    call_us: str
    owner_name: str = ""
    signature_line: str = ""
    recorded: object = None  # trade_records.Recorded: readings and pesticide applications, when the trade keeps them
    stood_in: str = ""  # "Kevin Lee came in place of Sam Ortiz (sick). Sam Ortiz remains your technician."


def _section(title: str, text: str, st) -> list:
    if not text.strip():
        return []
    return [paragraph(markup(title), st["heading"])] + base.paragraphs(text, st["body"])


def _recorded(s: VisitSummary, width: float, st) -> list:
    """What the trade recorded: readings as a list, pesticide applications as a table with the
    product's registration number and the applicator's licence."""
    rec = s.recorded
    if rec is None:
        return []
    out = []
    if rec.readings:
        out += [paragraph(markup(rec.title), st["heading"]),
                base.key_values([(label, markup(value)) for label, value in rec.readings], width)]
    if rec.applications:
        loc = s.head.locale
        head = [paragraph(markup(t), st["cellhead"]) for t in
                ("Product and registration no.", "Target pest", "Amount", "Area treated", "Applied")]
        rows = [head]
        for a in rec.applications:
            rows.append([
                paragraph(f"{markup(a.product)}<br/><font size='8.5' color='#5b6775'>Reg. no. "
                          f"{markup(a.registration_number)}</font>", st["cell"]),
                paragraph(markup(a.target_pest), st["cell"]),
                paragraph(markup(f"{formatting.format_number(a.amount)} {a.unit}"), st["cell"]),
                paragraph(markup(a.area), st["cell"]),
                paragraph(markup(formatting.format_time(a.applied_at, loc)), st["cell"]),
            ])
        table = Table(rows, colWidths=[width * f for f in (0.3, 0.18, 0.14, 0.26, 0.12)], repeatRows=1)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.4, base.RULE)]))
        people = dict.fromkeys((a.applicator, a.licence_number) for a in rec.applications)
        applied_by = "; ".join(f"{name or 'the technician'}, applicator licence no. {licence}"
                               for name, licence in people)
        out += [paragraph(markup(rec.title if not rec.readings else "Pesticide applications"), st["heading"]), table,
                paragraph(markup(f"Applied by {applied_by}."), st["small"])]
    return out


def story(s: VisitSummary) -> list:
    st = base.styles()
    width = base.content_width(s.head.region)
    out = base.letterhead(s.head, width) + base.address_block(s.to, s.starts_at.date(), width, s.head)
    out.append(paragraph(markup(f"Visit summary: {s.service_type or 'service visit'}"), st["title"]))
    out += base.paragraphs(s.salutation + ",", st["body"])
    out += base.paragraphs(s.intro, st["body"])
    out.append(Spacer(1, 4))
    loc = s.head.locale
    when = (formatting.format_weekday(s.starts_at, year=True, locale=loc) + ", "
            + formatting.format_times(s.starts_at, s.ends_at, loc))
    rows = [("When", markup(when)), ("Technician", markup(s.technician or "—"))]
    if s.site.strip():
        rows.append(("Where", markup(s.site)))
    out.append(base.key_values(rows, width))
    if s.stood_in:
        out += [Spacer(1, 4)] + base.paragraphs(s.stood_in, st["body"])
    out += _section("Work done", s.work_done, st)
    out += _section("What we found", s.findings, st)
    if s.products:
        head = [paragraph(markup(t), st["cellhead"]) for t in ("Product", "Amount", "Where applied")]
        data = [head] + [[paragraph(markup(p.name), st["cell"]), paragraph(markup(p.amount), st["cell"]),
                          paragraph(markup(p.location), st["cell"])] for p in s.products]
        table = Table(data, colWidths=[width * 0.4, width * 0.2, width * 0.4], repeatRows=1)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.4, base.RULE)]))
        out += [paragraph(markup("Products applied"), st["heading"]), table]
    out += _recorded(s, width, st)
    out += _section("Our recommendations", s.recommendations, st)
    out += _section("Your next visit", s.next_visit or "No further visit is booked yet; call us when you "
                    "would like one.", st)
    out.append(base.Together(_section("Questions?", s.call_us, st)
                             + base.signature("Kind regards,", s.owner_name, s.signature_line, s.head.name)))
    return out


def render(s: VisitSummary, title: str) -> bytes:
    return base.render(lambda: story(s), s.head, title, subject=title,
                       header="  ·  ".join(x for x in (s.to.name, s.service_type, base.day(s.starts_at, locale=s.head.locale))
                                          if x))
