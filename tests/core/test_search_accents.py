"""Search ignores accents both ways: "muller" finds "Müller" and "Muller", and so does "Müller", on both engines."""

import itertools

import pytest

from servicedesk.core.services import customers
from servicedesk.core.store import close_database, dialect, open_database, schema
from servicedesk.core.store.db import connect, database
from servicedesk.core.store.folding import FOLDS, fold

PEOPLE = ("Hans Müller", "Anna Muller", "Greta Müller", "Ida Muller", "José Garcia", "Jose Alvarez", "Zoë Adams",
          "François Petit", "Frank Francis", "Maria Straße", "Bob Baker", "Cy Young", "Di Moss")

FOUND = {
    "muller": {"Hans Müller", "Anna Muller", "Greta Müller", "Ida Muller"},
    "Müller": {"Hans Müller", "Anna Muller", "Greta Müller", "Ida Muller"},
    "MÜLLER": {"Hans Müller", "Anna Muller", "Greta Müller", "Ida Muller"},
    "mül": {"Hans Müller", "Anna Muller", "Greta Müller", "Ida Muller"},
    "jose": {"José Garcia", "Jose Alvarez"},
    "José": {"José Garcia", "Jose Alvarez"},
    "jose garc": {"José Garcia"},
    "garcia sé": {"José Garcia"},  # a short word beside a longer one: looked for in the names, accents folded
    "muller gr": {"Greta Müller"},
    "zoe": {"Zoë Adams"},
    "Zoë": {"Zoë Adams"},
    "Francois": {"François Petit"},
    "françois": {"François Petit"},
    "strasse": {"Maria Straße"},
    "straße": {"Maria Straße"},
}


def _names(ids):
    return {row.name for row in customers.rows(ids)}


@pytest.mark.parametrize("typed", list(FOUND))
@pytest.mark.parametrize("walked", [None, 4])
def test_a_name_is_found_typed_with_or_without_its_accents(db, typed, walked, monkeypatch):
    if walked:  # as in an office large enough that a search much of it matches is found by walking the list
        monkeypatch.setattr(customers, "WALK", walked)
        monkeypatch.setattr(customers, "DENSE", 2)
        monkeypatch.setattr(customers, "BROAD", 2)
    for name in PEOPLE:
        customers.create(name=name)
    everyone = customers.search_ids(typed)
    assert _names(everyone) == FOUND[typed]
    assert len(everyone) == len(FOUND[typed])
    assert customers.search_ids(typed, limit=2) == everyone[:2]
    assert customers.search_ids(typed, limit=2, descending=True) == everyone[::-1][:2]
    shown = [row.name for row in customers.rows(everyone)]
    assert set(shown) <= set(PEOPLE)  # names are listed as they were written


def test_a_customer_renamed_with_accents_is_found_without_them(db):
    baker = customers.create(name="Bob Baker", company="Bakery")
    customers.update(baker.id, baker.version, name="Bob Bäcker", company="Café Crème", street="Hauptstraße 4")
    for typed in ("backer", "Bäcker", "cafe creme", "café", "hauptstrasse", "bob ca"):
        assert customers.search_ids(typed) == [baker.id], typed
    assert customers.search_ids("baker") == []


def test_every_letter_the_search_folds_is_folded_in_the_index_as_in_what_is_typed(db):
    letters = "".join(letter for letter in FOLDS if letter.isalpha())
    accented = customers.create(name="Ann Lee", notes=f"x{letters}x").id
    customers.create(name="Bea Xu", notes="nothing of the sort")
    key = "rowid" if dialect.current() is dialect.SQLITE else "id"
    body = database.execute_sql(f"SELECT body FROM customer_search WHERE {key} = ?", (accented,)).fetchone()[0]
    assert f"x{fold(letters)}x" in body
    assert not set(body) & set(FOLDS)
    assert customers.search_ids(letters) == [accented]
    assert customers.search_ids(fold(letters)) == [accented]
    decomposed = customers.create(name="Rene\u0301 Noe\u0308l").id  # accents written as combining marks
    assert customers.search_ids("rené noël") == [decomposed]
    assert customers.search_ids("noel") == [decomposed]


_numbers = itertools.count(1)


@pytest.fixture
def old_office(request, backend, db_path):
    """Where an office made by the program before its search folded accents lives (at schema 25)."""
    if backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        name = f"before_folding_{next(_numbers)}"
        yield cluster.create_database(name)
        close_database()
        cluster.drop_database(name)
    else:
        yield db_path
        close_database()


def test_an_office_made_before_accents_were_folded_finds_its_customers_after_the_upgrade(old_office):
    db = connect(old_office)
    database.initialize(db)
    schema.upgrade(db, target=25)
    made = {name: customers.create(name=name, company="Café Lumière" if name == "José Garcia" else "").id
            for name in ("Hans Müller", "Anna Muller", "José Garcia", "Bob Baker")}
    close_database()

    open_database(old_office)
    assert schema.current_version(database.obj) == schema.SCHEMA_VERSION
    both = {made["Hans Müller"], made["Anna Muller"]}
    assert set(customers.search_ids("muller")) == both
    assert set(customers.search_ids("Müller")) == both
    assert customers.search_ids("jose") == customers.search_ids("José") == [made["José Garcia"]]
    assert customers.search_ids("cafe lumiere") == [made["José Garcia"]]
    assert customers.search_ids("garcia se") == [made["José Garcia"]]
    assert customers.search_ids("baker") == [made["Bob Baker"]]
    zoe = customers.create(name="Zoë Adams").id
    assert customers.search_ids("zoe") == customers.search_ids("Zoë") == [zoe]
