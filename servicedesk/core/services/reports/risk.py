"""The at-risk list as it stood on any day, read from the health history.

A customer is on the list while their last recorded score is under the line (70) and they have
not cancelled. A stretch on the list starts with the change that took them under the line and
ends with the change that brought them back over it, or with their cancellation. The rows the
history began with are what was already so that day, not a movement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core.services import health_history
from servicedesk.core.services.health_history import Change
from servicedesk.core.store import database


@dataclass(frozen=True)
class Stretch:
    customer_id: int
    start: dt.datetime
    end: dt.datetime | None  # back over the line (None: still under it at the end of what was read)
    first: Change  # the change that put them on the list
    last: Change  # their last change while on it
    from_history_start: bool  # already on the list when the history began: at least this long
    ended_by: Change | None = None  # the change that brought them back over the line

    def days(self, until: dt.datetime) -> int:
        return max(((self.end or until).date() - self.start.date()).days, 0)


def _begins(change: Change, since: dt.datetime | None) -> bool:
    return since is not None and change.changed_at == since and not change.rules and not change.reasons


def stretches(changes: list[Change], since: dt.datetime | None) -> list[Stretch]:
    """One customer's stretches on the list, oldest first, from their changes (oldest first)."""
    out, current = [], None
    for change in changes:
        if change.at_risk and current is None:
            current = [change, change]
        elif change.at_risk:
            current[1] = change
        elif current is not None:
            out.append(Stretch(change.customer_id, current[0].changed_at, change.changed_at, current[0], current[1],
                               _begins(current[0], since), change))
            current = None
    if current is not None:
        out.append(Stretch(current[0].customer_id, current[0].changed_at, None, current[0], current[1],
                           _begins(current[0], since)))
    return out


def cancelled_days(customer_ids) -> dict[int, dt.date]:
    """The day each of these customers cancelled (only those who did)."""
    ids = sorted(set(customer_ids))
    out = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for cid, day in database.execute_sql(
                f"SELECT id, cancelled_on FROM customer WHERE cancelled_on IS NOT NULL AND id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall():
            out[cid] = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
    return out


@dataclass(frozen=True)
class Listed:
    """Everyone ever on the list up to a moment: their stretches, and the day they cancelled if they did."""

    stretches: dict[int, list[Stretch]]
    cancelled: dict[int, dt.date]
    since: dt.datetime | None

    def on_list(self, customer_id: int, moment: dt.datetime) -> Stretch | None:
        gone = self.cancelled.get(customer_id)
        if gone is not None and dt.datetime.combine(gone, dt.time()) <= moment:
            return None
        for s in self.stretches.get(customer_id, ()):
            if s.start <= moment and (s.end is None or s.end > moment):
                return s
        return None

    def count(self, moment: dt.datetime) -> int | None:
        """How many were on the list at ``moment`` (None before the history began)."""
        if self.since is None or moment < self.since:
            return None
        return sum(1 for cid in self.stretches if self.on_list(cid, moment) is not None)


def listed(until: dt.datetime) -> Listed:
    since = health_history.since()
    changes = health_history.ever_at_risk(until)
    return Listed({cid: stretches(rows, since) for cid, rows in changes.items()}, cancelled_days(changes), since)
