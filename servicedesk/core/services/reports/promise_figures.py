"""The office's promises: follow-ups on time, weekly letters on time, change notices before the visit,
and nobody left silent beyond their contact rhythm.

- A follow-up due in the month is *on time* when it was done on or before its day, *late* when
  done after it, *open* while not done.
- A weekly letter is owed for each project under way on each of the office's letter days
  (Preferences: the day letters go out). It is *on time* when a timeline letter for the
  project went out (printed, handed over, posted or emailed: written is not sent) in that
  week, on or before the letter day; *late* when only later that week; otherwise *missed*.
  A project is under way from its start until its last step's actual end once completed;
  a project on hold or cancelled owes none.
- A change notice is due before the visit it tells of: *before* when it went out by the
  visit's start, *after* when later, *never* when it was discarded or still waits.
- Past the contact rhythm: customers whose health, at the end of the month, counted a silence
  longer than their rhythm (the health rule the queue's "not contacted" rows use).
"""

from __future__ import annotations

import datetime as dt

from servicedesk.core import clock, formatting
from servicedesk.core.services import health_history
from servicedesk.core.services.business_days import business_days_late
from servicedesk.core.services import office as office_service
from servicedesk.core.services.reports import words as w
from servicedesk.core.services.reports.model import Block, Chart, Section, Series, Table
from servicedesk.core.services.reports.period import Month
from servicedesk.core.services.reports.period import as_date as _date
from servicedesk.core.services.reports.risk import cancelled_days
from servicedesk.core.store import database

LISTED_UP_TO = 8


def _dt(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


# ------------------------------------------------------------------ follow-ups

def follow_ups(first: Month, last: Month) -> list[tuple[int, str, dt.date, dt.datetime | None, str]]:
    """(id, customer, due on, done at, reason) for every follow-up due from ``first`` to ``last``."""
    rows = database.execute_sql(
        "SELECT f.id, c.name, f.due_on, f.done_at, f.reason FROM follow_up f JOIN customer c ON c.id = f.customer_id"
        " WHERE f.due_on >= ? AND f.due_on <= ? ORDER BY f.due_on, c.sort_name, f.id", (first.start, last.end))
    return [(r[0], r[1], _date(r[2]), _dt(r[3]), r[4]) for r in rows.fetchall()]


def follow_up_state(due: dt.date, done: dt.datetime | None) -> str:
    """On time when done by its due day, which is the next business day when ``due`` is none (as the queue counts)."""
    if done is None:
        return "open"
    return "on time" if not business_days_late(due, done.date()) else "late"


# ------------------------------------------------------------------ weekly letters

def letter_days(first: dt.date, last: dt.date) -> list[dt.date]:
    weekday = office_service.get().letter_weekday % 7
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += dt.timedelta(days=7)
    return out


def letters(first: Month, last: Month) -> list[tuple[dt.date, int, str, str, str]]:
    """(letter day, project id, customer, project, on time / late / missed) for each letter owed."""
    until = min(last.end, clock.today())
    days = letter_days(first.start, until)
    if not days:
        return []
    projects = database.execute_sql(
        "SELECT p.id, c.name, p.name, p.starts_on, p.status, (SELECT MAX(m.actual_end) FROM milestone m"
        " WHERE m.project_id = p.id) FROM project p JOIN customer c ON c.id = p.customer_id"
        " WHERE p.status IN ('active', 'completed') AND p.starts_on IS NOT NULL AND p.starts_on <= ?"
        " ORDER BY c.sort_name, p.id", (until,)).fetchall()
    sent: dict[int, list[dt.date]] = {}
    for project_id, when in database.execute_sql(
            "SELECT project_id, sent_at FROM document WHERE kind = 'timeline_letter' AND sent_at IS NOT NULL"
            " AND project_id IS NOT NULL AND sent_at >= ? AND sent_at < ?",
            (dt.datetime.combine(days[0] - dt.timedelta(days=7), dt.time()),
             dt.datetime.combine(days[-1] + dt.timedelta(days=7), dt.time()))).fetchall():
        sent.setdefault(project_id, []).append(_dt(when).date())
    out = []
    for day in days:
        monday = day - dt.timedelta(days=day.weekday())
        sunday = monday + dt.timedelta(days=6)
        for pid, customer, name, starts, status, finished in projects:
            starts, finished = _date(starts), _date(finished)
            if starts > day or (status == "completed" and (finished is None or finished < day)):
                continue
            week = [d for d in sent.get(pid, ()) if monday <= d <= sunday]
            state = "missed" if not week else ("on time" if min(week) <= day else "late")
            out.append((day, pid, customer, name, state))
    return out


# ------------------------------------------------------------------ change notices

def notices(first: Month, last: Month) -> list[tuple[str, dt.datetime, dt.datetime | None, str]]:
    """(customer, visit start, sent at, before / after / never) for each change notice whose visit has come."""
    until = min(last.end_at, clock.now())
    rows = database.execute_sql(
        "SELECT c.name, v.starts_at, d.sent_at, d.status FROM draft d JOIN visit v ON v.id = d.visit_id"
        " JOIN customer c ON c.id = d.customer_id WHERE d.template = 'change_notice'"
        " AND v.starts_at >= ? AND v.starts_at < ? ORDER BY v.starts_at, d.id", (first.start_at, until)).fetchall()
    out = []
    for name, starts, sent, status in rows:
        starts, sent = _dt(starts), _dt(sent)
        state = "never" if status != "sent" or sent is None else ("before" if sent <= starts else "after")
        out.append((name, starts, sent, state))
    return out


# ------------------------------------------------------------------ the contact rhythm

def past_rhythm(month: Month) -> list[tuple[int, str]]:
    """Customers whose health counted a silence beyond their rhythm at the end of the month, by name."""
    moment = min(month.end_at, clock.now())
    latest = health_history.latest_before(moment)
    ids = [cid for cid, change in latest.items() if "rhythm" in change.rules]
    gone = cancelled_days(ids)
    ids = [i for i in ids if i not in gone or gone[i] > moment.date()]
    if not ids:
        return []
    names = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        names.update(database.execute_sql(
            f"SELECT id, name FROM customer WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return sorted(((i, names[i]) for i in ids if i in names), key=lambda x: x[1])


# ------------------------------------------------------------------ the section

def _count(items, state_of, month: Month | None = None, day_of=None) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        if month is not None and not month.contains(day_of(item)):
            continue
        state = state_of(item)
        out[state] = out.get(state, 0) + 1
    return out


def _follow_up_block(month: Month, items) -> tuple[Block | None, str, bool]:
    mine = [f for f in items if month.contains(f[2])]
    if not mine:
        return None, f"No follow-ups were due in {w.month(month.start)}.", False
    states = {s: sum(1 for f in mine if follow_up_state(f[2], f[3]) == s) for s in ("on time", "late", "open")}
    n = len(mine)
    text = w.sentence(f"{w.count(n, 'follow-up')} {w.were(n)} due in {w.month(month.start)}: {states['on time']} done on "
                      f"time ({w.share(states['on time'], n)}), {states['late']} done late and {states['open']} not done")
    missed = [f for f in mine if follow_up_state(f[2], f[3]) != "on time"]
    details = []
    for _fid, customer, due, done, reason in missed[:LISTED_UP_TO]:
        when = f"done on {w.day(done)}" if done else "still not done"
        details.append(w.sentence(f"{customer}: due {w.day(due)}, {when} — {reason}"))
    rows = tuple((customer, w.short_day(due), w.short_day(done) if done else "not done", reason)
                 for _fid, customer, due, done, reason in missed)
    said = "The follow-ups not done on time:" if missed else "Every follow-up was done on its day."
    block = Block("Follow-ups", (said, *details), None,
                  Table(("Customer", "Due", "Done", "What was promised"), rows) if rows else None)
    return block, text, True


def _letter_block(month: Month, items) -> tuple[Block | None, str, bool]:
    mine = [x for x in items if month.contains(x[0])]
    if not mine:
        return None, f"No weekly letters were owed in {w.month(month.start)}.", False
    n = len(mine)
    states = {s: sum(1 for x in mine if x[4] == s) for s in ("on time", "late", "missed")}
    projects = len({x[1] for x in mine})
    weekday = formatting.weekday_names("wide")[office_service.get().letter_weekday % 7]
    text = w.sentence(f"{w.count(n, 'weekly letter')} {w.were(n)} owed in {w.month(month.start)} "
                      f"({w.count(projects, 'project')}, letters going out on {weekday}): {states['on time']} went out "
                      f"on time ({w.share(states['on time'], n)}), {states['late']} later that week and "
                      f"{states['missed']} never")
    rows = tuple((w.short_day(day), customer, name, state) for day, _pid, customer, name, state in mine
                 if state != "on time")
    said = "The letters that did not go out by their letter day:" if rows else "Every letter went out on time."
    block = Block("Weekly project letters", (said,), None,
                  Table(("Letter day", "Customer", "Project", "Letter"), rows) if rows else None)
    return block, text, True


def _notice_block(month: Month, items) -> tuple[Block | None, str, bool]:
    mine = [x for x in items if month.contains(x[1].date())]
    if not mine:
        return None, f"No change notices were due in {w.month(month.start)}.", False
    n = len(mine)
    states = {s: sum(1 for x in mine if x[3] == s) for s in ("before", "after", "never")}
    text = w.sentence(f"{w.count(n, 'change notice')} {w.were(n)} due before a visit in {w.month(month.start)}: "
                      f"{states['before']} reached the customer before the visit ({w.share(states['before'], n)}), "
                      f"{states['after']} only after it and {states['never']} never went out")
    words = {"after": "after the visit", "never": "never sent"}
    rows = tuple((name, w.short_day(starts), words[state]) for name, starts, _sent, state in mine if state != "before")
    said = "The notices that did not reach the customer before the visit:" if rows else \
        "Every notice reached the customer before the visit."
    block = Block("Change notices", (said,), None,
                  Table(("Customer", "Visit", "Notice"), rows) if rows else None)
    return block, text, True


def _rhythm_block(month: Month) -> tuple[Block, str]:
    since = health_history.since()
    if since is None or since > min(month.end_at, clock.now()):
        text = (f"Who was past their contact rhythm at the end of {w.month(month.start)} is not known: the health "
                f"history begins on {w.full_day(since) if since else 'a later day'}.")
        return Block("Contact rhythm", (text,)), text
    silent = past_rhythm(month)
    moment = "today" if month.contains(clock.today()) else f"at the end of {w.month(month.start)}"
    if not silent:
        text = f"No customer was past their contact rhythm {moment}."
        return Block("Contact rhythm", (text,)), text
    text = w.sentence(f"{w.count(len(silent), 'customer')} {w.were(len(silent))} past their contact rhythm {moment} "
                      "(nobody had been in touch for longer than their usual gap)")
    named = [name for _i, name in silent[:LISTED_UP_TO]]
    more = len(silent) - len(named)
    detail = (w.sentence("among them " + ", ".join(named) + f" and {more} more") if more
              else w.sentence("namely " + w.listing(named)))
    return Block("Contact rhythm", (text, detail), None,
                 Table(("Customer",), tuple((name,) for _i, name in silent))), text


def _trend(months: list[Month], ups, letters_owed, notices_due) -> Block:
    fu, lt, nt, rows = [], [], [], []
    for m in months:
        f = _count(ups, lambda x: follow_up_state(x[2], x[3]), m, lambda x: x[2])
        l = _count(letters_owed, lambda x: x[4], m, lambda x: x[0])
        n = _count(notices_due, lambda x: x[3], m, lambda x: x[1].date())
        ft, lt_, nt_ = sum(f.values()), sum(l.values()), sum(n.values())
        fu.append(w.percent(f.get("on time", 0), ft))
        lt.append(w.percent(l.get("on time", 0), lt_))
        nt.append(w.percent(n.get("before", 0), nt_))
        rows.append((w.month_short(m.start), *(f"{kept} of {due}" if due else "—" for kept, due in (
            (f.get("on time", 0), ft), (l.get("on time", 0), lt_), (n.get("before", 0), nt_)))))
    def over_the_year(items, state_of, kept_as, day_of) -> str:
        mine = [x for x in items if months[0].start <= day_of(x) <= months[-1].end]
        kept = sum(1 for x in mine if state_of(x) == kept_as)
        return f"{kept} of {len(mine)} ({w.share(kept, len(mine))})" if mine else "none due"

    said = ("Each line is the share kept in time; a month with nothing due has no point.",
            w.sentence("over these 13 months, follow-ups done on time: "
                       + over_the_year(ups, lambda x: follow_up_state(x[2], x[3]), "on time", lambda x: x[2])
                       + "; letters on time: " + over_the_year(letters_owed, lambda x: x[4], "on time", lambda x: x[0])
                       + "; notices before the visit: "
                       + over_the_year(notices_due, lambda x: x[3], "before", lambda x: x[1].date())))
    return Block("Promises kept, month by month", said,
        Chart("lines", "Promises kept in time", tuple(w.month_short(m.start) for m in months),
              (Series("Follow-ups on time", tuple(fu)), Series("Letters on time", tuple(lt)),
               Series("Notices before the visit", tuple(nt))), percent=True, axis="% kept"),
        Table(("Month", "Follow-ups on time", "Letters on time", "Notices before the visit"), tuple(rows),
              numeric=(1, 2, 3)))


def build(month: Month) -> Section:
    months = month.trend()
    ups, owed, due = follow_ups(months[0], month), letters(months[0], month), notices(months[0], month)
    blocks, lead, any_data = [], [], False
    for make, items in ((_follow_up_block, ups), (_letter_block, owed), (_notice_block, due)):
        block, text, has = make(month, items)
        lead.append(text)
        any_data |= has
        if block is not None:
            blocks.append(block)
    rhythm, text = _rhythm_block(month)
    blocks.append(rhythm)
    lead.append(text)
    blocks.append(_trend(months, ups, owed, due))
    return Section("promises", "Promises kept", tuple(lead), tuple(blocks), has_data=any_data)
