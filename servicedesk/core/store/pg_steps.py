"""PostgreSQL text of the schema steps that use SQLite-only SQL with no mechanical translation.

Keyed by the step module's name. Each entry does on PostgreSQL what the step does on SQLite,
so both engines reach the same schema version with the same behaviour.
"""

_DIGITS = "translate({0}, ' -()+./', '')"


def _body(row: str) -> str:
    return " || ' ' || ".join(f"{row}.{col}" for col in ("name", "company", "email", "street", "city", "postcode",
                                                           "notes"))


def _phones(row: str) -> str:
    return f"{_DIGITS.format(row + '.phone')} || ' ' || {_DIGITS.format(row + '.phone_e164')}"


SQL = {
    # A trigram index over customers kept by a trigger: pg_trgm (a trusted extension since
    # PostgreSQL 13, so the database's owner may create it) serves ILIKE '%word%'.
    "s0002_customer_search": f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE customer_search (id INTEGER NOT NULL PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
                              body TEXT NOT NULL, phones TEXT NOT NULL);
INSERT INTO customer_search (id, body, phones) SELECT c.id, {_body('c')}, {_phones('c')} FROM customer c;
CREATE FUNCTION customer_search_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customer_search (id, body, phones) VALUES (NEW.id, {_body('NEW')}, {_phones('NEW')})
    ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, phones = EXCLUDED.phones;
    RETURN NULL;
END $$;
CREATE TRIGGER customer_search_insert AFTER INSERT ON customer FOR EACH ROW EXECUTE FUNCTION customer_search_keep();
CREATE TRIGGER customer_search_update AFTER UPDATE OF name, company, email, street, city, postcode, notes, phone,
    phone_e164 ON customer FOR EACH ROW EXECUTE FUNCTION customer_search_keep();
CREATE INDEX customer_search_body ON customer_search USING gin (body gin_trgm_ops);
CREATE INDEX customer_search_phones ON customer_search USING gin (phones gin_trgm_ops);
""",
    # One or two typed letters: prefix matches on the lower-cased name and on sort_name from an index.
    "s0003_customer_name_index": """
CREATE INDEX IF NOT EXISTS "customer_name_nocase" ON "customer" (lower("name") text_pattern_ops);
CREATE INDEX IF NOT EXISTS "customer_sort_name_pattern" ON "customer" ("sort_name" text_pattern_ops);
""",
}
