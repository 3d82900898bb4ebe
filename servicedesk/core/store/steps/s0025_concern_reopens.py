"""Step 25: a concern the customer raises again after its fix failed names the concern it reopens.

Closing the follow-up after a fix with "still wrong" raises a new concern in the customer's words;
it now names the resolved concern whose fix failed, so the owner's report no longer counts that
resolution as kept. Concerns raised before this step reopen nothing (``NULL``).
"""

SQL = """
ALTER TABLE "concern" ADD COLUMN "reopens_id" INTEGER REFERENCES "concern" ("id") ON DELETE SET NULL;
CREATE INDEX "concern_reopens_id" ON "concern" ("reopens_id");
"""
