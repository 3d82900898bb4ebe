"""Step 14: a customer's relationship health is remembered when it changes; a cancellation keeps its day.

``health_change`` holds one row per change of a customer's score, with the rules and reasons
behind it, so the owner's report can say when a customer went onto the at-risk list and how
long they were on it before they cancelled. Only changes are kept; a customer at 100 has none.
In an office that already has customers, the step starts the history with every customer whose
score is below 100 now, and records the moment it began (the setting ``health_history_since``),
so a report never reads the silence before it as good health. A new, empty database writes
nothing: its history holds every change from its first customer on.

``customer.cancelled_on`` is the day the customer cancelled; for a customer already cancelled,
the last day their record was changed is the best the database knows.
"""

import json

SQL = """
ALTER TABLE "customer" ADD COLUMN "cancelled_on" DATE;
CREATE TABLE "health_change" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "changed_at" DATETIME NOT NULL, "score" INTEGER NOT NULL, "rules" VARCHAR(255) NOT NULL, "reasons" TEXT NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE);
CREATE INDEX "health_change_changed_at" ON "health_change" ("changed_at");
CREATE INDEX "health_change_customer_id_changed_at" ON "health_change" ("customer_id", "changed_at");
"""


def run(db) -> None:
    from servicedesk.core import clock
    from servicedesk.core.store import dialect

    if db.execute_sql("SELECT COUNT(*) FROM customer").fetchone()[0] == 0:
        return  # a new office: nothing before the history to mark, and an empty database stays empty
    began = clock.now()
    db.execute_sql(f"UPDATE customer SET cancelled_on = {dialect.of(db).date_of('updated_at')}"
                   " WHERE status = 'cancelled'")
    db.execute_sql(
        "INSERT INTO health_change (customer_id, changed_at, score, rules, reasons)"
        " SELECT id, ?, health_score, '', '' FROM customer WHERE health_score < 100", (began,))
    db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)",
                   ("health_history_since", json.dumps(began.isoformat(" "))))
