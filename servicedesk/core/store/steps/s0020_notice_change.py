"""Step 20: a change notice names the change it tells the customer of.

When a visit is changed again before its notice was sent, the new notice replaces the waiting one
and tells of the change from what the customer was last told; the change the waiting notice named
keeps that. A change back to what the customer was told needs no notice at all.
"""

SQL = """
ALTER TABLE "draft" ADD COLUMN "change_id" INTEGER REFERENCES "visit_change" ("id") ON DELETE SET NULL;
CREATE INDEX "draft_change_id" ON "draft" ("change_id");
"""
