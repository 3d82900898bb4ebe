"""Everything a customer's profile shows, read at once: two statements, one wait on an office server.

The person with their sites, contacts, goals and what matters to them; the office's choices the
form offers (the technicians at work, the fit check's list); how many projects they have; and the
continuity figure, all in one statement. The history (``history.timeline``) is the other; on an
office server, where every wait for the server counts and a profile is opened all day, both are
sent together and answered together.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from servicedesk.core import clock
from servicedesk.core.errors import NotFound
from servicedesk.core.services import continuity, customers, health_history, history, office, projects, technicians
from servicedesk.core.store import changes, database, dialect


@dataclass(frozen=True)
class Page:
    profile: customers.Profile
    technicians: tuple[tuple[int, str], ...]  # (id, name) of the technicians at work, by name
    fit_items: tuple[str, ...]  # the office's fit check
    projects: int  # how many projects they have
    continuity: continuity.Continuity
    history: history.Timeline  # everything that happened with them, newest first
    health_reasons: tuple[str, ...] = ()  # why their stored health score is below 100, largest first
    health_as_of: dt.date | None = None  # the day those reasons were recorded (their day counts are of that day)


_choices = changes.Kept()  # (technicians, fit check) as last read, for the next profile


@functools.lru_cache(maxsize=8)
def _more_sql(engine, with_choices: bool) -> str:
    rows = engine.json_rows
    return ", ".join((
        *((rows(*technicians.AT_WORK), f"({office.STORED_SQL})") if with_choices else ()),
        f"({projects.COUNT_SQL.format(customer='c.id')})",
        rows("r.technician_id", f"FROM ({continuity.RECENT.format(customer='c.id')}) r", "r.starts_at DESC"),
        HEALTH_REASONS_SQL, HEALTH_AS_OF_SQL,
    ))


# why the stored health score is what it is: the reasons recorded with its last change (health history)
HEALTH_REASONS_SQL = ("(SELECT h.reasons FROM health_change h WHERE h.customer_id = c.id"
                      " ORDER BY h.changed_at DESC, h.id DESC LIMIT 1)")
HEALTH_AS_OF_SQL = HEALTH_REASONS_SQL.replace("h.reasons", "h.changed_at", 1)


@functools.lru_cache(maxsize=1)
def _choices_from(staff: str, stored) -> tuple:
    """The office's choices from their two columns, worded once while their text stays the same (an office server
    sends them with every profile)."""
    return tuple((t[0], t[1]) for t in customers.json_list(staff)), office.from_stored(stored).values


def read(customer_id: int) -> Page:
    """Everything the profile shows of ``customer_id``; NotFound when they no longer exist."""
    mark = changes.token()
    choices = _choices.get(mark)  # the office's choices, unless something may have changed them
    engine = dialect.current()
    person, timeline = engine.read_together(database, (
        (customers.profile_sql(_more_sql(engine, choices is None)), (clock.now(), continuity.LAST_N, customer_id),
         True),
        (*history.timeline_statement(customer_id), False)))
    row = person.fetchone()
    rows = timeline.fetchall()
    if row is None:
        raise NotFound(f"Customer {customer_id} no longer exists.")
    profile = customers.profile_from(row)
    more = row[customers.PERSON_COLUMNS:]
    if choices is None:
        staff, stored, *more = more
        choices = _choices_from(staff, stored)
        _choices.keep(mark, choices)
    project_count, recent, reasons, as_of = more
    below = profile.health_score < 100
    return Page(profile, choices[0], choices[1], project_count,
                continuity.of([r[0] for r in customers.json_list(recent)], profile.technician_id),
                history.Timeline(rows),
                health_history.reasons_of(reasons) if below else (),
                health_history.moment(as_of).date() if below and as_of is not None else None)
