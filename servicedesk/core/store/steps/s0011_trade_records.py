"""Step 11: what each trade records at a visit.

Pesticide applications as rows of their own (date and time, product, registration number, amount,
area, target pest, applicator and licence), so a monthly application log can be read from them;
a technician's applicator licence; and the readings other trades take (a pool's water, a room's
moisture, the areas done).
"""

SQL = """
ALTER TABLE "staff" ADD COLUMN "licence_number" VARCHAR(255) NOT NULL DEFAULT '';
CREATE TABLE "pest_application" ("id" INTEGER NOT NULL PRIMARY KEY, "visit_id" INTEGER NOT NULL, "applied_at" DATETIME NOT NULL, "target_pest" VARCHAR(255) NOT NULL, "product" VARCHAR(255) NOT NULL, "registration_number" VARCHAR(255) NOT NULL, "amount" REAL NOT NULL, "unit" VARCHAR(255) NOT NULL, "area" VARCHAR(255) NOT NULL, "applicator_id" INTEGER, "licence_number" VARCHAR(255) NOT NULL, FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE CASCADE, FOREIGN KEY ("applicator_id") REFERENCES "staff" ("id") ON DELETE SET NULL);
CREATE INDEX "pest_application_visit_id" ON "pest_application" ("visit_id");
CREATE INDEX "pest_application_applied_at" ON "pest_application" ("applied_at");
CREATE INDEX "pest_application_applicator_id" ON "pest_application" ("applicator_id");
CREATE TABLE "visit_reading" ("id" INTEGER NOT NULL PRIMARY KEY, "visit_id" INTEGER NOT NULL, "field" VARCHAR(255) NOT NULL, "area" VARCHAR(255) NOT NULL, "number" REAL, "text" TEXT NOT NULL, FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE CASCADE);
CREATE INDEX "visit_reading_visit_id" ON "visit_reading" ("visit_id");
"""
