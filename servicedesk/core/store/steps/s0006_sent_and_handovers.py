"""Step 6: a document records when, how and by whom it was sent; technicians' hand-overs.

A written PDF is not contact with the customer until it is printed, handed over, posted or
emailed; a technician leaving opens a hand-over of their customers.
"""

SQL = """
ALTER TABLE "document" ADD COLUMN "sent_at" DATETIME;
ALTER TABLE "document" ADD COLUMN "sent_how" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "document" ADD COLUMN "sent_by_id" INTEGER REFERENCES "staff" ("id") ON DELETE SET NULL;
CREATE INDEX "document_sent_by_id" ON "document" ("sent_by_id");
UPDATE "document" SET "sent_at" = "created_at", "sent_how" = 'printed';
CREATE TABLE "handover" ("id" INTEGER NOT NULL PRIMARY KEY, "staff_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "first_day" DATE NOT NULL, "last_day" DATE, "opened_at" DATETIME NOT NULL, "closed_at" DATETIME, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE CASCADE);
CREATE INDEX "handover_staff_id" ON "handover" ("staff_id");
CREATE TABLE "handover_item" ("id" INTEGER NOT NULL PRIMARY KEY, "handover_id" INTEGER NOT NULL, "customer_id" INTEGER NOT NULL, "proposed_id" INTEGER, "successor_id" INTEGER, "confirmed_at" DATETIME, "confirmed_by_id" INTEGER, "follow_up_id" INTEGER, FOREIGN KEY ("handover_id") REFERENCES "handover" ("id") ON DELETE CASCADE, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE, FOREIGN KEY ("proposed_id") REFERENCES "staff" ("id") ON DELETE SET NULL, FOREIGN KEY ("successor_id") REFERENCES "staff" ("id") ON DELETE SET NULL, FOREIGN KEY ("confirmed_by_id") REFERENCES "staff" ("id") ON DELETE SET NULL, FOREIGN KEY ("follow_up_id") REFERENCES "follow_up" ("id") ON DELETE SET NULL);
CREATE INDEX "handover_item_handover_id" ON "handover_item" ("handover_id");
CREATE INDEX "handover_item_customer_id" ON "handover_item" ("customer_id");
CREATE INDEX "handover_item_proposed_id" ON "handover_item" ("proposed_id");
CREATE INDEX "handover_item_successor_id" ON "handover_item" ("successor_id");
CREATE INDEX "handover_item_confirmed_by_id" ON "handover_item" ("confirmed_by_id");
CREATE INDEX "handover_item_follow_up_id" ON "handover_item" ("follow_up_id");
CREATE UNIQUE INDEX "handover_item_handover_id_customer_id" ON "handover_item" ("handover_id", "customer_id");
"""
