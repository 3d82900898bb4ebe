"""Step 26: the search index holds each customer's text with its accents folded away, so that "muller" finds
"Müller" (what is typed is folded alike, ``servicedesk.core.store.folding``), and every customer is indexed again.

``body`` and ``phones`` are as in step 2; ``names`` (the name and the company, folded, not indexed) is where a
short typed word is looked for in an accented name. SQLite cannot nest the folding's ``replace()`` calls deep
enough in one expression: a chain of views on the customer table folds a run of letters each, and the triggers
read a customer's indexed text from the last of them. Text without an accented letter skips the chain.

The step's PostgreSQL text is in ``servicedesk.core.store.pg_steps``.
"""

from servicedesk.core.store import folding

COLUMNS = ("name", "company", "email", "street", "city", "postcode", "notes")


def _digits(expr: str) -> str:
    for ch in (" ", "-", "(", ")", "+", ".", "/"):
        expr = f"replace({expr}, '{ch}', '')"
    return expr


def _views() -> str:
    body = " || ' ' || ".join(COLUMNS)
    phones = f"{_digits('phone')} || ' ' || {_digits('phone_e164')}"
    views = [f"CREATE VIEW customer_search_fold_0 AS SELECT id, {body} AS plain_body, name || ' ' || company AS"
             f" plain_names, {phones} AS phones, {body} AS body, name || ' ' || company AS names FROM customer;"]
    body_runs, names_runs = folding.sqlite_runs("body"), folding.sqlite_runs("names")
    for number, (body_run, names_run) in enumerate(zip(body_runs, names_runs), start=1):
        views.append(f"CREATE VIEW customer_search_fold_{number} AS SELECT id, plain_body, plain_names, phones,"
                     f" {body_run} AS body, {names_run} AS names FROM customer_search_fold_{number - 1};")
    accented = f"GLOB '*{folding.ACCENTED}*'"
    views.append(f"CREATE VIEW customer_search_text AS SELECT id,"
                 f" CASE WHEN plain_body {accented} THEN body ELSE plain_body END AS body, phones,"
                 f" CASE WHEN plain_names {accented} THEN names ELSE plain_names END AS names"
                 f" FROM customer_search_fold_{len(body_runs)};")
    return "\n".join(views)


_INDEX = ("INSERT INTO customer_search(rowid, body, phones, names)"
          " SELECT id, body, phones, names FROM customer_search_text")

SQL = f"""
DROP TRIGGER customer_search_insert;
DROP TRIGGER customer_search_update;
DROP TRIGGER customer_search_delete;
DROP TABLE customer_search;
{_views()}
CREATE VIRTUAL TABLE customer_search USING fts5(body, phones, names UNINDEXED, tokenize = 'trigram');
{_INDEX};
INSERT INTO customer_search(customer_search) VALUES ('optimize');
CREATE TRIGGER customer_search_insert AFTER INSERT ON customer BEGIN
    {_INDEX} WHERE id = new.id;
END;
CREATE TRIGGER customer_search_update AFTER UPDATE OF name, company, email, street, city, postcode, notes, phone, phone_e164 ON customer BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    {_INDEX} WHERE id = new.id;
END;
CREATE TRIGGER customer_search_delete AFTER DELETE ON customer BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
END;
"""
