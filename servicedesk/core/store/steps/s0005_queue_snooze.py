"""Step 5: a row of today's queue can be put off to a later day, with the reason (shown in the customer's history)."""

SQL = """
CREATE TABLE "queue_snooze" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "record_id" INTEGER NOT NULL, "until" DATE NOT NULL, "reason" TEXT NOT NULL, "staff_id" INTEGER, "created_at" DATETIME NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE SET NULL);
CREATE INDEX "queue_snooze_customer_id" ON "queue_snooze" ("customer_id");
CREATE INDEX "queue_snooze_until" ON "queue_snooze" ("until");
CREATE INDEX "queue_snooze_staff_id" ON "queue_snooze" ("staff_id");
"""
