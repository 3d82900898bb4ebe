"""Retention: customers gained and lost, and whether each cancellation was seen coming.

A customer is gained in the month they became a customer (``customer_since``; prospects are not
customers yet) and lost in the month they cancelled (``cancelled_on``). For each cancellation
the health history says whether they were on the at-risk list before, since when, and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core.services import health_history
from servicedesk.core.services.reports import risk
from servicedesk.core.services.reports import words as w
from servicedesk.core.services.reports.model import Block, Chart, Section, Series, Table
from servicedesk.core.services.reports.period import Month
from servicedesk.core.services.reports.period import as_date as _date
from servicedesk.core.store import database

WARNED_WITHIN_DAYS = 90  # a stretch on the list that ended this close before the cancellation still warned


def _per_month(sql: str, months: list[Month]) -> list[int]:
    counts = {m: 0 for m in months}
    for (day,) in database.execute_sql(sql, (months[0].start, months[-1].end)).fetchall():
        month = Month.of(_date(day))
        if month in counts:
            counts[month] += 1
    return [counts[m] for m in months]


def gained(months: list[Month]) -> list[int]:
    return _per_month("SELECT customer_since FROM customer WHERE customer_since >= ? AND customer_since <= ?"
                      " AND status != 'prospect'", months)


def lost(months: list[Month]) -> list[int]:
    return _per_month("SELECT cancelled_on FROM customer WHERE cancelled_on >= ? AND cancelled_on <= ?", months)


@dataclass(frozen=True)
class Cancellation:
    customer_id: int
    customer: str
    day: dt.date
    words: str  # why, in their own words
    warned: str  # "yes", "earlier", "no" or "unknown"
    days_on_list: int | None
    sentence: str


def _foreseen(customer_id: int, name: str, day: dt.date, since: dt.datetime | None) -> tuple[str, int | None, str]:
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    if since is None or since.date() > day:
        return "unknown", None, (f"The health history began on {w.full_day(since)}, after they left, so whether the "
                                 "office was warned is not known." if since else "")
    found = risk.stretches(health_history.for_customer(customer_id, end), since)
    cancelled_at = dt.datetime.combine(day, dt.time(23, 59))
    now = [s for s in found if s.end is None]
    if now:
        s = now[-1]
        days = s.days(cancelled_at)
        at_least = "at least " if s.from_history_start else ""
        why = s.first.reasons or s.last.reasons
        text = (f"They had been on the at-risk list for {at_least}{w.count(days, 'day')}, since {w.day(s.start)}"
                + (f"; the reasons then: {why}." if why else "."))
        return "yes", days, text
    recent = [s for s in found if s.end is not None and (day - s.end.date()).days <= WARNED_WITHIN_DAYS]
    if recent:
        s = recent[-1]
        why = s.first.reasons
        return "earlier", s.days(s.end), (
            f"They were on the at-risk list for {w.count(s.days(s.end), 'day')} from {w.day(s.start)}"
            + (f" ({why})" if why else "") + f", and off it for {w.count((day - s.end.date()).days, 'day')}"
            " before they cancelled.")
    began = (f" since the health history began on {w.full_day(since)}" if since.date() > day - dt.timedelta(days=365)
             else "")
    return "no", None, f"They were never on the at-risk list{began}: the cancellation came without warning."


def cancellations(month: Month) -> list[Cancellation]:
    since = health_history.since()
    out = []
    for cid, name, day, words in database.execute_sql(
            "SELECT id, name, cancelled_on, cancel_reason FROM customer WHERE cancelled_on >= ? AND cancelled_on <= ?"
            " ORDER BY cancelled_on, sort_name, id", (month.start, month.end)).fetchall():
        day = _date(day)
        warned, days, told = _foreseen(cid, name, day, since)
        said = f" In their words: {w.quoted(words, 240)}" if words.strip() else " They gave no reason."
        out.append(Cancellation(cid, name, day, words, warned, days,
                                f"{name} cancelled on {w.day(day)}.{said} {told}".strip()))
    return out


WARNED_WORDS = {"yes": "on the list", "earlier": "earlier", "no": "no", "unknown": "not known"}


def build(month: Month) -> Section:
    months = month.trend()
    plus, minus = gained(months), lost(months)
    labels = tuple(w.month_short(m.start) for m in months)
    rows = tuple((w.month_short(m.start), str(g), str(l)) for m, g, l in zip(months, plus, minus))
    total_plus, total_minus = sum(plus), sum(minus)
    trend = Block("Customers gained and lost, month by month", (
        w.sentence(f"over these 13 months the office gained {w.count(total_plus, 'customer')} and lost "
                   f"{total_minus}"),),
        Chart("bars", "Customers gained and lost per month", labels,
              (Series("Gained", tuple(map(float, plus))), Series("Lost", tuple(map(float, minus)))), axis="customers"),
        Table(("Month", "Gained", "Lost"), rows, numeric=(1, 2)))
    gone = cancellations(month)
    g, l = plus[-1], minus[-1]
    lead = [w.sentence(f"{w.count(g, 'new customer')} joined and {w.count(l, 'customer')} cancelled in "
                       f"{w.month(month.start)}")]
    blocks = []
    if gone:
        foreseen = sum(1 for c in gone if c.warned in ("yes", "earlier"))
        known = sum(1 for c in gone if c.warned != "unknown")
        if known:
            lead.append(w.sentence(f"{foreseen} of the {w.count(known, 'cancellation')} {w.were(foreseen)} foreseen: "
                                   "the customer had been on the at-risk list before leaving"))
        blocks.append(Block("Each cancellation, and whether it was foreseen", tuple(c.sentence for c in gone), None,
                            Table(("Customer", "Cancelled", "In their words", "At risk before", "Days on the list"),
                                  tuple((c.customer, w.short_day(c.day), " ".join(c.words.split()),
                                         WARNED_WORDS[c.warned], "" if c.days_on_list is None else str(c.days_on_list))
                                        for c in gone), numeric=(4,))))
    else:
        lead.append(f"Nobody cancelled in {w.month(month.start)}.")
    blocks.append(trend)
    return Section("retention", "Customers gained and lost", tuple(lead), tuple(blocks), has_data=bool(g or l))
