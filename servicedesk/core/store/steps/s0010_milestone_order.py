"""Step 10: milestones know their order.

A step depends on earlier ones (finish-to-start unless said otherwise), so a slip carries to the
steps after it; a revised step has a revised start as well as a revised end; the office can hold a
step's dates on purpose; a step moved by an earlier one's slip remembers which; a step records when
it was last updated, so one left "under way" for weeks is noticed. Projects already
under way get the order they were planned in: each step follows the one before it.
"""

SQL = """
ALTER TABLE "milestone" ADD COLUMN "revised_start" DATE;
ALTER TABLE "milestone" ADD COLUMN "held" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "milestone" ADD COLUMN "moved_by_id" INTEGER REFERENCES "milestone" ("id") ON DELETE SET NULL;
ALTER TABLE "milestone" ADD COLUMN "updated_at" DATETIME;
CREATE INDEX "milestone_moved_by_id" ON "milestone" ("moved_by_id");
CREATE TABLE "milestone_dependency" ("id" INTEGER NOT NULL PRIMARY KEY, "milestone_id" INTEGER NOT NULL, "depends_on_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, FOREIGN KEY ("milestone_id") REFERENCES "milestone" ("id") ON DELETE CASCADE, FOREIGN KEY ("depends_on_id") REFERENCES "milestone" ("id") ON DELETE CASCADE);
CREATE INDEX "milestone_dependency_milestone_id" ON "milestone_dependency" ("milestone_id");
CREATE INDEX "milestone_dependency_depends_on_id" ON "milestone_dependency" ("depends_on_id");
CREATE UNIQUE INDEX "milestone_dependency_milestone_id_depends_on_id" ON "milestone_dependency" ("milestone_id", "depends_on_id");
"""


def run(db) -> None:
    previous = {}
    rows = db.execute_sql("SELECT id, project_id FROM milestone ORDER BY project_id, position, id").fetchall()
    for milestone_id, project_id in rows:
        before = previous.get(project_id)
        if before is not None:
            db.execute_sql("INSERT INTO milestone_dependency (milestone_id, depends_on_id, kind)"
                           " VALUES (?, ?, 'finish_to_start')", (milestone_id, before))
        previous[project_id] = milestone_id
