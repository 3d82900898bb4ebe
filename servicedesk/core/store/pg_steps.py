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
    # Pesticide application records kept for the office's years (the SQLite triggers of step 9).
    "s0009_application_records_kept": """
CREATE FUNCTION application_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    years integer;
    started timestamp;
BEGIN
    SELECT (value::json->>'application_retention_years')::integer INTO years FROM setting WHERE key = 'office';
    years := COALESCE(years, 3);
    IF TG_TABLE_NAME = 'visit' THEN
        IF EXISTS (SELECT 1 FROM product_applied WHERE visit_id = OLD.id) THEN
            started := OLD.starts_at;
        END IF;
    ELSE
        SELECT starts_at INTO started FROM visit WHERE id = OLD.visit_id;
    END IF;
    IF started IS NOT NULL AND started >= LOCALTIMESTAMP - make_interval(years => years) THEN
        RAISE EXCEPTION 'Pesticide applications are kept for the years set in Preferences (How the office works); this one is too recent to delete.';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER visit_applications_kept BEFORE DELETE ON visit FOR EACH ROW EXECUTE FUNCTION application_kept();
CREATE TRIGGER product_applied_kept BEFORE DELETE ON product_applied FOR EACH ROW EXECUTE FUNCTION application_kept();
""",
}
