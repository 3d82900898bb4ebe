"""Step 3: an index for given names, so one or two typed letters find people without scanning everyone."""

SQL = """
CREATE INDEX IF NOT EXISTS "customer_name_nocase" ON "customer" ("name" COLLATE NOCASE);
"""
