"""The SQL fragments that read several rows in one statement, on both engines alike."""

import json

from servicedesk.core.services import technicians
from servicedesk.core.store import database, dialect


def test_rows_come_back_as_one_json_list_in_order_with_their_words_intact(db):
    names = ["Zoë O'Hara", 'Al "Fix-it" Kim', "Bea, the new one", "Émile Roux"]
    ids = {name: technicians.create(name) for name in names}
    engine = dialect.current()
    sql = "SELECT " + engine.json_rows("t.id, t.name, t.active", "FROM staff t WHERE t.role = 'technician'", "t.id DESC")
    rows = json.loads(database.execute_sql(sql).fetchone()[0])
    assert [r[:2] for r in rows] == [[ids[n], n] for n in reversed(names)]
    assert all(bool(r[2]) for r in rows)
    none = "SELECT " + engine.json_rows("t.id", "FROM staff t WHERE t.role = 'owner'", "t.id")
    assert json.loads(database.execute_sql(none).fetchone()[0]) == []


def test_one_of_finds_the_rows_whose_id_is_listed_however_many_there_are(db):
    ids = [technicians.create(f"Tech {n}") for n in range(30)]
    engine = dialect.current()
    for wanted in (ids[:1], ids[::3], ids):
        where, params = engine.one_of("id", wanted)
        found = [r[0] for r in database.execute_sql(f"SELECT id FROM staff WHERE {where} ORDER BY id", params)]
        assert found == sorted(wanted)


def test_letter_order_orders_names_letter_by_letter(db):
    for name in ("b", "B", "a", "A"):
        technicians.create(name)
    order = dialect.current().letter_order("name")
    assert [r[0] for r in database.execute_sql(f"SELECT name FROM staff ORDER BY {order}")] == ["A", "B", "a", "b"]
