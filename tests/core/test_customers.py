"""Customers: saving, validation messages, search over every field, and concurrent edits."""

import pytest

from servicedesk.core.errors import ConflictError, ValidationError
from servicedesk.core.services import customers


def test_name_is_required_and_nothing_is_saved(db):
    with pytest.raises(ValidationError) as err:
        customers.create(name="   ", email="not-an-email")
    assert "name is required" in str(err.value)
    assert "not valid" in err.value.problems["email"]
    assert customers.count() == 0


def test_unparseable_phone_is_a_warning_not_a_block(db):
    result = customers.create(name="Ann Lee", phone="call the shop")
    assert result.warnings and "could not be understood" in result.warnings[0]
    assert customers.get(result.id).phone == "call the shop"


def test_phone_stored_as_typed_and_e164(db):
    result = customers.create(name="Ann Lee", phone="(555) 123-4567")
    p = customers.get(result.id)
    assert (p.phone, p.phone_e164) == ("(555) 123-4567", "+15551234567")


@pytest.mark.parametrize("query", ["555 123-4567", "5551234567", "+1 555 123 4567", "123-45"])
def test_search_finds_phone_in_any_formatting(db, query):
    target = customers.create(name="Dorothy Finch", phone="+1 555-123-4567").id
    customers.create(name="Other Person", phone="+1 555-987-6543")
    assert customers.search_ids(query) == [target]


@pytest.mark.parametrize("query", ["finch", "Gifts", "market str", "dorothy@", "mice"])
def test_search_finds_name_company_street_email_notes(db, query):
    target = customers.create(name="Dorothy Finch", company="Finch's Gifts", street="12 Market Street",
                              email="dorothy@finch.example", notes="Mice behind the stockroom").id
    customers.create(name="Walter Brown", company="Brown Pools", street="3 Lake Road")
    assert customers.search_ids(query) == [target]


def test_search_is_updated_when_a_customer_changes(db):
    c = customers.create(name="Ann Lee")
    customers.update(c.id, c.version, name="Ann Marsh")
    assert customers.search_ids("marsh") == [c.id]
    assert customers.search_ids("lee") == []


def test_a_two_letter_word_beside_a_longer_one_is_looked_for_in_names_and_companies(db):
    # "oak st": "oak" anywhere (here mostly the street), "st" in the name or the company, in any case
    made = {}
    for name, company, street in (("Ann Stone", "", "1 Oak Street"), ("Bo Lee", "Best Pools", "2 Oak Road"),
                                  ("Cy Young", "", "3 Oak Street"),  # "st" only in the street
                                  ("Di Frost", "", "4 Elm Street"),  # no "oak"
                                  ("Ed West", "STAR CLEANING", "5 Oakwood Lane"), ("Fay Oakes", "Kastner", ""),
                                  ("Gil Mas", "Tile", "6 Oak Row")):  # "s t" across name and company is no "st"
        made[name] = customers.create(name=name, company=company, street=street)
    expected = [made[n].id for n in ("Bo Lee", "Fay Oakes", "Ann Stone", "Ed West")]  # by surname
    assert customers.search_ids("oak st") == expected
    assert customers.search_ids("Oak ST", limit=2) == expected[:2]
    assert customers.search_ids("oak st", descending=True, limit=3) == expected[::-1][:3]
    assert customers.search_ids("st oak", sort="city") == expected  # the same customers, whatever the order

    customers.update(made["Cy Young"].id, made["Cy Young"].version, name="Cy Stout")
    customers.update(made["Bo Lee"].id, made["Bo Lee"].version, company="Blue Pools")
    expected = [made[n].id for n in ("Fay Oakes", "Ann Stone", "Cy Young", "Ed West")]
    assert customers.search_ids("oak st", limit=10) == expected
    assert customers.search_ids("oak st") == expected


@pytest.mark.parametrize("descending", [False, True])
def test_one_typed_letter_finds_surnames_and_given_names_starting_with_it(db, descending):
    ids = {name: customers.create(name=name).id
           for name in ("Gary Adams", "Gina Garcia", "Ann Gray", "Bob Ng", "Greta Zed", "Al Bright", "gus lowe")}
    expected = [ids[n] for n in ("Gary Adams", "Gina Garcia", "Ann Gray", "gus lowe", "Greta Zed")]
    expected = expected[::-1] if descending else expected
    assert customers.search_ids("g", descending=descending) == expected
    assert customers.search_ids("G", descending=descending, limit=3) == expected[:3]
    assert customers.search_ids("g", descending=descending, limit=100) == expected


def test_a_search_lists_a_renamed_customer_under_the_new_name(db):
    ann = customers.create(name="Ann Adams", street="1 Mill Lane")
    bea = customers.create(name="Bea Brown", street="2 Mill Lane")
    assert customers.search_ids("mill", limit=10) == [ann.id, bea.id]
    customers.update(ann.id, ann.version, name="Ann Young")
    assert customers.search_ids("mill", limit=10) == [bea.id, ann.id]
    assert customers.search_ids("mill") == [bea.id, ann.id]


def test_sorting_happens_in_sql(db):
    for name in ("Carla Zed", "Abe Young", "Bea Xu"):
        customers.create(name=name)
    names = [r.name for r in customers.rows(customers.search_ids("", "name"))]
    assert names == ["Bea Xu", "Abe Young", "Carla Zed"]  # by surname
    names = [r.name for r in customers.rows(customers.search_ids("", "name", descending=True))]
    assert names == ["Carla Zed", "Abe Young", "Bea Xu"]


def test_second_save_of_the_same_version_is_refused(db):
    from servicedesk.core import session

    c = customers.create(name="Ann Lee")
    session.set_person("Maria Keller")
    try:
        customers.update(c.id, c.version, notes="first window")
    finally:
        session.set_person(None)
    with pytest.raises(ConflictError) as err:
        customers.update(c.id, c.version, notes="second window")
    assert f"changed by Maria Keller on {session.computer()}" in str(err.value)
    assert "theirs differs from yours in: notes" in str(err.value)
    assert err.value.differences == (("notes", "first window", "second window"),)
    assert customers.get(c.id).notes == "first window"
    # keeping mine is a knowing choice: saved over the version now there
    assert customers.update(c.id, err.value.version, notes="second window").version == 3
    assert customers.get(c.id).notes == "second window"


def test_what_matters_needs_the_technician(db):
    c = customers.create(name="Dorothy Finch")
    with pytest.raises(ValidationError):
        customers.add_what_matters(c.id, "same_technician", "Are you the one doing the service?")
    customers.add_what_matters(c.id, "call_before", "Ring me ten minutes before")
    assert [w.words for w in customers.get(c.id).what_matters] == ["Ring me ten minutes before"]


def test_summary_columns_follow_the_records(db):
    import datetime as dt

    from servicedesk.core import clock
    from servicedesk.core.store.models import Concern, Interaction, Visit

    clock.set_now(dt.datetime(2026, 3, 2, 9, 0))
    c = customers.create(name="Ann Lee").id
    Visit.create(customer=c, starts_at=dt.datetime(2026, 3, 9, 8), ends_at=dt.datetime(2026, 3, 9, 9))
    Visit.create(customer=c, starts_at=dt.datetime(2026, 2, 9, 8), ends_at=dt.datetime(2026, 2, 9, 9))
    Interaction.create(customer=c, occurred_at=dt.datetime(2026, 2, 20, 10), summary="call")
    Concern.create(customer=c, words="late again")
    customers.refresh_summary([c])
    row = customers.rows([c])[0]
    assert row.next_visit_at == dt.datetime(2026, 3, 9, 8)
    assert row.last_contact_at == dt.datetime(2026, 2, 20, 10)
    assert row.open_concerns == 1


@pytest.mark.parametrize("typed", ["smith", "smi", "sm", "smith j", "elm j", "s"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("walked", [None, 6])
def test_first_screenful_of_namesakes_is_the_start_of_the_list(db, typed, descending, walked, monkeypatch):
    # A surname many customers share sorts near the end of the list; the screenful shown at once is the
    # head of the whole list, by name and then in the order they were added. "walked": as in an office
    # large enough that a search much of it matches is found by walking the list's first names in order.
    if walked:
        monkeypatch.setattr(customers, "WALK", walked)
        monkeypatch.setattr(customers, "DENSE", 2)
        monkeypatch.setattr(customers, "BROAD", 3)
    for given in ("Zoe", "Jane", "Adam", "Jack", "Mia"):
        for n in range(3):
            customers.create(name=f"{given} Smith", street=f"{n} Elm Road")
    for name in ("Abe Young", "Bea Xu", "Carla Zed", "Sam Brown", "Smita Rao", "Walter Smithers"):
        customers.create(name=name)
    everyone = customers.search_ids(typed, descending=descending)
    rows = customers.rows(everyone)
    people = sorted(((customers.sort_name(r.name), r.id) for r in rows), reverse=descending)
    assert everyone == [i for _, i in people]
    expected = {"smith": 16, "smi": 17, "sm": 17, "smith j": 6, "elm j": 6, "s": 18}[typed]
    assert len(everyone) == expected
    assert customers.search_ids(typed, descending=descending, limit=4) == everyone[:4]
