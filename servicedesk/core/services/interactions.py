"""The interaction log: every call, email, letter and visit conversation, logged in seconds.

One ``log`` call records the interaction and, in the same transaction, optionally opens a
new concern in the customer's words (or links an existing one, acknowledging it when the
office was the one calling back) and sets a follow-up date. The customer list's summary
columns and the customer's health are brought up to date before it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, events, formatting
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import concerns, contact, customers, followups
from servicedesk.core.store import database, transaction
from servicedesk.core.store.db import for_update
from servicedesk.core.store.models import CHANNELS, DIRECTIONS, MOODS, Concern, Staff
from servicedesk.core.validation import check_choice, clean_text


@dataclass(frozen=True)
class NewConcern:
    words: str
    category: str = "other"
    severity: str = "medium"


@dataclass(frozen=True)
class Logged:
    interaction_id: int
    concern_id: int | None = None
    follow_up_id: int | None = None
    note: str = ""  # what the person should know about how it was logged (acknowledged meanwhile elsewhere)


@dataclass(frozen=True)
class InteractionInfo:
    id: int
    customer_id: int
    occurred_at: dt.datetime
    channel: str
    direction: str
    staff: str
    summary: str
    mood: str
    concern_id: int | None
    nobody_reached: str = ""  # an attempt that reached nobody: not contact


def log(customer_id: int, channel: str, direction: str, summary: str, staff_id: int | None = None,
        mood: str = "", concern_id: int | None = None, new_concern: NewConcern | None = None,
        acknowledges: bool = False, follow_up_on: dt.date | None = None, follow_up_reason: str = "",
        occurred_at: dt.datetime | None = None, visit_id: int | None = None,
        document_id: int | None = None, closes_follow_ups=(), nobody_reached: str = "") -> Logged:
    """Log one interaction. Raises ValidationError naming every problem; nothing is saved then.

    ``closes_follow_ups`` are open follow-ups this call answers (the call back on the same
    concern, say: ``answers``); they are closed with the call's summary as their outcome.

    ``nobody_reached`` (no answer, voicemail left, wrong number: ``contact.NOBODY_REACHED_WORDS``):
    the call is kept on the history as an attempt and is not contact; it cannot acknowledge a
    concern (nobody heard we are on it), and the follow-ups it closes are closed as attempts too, each
    called again (on ``follow_up_on`` when given, which then sets no other follow-up; else the next
    business day).
    """
    summary = clean_text(summary).strip()
    problems = {}
    if not customers.name_of(customer_id):
        problems["customer"] = "Choose the customer this interaction was with."
    check_choice(problems, "channel", channel, CHANNELS, "Channel")
    if direction not in DIRECTIONS:
        problems["direction"] = "Direction must be “in” (they contacted us) or “out” (we contacted them)."
    check_choice(problems, "mood", mood, MOODS, "Mood (or left empty)")
    contact.check_reached(problems, nobody_reached)
    if nobody_reached in contact.NOBODY_REACHED_WORDS and not summary:
        summary = contact.NOBODY_REACHED_WORDS[nobody_reached].capitalize()
    if nobody_reached and acknowledges and concern_id is not None:
        problems["acknowledges"] = ("Nobody was reached, so the customer has not heard that we are on the concern: "
                                    "it stays waiting for an acknowledgment.")
    if not summary:
        problems["summary"] = "Write a few words about what was said."
    if staff_id is not None and Staff.get_or_none(Staff.id == staff_id) is None:
        problems["staff"] = "That staff member no longer exists."
    if new_concern is not None and not clean_text(new_concern.words).strip():
        problems["words"] = ("Write the new concern down in the customer's own words (“Their words”); "
                             "the summary of the call is yours, not theirs.")
    if concern_id is not None and new_concern is not None:
        problems["concern"] = "Link an existing concern or open a new one, not both."
    if concern_id is not None:
        linked = Concern.get_or_none(Concern.id == concern_id)
        if linked is None or linked.customer_id != customer_id:
            problems["concern"] = "That concern does not belong to this customer."
    occurred_at = occurred_at or clock.now()
    if occurred_at > clock.now() + dt.timedelta(minutes=5):
        problems["occurred_at"] = "An interaction cannot be logged in the future."
    if follow_up_on is not None and follow_up_on < clock.today():
        problems["follow_up_on"] = "The follow-up date cannot be in the past."
    closes = [int(i) for i in closes_follow_ups]
    open_ones = {f.id for f in followups.for_customer(customer_id)} if closes else set()
    if any(i not in open_ones for i in closes):
        problems["closes_follow_ups"] = "That follow-up is already done or belongs to another customer."
    if problems:
        raise ValidationError(problems)

    note = ""
    with transaction():
        if new_concern is not None:
            concern_id = concerns.raise_concern(customer_id, new_concern.words, new_concern.category,
                                                new_concern.severity, channel, raised_at=occurred_at)
        elif concern_id is not None and acknowledges:  # asked for where the concern showed as not acknowledged
            now = for_update(Concern.select().where(Concern.id == concern_id)).first()
            if now.acknowledged_at is None and now.resolved_at is None:
                concerns.acknowledge(concern_id, staff_id, at=max(occurred_at, linked.raised_at))
            else:  # done meanwhile on another PC: the call is logged with the concern all the same
                done = "resolved" if now.acknowledged_at is None else "acknowledged"
                by = f" by {now.changed_by}" if now.changed_by else ""
                note = (f"The call is logged. The concern was already {done}{by} "
                        f"({formatting.format_moment(now.resolved_at or now.acknowledged_at, None)}), "
                        "so this call did not acknowledge it again.")
        interaction_id = contact.record(customer_id, channel, summary, direction=direction, staff_id=staff_id,
                                        when=occurred_at, mood=mood, concern_id=concern_id, visit_id=visit_id,
                                        document_id=document_id, nobody_reached=nobody_reached)
        day = formatting.format_day(occurred_at, year=False, short=True)
        follow_up_id = None
        for answered in closes:  # nobody reached: each is called again (on the follow-up day, if one was set)
            followups.complete(answered, (f"Not reached on {day} ({contact.NOBODY_REACHED_WORDS[nobody_reached]}): "
                                          if nobody_reached else f"Answered in the call of {day}: ") + summary,
                               nobody_reached=nobody_reached, again_on=follow_up_on if nobody_reached else None)
            follow_up_id = follow_up_id or (followups.again_of(answered).id if nobody_reached else None)
        if follow_up_on is not None and follow_up_id is None:
            reason = clean_text(follow_up_reason).strip() or f"Follow up on: {summary[:120]}"
            follow_up_id = followups.create(customer_id, follow_up_on, reason)
    return Logged(interaction_id, concern_id, follow_up_id, note)


def answers(customer_id: int, concern_id: int | None) -> list[followups.FollowUpInfo]:
    """The open follow-ups a call about ``concern_id`` answers: those owed on the same concern."""
    if concern_id is None:
        return []
    return [f for f in followups.for_customer(customer_id) if f.concern_id == concern_id]


def recent(customer_id: int, limit: int = 20) -> list[InteractionInfo]:
    rows = database.execute_sql(
        "SELECT i.id, i.customer_id, i.occurred_at, i.channel, i.direction, COALESCE(s.name, ''), i.summary,"
        " i.mood, i.concern_id, i.nobody_reached FROM interaction i LEFT JOIN staff s ON s.id = i.staff_id"
        " WHERE i.customer_id = ? ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?",
        (customer_id, limit),
    ).fetchall()
    return [InteractionInfo(r[0], r[1], concerns._dt(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9]) for r in rows]
