"""Step 17: a milestone carries a version and says who changed it last, and when.

Milestones are changed one field at a time; a change names the value the person saw, so a field
another PC changed meanwhile is shown (who, what, when) instead of being overwritten, and saving
yours over theirs names the version that was shown.
"""

SQL = """
ALTER TABLE "milestone" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "milestone" ADD COLUMN "changed_by" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "milestone" ADD COLUMN "changed_at" DATETIME;
"""
