"""Step 14: the outbox of messages sent through the office's mail account, and how each customer is reached.

A customer may turn visit reminders off, and may have an email-to-SMS gateway address for texts.
"""

SQL = """
ALTER TABLE "customer" ADD COLUMN "visit_reminders" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "customer" ADD COLUMN "sms_address" VARCHAR(255) NOT NULL DEFAULT '';
CREATE TABLE "outbox_message" ("id" INTEGER NOT NULL PRIMARY KEY, "message_id" VARCHAR(255) NOT NULL, "key" VARCHAR(255), "customer_id" INTEGER, "kind" VARCHAR(255) NOT NULL, "channel" VARCHAR(255) NOT NULL, "to_address" VARCHAR(255) NOT NULL, "subject" VARCHAR(255) NOT NULL, "body" TEXT NOT NULL, "document_id" INTEGER, "visit_id" INTEGER, "project_id" INTEGER, "draft_id" INTEGER, "status" VARCHAR(255) NOT NULL, "not_before" DATETIME, "attempts" INTEGER NOT NULL, "phase" VARCHAR(255) NOT NULL, "claimed_by" VARCHAR(255) NOT NULL, "last_error" TEXT NOT NULL, "server_reply" TEXT NOT NULL, "queued_at" DATETIME NOT NULL, "sent_at" DATETIME, "interaction_id" INTEGER, "archive_path" VARCHAR(255) NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE, FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE SET NULL, FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE SET NULL, FOREIGN KEY ("project_id") REFERENCES "project" ("id") ON DELETE SET NULL, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE SET NULL, FOREIGN KEY ("interaction_id") REFERENCES "interaction" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "outbox_message_message_id" ON "outbox_message" ("message_id");
CREATE UNIQUE INDEX "outbox_message_key" ON "outbox_message" ("key");
CREATE INDEX "outbox_message_customer_id" ON "outbox_message" ("customer_id");
CREATE INDEX "outbox_message_document_id" ON "outbox_message" ("document_id");
CREATE INDEX "outbox_message_visit_id" ON "outbox_message" ("visit_id");
CREATE INDEX "outbox_message_project_id" ON "outbox_message" ("project_id");
CREATE INDEX "outbox_message_draft_id" ON "outbox_message" ("draft_id");
CREATE INDEX "outbox_message_interaction_id" ON "outbox_message" ("interaction_id");
CREATE INDEX "outbox_message_status_not_before" ON "outbox_message" ("status", "not_before");
"""
