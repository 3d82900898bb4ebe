"""PostgreSQL text of the schema steps that use SQLite-only SQL with no mechanical translation.

Keyed by the step module's name. Each entry does on PostgreSQL what the step does on SQLite,
so both engines reach the same schema version with the same behaviour.
"""

from servicedesk.core.store import folding

_DIGITS = "translate({0}, ' -()+./', '')"


def _body(row: str) -> str:
    return " || ' ' || ".join(f"{row}.{col}" for col in ("name", "company", "email", "street", "city", "postcode",
                                                           "notes"))


def _phones(row: str) -> str:
    return f"{_DIGITS.format(row + '.phone')} || ' ' || {_DIGITS.format(row + '.phone_e164')}"


def _names(row: str) -> str:
    return f"{row}.name || ' ' || {row}.company"


def _pairs(row: str) -> str:
    return f"letter_pairs(lower({row}.name)) || letter_pairs(lower({row}.company))"


def _folded_pairs(row: str) -> str:
    return f"letter_pairs(lower(search_folded({row}.name))) || letter_pairs(lower(search_folded({row}.company)))"


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
    # Live updates between PCs: which table changed, and which program changed it (so it can skip its own).
    # A table added later that the panes show needs the same three triggers in its own step.
    # Statements that change no row send nothing; notifications go out when the transaction commits,
    # once per distinct payload.
    "s0009_change_signals": """
CREATE FUNCTION servicedesk_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        PERFORM pg_notify('servicedesk', TG_TABLE_NAME || ' ' || current_setting('application_name'));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER customer_inserted AFTER INSERT ON "customer" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER customer_updated AFTER UPDATE ON "customer" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER customer_deleted AFTER DELETE ON "customer" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER contact_inserted AFTER INSERT ON "contact" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER contact_updated AFTER UPDATE ON "contact" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER contact_deleted AFTER DELETE ON "contact" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER site_inserted AFTER INSERT ON "site" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER site_updated AFTER UPDATE ON "site" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER site_deleted AFTER DELETE ON "site" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER what_matters_inserted AFTER INSERT ON "what_matters" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER what_matters_updated AFTER UPDATE ON "what_matters" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER what_matters_deleted AFTER DELETE ON "what_matters" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER customer_goal_inserted AFTER INSERT ON "customer_goal" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER customer_goal_updated AFTER UPDATE ON "customer_goal" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER customer_goal_deleted AFTER DELETE ON "customer_goal" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER visit_inserted AFTER INSERT ON "visit" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER visit_updated AFTER UPDATE ON "visit" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER visit_deleted AFTER DELETE ON "visit" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER visit_change_inserted AFTER INSERT ON "visit_change" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER visit_change_updated AFTER UPDATE ON "visit_change" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER visit_change_deleted AFTER DELETE ON "visit_change" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER service_plan_inserted AFTER INSERT ON "service_plan" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER service_plan_updated AFTER UPDATE ON "service_plan" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER service_plan_deleted AFTER DELETE ON "service_plan" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER time_off_inserted AFTER INSERT ON "time_off" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER time_off_updated AFTER UPDATE ON "time_off" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER time_off_deleted AFTER DELETE ON "time_off" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER staff_inserted AFTER INSERT ON "staff" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER staff_updated AFTER UPDATE ON "staff" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER staff_deleted AFTER DELETE ON "staff" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER concern_inserted AFTER INSERT ON "concern" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER concern_updated AFTER UPDATE ON "concern" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER concern_deleted AFTER DELETE ON "concern" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER interaction_inserted AFTER INSERT ON "interaction" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER interaction_updated AFTER UPDATE ON "interaction" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER interaction_deleted AFTER DELETE ON "interaction" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER follow_up_inserted AFTER INSERT ON "follow_up" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER follow_up_updated AFTER UPDATE ON "follow_up" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER follow_up_deleted AFTER DELETE ON "follow_up" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER draft_inserted AFTER INSERT ON "draft" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER draft_updated AFTER UPDATE ON "draft" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER draft_deleted AFTER DELETE ON "draft" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER document_inserted AFTER INSERT ON "document" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER document_updated AFTER UPDATE ON "document" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER document_deleted AFTER DELETE ON "document" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER project_inserted AFTER INSERT ON "project" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER project_updated AFTER UPDATE ON "project" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER project_deleted AFTER DELETE ON "project" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER milestone_inserted AFTER INSERT ON "milestone" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER milestone_updated AFTER UPDATE ON "milestone" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER milestone_deleted AFTER DELETE ON "milestone" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER setting_inserted AFTER INSERT ON "setting" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER setting_updated AFTER UPDATE ON "setting" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER setting_deleted AFTER DELETE ON "setting" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER template_inserted AFTER INSERT ON "template" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER template_updated AFTER UPDATE ON "template" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER template_deleted AFTER DELETE ON "template" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER queue_snooze_inserted AFTER INSERT ON "queue_snooze" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER queue_snooze_updated AFTER UPDATE ON "queue_snooze" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER queue_snooze_deleted AFTER DELETE ON "queue_snooze" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER handover_inserted AFTER INSERT ON "handover" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER handover_updated AFTER UPDATE ON "handover" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER handover_deleted AFTER DELETE ON "handover" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER handover_item_inserted AFTER INSERT ON "handover_item" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER handover_item_updated AFTER UPDATE ON "handover_item" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
CREATE TRIGGER handover_item_deleted AFTER DELETE ON "handover_item" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_changed();
""",
    # Pesticide application records kept for the office's years (the SQLite triggers of step 15).
    "s0015_application_records_kept": """
CREATE FUNCTION application_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    years integer;
    cutoff timestamp;
    kept boolean;
BEGIN
    SELECT (value::json->>'application_retention_years')::integer INTO years FROM setting WHERE key = 'office';
    cutoff := LOCALTIMESTAMP - make_interval(years => COALESCE(years, 3));
    IF TG_TABLE_NAME = 'visit' THEN
        kept := EXISTS (SELECT 1 FROM pest_application WHERE visit_id = OLD.id AND applied_at >= cutoff);
    ELSE
        kept := OLD.applied_at >= cutoff;
    END IF;
    IF kept THEN
        RAISE EXCEPTION 'Pesticide applications are kept for the years set in Preferences (How the office works); this one is too recent to delete.';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER visit_applications_kept BEFORE DELETE ON visit FOR EACH ROW EXECUTE FUNCTION application_kept();
CREATE TRIGGER pest_application_kept BEFORE DELETE ON pest_application FOR EACH ROW EXECUTE FUNCTION application_kept();
""",
    # Type-ahead on a server. The search index keeps each customer's sort name and name and company, so that a
    # search's matches are collected, tested and sorted there without reading every matching customer as well,
    # and the pairs of letters of the name and of the company (lower case): a trigram index has nothing to look
    # up for a two-letter word.
    # One typed letter: the first letter of the surname (sort_name) and of the given name, each followed by the
    # list's order.
    "s0019_type_ahead_indexes": f"""
CREATE FUNCTION letter_pairs(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT substr($1, i, 2)), '{{}}') FROM generate_series(1, length($1) - 1) AS i
$$;
ALTER TABLE customer_search ADD COLUMN sort_name TEXT, ADD COLUMN names TEXT, ADD COLUMN pairs TEXT[];
UPDATE customer_search s SET sort_name = c.sort_name, names = {_names('c')}, pairs = {_pairs('c')}
    FROM customer c WHERE c.id = s.id;
ALTER TABLE customer_search ALTER COLUMN sort_name SET NOT NULL, ALTER COLUMN names SET NOT NULL,
    ALTER COLUMN pairs SET NOT NULL;
CREATE OR REPLACE FUNCTION customer_search_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customer_search (id, body, phones, sort_name, names, pairs)
    VALUES (NEW.id, {_body('NEW')}, {_phones('NEW')}, NEW.sort_name, {_names('NEW')}, {_pairs('NEW')})
    ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, phones = EXCLUDED.phones, sort_name = EXCLUDED.sort_name,
                                   names = EXCLUDED.names, pairs = EXCLUDED.pairs;
    RETURN NULL;
END $$;
DROP TRIGGER customer_search_update ON customer;
CREATE TRIGGER customer_search_update AFTER UPDATE OF name, company, email, street, city, postcode, notes, phone,
    phone_e164, sort_name ON customer FOR EACH ROW EXECUTE FUNCTION customer_search_keep();
CREATE INDEX customer_search_pairs ON customer_search USING gin (pairs);
CREATE INDEX customer_surname_initial ON customer (substr(sort_name, 1, 1), sort_name, id);
CREATE INDEX customer_given_initial ON customer (substr(lower(name), 1, 1), sort_name, id);
ANALYZE customer_search;
ANALYZE customer;
""",
    # The search index holds the text with its accents folded away (``servicedesk.core.store.folding``; what is
    # typed is folded alike), by a function of the database's own, and the customers' text is folded again.
    "s0026_search_without_accents": f"""
CREATE FUNCTION search_folded(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT {folding.postgres_sql('$1')}
$$;
CREATE OR REPLACE FUNCTION customer_search_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customer_search (id, body, phones, sort_name, names, pairs)
    VALUES (NEW.id, search_folded({_body('NEW')}), {_phones('NEW')}, NEW.sort_name, search_folded({_names('NEW')}),
            {_folded_pairs('NEW')})
    ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, phones = EXCLUDED.phones, sort_name = EXCLUDED.sort_name,
                                   names = EXCLUDED.names, pairs = EXCLUDED.pairs;
    RETURN NULL;
END $$;
UPDATE customer_search s SET body = search_folded({_body('c')}), names = search_folded({_names('c')}),
    pairs = {_folded_pairs('c')}
    FROM customer c WHERE c.id = s.id AND ({_body('c')} || ' ' || {_names('c')}) ~ '{folding.ACCENTED}';
ANALYZE customer_search;
""",
}
