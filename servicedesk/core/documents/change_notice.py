"""A notice that a visit's date or technician changed, printed from the office's editable template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core.documents import base
from servicedesk.core.documents.base import Addressee, Letterhead, paragraph
from servicedesk.core.documents.fonts import markup


@dataclass(frozen=True)
class ChangeNotice:
    head: Letterhead
    to: Addressee
    letter_date: dt.date
    subject: str
    body: str  # the filled template, salutation and sign-off included


def story(n: ChangeNotice) -> list:
    st = base.styles()
    width = base.content_width(n.head.region)
    out = base.letterhead(n.head, width) + base.address_block(n.to, n.letter_date, width, n.head)
    out.append(paragraph(markup(n.subject), st["title"]))
    out += base.paragraphs(n.body, st["body"])
    return out


def render(n: ChangeNotice, title: str) -> bytes:
    return base.render(lambda: story(n), n.head, title, subject=n.subject,
                       header="  ·  ".join(x for x in (n.to.name, n.subject, base.day(n.letter_date, locale=n.head.locale))
                                          if x))
