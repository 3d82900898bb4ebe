"""Step 11: pesticide application records are kept for the years the office sets (three unless changed).

A state inspector may ask for any application of the last years. A visit with applications, or an
application itself, cannot be deleted while it is younger than the office's setting
(``application_retention_years`` in Preferences): the database refuses, whatever asks, and a
customer's deletion that would take such a visit with it is refused whole.
"""

_CUTOFF = ("datetime('now', '-' || COALESCE((SELECT json_extract(\"value\", '$.application_retention_years')"
           " FROM \"setting\" WHERE \"key\" = 'office'), 3) || ' years')")
_REFUSED = ("Pesticide applications are kept for the years set in Preferences (How the office works); "
            "this one is too recent to delete.")

SQL = f"""
CREATE TRIGGER "visit_applications_kept" BEFORE DELETE ON "visit"
WHEN EXISTS (SELECT 1 FROM "product_applied" WHERE "visit_id" = OLD."id") AND OLD."starts_at" >= {_CUTOFF}
BEGIN SELECT RAISE(ABORT, '{_REFUSED}'); END;
CREATE TRIGGER "product_applied_kept" BEFORE DELETE ON "product_applied"
WHEN (SELECT "starts_at" FROM "visit" WHERE "id" = OLD."visit_id") >= {_CUTOFF}
BEGIN SELECT RAISE(ABORT, '{_REFUSED}'); END;
"""
