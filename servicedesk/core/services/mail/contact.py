"""A message the server accepted is contact with the customer: the one place that says what that means.

Called inside the transaction that marks the message sent, and only then: the customer's history
gets the exact text, a queued notice leaves the queue, a weekly letter counts as this week's, and
the customer's last contact and health follow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core.store.models import Draft, Interaction, Project

CHANNEL_WORDS = {"email": "Emailed", "text": "Texted"}
KIND_WORDS = {"reminder": "visit reminder", "running_late": "running late", "change_notice": "change notice",
              "visit_summary": "visit summary", "timeline_letter": "weekly letter"}


@dataclass(frozen=True)
class SentMessage:
    customer_id: int
    channel: str  # email or text
    kind: str
    subject: str
    body: str
    visit_id: int | None = None
    project_id: int | None = None
    draft_id: int | None = None
    document_id: int | None = None


def record_as_sent(message: SentMessage, when: dt.datetime) -> int:
    """Record ``message`` as sent at ``when``; returns the history entry's id."""
    from servicedesk.core.services import customers, health

    head = f"{CHANNEL_WORDS.get(message.channel, 'Sent')}: {message.subject or KIND_WORDS.get(message.kind, 'message')}"
    interaction = Interaction.create(
        customer=message.customer_id, occurred_at=when, channel=message.channel, direction="out",
        summary=f"{head}\n\n{message.body}", visit=message.visit_id, document=message.document_id)
    if message.draft_id is not None:
        (Draft.update(status="sent", sent_at=when)
         .where((Draft.id == message.draft_id) & (Draft.status == "queued")).execute())
    if message.kind == "timeline_letter" and message.project_id is not None:
        Project.update(last_letter_at=when).where(Project.id == message.project_id).execute()
    customers.refresh_summary([message.customer_id])
    health.recompute([message.customer_id])
    return interaction.id
