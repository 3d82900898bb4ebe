"""After the rows: the list's summary columns and an interim relationship-health score."""

from __future__ import annotations

from servicedesk.core import clock
from servicedesk.core.services import customers
from servicedesk.core.store import database

# Points off 100: an unacknowledged concern, an acknowledged one still open, an overdue
# follow-up, and every technician beyond the first in the last ten completed visits.
HEALTH_SQL = """
WITH recent AS (
    SELECT customer_id, technician_id,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY starts_at DESC) AS n
    FROM visit WHERE status = 'completed' AND starts_at <= :now AND customer_id >= :first
),
techs AS (SELECT customer_id, COUNT(DISTINCT technician_id) AS k FROM recent WHERE n <= 10 GROUP BY customer_id),
unacked AS (SELECT customer_id, COUNT(*) AS k FROM concern
            WHERE resolved_at IS NULL AND acknowledged_at IS NULL AND customer_id >= :first GROUP BY customer_id),
acked AS (SELECT customer_id, COUNT(*) AS k FROM concern
          WHERE resolved_at IS NULL AND acknowledged_at IS NOT NULL AND customer_id >= :first GROUP BY customer_id),
overdue AS (SELECT customer_id, COUNT(*) AS k FROM follow_up
            WHERE done_at IS NULL AND due_on < :today AND customer_id >= :first GROUP BY customer_id)
UPDATE customer SET health_score = MAX(0, 100
    - 20 * COALESCE((SELECT k FROM unacked WHERE unacked.customer_id = customer.id), 0)
    - 10 * COALESCE((SELECT k FROM acked WHERE acked.customer_id = customer.id), 0)
    - 15 * COALESCE((SELECT k FROM overdue WHERE overdue.customer_id = customer.id), 0)
    - 10 * MAX(0, COALESCE((SELECT k FROM techs WHERE techs.customer_id = customer.id), 1) - 1))
WHERE id >= :first
"""


def finish(first_id: int) -> None:
    """Fill the summary columns and health of every customer from ``first_id`` on."""
    ids = [r[0] for r in database.execute_sql("SELECT id FROM customer WHERE id >= ?", (first_id,))]
    customers.refresh_summary(ids)
    now = clock.now()
    database.execute_sql(HEALTH_SQL, {"now": now.isoformat(" "), "today": now.date().isoformat(), "first": first_id})
