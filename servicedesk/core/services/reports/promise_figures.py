"""The office's promises: follow-ups on time, weekly letters on time, change notices before the visit,
and nobody left silent beyond their contact rhythm.

- A follow-up due in the month is a promise to speak with the customer. It is *kept* once the
  customer was reached, by its own call or by a call again set after attempts that reached nobody
  (no answer, voicemail, wrong number: an attempt is not a kept promise); *on time* when each of
  those calls was made by its day, *late* otherwise. A promise tried and never reached is
  *unreached* (still being tried, or the office stopped, saying why); *open* while not even tried.
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

from typing import NamedTuple

from servicedesk.core import clock, formatting
from servicedesk.core.services import health_history
from servicedesk.core.services.contact import NOBODY_REACHED_WORDS
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

class Promise(NamedTuple):
    """A follow-up first set, with the calls again it led to."""

    id: int
    customer: str
    due: dt.date
    reached: dt.datetime | None  # when the customer was reached, by it or a call again after it
    reason: str
    state: str  # on time, late, unreached, open
    attempts: tuple[tuple[dt.datetime, str], ...] = ()  # the calls that reached nobody: when, and why
    again_on: dt.date | None = None  # unreached and still being tried: the day of the next call
    stopped: str = ""  # unreached, and the office stopped trying (open: closed without a call): why


def follow_ups(first: Month, last: Month) -> list[Promise]:
    """Every follow-up first set (not a call again) due from ``first`` to ``last``, with what came of it."""
    rows = database.execute_sql(
        "SELECT f.id, c.name, f.due_on, f.reason FROM follow_up f JOIN customer c ON c.id = f.customer_id"
        " WHERE f.promise_id IS NULL AND f.due_on >= ? AND f.due_on <= ? ORDER BY f.due_on, c.sort_name, f.id",
        (first.start, last.end)).fetchall()
    calls: dict[int, list] = {}
    for promise, due, done, nobody, stopped in database.execute_sql(
            "SELECT COALESCE(f.promise_id, f.id), f.due_on, f.done_at, f.nobody_reached, f.stopped_trying"
            " FROM follow_up f WHERE f.id IN (SELECT p.id FROM follow_up p WHERE p.promise_id IS NULL"
            " AND p.due_on >= ? AND p.due_on <= ?) OR f.promise_id IN (SELECT p.id FROM follow_up p"
            " WHERE p.promise_id IS NULL AND p.due_on >= ? AND p.due_on <= ?) ORDER BY f.id",
            (first.start, last.end, first.start, last.end)).fetchall():
        calls.setdefault(promise, []).append((_date(due), _dt(done), nobody, stopped))
    out = [_promise(r[0], r[1], _date(r[2]), r[3], calls.get(r[0], [])) for r in rows]
    return [p for p in out if p is not None]


def _promise(fid: int, customer: str, due: dt.date, reason: str, calls: list) -> Promise | None:
    """What came of a promise (None: closed without a call by its day, as when the customer cancelled before
    it: it was no longer owed)."""
    attempts = tuple((done, nobody) for _due, done, nobody, _s in calls if done is not None and nobody)
    reached = next((done for _due, done, nobody, s in calls if done is not None and not nobody and not s), None)
    if reached is not None:
        kept = all(follow_up_state(d, done) == "on time" for d, done, _n, _s in calls if done is not None)
        return Promise(fid, customer, due, reached, reason, "on time" if kept else "late", attempts)
    if not attempts:
        dropped = [(d, done, s) for d, done, _n, s in calls if done is not None and s]
        if dropped and follow_up_state(dropped[0][0], dropped[0][1]) == "on time":
            return None
        return Promise(fid, customer, due, None, reason, "open", stopped=dropped[0][2] if dropped else "")
    still = [d for d, done, _n, _s in calls if done is None]
    stopped = next((s for _d, _done, _n, s in reversed(calls) if s), "")
    return Promise(fid, customer, due, None, reason, "unreached", attempts, still[0] if still else None, stopped)


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


def _attempted(p: Promise) -> str:
    """What the calls that reached nobody came to: "2 attempts (last: voicemail left on Oct 16)"."""
    when, why = p.attempts[-1]
    last = f"{NOBODY_REACHED_WORDS.get(why, why)} on {w.day(when)}"
    return f"{w.count(len(p.attempts), 'attempt')} ({'last: ' if len(p.attempts) > 1 else ''}{last})"


def _follow_up_block(month: Month, items: list[Promise]) -> tuple[Block | None, str, bool]:
    mine = [p for p in items if month.contains(p.due)]
    if not mine:
        return None, f"No follow-ups were due in {w.month(month.start)}.", False
    states = {s: sum(1 for p in mine if p.state == s) for s in ("on time", "late", "unreached", "open")}
    n = len(mine)
    trying = sum(1 for p in mine if p.state == "unreached" and p.again_on)
    unreached = (f", {states['unreached']} reached only voicemail or no one"
                 + (f" ({trying} still being tried)" if trying else "") if states["unreached"] else "")
    text = w.sentence(f"{w.count(n, 'follow-up')} {w.were(n)} due in {w.month(month.start)}: {states['on time']} kept "
                      f"on time ({w.share(states['on time'], n)}), {states['late']} kept late{unreached} and "
                      f"{states['open']} not done")
    missed = [p for p in mine if p.state != "on time"]
    details = []
    for p in missed[:LISTED_UP_TO]:
        if p.state == "late":
            when = f"reached on {w.day(p.reached)}" + (f" after {_attempted(p)}" if p.attempts else "")
        elif p.state == "open":
            when = f"not done: {p.stopped}" if p.stopped else "still not done"
        else:
            when = f"nobody reached in {_attempted(p)}; " + (
                f"the office stopped trying: {w.quoted(p.stopped)}" if p.stopped else
                f"calling again on {w.day(p.again_on)}" if p.again_on else "not tried again")
        details.append(w.sentence(f"{p.customer}: due {w.day(p.due)}, {when} — {p.reason}"))
    rows = tuple((p.customer, w.short_day(p.due), w.short_day(p.reached) if p.reached else
                  f"not reached ({w.count(len(p.attempts), 'attempt')})" if p.attempts else "not done", p.reason)
                 for p in missed)
    said = ("A follow-up is kept once the customer was reached, by its call or a call again after it; "
            "a call that reached only voicemail or no one is an attempt.",
            "The follow-ups not kept on time:" if missed else "Every follow-up was kept on its day.")
    block = Block("Follow-ups", (*said, *details), None,
                  Table(("Customer", "Due", "Reached", "What was promised"), rows) if rows else None)
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
        f = _count(ups, lambda x: x.state, m, lambda x: x.due)
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
            w.sentence("over these 13 months, follow-ups kept on time: "
                       + over_the_year(ups, lambda x: x.state, "on time", lambda x: x.due)
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
