"""The weekly timeline letter: what was done, what comes next and when, what is late and why, who to call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.platypus import PageBreak, Spacer, TableStyle

from servicedesk.core.documents import base
from servicedesk.core.documents.base import Addressee, Letterhead, Table, day, paragraph
from servicedesk.core.documents.fonts import markup


@dataclass(frozen=True)
class Step:
    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    note: str = ""  # what it waits on, or a finished date


@dataclass(frozen=True)
class Late:
    name: str
    planned: dt.date | None
    now: dt.date | None
    reason: str
    moved: tuple[Step, ...] = ()  # the steps after it that its slip moved: told once, with the cause


@dataclass(frozen=True)
class TimelineLetter:
    head: Letterhead
    to: Addressee
    letter_date: dt.date
    salutation: str
    subject: str
    opening: str
    done: tuple[Step, ...] = ()
    nothing_done: str = ""
    upcoming: tuple[Step, ...] = ()
    late: tuple[Late, ...] = ()
    decisions: tuple[tuple[str, str], ...] = ()  # (milestone, what to decide)
    contact: str = ""
    closing: str = ""
    sign_off: str = "Kind regards,"
    owner_name: str = ""
    signature_line: str = ""
    headings: dict = field(default_factory=dict)
    project: str = ""  # the project's name, for the header of a second page
    more_steps: int = 0  # steps after those listed in ``upcoming``
    more_until: dt.date | None = None  # when the last of them ends
    finish: dt.date | None = None  # when the whole project is planned to be finished
    first_finish: dt.date | None = None  # the finish first planned, when the plan now ends later


HEADINGS = {
    "done": "Done since our last letter",
    "next": "What happens next",
    "late": "Running late, and why",
    "decisions": "We need a decision from you",
    "contact": "Your contact",
}


def _when(step: Step, letter_date: dt.date, locale: str) -> str:
    return base.span(step.start, step.end, letter_date, locale)


def finish_sentence(letter: TimelineLetter) -> str:
    """When the whole project is planned to be finished, and the first plan when it now ends later."""
    d, loc = letter.letter_date, letter.head.locale
    if letter.first_finish and letter.finish > letter.first_finish:
        return (f"The whole project is now planned to be finished by {day(letter.finish, d, loc)} "
                f"(we first planned {day(letter.first_finish, d, loc)}).")
    return f"The whole project is planned to be finished by {day(letter.finish, d, loc)}."


def story(letter: TimelineLetter) -> list:
    st = base.styles()
    width = base.content_width(letter.head.region)
    h = {**HEADINGS, **letter.headings}
    d = letter.letter_date
    loc = letter.head.locale
    out = base.letterhead(letter.head, width) + base.address_block(letter.to, d, width, letter.head)
    out.append(paragraph(markup(letter.subject), st["title"]))
    out += base.paragraphs(letter.salutation + ",", st["body"])
    out += base.paragraphs(letter.opening, st["body"])

    out.append(paragraph(markup(h["done"]), st["heading"]))
    if letter.done:
        out += base.bullets([f"<b>{markup(s.name)}</b>" + (f", finished {markup(day(s.end, d, loc))}" if s.end else "")
                             for s in letter.done], st["bullet"])
    else:
        out += base.paragraphs(letter.nothing_done, st["body"])

    if letter.upcoming:
        rows = [[paragraph(markup(_when(s, d, loc)), st["cell"]),
                 paragraph(f"<b>{markup(s.name)}</b>"
                           + (f" <font color='#5b6775'>— {markup(s.note)}</font>" if s.note else ""), st["cell"])]
                for s in letter.upcoming]
        table = Table(rows, colWidths=[width * 0.3, width * 0.7])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, base.RULE), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        out += [paragraph(markup(h["next"]), st["heading"]), table]
        if letter.more_steps:
            more = "1 more step" if letter.more_steps == 1 else f"{letter.more_steps} more steps"
            until = f" until {day(letter.more_until, d, loc)}" if letter.more_until else ""
            out += base.paragraphs(f"… and {more}{until}.", st["body"])
    if letter.finish:
        out += base.paragraphs(finish_sentence(letter), st["body"])

    if letter.late:
        items = []
        for item in letter.late:
            dates = f"planned {day(item.planned, d, loc)}, now {day(item.now, d, loc)}"
            text = f"<b>{markup(item.name)}</b>: <font color='#a04a1c'>{markup(dates)}</font>."
            if item.reason:
                text += " " + markup(item.reason)
            if item.moved:
                steps = [f"{markup(s.name)} to {markup(_when(s, d, loc))}" for s in item.moved]
                listed = steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + " and " + steps[-1]
                text += (" This moves the step after it too: " if len(steps) == 1
                         else " This moves the steps after it too: ") + listed + "."
            items.append(text)
        out.append(base.Together([paragraph(markup(h["late"]), st["heading"])] + base.bullets(items, st["late"])))

    if letter.decisions:
        items = [f"<b>{markup(name)}</b>: {markup(text)}" for name, text in letter.decisions]
        out.append(base.Together([paragraph(markup(h["decisions"]), st["heading"])]
                                 + base.bullets(items, st["bullet"])))

    if letter.contact:
        out.append(base.Together([paragraph(markup(h["contact"]), st["heading"])]
                                 + base.paragraphs(letter.contact, st["body"])))
    out.append(Spacer(1, 4))
    # the closing and the signature stay together: never a signature alone on a second page
    out.append(base.Together(base.paragraphs(letter.closing, st["body"])
                             + base.signature(letter.sign_off, letter.owner_name, letter.signature_line,
                                              letter.head.name)))
    return out


def header(letter: TimelineLetter) -> str:
    """What the top of a second page says: whose letter, about what, of which day."""
    return "  ·  ".join(x for x in (letter.to.name, letter.project, day(letter.letter_date, locale=letter.head.locale))
                        if x)


def render(letter: TimelineLetter, title: str) -> bytes:
    return base.render(lambda: story(letter), letter.head, title, subject=letter.subject, header=header(letter))


def render_many(letters: list[TimelineLetter], title: str) -> bytes:
    """All the week's letters in one PDF for printing, each starting on a new page."""
    def flow():
        out = []
        for i, letter in enumerate(letters):
            if i:
                out.append(PageBreak())
            out.append(base.PartStart(header(letter)))
            out += story(letter)
        return out

    return base.render(flow, letters[0].head, title, subject=f"{len(letters)} letters")
