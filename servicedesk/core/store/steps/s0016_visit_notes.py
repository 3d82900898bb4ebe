"""Step 16: a visit keeps the notes it came with, and where it came from.

Visits brought over from another program keep that program's notes and instructions (for a visit
that has not happened yet there is no "work done" to put them in), and a key naming the visit as
that program had it, so importing the same history again adds nothing twice.
"""

SQL = """
ALTER TABLE "visit" ADD COLUMN "notes" TEXT NOT NULL DEFAULT '';
ALTER TABLE "visit" ADD COLUMN "import_key" VARCHAR(255) NOT NULL DEFAULT '';
CREATE INDEX "visit_customer_id_import_key" ON "visit" ("customer_id", "import_key");
"""
