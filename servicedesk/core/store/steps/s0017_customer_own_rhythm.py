"""Step 17: the customers with a contact rhythm of their own, by their last contact.

"Not contacted" walks only these customers, oldest contact first, instead of every active customer,
so today's queue is counted without reading the whole customer table.
"""

SQL = """
CREATE INDEX IF NOT EXISTS "customer_own_rhythm" ON "customer" ("last_contact_at") WHERE ("contact_rhythm_days" IS NOT NULL);
"""
