"""Saving a whole profile: fields, sites, contacts, what matters and goals together, or nothing."""

import pytest

from servicedesk.core.errors import ConflictError, ValidationError
from servicedesk.core.services import customers


def _profile(customer_id):
    return customers.get(customer_id)


def test_everything_is_saved_together(dorothy, sam):
    p = _profile(dorothy)
    result = customers.save_profile(
        dorothy, p.version, {"best_time": "Mornings before 10", "preferred_channel": "text"},
        sites=[{"id": p.sites[0].id, "label": "Shop", "street": "12 Market Street", "city": "Riverton",
                "postcode": "45002", "access_notes": "Back door, code 4411"},
               {"label": "Home", "street": "3 Elm Lane", "city": "Riverton", "access_notes": "Dog: Biscuit"}],
        contacts=[{"name": "Jim Finch", "role": "husband", "phone": "555 201 9999"}],
        what_matters=[{"id": p.what_matters[0].id, "kind": "same_technician", "technician_id": sam,
                       "words": p.what_matters[0].words},
                      {"kind": "call_before", "words": "Ring ten minutes before"}],
        goals=[{"kind": "goal", "text": "No mice before the Christmas season"},
               {"kind": "expect_excludes", "text": "Attic is not included"}],
    )
    assert result.version == p.version + 1
    q = _profile(dorothy)
    assert (q.best_time, q.preferred_channel) == ("Mornings before 10", "text")
    assert [(s.label, s.access_notes) for s in q.sites] == [("Shop", "Back door, code 4411"), ("Home", "Dog: Biscuit")]
    assert q.sites[0].id == p.sites[0].id
    assert [(c.name, c.phone) for c in q.contacts] == [("Jim Finch", "555 201 9999")]
    assert [w.kind for w in q.what_matters] == ["same_technician", "call_before"]
    assert [(g.kind, g.text) for g in q.goals] == [("goal", "No mice before the Christmas season"),
                                                   ("expect_excludes", "Attic is not included")]


def test_removed_items_go_and_what_matters_keeps_its_record(dorothy):
    p = _profile(dorothy)
    customers.save_profile(dorothy, p.version, {}, sites=[], what_matters=[], goals=[])
    q = _profile(dorothy)
    assert q.sites == () and q.what_matters == ()
    from servicedesk.core.store.models import WhatMatters

    assert WhatMatters.select().where(WhatMatters.customer == dorothy).count() == 1  # kept, inactive


def test_a_bad_site_names_itself_and_nothing_is_saved(dorothy):
    p = _profile(dorothy)
    with pytest.raises(ValidationError) as err:
        customers.save_profile(dorothy, p.version, {"name": "Dorothy F.", "email": "dorothy@"},
                               sites=[{"label": "Shop", "street": "12 Market Street"},
                                      {"label": "Barn", "access_notes": "gate"}],
                               what_matters=[{"kind": "same_technician", "words": "same one please"}])
    problems = err.value.problems
    assert "Site 2 (Barn): the street is required." == problems["sites.2"]
    assert "not valid" in problems["email"]
    assert "name the technician" in problems["what_matters.1"]
    q = _profile(dorothy)
    assert q.name == "Dorothy Finch" and q.version == p.version and len(q.what_matters) == 1


def test_conflict_leaves_children_untouched(dorothy):
    p = _profile(dorothy)
    customers.update(dorothy, p.version, notes="saved elsewhere first")
    with pytest.raises(ConflictError):
        customers.save_profile(dorothy, p.version, {"notes": "mine"},
                               goals=[{"kind": "goal", "text": "should not appear"}])
    q = _profile(dorothy)
    assert q.notes == "saved elsewhere first" and q.goals == ()


def test_new_customer_with_sites_in_one_go(office_db):
    result = customers.save_profile(None, None, {"name": "Walter Brown", "phone": "ask at the desk"},
                                    sites=[{"street": "3 Lake Road", "access_notes": "Pool gate code 1234"}])
    p = _profile(result.id)
    assert p.name == "Walter Brown" and p.sites[0].label == "Main"
    assert result.warnings and "could not be understood" in result.warnings[0]


def test_new_customer_needs_a_name(office_db):
    with pytest.raises(ValidationError) as err:
        customers.save_profile(None, None, {"company": "Brown Pools"})
    assert err.value.problems["name"] == "The customer's name is required."
    assert customers.count() == 0


def test_cancelled_needs_a_reason(dorothy):
    p = _profile(dorothy)
    with pytest.raises(ValidationError) as err:
        customers.save_profile(dorothy, p.version, {"status": "cancelled", "cancel_reason": "  "})
    assert "why the customer cancelled" in err.value.problems["cancel_reason"]


def test_contact_phone_is_found_by_search(dorothy):
    p = _profile(dorothy)
    customers.save_profile(dorothy, p.version, {}, contacts=[{"name": "Jim Finch", "phone": "(555) 777-3131"}])
    assert customers.search_ids("777 3131") == [dorothy]


def test_fit_check_is_kept(dorothy):
    p = _profile(dorothy)
    customers.save_profile(dorothy, p.version, {"fit_check": {"Wants a long-term relationship, not a one-off job": True},
                                                "fit_note": "Long-term, clear about the attic"})
    q = _profile(dorothy)
    assert q.fit_check == {"Wants a long-term relationship, not a one-off job": True}
    assert q.fit_note == "Long-term, clear about the attic"


def test_new_customer_address_becomes_the_main_site(office_db):
    result = customers.save_profile(None, None, {"name": "Gloria Mendes", "street": "9 Birch Street",
                                                 "city": "Millbrook"}, sites=[])
    assert [(s.label, s.street, s.city) for s in customers.get(result.id).sites] == [
        ("Main", "9 Birch Street", "Millbrook")]


def test_set_back_to_active_the_reason_for_cancelling_leaves_the_record_and_the_notes_keep_it(dorothy):
    import datetime as dt

    from servicedesk.core import clock

    clock.set_now(dt.datetime(2026, 10, 20, 10))
    p = _profile(dorothy)
    customers.save_profile(dorothy, p.version, {"status": "cancelled", "cancel_reason": "Moved the shop to Austin",
                                                "notes": "Prefers texts"})
    assert _profile(dorothy).cancel_reason == "Moved the shop to Austin"
    clock.set_now(dt.datetime(2026, 11, 30, 9))
    p = _profile(dorothy)
    # the form sends back what it shows: the reason still in its (disabled) field
    customers.save_profile(dorothy, p.version, {"status": "active", "cancel_reason": p.cancel_reason,
                                                "notes": p.notes})
    back = _profile(dorothy)
    assert (back.status, back.cancel_reason) == ("active", "")
    assert back.notes == ("Prefers texts\n"
                          "Cancelled on Oct 20, 2026 (“Moved the shop to Austin”); active again from Nov 30, 2026.")
    # saved again, nothing more is added; cancelling again asks for a reason of its own
    customers.save_profile(dorothy, back.version, {"status": "active", "notes": back.notes})
    assert _profile(dorothy).notes == back.notes
    with pytest.raises(ValidationError):
        customers.save_profile(dorothy, _profile(dorothy).version, {"status": "cancelled"})
