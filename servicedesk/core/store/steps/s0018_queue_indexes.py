"""Step 18: indexes of just the rows today's queue looks for.

The customers with a contact rhythm of their own, by their last contact: "not contacted" walks
only these instead of every active customer. The follow-ups not done yet, by the day they are
due: the queue reads the ones due by today without stepping over every follow-up done before.
"""

SQL = """
CREATE INDEX IF NOT EXISTS "customer_own_rhythm" ON "customer" ("last_contact_at") WHERE ("contact_rhythm_days" IS NOT NULL);
CREATE INDEX IF NOT EXISTS "follow_up_open_due_on" ON "follow_up" ("due_on") WHERE ("done_at" IS NULL);
"""
