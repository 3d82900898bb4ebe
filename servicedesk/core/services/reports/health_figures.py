"""Health: how many customers were on the at-risk list each week, and who went on and came off it.

Read from the health history (``risk.listed``): the count at the end of each week (Sunday
night) over the month and the twelve before it; the month's movements, each with the reasons
the health rules gave at the time. Weeks before the history began have no count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock
from servicedesk.core.services.reports import risk
from servicedesk.core.services.reports import words as w
from servicedesk.core.services.reports.model import Block, Chart, Section, Series, Table
from servicedesk.core.services.reports.period import Month
from servicedesk.core.store import database

LISTED_UP_TO = 8


def week_ends(first: dt.date, last: dt.date) -> list[dt.datetime]:
    """The end of every week (Sunday, midnight) from ``first`` to ``last``, and ``last`` itself."""
    day = first + dt.timedelta(days=(6 - first.weekday()) % 7)
    out = []
    while day <= last:
        out.append(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
        day += dt.timedelta(days=7)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    if not out or out[-1] != end:
        out.append(end)
    return out


@dataclass(frozen=True)
class Movement:
    customer_id: int
    customer: str
    when: dt.datetime
    direction: str  # "on", "off" or "cancelled" (left the list by cancelling)
    reasons: str


def movements(listed: risk.Listed, month: Month, named: bool = True) -> list[Movement]:
    """The month's movements on and off the list, in the order they happened (``named``: with the customer's name)."""
    out = []
    for cid, stretches in listed.stretches.items():
        gone = listed.cancelled.get(cid)
        for s in stretches:
            if month.start_at <= s.start < month.end_at and not s.from_history_start:
                out.append(Movement(cid, "", s.start, "on", s.first.reasons))
            if gone is not None and s.start.date() <= gone and (s.end is None or s.end.date() >= gone) \
                    and month.contains(gone):
                out.append(Movement(cid, "", dt.datetime.combine(gone, dt.time()), "cancelled", s.last.reasons))
            elif s.end is not None and month.start_at <= s.end < month.end_at and (gone is None or s.end.date() < gone):
                back = s.ended_by
                out.append(Movement(cid, "", s.end, "off", f"score {back.score}: {back.reasons or 'no warning signs'}"))
    names = {}
    ids = sorted({m.customer_id for m in out}) if named else []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        names.update(database.execute_sql(
            f"SELECT id, name FROM customer WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return sorted((Movement(m.customer_id, names.get(m.customer_id, "?"), m.when, m.direction, m.reasons) for m in out),
                  key=lambda m: (m.when, m.customer))


WORDS = {"on": "went on the list", "off": "came off the list", "cancelled": "cancelled while on the list"}


def build(month: Month) -> Section:
    months = month.trend()
    until = min(month.end_at, clock.now())
    listed = risk.listed(until)
    ends = [e for e in week_ends(months[0].start, month.end) if e <= max(until, months[0].start_at)]
    if not ends or ends[-1] < until:
        ends.append(until)
    counts = [listed.count(e) for e in ends]
    labels = tuple(w.short_day(e - dt.timedelta(days=1)) for e in ends)
    moves = movements(listed, month)
    rows = []
    for m in months:
        in_month = [c for e, c in zip(ends, counts) if m.start_at < e <= m.end_at and c is not None]
        at_end = in_month[-1] if in_month else None
        moved = moves if m == month else movements(listed, m, named=False)
        ons = sum(1 for x in moved if x.direction == "on")
        offs = len(moved) - ons
        rows.append((w.month_short(m.start), "—" if at_end is None else str(at_end),
                     "—" if not in_month else str(max(in_month)), str(ons), str(offs)))
    since = listed.since
    notes = []
    if since is not None and since > months[0].start_at:
        notes.append(w.sentence(f"ServiceDesk has kept the health history since {w.full_day(since)}; the weeks before "
                                "have no count"))
    month_counts = [c for e, c in zip(ends, counts) if month.start_at < e <= month.end_at + dt.timedelta(seconds=1)
                    and c is not None]
    weekly = Block("Customers on the at-risk list, week by week", tuple(notes) + ((w.sentence(
        f"at the end of each week of {w.month(month.start)} the list held "
        + w.listing([str(c) for c in month_counts]) + " customers"),) if month_counts else ()),
        Chart("lines", "Customers on the at-risk list at the end of each week", labels,
              (Series("At risk", tuple(None if c is None else float(c) for c in counts)),), axis="customers"),
        Table(("Month", "At the month's end", "Most in a week", "Went on", "Came off or cancelled"), tuple(rows),
              numeric=(1, 2, 3, 4)))
    lead = []
    end_count = month_counts[-1] if month_counts else None
    ons = [m for m in moves if m.direction == "on"]
    offs = [m for m in moves if m.direction == "off"]
    left = [m for m in moves if m.direction == "cancelled"]
    if end_count is None:
        lead.append(f"The health history does not reach back to {w.month(month.start)}, so the at-risk list of that "
                    "month is not known.")
    else:
        moment = "today" if month.contains(clock.today()) else f"at the end of {w.month(month.start)}"
        lead.append(w.sentence(f"{w.count(end_count, 'customer')} {w.were(end_count)} on the at-risk list {moment}; "
                               f"in the month {w.n(len(ons))} went on it, {w.n(len(offs))} came off it"
                               + (f" and {w.n(len(left))} cancelled while on it" if left else "")))
    blocks = []
    if moves:
        told = [w.sentence(f"{m.customer} {WORDS[m.direction]} on {w.day(m.when)}"
                           + (f": {m.reasons}" if m.reasons and m.direction == "on" else "")
                           + (f" ({m.reasons})" if m.direction == "off" else ""))
                for m in moves[:LISTED_UP_TO]]
        if len(moves) > LISTED_UP_TO:
            told.append(f"The table lists all {len(moves)}.")
        blocks.append(Block("Who went on the list and who came off", tuple(told), None,
                            Table(("Day", "Customer", "Movement", "Reasons at the time"),
                                  tuple((w.short_day(m.when), m.customer, WORDS[m.direction], m.reasons) for m in moves))))
    blocks.append(weekly)
    return Section("health", "Relationship health", tuple(lead), tuple(blocks), has_data=bool(moves))
