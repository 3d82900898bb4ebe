"""Step 2: a trigram full-text index over customers, kept by triggers.

``body`` holds the words (name, company, email, address, notes); ``phones`` holds the
digits of the typed and the E.164 number, so "555 123-4567" finds "+1 555-123-4567".
"""


def _digits(expr: str) -> str:
    for ch in (" ", "-", "(", ")", "+", ".", "/"):
        expr = f"replace({expr}, '{ch}', '')"
    return expr


def _values(row: str) -> str:
    body = " || ' ' || ".join(
        f"{row}.{col}" for col in ("name", "company", "email", "street", "city", "postcode", "notes")
    )
    phones = f"{_digits(row + '.phone')} || ' ' || {_digits(row + '.phone_e164')}"
    return f"{row}.id, {body}, {phones}"


SQL = f"""
CREATE VIRTUAL TABLE customer_search USING fts5(body, phones, tokenize = 'trigram');
INSERT INTO customer_search(rowid, body, phones) SELECT {_values('customer')} FROM customer;
CREATE TRIGGER customer_search_insert AFTER INSERT ON customer BEGIN
    INSERT INTO customer_search(rowid, body, phones) VALUES ({_values('new')});
END;
CREATE TRIGGER customer_search_update AFTER UPDATE OF name, company, email, street, city, postcode, notes, phone, phone_e164 ON customer BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    INSERT INTO customer_search(rowid, body, phones) VALUES ({_values('new')});
END;
CREATE TRIGGER customer_search_delete AFTER DELETE ON customer BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
END;
"""
