"""The “what to expect” letter: for each customer on a service plan or project, what the service
includes and how often, who looks after them and how to reach them, how the office handles a
concern (its own acknowledge and resolve targets), and what was agreed with them in their words.

Printed at the start, and offered again whenever any of it changes — a new technician, a changed
plan, a new agreed expectation — with each change marked. Every printed letter keeps what it said
(``ExpectationLetter.snapshot``), so the next one can be compared item by item.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from servicedesk.core import clock, formatting
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, office, projects, recurrence
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import Document, ExpectationLetter

SECTIONS = ("service", "people", "concerns", "agreed", "matters")
TITLES = {
    "service": "What we do for you, and how often",
    "people": "Who looks after you, and how to reach them",
    "concerns": "If something is not right",
    "agreed": "What we agreed with you",
    "matters": "What you told us matters to you",
}
AGREED = {"goal": "Your goal", "challenge": "What makes it hard", "expect_when": "When we come",
          "expect_includes": "What is included", "expect_excludes": "What is not included"}
MATTERS = {"same_technician": "The same technician every time", "call_before": "A call before we arrive",
           "time_window": "The day or time we come", "quiet": "Quiet, with as little disruption as possible",
           "price_sensitive": "Keeping the cost down", "speed_over_schedule": "Speed over a fixed schedule",
           "other": "Also"}


@dataclass(frozen=True)
class Item:
    key: str  # stable across letters: "plan:12", "technician", "goal:4"
    section: str
    text: str
    what: str  # how a change to it is named: "your technician", "your monthly pest treatment"


@dataclass(frozen=True)
class Expectations:
    customer_id: int
    items: tuple[Item, ...]
    previous: dt.datetime | None = None  # when the last letter was printed (None: this is the first)
    changed: dict = field(default_factory=dict)  # key -> "new" | "changed"
    removed: tuple[str, ...] = ()  # what the last letter said that no longer holds

    @property
    def change_summary(self) -> list[str]:
        """“your technician — changed”, “what is included — new”, … — what to offer the letter again for."""
        out = [f"{i.what} — {self.changed[i.key]}" for i in self.items if i.key in self.changed]
        return out + [f"no longer: {text}" for text in self.removed]


def _plan_text(p: recurrence.PlanInfo, loc) -> str:
    times = formatting.format_times(p.window_start, p.window_end, loc)
    rule = recurrence.describe(p)
    text = f"{p.service_type}: {rule[:1].lower() + rule[1:]}, between {times.replace('–', ' and ', 1)}"
    if p.technician:
        text += f", with {p.technician}"
    text += "."
    if p.includes.strip():
        text += f" It includes: {p.includes.strip().rstrip('.')}."
    return text


def items_of(customer_id: int) -> list[Item]:
    """What the letter says now, item by item."""
    c = customers.get(customer_id)
    o = office.get()
    loc = formatting.office_locale()
    phone = o.phone or "the office"
    out: list[Item] = []
    plans = [p for p in recurrence.plans_for(customer_id) if p.active and (p.ends_on is None or p.ends_on >= clock.today())]
    for p in plans:
        out.append(Item(f"plan:{p.id}", "service", _plan_text(p, loc), f"your {p.service_type.lower()}"))
    live = [p for p in projects.list_projects(customer_id=customer_id) if p.status in ("planned", "active")]
    for p in live:
        steps = [m.name for m in projects.milestones(p.id)]
        when = ""
        if p.starts_on and p.target_on:
            when = (f" from {formatting.format_day(p.starts_on, year=True, locale=loc)} to "
                    f"{formatting.format_day(p.target_on, year=True, locale=loc)}")
        text = f"{p.name}{when}" + (f", in {len(steps)} steps: {', '.join(steps)}." if steps else ".")
        text += (f" We write to you every {formatting.weekday_name(o.letter_weekday, loc)} with where it stands: "
                 "what was done, what comes next and when.")
        out.append(Item(f"project:{p.id}", "service", text, f"your project “{p.name}”"))
    technician = {p.technician for p in plans if p.technician} or ({c.technician} if c.technician and plans else set())
    for name in sorted(technician):
        out.append(Item("technician" if len(technician) == 1 else f"technician:{name}", "people",
                        f"{name} is your technician. To reach them, call us on {phone}; we pass every message on "
                        "the same day.", "your technician"))
    for p in live:
        if p.lead:
            line = f" on {p.lead_phone} (direct line)" if p.lead_phone else f" through the office on {phone}"
            out.append(Item(f"lead:{p.id}", "people", f"{p.lead} leads {p.name} and is the person to call{line}.",
                            f"who leads {p.name}"))
    out.append(Item("concerns", "concerns",
                    f"Tell us whenever something is not right, by phone on {phone} or in writing. We acknowledge "
                    f"every concern within {o.ack_target_days} business day{'s' if o.ack_target_days != 1 else ''} "
                    f"and aim to resolve it within {o.resolve_target_days} business days; once it is fixed we call "
                    "you to check it really is.", "how we handle a concern"))
    for g in c.goals:
        label = AGREED.get(g.kind, "Agreed")
        out.append(Item(f"goal:{g.id}", "agreed", f"{label}: “{g.text}”", label[:1].lower() + label[1:]))
    for m in c.what_matters:
        label = MATTERS.get(m.kind, "Also")
        words = f": “{m.words}”" if m.words.strip() else "."
        if m.kind == "same_technician" and m.technician:
            words = f" ({m.technician})" + (f": “{m.words}”" if m.words.strip() else ".")
        out.append(Item(f"matters:{m.id}", "matters", f"{label}{words}", "what matters to you"))
    return out


def _last(customer_id: int) -> ExpectationLetter | None:
    """The last letter that went to the customer (one written but never sent told them nothing)."""
    return (ExpectationLetter.select().join(Document, on=(ExpectationLetter.document == Document.id))
            .where((ExpectationLetter.customer == customer_id) & Document.sent_at.is_null(False))
            .order_by(Document.sent_at.desc(), ExpectationLetter.id.desc()).first())


def current(customer_id: int) -> Expectations:
    """The letter as it would print now, compared with the last one printed."""
    items = items_of(customer_id)
    last = _last(customer_id)
    if last is None:
        return Expectations(customer_id, tuple(items))
    before = json.loads(last.snapshot)
    changed = {i.key: ("new" if i.key not in before else "changed") for i in items if before.get(i.key) != i.text}
    keys = {i.key for i in items}
    removed = tuple(text for key, text in before.items() if key not in keys)
    return Expectations(customer_id, tuple(items), last.printed_at, changed, removed)


def eligible(customer_id: int) -> bool:
    """On a service plan or a project that is planned or under way."""
    return bool(database.execute_sql(
        "SELECT 1 FROM service_plan WHERE customer_id = ? AND active AND (ends_on IS NULL OR ends_on >= ?)"
        " UNION SELECT 1 FROM project WHERE customer_id = ? AND status IN ('planned', 'active') LIMIT 1",
        (customer_id, clock.today(), customer_id)).fetchone())


def offer(customer_id: int) -> list[str]:
    """Why a letter should go out now: [“first letter”] when none was printed, the changes since the
    last one otherwise; empty when the last letter still holds (or the customer has no plan or project)."""
    if not eligible(customer_id):
        return []
    found = current(customer_id)
    if found.previous is None:
        return ["first letter"]
    return found.change_summary


def generate(customer_id: int):
    """Write the letter (archived like every document; it counts once it is sent) and remember what it
    said: once sent, the next letter is compared with it."""
    from servicedesk.core.documents import expectations_letter as layout
    from servicedesk.core.services import documents

    if not eligible(customer_id):
        name = customers.get(customer_id).name
        raise ValidationError({"customer": f"{name} has no service plan or project under way: a what-to-expect "
                                           "letter describes one."})
    found = current(customer_id)
    c, to = documents.addressee(customer_id)
    o = office.get()
    today = clock.today()
    letter = layout.ExpectationsLetter(
        head=documents.letterhead(o), to=to, letter_date=today, salutation=c.letter_salutation,
        sections=tuple((TITLES[s], tuple((i.text, found.changed.get(i.key, "")) for i in found.items if i.section == s))
                       for s in SECTIONS if any(i.section == s for i in found.items)),
        previous=found.previous.date() if found.previous else None, changes=tuple(found.change_summary),
        removed=found.removed, owner_name=o.owner_name, signature_line=o.signature_line)
    title = f"What to expect — {c.name} — {today.isoformat()}"
    stamp = clock.now()
    generated = documents.archive(layout.render(letter, title), kind="expectations", title=title,
                                  customer_id=customer_id, when=stamp)
    with transaction():
        ExpectationLetter.create(customer=customer_id, document=generated.id, printed_at=stamp,
                                 snapshot=json.dumps({i.key: i.text for i in found.items}, ensure_ascii=False))
    return generated
