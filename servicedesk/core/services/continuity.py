"""The continuity figure: how many different technicians a customer saw in their last visits."""

from __future__ import annotations

from dataclasses import dataclass

from servicedesk.core import clock
from servicedesk.core.store import database


@dataclass(frozen=True)
class Continuity:
    visits: int  # completed visits looked at
    technicians: int  # distinct technicians among them
    own_share: float  # share of those visits by the customer's own technician (0..1)

    def describe(self) -> str:
        if not self.visits:
            return "No completed visits yet"
        return f"{self.technicians} technician{'s' if self.technicians != 1 else ''} in the last {self.visits} visit{'s' if self.visits != 1 else ''}"


LAST_N = 10  # the visits the figure looks at

# The technicians of a customer's last completed visits, newest first ({customer}: the customer's id, as SQL;
# the parameters: now, and how many).
RECENT = ("SELECT v.technician_id, v.starts_at FROM visit v WHERE v.customer_id = {customer}"
          " AND v.status = 'completed' AND v.starts_at <= ? ORDER BY v.starts_at DESC LIMIT ?")


def figure(customer_id: int, last_n: int = LAST_N) -> Continuity:
    rows = database.execute_sql(RECENT.format(customer="?"), (customer_id, clock.now(), last_n)).fetchall()
    own = database.execute_sql("SELECT technician_id FROM customer WHERE id = ?", (customer_id,)).fetchone()
    return of([r[0] for r in rows], own[0] if own else None)


def of(techs: list, own_id: int | None) -> Continuity:
    """The figure from the technicians of the last visits (``RECENT``) and the customer's own technician."""
    share = (sum(1 for t in techs if t is not None and t == own_id) / len(techs)) if techs else 0.0
    return Continuity(len(techs), len({t for t in techs if t is not None}), share)
