"""Sorting and searching the list in SQL: the customers without a value come last, filtered or not."""

import datetime as dt

import pytest

from servicedesk.core.services import customers
from servicedesk.core.store.models import Customer


def test_next_visit_sort_puts_customers_without_one_last(office_db):
    ids = {}
    for name, when in (("Ann Lee", dt.datetime(2026, 3, 9)), ("Bob Stone", None), ("Cy Young", dt.datetime(2026, 3, 4)),
                       ("Al Zed", None)):
        ids[name] = customers.create(name=name, street="1 Main Street").id
        Customer.update(next_visit_at=when).where(Customer.id == ids[name]).execute()
    expected = [ids["Cy Young"], ids["Ann Lee"], ids["Bob Stone"], ids["Al Zed"]]
    assert customers.search_ids("", "next_visit") == expected
    assert customers.search_ids("main", "next_visit") == expected  # the filtered query agrees
    assert customers.search_ids("", "next_visit", descending=True) == expected[::-1]
    assert customers.search_ids("main", "next_visit", descending=True) == expected[::-1]


@pytest.mark.parametrize("few_without", [10, 1])  # found through the column's index, or by walking the names
def test_a_sorts_first_screenful_is_the_start_of_the_whole_sorted_list(office_db, monkeypatch, few_without):
    monkeypatch.setattr(customers, "FEW_WITHOUT", few_without)
    for n, (name, when) in enumerate((("Ann Lee", 9), ("Bob Stone", None), ("Cy Young", 4), ("Al Zed", None),
                                      ("Di Main", 4), ("Ed Ray", None))):
        cid = customers.create(name=name, street="1 Main Street").id
        moment = None if when is None else dt.datetime(2026, 3, when, 9)
        Customer.update(next_visit_at=moment, last_contact_at=moment).where(Customer.id == cid).execute()
    for sort in ("next_visit", "last_contact"):
        for descending in (False, True):
            whole = customers.search_ids("", sort, descending=descending)
            assert len(whole) == 6
            for limit in (1, 2, 4):
                assert customers.search_ids("", sort, descending=descending, limit=limit) == whole[:limit]


def test_health_sort_and_short_words(office_db):
    low = customers.create(name="Jo Ng").id
    high = customers.create(name="Jo Ky").id
    Customer.update(health_score=40).where(Customer.id == low).execute()
    assert customers.search_ids("", "health") == [low, high]
    assert customers.search_ids("jo", "health", descending=True) == [high, low]


def test_technician_sort_puts_customers_without_one_last_and_reverses_whole(office_db):
    from servicedesk.core.services import technicians

    bea, al = technicians.create("Bea Quinn"), technicians.create("Al Moss")
    gone = technicians.create("Cal Gone")
    ids = {}
    for name, technician in (("Ann Lee", bea), ("Bob Stone", None), ("Cy Young", al), ("Di Main", bea),
                             ("Ed Ray", gone), ("Al Zed", None)):
        ids[name] = customers.create(name=name, street="1 Main Street", technician_id=technician).id
    from servicedesk.core.store.models import Staff

    Staff.delete().where(Staff.id == gone).execute()  # a technician removed: their customers have none now
    by_technician = [ids["Cy Young"], ids["Ann Lee"], ids["Di Main"]]  # Al Moss, then Bea Quinn's by id
    without = [ids["Ed Ray"], ids["Al Zed"], ids["Bob Stone"]]  # by name: Ed Ray sorts under "Ray"
    expected = by_technician + sorted(without, key=lambda i: customers.sort_name(customers.get(i).name))
    assert customers.search_ids("", "technician") == expected
    assert customers.search_ids("", "technician", descending=True) == expected[::-1]
    for descending in (False, True):
        whole = customers.search_ids("", "technician", descending=descending)
        assert customers.search_ids("", "technician", descending=descending, limit=2) == whole[:2]
        assert customers.search_ids("main", "technician", descending=descending) == whole  # filtered agrees
