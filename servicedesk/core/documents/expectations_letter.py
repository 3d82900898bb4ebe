"""The “what to expect” letter: the service, the people, how a concern is handled and what was agreed,
with what changed since the last such letter marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from servicedesk.core.documents import base
from servicedesk.core.documents.base import Addressee, Letterhead, day, paragraph
from servicedesk.core.documents.fonts import markup

MARKS = {"new": "New", "changed": "Changed"}


@dataclass(frozen=True)
class ExpectationsLetter:
    head: Letterhead
    to: Addressee
    letter_date: dt.date
    salutation: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (title, ((text, "new" | "changed" | ""), ...))
    previous: dt.date | None = None  # the date of the last such letter
    changes: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    owner_name: str = ""
    signature_line: str = ""


def _item(text: str, mark: str) -> str:
    if not mark:
        return markup(text)
    return f"<font color='#a04a1c'><b>{MARKS[mark]}:</b></font> {markup(text)}"


def story(letter: ExpectationsLetter) -> list:
    st = base.styles()
    width = base.content_width(letter.head.region)
    loc = letter.head.locale
    out = base.letterhead(letter.head, width) + base.address_block(letter.to, letter.letter_date, width, letter.head)
    if letter.previous is None:
        out.append(paragraph(markup("What to expect from us"), st["title"]))
        opening = ("This letter sets out what we will do for you and what we agreed, so you know what to expect "
                   "and can hold us to it. Keep it somewhere handy.")
    else:
        out.append(paragraph(markup("What to expect from us: an update"), st["title"]))
        opening = (f"Something has changed since our letter of {day(letter.previous, locale=loc)}, so here is the "
                   "whole picture again, with what changed marked.")
    out += base.paragraphs(letter.salutation + ",", st["body"])
    out += base.paragraphs(opening, st["body"])
    if letter.changes:
        out.append(paragraph(markup("What changed"), st["heading"]))
        out += base.bullets([markup(c[:1].upper() + c[1:]) for c in letter.changes], st["bullet"])
    for title, items in letter.sections:
        out.append(base.Together([paragraph(markup(title), st["heading"])]
                                 + base.bullets([_item(text, mark) for text, mark in items], st["bullet"])))
    out += [Spacer(1, 3 * mm)] + base.signature("Kind regards,", letter.owner_name, letter.signature_line, letter.head.name)
    return out


def header(letter: ExpectationsLetter) -> str:
    return "  ·  ".join((letter.to.name, "What to expect", day(letter.letter_date, locale=letter.head.locale)))


def render(letter: ExpectationsLetter, title: str) -> bytes:
    return base.render(lambda: story(letter), letter.head, title, subject="What to expect from us",
                       header=header(letter))
