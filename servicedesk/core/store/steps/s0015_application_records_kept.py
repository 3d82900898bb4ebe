"""Step 15: pesticide application records are kept for the years the office sets (three unless changed).

A state inspector may ask for any application of the last years. A ``pest_application`` row (step 11)
cannot be deleted while it is younger than the office's setting (``application_retention_years``
in Preferences), counted from the day it was applied; nor can the visit that holds such a row: the
database refuses, whatever asks, and a customer's deletion that would take such a visit with it is
refused whole.
"""

_CUTOFF = ("datetime('now', '-' || COALESCE((SELECT json_extract(\"value\", '$.application_retention_years')"
           " FROM \"setting\" WHERE \"key\" = 'office'), 3) || ' years')")
_REFUSED = ("Pesticide applications are kept for the years set in Preferences (How the office works); "
            "this one is too recent to delete.")

SQL = f"""
CREATE TRIGGER "visit_applications_kept" BEFORE DELETE ON "visit"
WHEN EXISTS (SELECT 1 FROM "pest_application" WHERE "visit_id" = OLD."id" AND "applied_at" >= {_CUTOFF})
BEGIN SELECT RAISE(ABORT, '{_REFUSED}'); END;
CREATE TRIGGER "pest_application_kept" BEFORE DELETE ON "pest_application"
WHEN OLD."applied_at" >= {_CUTOFF}
BEGIN SELECT RAISE(ABORT, '{_REFUSED}'); END;
"""
