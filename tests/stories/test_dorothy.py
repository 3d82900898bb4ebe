"""Dorothy: her next visit goes to a substitute; she hears it from the office first."""

import re

import pytest

from servicedesk.core.services import communication, contact, followups, health, scheduling
from servicedesk.core.store.models import Draft, FollowUp

from .conftest import next_visit, stored_score


def changes(h) -> int:
    """How many technician changes this month the reasons name."""
    found = re.search(r"(\d+) technician changes? this month", h.describe())
    return int(found.group(1)) if found else 0


def test_a_substitute_queues_one_notice_one_call_and_puts_her_at_the_top(dorothy):
    before = health.assess(dorothy)
    assert stored_score(dorothy) == before.score
    visit_id = next_visit(dorothy)
    stranger = next(p for p in scheduling.proposals(visit_id) if p.kind == "substitute" and not p.familiar_visits)

    result = scheduling.assign(visit_id, stranger.technician_id, reason="Kevin is on a training course that day")

    notice = communication.draft(result.draft_id)
    assert (notice.status, notice.template, notice.customer_id) == ("queued", "change_notice", dorothy)
    assert stranger.technician in notice.body and "Kevin is on a training course that day" in notice.body
    calls = list(FollowUp.select().where((FollowUp.visit == visit_id) & (FollowUp.source == "technician_change")))
    assert [c.id for c in calls] == [result.follow_up_id]
    assert calls[0].reason.startswith(f"Call before {stranger.technician}'s visit")
    assert calls[0].due_on < Draft.get_by_id(result.draft_id).visit.starts_at.date()
    followups.sweep(days=14)  # the sweep finds the change and owes nothing more
    assert FollowUp.select().where((FollowUp.visit == visit_id) & (FollowUp.source == "technician_change")).count() == 1

    after = health.assess(dorothy)
    assert after.score < before.score and stored_score(dorothy) == after.score
    texts = [r.text for r in after.reasons]
    assert any(re.fullmatch(r"\d technicians in their last \d+ visits.*; they said the same technician matters", t)
               for t in texts), texts
    assert changes(after) == changes(before) + 1, texts

    queue = communication.today_queue()
    hers = [n for n, item in enumerate(queue) if item.customer_id == dorothy]
    assert hers and hers[0] <= 2, [(q.customer, q.kind) for q in queue[:5]]
    assert any(queue[n].kind == "notice" and queue[n].record_id == result.draft_id for n in hers)


def test_a_notice_prints_once_as_edited_and_a_sent_one_is_refused(dorothy):
    from servicedesk.core.errors import ValidationError
    from servicedesk.core.services import documents
    from servicedesk.core.store.models import Document
    from tests.documents.pdf import text_of

    visit_id = next_visit(dorothy)
    stranger = next(p for p in scheduling.proposals(visit_id) if p.kind == "substitute" and not p.familiar_visits)
    draft_id = scheduling.assign(visit_id, stranger.technician_id, reason="Kevin is unwell").draft_id
    notice = communication.draft(draft_id)
    printed = documents.generate_change_notice(visit_id, notice.subject, notice.body + "\n\n<b>Tea & biscuits</b>",
                                               draft_id=draft_id)
    assert "<b>Tea & biscuits</b>" in text_of(printed.path) and stranger.technician in text_of(printed.path)
    assert communication.draft(draft_id).status == "queued"  # written, not sent: still in the queue
    contact.send_document(printed.id, "handed_over", draft_id=draft_id)
    assert communication.draft(draft_id).status == "sent"
    with pytest.raises(ValidationError) as refused:
        documents.generate_change_notice(visit_id, draft_id=draft_id)
    assert "already sent" in refused.value.problems["draft"]
    with pytest.raises(ValidationError) as twice:
        contact.send_document(printed.id, "posted")
    assert "was already handed over" in twice.value.problems["document"]
    assert Document.select().where(Document.kind == "change_notice").count() == 1
