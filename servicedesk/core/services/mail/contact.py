"""A message the server accepted is contact with the customer: the one place that says what that means.

Called inside the transaction that marks the message sent, and only then. It goes through the
office's one definition of contact (``services.contact``): an attached PDF is sent "emailed"
(a weekly letter then counts as this week's), a queued notice leaves the queue, anything else is
recorded; the history entry carries the message's exact text, and the customer's last contact
and health follow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core.store.models import Draft, Interaction

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
    """Record ``message`` as sent at ``when`` through the office's one definition of contact; returns the
    history entry's id, which carries the message's exact text."""
    from servicedesk.core.errors import ValidationError
    from servicedesk.core.services import contact

    text = f"{CHANNEL_WORDS.get(message.channel, 'Sent')}: " \
           f"{message.subject or KIND_WORDS.get(message.kind, 'message')}\n\n{message.body}"
    interaction_id = None
    try:
        if message.document_id is not None:  # the PDF attached was emailed: the document is sent
            interaction_id = contact.send_document(message.document_id, "emailed", when=when,
                                                   draft_id=_queued_draft(message.draft_id))
        elif _queued_draft(message.draft_id) is not None:  # a queued notice went out: it leaves the queue
            interaction_id = contact.send_draft(message.draft_id, message.channel, subject=message.subject,
                                                body=message.body)
    except ValidationError:  # printed or marked sent meanwhile: the email still reached them
        interaction_id = None
    if interaction_id is None:
        interaction_id = contact.record(message.customer_id, message.channel, text, when=when,
                                        visit_id=message.visit_id, document_id=message.document_id)
    Interaction.update(summary=text, occurred_at=when).where(Interaction.id == interaction_id).execute()
    return interaction_id


def _queued_draft(draft_id: int | None) -> int | None:
    if draft_id is None:
        return None
    draft = Draft.get_or_none(Draft.id == draft_id)
    return draft_id if draft is not None and draft.status == "queued" else None
