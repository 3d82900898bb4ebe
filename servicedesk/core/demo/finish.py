"""After the rows: the list's summary columns and each customer's relationship health."""

from __future__ import annotations

from servicedesk.core import clock
from servicedesk.core.services import customers, health, health_history, office
from servicedesk.core.store import database


def finish(first_id: int) -> None:
    """Fill the summary columns and the health score of every customer from ``first_id`` on.

    The score is the one the rest of the application computes (``health.recompute``, a chunk of
    customers per query), so the demo's at-risk list reads exactly as it will after any change.
    """
    ids = [r[0] for r in database.execute_sql("SELECT id FROM customer WHERE id >= ?", (first_id,))]
    # a cancelled customer left on the day their plan ended, else the day after their last visit
    database.execute_sql(
        "UPDATE customer SET cancelled_on = COALESCE((SELECT MAX(p.ends_on) FROM service_plan p"
        " WHERE p.customer_id = customer.id), (SELECT MAX(v.starts_at) FROM visit v WHERE v.customer_id = customer.id),"
        " customer_since) WHERE id >= ? AND status = 'cancelled' AND cancelled_on IS NULL", (first_id,))
    customers.refresh_summary(ids)
    health.recompute(ids)
    if office.get_value(health_history.SINCE_KEY) is None:  # the demo's past was written, not watched
        office.set_value(health_history.SINCE_KEY, clock.now().isoformat(" "))
