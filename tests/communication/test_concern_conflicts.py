"""A concern acknowledged or resolved elsewhere since it was opened: who, what and when, and the two choices."""

import datetime as dt

import pytest

from servicedesk.core import clock, session
from servicedesk.core.errors import ConflictError, ValidationError
from servicedesk.core.services import concerns, customers, office, technicians
from servicedesk.core.store.models import Concern, FollowUp


@pytest.fixture
def opened(db):
    """Dorothy's concern as this PC opened it: (concern id, the version shown)."""
    clock.set_now(dt.datetime(2026, 11, 16, 9))
    office.update(ack_target_days=1, resolve_target_days=5)
    dorothy = customers.create(name="Dorothy Finch").id
    cid = concerns.raise_concern(dorothy, "The gate was left open and the dog got out")
    yield cid, concerns.get(cid).version
    session.set_person(None)


def _elsewhere(person: str):
    session.set_person(person)


def test_a_resolution_saved_elsewhere_meanwhile_is_named_and_nothing_is_written(opened):
    cid, seen = opened
    clock.set_now(dt.datetime(2026, 11, 16, 10, 2))
    _elsewhere("Priya Shah")
    concerns.resolve(cid, "Replaced the latch", expected_version=seen)
    _elsewhere("Sam Ortiz")
    clock.set_now(dt.datetime(2026, 11, 16, 10, 5))
    with pytest.raises(ConflictError) as err:
        concerns.resolve(cid, "Spoke to the crew about the gate", expected_version=seen)
    exc = err.value
    assert exc.who == f"Priya Shah on {session.computer()}"
    assert exc.when == dt.datetime(2026, 11, 16, 10, 2)
    assert exc.differences == (("resolution", "Replaced the latch", "Spoke to the crew about the gate"),)
    assert exc.version == seen + 1
    assert "Dorothy Finch's concern was changed by Priya Shah" in str(exc) and "resolution" in str(exc)
    stored = Concern.get_by_id(cid)
    assert (stored.resolution, stored.version, stored.changed_by) == ("Replaced the latch", seen + 1, exc.who)


def test_keeping_mine_writes_it_over_theirs_and_bumps_the_version(opened):
    cid, seen = opened
    _elsewhere("Priya Shah")
    concerns.resolve(cid, "Replaced the latch")
    _elsewhere("Sam Ortiz")
    with pytest.raises(ConflictError) as err:
        concerns.resolve(cid, "Spoke to the crew", expected_version=seen)
    clock.set_now(dt.datetime(2026, 11, 16, 11))
    concerns.resolve(cid, "Spoke to the crew", expected_version=err.value.version, over_theirs=True)
    stored = Concern.get_by_id(cid)
    assert stored.resolution == "Spoke to the crew" and stored.version == err.value.version + 1
    assert stored.changed_by.startswith("Sam Ortiz on ")
    assert FollowUp.select().where(FollowUp.concern == cid).count() == 1  # the call back is owed once


def test_keeping_mine_over_a_version_that_moved_on_again_is_a_new_conflict(opened):
    cid, seen = opened
    _elsewhere("Priya Shah")
    concerns.resolve(cid, "Replaced the latch")
    with pytest.raises(ConflictError) as first:
        concerns.resolve(cid, "Mine", expected_version=seen)
    _elsewhere("Maria Keller")
    concerns.resolve(cid, "Replaced the latch and the hinge", expected_version=first.value.version, over_theirs=True)
    _elsewhere("Sam Ortiz")
    with pytest.raises(ConflictError) as second:
        concerns.resolve(cid, "Mine", expected_version=first.value.version, over_theirs=True)
    assert second.value.who.startswith("Maria Keller") and second.value.version == first.value.version + 1
    assert Concern.get_by_id(cid).resolution == "Replaced the latch and the hinge"


def test_an_acknowledgement_made_meanwhile_is_kept_when_resolving(opened):
    cid, seen = opened
    maria = technicians.create("Maria Keller", role="office")
    _elsewhere("Maria Keller")
    clock.set_now(dt.datetime(2026, 11, 16, 9, 30))
    concerns.acknowledge(cid, maria, expected_version=seen)
    _elsewhere("Sam Ortiz")
    clock.set_now(dt.datetime(2026, 11, 16, 10))
    concerns.resolve(cid, "Replaced the latch", expected_version=seen)  # nothing of theirs is written over
    info = concerns.get(cid)
    assert info.acknowledged_by == "Maria Keller" and info.acknowledged_at == dt.datetime(2026, 11, 16, 9, 30)
    assert info.resolution == "Replaced the latch"


def test_acknowledged_twice_names_the_first_and_keep_mine_replaces_it(opened):
    cid, seen = opened
    maria, sam = technicians.create("Maria Keller", role="office"), technicians.create("Sam Ortiz")
    _elsewhere("Maria Keller")
    clock.set_now(dt.datetime(2026, 11, 16, 9, 30))
    concerns.acknowledge(cid, maria, expected_version=seen)
    _elsewhere("Sam Ortiz")
    clock.set_now(dt.datetime(2026, 11, 16, 9, 40))
    with pytest.raises(ConflictError) as err:
        concerns.acknowledge(cid, sam, expected_version=seen)
    (field, theirs, mine), = err.value.differences
    assert field == "acknowledged" and "Maria Keller" in theirs and "Sam Ortiz" in mine
    assert concerns.get(cid).acknowledged_by == "Maria Keller"
    concerns.acknowledge(cid, sam, expected_version=err.value.version, over_theirs=True)
    info = concerns.get(cid)
    assert info.acknowledged_by == "Sam Ortiz" and info.acknowledged_at == dt.datetime(2026, 11, 16, 9, 40)
    assert info.version == err.value.version + 1


def test_acknowledging_a_concern_resolved_meanwhile_offers_no_keep_mine(opened):
    cid, seen = opened
    _elsewhere("Priya Shah")
    concerns.resolve(cid, "Replaced the latch")
    _elsewhere("Sam Ortiz")
    with pytest.raises(ConflictError) as err:
        concerns.acknowledge(cid, expected_version=seen)
    assert err.value.version is None and "keep yours" not in str(err.value)
    assert ("resolution", "Replaced the latch", "") in err.value.differences
    with pytest.raises(ValidationError):  # and it cannot be forced
        concerns.acknowledge(cid, expected_version=concerns.get(cid).version, over_theirs=True)
    assert concerns.get(cid).resolution == "Replaced the latch"


def test_without_a_version_a_second_resolution_is_refused_as_before(opened):
    cid, seen = opened
    concerns.resolve(cid, "Replaced the latch")
    with pytest.raises(ValidationError):
        concerns.resolve(cid, "again")
    with pytest.raises(ValidationError):  # keep mine needs the version that was shown
        concerns.resolve(cid, "again", over_theirs=True)
    with pytest.raises(ValidationError):  # the version seen already said it was resolved: no conflict, a refusal
        concerns.resolve(cid, "again", expected_version=concerns.get(cid).version)
    assert concerns.get(cid).resolution == "Replaced the latch"


def _resolved(opened) -> int:
    cid, _seen = opened
    concerns.resolve(cid, "Replaced the latch")
    return cid


def test_a_concern_reopened_on_another_pc_is_not_reopened_again(opened):
    cid = _resolved(opened)
    dorothy = Concern.get_by_id(cid).customer_id
    clock.set_now(dt.datetime(2026, 11, 18, 10, 2))
    _elsewhere("Priya Shah")
    first = concerns.raise_concern(dorothy, "The gate was open again this morning", reopens_id=cid)
    _elsewhere("Sam Ortiz")
    clock.set_now(dt.datetime(2026, 11, 18, 10, 5))
    with pytest.raises(ValidationError) as err:
        concerns.raise_concern(dorothy, "Still the gate", reopens_id=cid)
    said = str(err.value)
    assert f"Dorothy Finch's concern was already reopened by Priya Shah on {session.computer()} (Nov 18, 2026, 10:02" in said
    assert "Nothing of yours was saved" in said
    assert [c.id for c in Concern.select().where(Concern.reopens == cid)] == [first]  # one reopening on the history
    assert Concern.select().where(Concern.customer == dorothy).count() == 2
    assert concerns.get(cid).fix_failed


def test_who_reopened_it_is_left_out_once_the_reopening_was_acknowledged_by_someone_else(opened):
    cid = _resolved(opened)
    dorothy = Concern.get_by_id(cid).customer_id
    _elsewhere("Priya Shah")
    again = concerns.raise_concern(dorothy, "The gate was open again", reopens_id=cid)
    _elsewhere("Maria Keller")
    concerns.acknowledge(again)
    _elsewhere("Sam Ortiz")
    with pytest.raises(ValidationError) as err:
        concerns.raise_concern(dorothy, "Still the gate", reopens_id=cid)
    said = str(err.value)
    assert "Dorothy Finch's concern was already reopened (Nov" in said and "Priya" not in said and "Maria" not in said
    assert Concern.select().where(Concern.reopens == cid).count() == 1


def test_closing_a_second_follow_up_with_still_wrong_is_refused_once_it_was_reopened(opened):
    from servicedesk.core.services import followups

    cid = _resolved(opened)
    owed = FollowUp.get(FollowUp.concern == cid).id
    dorothy = Concern.get_by_id(cid).customer_id
    second = followups.owed(dorothy, "manual", "Ask whether the latch holds", clock.today(), concern_id=cid)
    _elsewhere("Priya Shah")
    followups.complete(owed, "She says it is not fixed", still_wrong="The gate still swings open")
    _elsewhere("Sam Ortiz")
    with pytest.raises(ValidationError, match="already reopened by Priya Shah"):
        followups.complete(second, "Not fixed", still_wrong="The gate again")
    assert Concern.select().where(Concern.reopens == cid).count() == 1
    assert FollowUp.get_by_id(second).done_at is None  # nothing of it was saved
