"""Step 12: "what to expect" letters remember what they said, so the next one marks what changed."""

SQL = """
CREATE TABLE "expectation_letter" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "document_id" INTEGER, "printed_at" DATETIME NOT NULL, "snapshot" TEXT NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE, FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE SET NULL);
CREATE INDEX "expectation_letter_customer_id" ON "expectation_letter" ("customer_id");
CREATE INDEX "expectation_letter_document_id" ON "expectation_letter" ("document_id");
"""
