"""One timeline per customer: every kind of record, newest first, each able to open its record."""

import datetime as dt

import pytest

from servicedesk.core.errors import NotFound
from servicedesk.core.services import history
from servicedesk.core.store.models import Concern, Document, FollowUp, Interaction, Visit


def _at(day, hour=9):
    return dt.datetime(2026, 2, day, hour)


@pytest.fixture
def story(dorothy, sam):
    v = Visit.create(customer=dorothy, technician=sam, service_type="monthly_pest", starts_at=_at(3),
                     ends_at=_at(3, 10), status="completed", work_done="Baited the stockroom")
    k = Concern.create(customer=dorothy, raised_at=_at(5), words="Why a different man again?",
                       category="technician_change")
    i = Interaction.create(customer=dorothy, occurred_at=_at(6), channel="phone", direction="out", staff=sam,
                           summary="Apologised, Sam back next month", concern=k)
    f = FollowUp.create(customer=dorothy, due_on=dt.date(2026, 2, 20), reason="Ask whether the mice are gone")
    d = Document.create(customer=dorothy, kind="visit_summary", title="Visit 3 Feb", path="2026/visit-1.pdf",
                        sha256="x", created_at=_at(4))
    logged = Document.create(customer=dorothy, kind="change_notice", title="Notice", path="n.pdf", sha256="y",
                             created_at=_at(7))
    Interaction.create(customer=dorothy, occurred_at=_at(7), channel="letter", direction="out",
                       summary="Change notice sent", document=logged)
    return {"visit": v.id, "concern": k.id, "interaction": i.id, "follow_up": f.id, "document": d.id}


def test_every_kind_newest_first(story, dorothy):
    items = history.timeline(dorothy)
    assert [i.kind for i in items] == ["follow_up", "interaction", "interaction", "concern", "document", "visit"]
    assert items[0].at == dt.datetime(2026, 2, 20)
    assert items[1].title == "Letter to the customer"  # the logged document appears once, as its letter
    assert items[2].title == "Call to the customer" and items[2].who == "Sam Ortiz"
    assert items[3].text == "Why a different man again?" and items[3].status == "open"
    assert items[5].title == "Visit — Monthly pest (completed)"
    for kind, record_id in story.items():
        assert (kind, record_id) in {(i.kind, i.record_id) for i in items}


def test_other_customers_history_stays_out(story, office_db):
    from servicedesk.core.services import customers

    other = customers.create(name="Walter Brown").id
    assert history.timeline(other) == []


def test_detail_opens_the_record(story):
    fields = dict(history.detail("concern", story["concern"]))
    assert fields["In their words"] == "Why a different man again?"
    assert fields["Category"] == "Technician change"
    assert dict(history.detail("interaction", story["interaction"]))["Summary"] == "Apologised, Sam back next month"
    with pytest.raises(NotFound):
        history.detail("concern", 999)


def test_five_hundred_items_load(dorothy):
    Interaction.insert_many([{"customer": dorothy, "occurred_at": dt.datetime(2020, 1, 1) + dt.timedelta(days=n),
                              "summary": f"call {n}"} for n in range(500)]).execute()
    items = history.timeline(dorothy)
    assert len(items) == 500 and items[0].text == "call 499" and items[-1].text == "call 0"
    assert len(history.timeline(dorothy, limit=50)) == 50
