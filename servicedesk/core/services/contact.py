"""What counts as contact with a customer: the one definition the whole office reads.

Contact is:

1. **an interaction logged** — a call, email, text, letter, meeting or a word at a visit, in
   either direction (``interactions.log``, which writes through ``record``);
2. **a document or message sent** — a visit summary, timeline letter, change notice or other
   message counts once it is *printed, handed over, posted or emailed* (``send_document``,
   ``send_draft``), attributed to the person at the desk. Anything else that reaches a
   customer (an email accepted by the office's mail server, say) calls ``record``;
3. **a completed visit**, from the time it started: the customer saw us;
4. **a conversation about a concern** — acknowledging it (the customer heard we are on it),
   resolving it (and telling them), and closing a follow-up with what came of it, each at the
   time it was recorded: the concern's and the follow-up's own records say so, whichever way
   they were recorded.

Not contact: an attempt that reached nobody (a call or a follow-up closed with no answer, a
voicemail left or a wrong number: ``NOBODY_REACHED``; it stays on the history as an attempt),
writing or previewing a PDF, a notice waiting in the queue, a visit planned, moved, cancelled or
with no access.

``last_contact`` applies this definition; ``customers.refresh_summary`` stores its answer in
``customer.last_contact_at``, which the customer list, the contact rhythm in health and the
queue's "not contacted" rows all read.
"""

from __future__ import annotations

import datetime as dt

from servicedesk.core import clock, events, formatting
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.store import database, transaction
from servicedesk.core.store.models import CHANNELS, NOBODY_REACHED, SENT_HOW, Document, Draft, Interaction, Staff
from servicedesk.core.validation import clean_text

HOW_WORDS = {"printed": "printed", "handed_over": "handed over", "posted": "posted", "emailed": "emailed"}
HOW_CHANNEL = {"printed": "letter", "handed_over": "in_person", "posted": "letter", "emailed": "email"}
NOBODY_REACHED_WORDS = {"no_answer": "no answer", "voicemail": "voicemail left", "wrong_number": "wrong number"}
# An interaction or a closed follow-up is contact only when somebody was reached (SQL, on both engines).
REACHED = "nobody_reached = ''"
# A closed follow-up is contact when its call reached somebody; one closed without a call (the office stopped
# trying, because the customer cancelled, say) is not.
FOLLOW_UP_REACHED = f"{REACHED} AND stopped_trying = ''"


def check_reached(problems: dict, nobody_reached: str) -> None:
    """``nobody_reached`` is "" (the customer was reached) or one of ``NOBODY_REACHED``."""
    if nobody_reached not in ("", *NOBODY_REACHED):
        problems["nobody_reached"] = ("Say whether the customer was reached, or why not: "
                                      f"{', '.join(NOBODY_REACHED_WORDS[w] for w in NOBODY_REACHED)}.")


def _dt(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def last_contact(customer_ids, now: dt.datetime | None = None) -> dict[int, dt.datetime | None]:
    """Each customer's last contact by the definition above (None: never), a chunk of customers per query."""
    now = now or clock.now()
    ids = sorted({int(i) for i in customer_ids})
    out: dict[int, dt.datetime | None] = {i: None for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        talked = database.execute_sql(
            f"SELECT customer_id, MAX(occurred_at) FROM interaction WHERE customer_id IN ({marks})"
            f" AND {REACHED} GROUP BY customer_id", chunk).fetchall()
        visited = database.execute_sql(
            f"SELECT customer_id, MAX(starts_at) FROM visit WHERE customer_id IN ({marks})"
            " AND status = 'completed' AND starts_at <= ? GROUP BY customer_id", [*chunk, now]).fetchall()
        concerned = database.execute_sql(
            f"SELECT customer_id, MAX(acknowledged_at), MAX(resolved_at) FROM concern"
            f" WHERE customer_id IN ({marks}) GROUP BY customer_id", chunk).fetchall()
        followed = database.execute_sql(
            f"SELECT customer_id, MAX(done_at) FROM follow_up WHERE customer_id IN ({marks})"
            f" AND done_at IS NOT NULL AND {FOLLOW_UP_REACHED} GROUP BY customer_id", chunk).fetchall()
        spoke = [(r[0], w) for r in concerned for w in r[1:]]
        for customer_id, when in (*talked, *visited, *spoke, *followed):
            when = _dt(when)
            if when is not None and (out[customer_id] is None or when > out[customer_id]):
                out[customer_id] = when
    return out


def record(customer_id: int, channel: str, summary: str, *, direction: str = "out", staff_id: int | None = None,
           when: dt.datetime | None = None, mood: str = "", concern_id: int | None = None,
           visit_id: int | None = None, document_id: int | None = None, nobody_reached: str = "") -> int:
    """Count something as contact: one interaction on the customer's history. Returns its id.

    With ``nobody_reached`` (one of ``NOBODY_REACHED``) it is only an attempt: on the history, not contact.
    The caller has checked its values (``interactions.log`` does); this writes, in the caller's
    transaction, and lets the customer's list columns and health follow.
    """
    with transaction():
        interaction = Interaction.create(
            customer=customer_id, occurred_at=when or clock.now(), channel=channel, direction=direction,
            staff=staff_id, summary=summary, mood=mood, concern=concern_id, visit=visit_id, document=document_id,
            nobody_reached=nobody_reached)
        events.customers_changed([customer_id])
    return interaction.id


def _check_sender(problems: dict, staff_id: int | None) -> None:
    if staff_id is not None and Staff.get_or_none(Staff.id == staff_id) is None:
        problems["staff"] = "That staff member no longer exists."


def send_document(document_id: int, how: str, staff_id: int | None = None, *, draft_id: int | None = None,
                  when: dt.datetime | None = None) -> int:
    """The document went to the customer (printed, handed over, posted or emailed). Returns the interaction.

    Only now is it contact: it goes on the customer's history attributed to ``staff_id`` (the
    person at the desk), a timeline letter's "letter due" row clears, and a queued notice it
    was printed from (``draft_id``) leaves the queue, all in one transaction. A document is
    sent once; sending it again is refused.
    """
    problems: dict = {}
    if how not in SENT_HOW:
        problems["how"] = f"Say how it went out: {', '.join(HOW_WORDS[h] for h in SENT_HOW)}."
    _check_sender(problems, staff_id)
    document = Document.get_or_none(Document.id == document_id)
    if document is None:
        raise NotFound(f"Document {document_id} no longer exists.")
    if document.sent_at is not None:
        problems["document"] = f"“{document.title}” was already {HOW_WORDS.get(document.sent_how, 'sent')} " \
                               f"on {formatting.format_date(document.sent_at)}."
    if document.customer_id is None:
        problems["customer"] = "This document is for no customer."
    if problems:
        raise ValidationError(problems)
    when = when or clock.now()
    with transaction():
        if not (Document.update(sent_at=when, sent_how=how, sent_by=staff_id)
                .where((Document.id == document_id) & Document.sent_at.is_null()).execute()):
            raise ValidationError({"document": f"“{document.title}” was sent a moment ago by someone else."})
        if draft_id is not None:
            _close_draft(draft_id, when)
        interaction_id = record(document.customer_id, HOW_CHANNEL[how], f"{document.title} — {HOW_WORDS[how]}",
                                staff_id=staff_id, when=when, visit_id=document.visit_id, document_id=document_id)
        events.document_sent(document_id)
    return interaction_id


def send_documents(document_ids, how: str, staff_id: int | None = None) -> list[int]:
    """Several documents sent the same way at once (a week's letters printed together); all or none."""
    with transaction():
        return [send_document(i, how, staff_id) for i in document_ids]


def _close_draft(draft_id: int, when: dt.datetime, subject: str | None = None, body: str | None = None) -> Draft:
    draft = Draft.get_or_none(Draft.id == draft_id)
    if draft is None:
        raise NotFound(f"Message {draft_id} no longer exists.")
    values = {"status": "sent", "sent_at": when}
    if subject is not None:
        values["subject"] = subject
    if body is not None:
        values["body"] = body
    if not Draft.update(**values).where((Draft.id == draft_id) & (Draft.status == "queued")).execute():
        raise ValidationError({"status": "This message was already sent or discarded."})
    return draft


def send_draft(draft_id: int, channel: str, staff_id: int | None = None, subject: str | None = None,
               body: str | None = None) -> int:
    """A queued message went out by ``channel`` (as edited): it leaves the queue and counts as contact."""
    problems: dict = {}
    if channel not in CHANNELS:
        problems["channel"] = f"Channel must be one of: {', '.join(CHANNELS)}."
    _check_sender(problems, staff_id)
    if problems:
        raise ValidationError(problems)
    subject = None if subject is None else clean_text(subject)
    body = None if body is None else clean_text(body)
    when = clock.now()
    with transaction():
        draft = _close_draft(draft_id, when, subject, body)
        said = subject if subject is not None else draft.subject
        return record(draft.customer_id, channel, f"Sent: {said or 'message'}", staff_id=staff_id, when=when,
                      visit_id=draft.visit_id)
