"""Documents built with the same text in every field a person can type, read back as a person sees them.

Each builder takes ``put(field) -> text`` and returns the generated document's path. The fields are
named so a test can put the hostile text in one field and plain words in the others.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from pypdf import PdfReader

from servicedesk.core import clock
from servicedesk.core.documents import base
from servicedesk.core.services import customers, documents, office, projects, scheduling, technicians
from servicedesk.core.store.models import Site
from servicedesk.core.validation import clean_text

LETTER_FIELDS = ("office.name", "office.address", "office.owner_name", "office.signature_line", "lead.name",
                 "customer.name", "customer.company", "customer.street", "customer.city", "customer.salutation",
                 "project.name", "milestone.done", "milestone.next", "milestone.late", "milestone.delay_reason",
                 "milestone.decision_name", "milestone.decision_needed")
SUMMARY_FIELDS = ("office.name", "office.address", "office.owner_name", "office.signature_line", "technician.name", "customer.name", "customer.company",
                  "customer.street", "visit.work_done", "visit.findings", "product.name", "product.amount",
                  "product.location", "visit.recommendations")
NOTICE_FIELDS = ("office.name", "office.address", "office.owner_name", "technician.old", "technician.new", "customer.name",
                 "customer.company", "customer.street", "customer.salutation", "change.reason")


def _office(put) -> None:
    office.update(name=put("office.name"), address=put("office.address"), phone="(555) 010-2200",
                  owner_name=put("office.owner_name"), signature_line=put("office.signature_line"),
                  configured=True)


def _customer(put) -> int:
    return customers.create(name=put("customer.name"), company=put("customer.company"),
                            street=put("customer.street"), city=put("customer.city"), postcode="62704",
                            salutation=put("customer.salutation")).id


def timeline_letter(put):
    clock.set_now(dt.datetime(2026, 10, 1, 9))
    _office(put)
    lead = technicians.create(put("lead.name"), role="project_lead", phone="(555) 010-2211")
    cid = _customer(put)
    pid = projects.create(cid, put("project.name"), lead_id=lead, starts_on="2026-10-05", target_on="2026-12-18")
    projects.add_milestone(pid, put("milestone.done"), planned_start="2026-11-09", planned_end="2026-11-18",
                           actual_start="2026-11-10", actual_end="2026-11-17", status="done")
    projects.add_milestone(pid, put("milestone.next"), planned_start="2026-11-30", planned_end="2026-12-03")
    projects.add_milestone(pid, put("milestone.late"), planned_start="2026-11-12", planned_end="2026-11-16",
                           status="delayed", revised_end="2026-12-10", delay_reason=put("milestone.delay_reason"))
    projects.add_milestone(pid, put("milestone.decision_name"), planned_start="2026-12-07",
                           planned_end="2026-12-11", decision_needed=put("milestone.decision_needed"))
    clock.set_now(dt.datetime(2026, 11, 20, 9, 30))
    return documents.generate_timeline_letter(pid, override_clarity=True).path


def visit_summary(put):
    clock.set_now(dt.datetime(2026, 11, 12, 15))
    _office(put)
    tech = technicians.create(put("technician.name"))
    cid = customers.create(name=put("customer.name"), company=put("customer.company"),
                           street=put("customer.street"), technician_id=tech).id
    clock.set_now(dt.datetime(2026, 11, 10, 8))
    visit = scheduling.book(cid, dt.datetime(2026, 11, 12, 9), 75, service_type="Quarterly pest treatment")
    clock.set_now(dt.datetime(2026, 11, 12, 15))
    scheduling.complete(visit, put("visit.work_done"), findings=put("visit.findings"),
                        products=[(put("product.name"), put("product.amount"), put("product.location"))],
                        recommendations=put("visit.recommendations"))
    return documents.generate_visit_summary(visit).path


def change_notice(put):
    clock.set_now(dt.datetime(2026, 11, 2, 9))
    _office(put)
    old = technicians.create(put("technician.old"))
    new = technicians.create(put("technician.new"))
    cid = customers.create(name=put("customer.name"), company=put("customer.company"),
                           street=put("customer.street"), salutation=put("customer.salutation"),
                           technician_id=old).id
    visit = scheduling.book(cid, dt.datetime(2026, 11, 12, 9), 60)
    scheduling.assign(visit, new, put("change.reason"), starts_at=dt.datetime(2026, 11, 13, 14))
    return documents.generate_change_notice(visit).path


BUILDERS = {"timeline letter": (timeline_letter, LETTER_FIELDS),
            "visit summary": (visit_summary, SUMMARY_FIELDS),
            "change notice": (change_notice, NOTICE_FIELDS)}


def site_count() -> int:
    return Site.select().count()


# ------------------------------------------------------------------ reading back

def pages(path) -> list[str]:
    """The text of each page."""
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


_LATER_PAGE_HEADER = re.compile(r"page \d+ of \d+")


def body(path, office_name: str) -> str:
    """The comparable text of every page with the page footer (office name and phone) and the header
    of a later page taken out, so a paragraph that runs onto the next page reads on as one."""
    footer = comparable(f"{base._one_line(office_name)} · (555) 010-2200")
    out = []
    for page in pages(path):
        header = _LATER_PAGE_HEADER.search(page[:600])  # whose letter, about what, "page N of M"
        if header:
            page = page[header.end():]
        text = comparable(page)
        if text.startswith(footer):  # the footer is drawn as each page begins
            text = text[len(footer):]
        out.append(text)
    return "".join(out)


def comparable(text: str) -> str:
    """Text as it can be compared after layout: NULs gone, no whitespace, glyphs a font lacks dropped.

    Wrapping moves line breaks and spaces, so all whitespace is removed; Arabic's joined letter forms
    are the letters typed; characters the embedded
    fonts cannot draw (emoji, joiners, bidi controls, a bell) come back as nothing or a box, so
    only letters, marks, digits, punctuation and symbols the fonts hold are compared.
    """
    text = unicodedata.normalize("NFC", clean_text(text))
    text = "".join(unicodedata.normalize("NFKC", ch) if _ARABIC_FORMS.match(ch) else ch for ch in text)
    return "".join(ch for ch in text if _kept(ch))


# Arabic is printed shaped: each letter in its joined (initial, medial, final) form; read back, a
# joined form is the letter that was typed.
_ARABIC_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]")


def _kept(ch: str) -> bool:
    if ch.isspace() or _EMOJI.match(ch):
        return False
    return unicodedata.category(ch)[0] in "LMNPS"
