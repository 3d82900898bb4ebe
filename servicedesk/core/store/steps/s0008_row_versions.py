"""Step 8: concerns and projects carry a version like customers, and all three say who changed them last.

Several PCs may open the same record; a save names the version it started from, so a newer
save by someone else is shown (who, what, when) instead of being overwritten.
"""

SQL = """
ALTER TABLE "customer" ADD COLUMN "changed_by" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "concern" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "concern" ADD COLUMN "changed_by" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "concern" ADD COLUMN "changed_at" DATETIME;
ALTER TABLE "project" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "project" ADD COLUMN "changed_by" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "project" ADD COLUMN "changed_at" DATETIME;
"""
