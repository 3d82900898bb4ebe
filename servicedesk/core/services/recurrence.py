"""Service plans: the recurring agreement per customer site, and the visits it generates.

Dates come from dateutil's rrule, never hand-written arithmetic:

- ``weekly`` / ``every_n_weeks``: on ``weekday`` every ``interval`` weeks;
- ``monthly_weekday``: the Nth ``weekday`` of every ``interval`` months (``week_of_month`` 1..4, or -1 for the last);
- ``monthly_date``: ``day_of_month`` of every ``interval`` months. A day the month does not have
  (the 31st in April, the 30th in February) falls on that month's last day: no month is skipped.

Visit times are naive local wall-clock times: a 09:00 plan stays at 09:00 on both sides of a
daylight-saving change. A date on which the office is closed (a public holiday, or one of its own
closed days: ``business_days``) has its visit on the day the office opens again, at the same time and
with the same technician; the visit keeps the plan's date as its ``occurrence``. When the office stays
closed nearer the plan's next date than its own (a weekly plan over the Christmas closure), that date
has no visit: the next one serves, and no customer gets two visits in a few days. Generation is
idempotent: the unique (plan, occurrence) index on Visit means a date already generated is never
generated again, even if that visit was moved to the next open day, moved by hand or cancelled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday as rr_weekday
from peewee import Case

from servicedesk.core import clock, formatting
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services import business_days, customers
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.db import execute_many
from servicedesk.core.store.models import RECURRENCE_KINDS, ServicePlan, Staff, Visit
from servicedesk.core.validation import clean_text

DEFAULT_HORIZON_WEEKS = 12
WEEKDAYS = clock.WEEKDAYS
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}


@dataclass(frozen=True)
class PlanInfo:
    id: int
    customer_id: int
    site_id: int | None
    service_type: str
    recurrence: str
    interval: int
    weekday: int | None
    week_of_month: int | None
    day_of_month: int | None
    window_start: dt.time
    window_end: dt.time
    duration_min: int
    technician_id: int | None
    technician: str
    includes: str
    starts_on: dt.date
    ends_on: dt.date | None
    active: bool
    generated_until: dt.date | None

    @property
    def rule_text(self) -> str:
        return describe(self)


def describe(plan) -> str:
    """The rule in words: "Monthly on the 2nd Tuesday", "Every 4 weeks on Monday"."""
    n = plan.interval or 1
    if plan.recurrence in ("weekly", "every_n_weeks"):
        day = WEEKDAYS[plan.weekday if plan.weekday is not None else plan.starts_on.weekday()]
        return f"Weekly on {day}" if n == 1 else f"Every {n} weeks on {day}"
    every = "Monthly" if n == 1 else f"Every {n} months"
    if plan.recurrence == "monthly_weekday":
        return f"{every} on the {ORDINALS.get(plan.week_of_month, '?')} {WEEKDAYS[plan.weekday or 0]}"
    day = plan.day_of_month or plan.starts_on.day
    return f"{every} on day {day}" + (" (or the month's last day)" if day > 28 else "")


def _anchor(plan, first: dt.date) -> dt.date:
    """A start on the plan's own cycle shortly before ``first``.

    rrule walks from its start, so a five-year-old weekly plan would step through 260 weeks
    for every generation; moving the start forward by whole periods (whole multiples of the
    interval) keeps every date the same and skips the walk.
    """
    begin = plan.starts_on
    if first <= begin:
        return begin
    n = max(1, plan.interval or 1)
    if plan.recurrence in ("weekly", "every_n_weeks"):
        return begin + dt.timedelta(weeks=((first - begin).days // (7 * n)) * n)
    months = (first.year - begin.year) * 12 + first.month - begin.month
    whole = (max(0, months - 1) // n) * n  # a period early, so nothing in first's own month is lost
    return (begin.replace(day=1) + relativedelta(months=whole)) if whole else begin


def _rule(plan, start: dt.date):
    n = max(1, plan.interval or 1)
    begin = dt.datetime.combine(_anchor(plan, start), dt.time())
    if plan.recurrence in ("weekly", "every_n_weeks"):
        wd = plan.weekday if plan.weekday is not None else plan.starts_on.weekday()
        return rrule(WEEKLY, interval=n, byweekday=wd, dtstart=begin)
    if plan.recurrence == "monthly_weekday":
        return rrule(MONTHLY, interval=n, byweekday=rr_weekday(plan.weekday, plan.week_of_month), dtstart=begin)
    day = plan.day_of_month or plan.starts_on.day
    if day > 28:  # the day itself where the month has it, else the month's last day
        return rrule(MONTHLY, interval=n, bymonthday=(day, -1), bysetpos=1, dtstart=begin)
    return rrule(MONTHLY, interval=n, bymonthday=day, dtstart=begin)


def occurrences(plan, start: dt.date, end: dt.date) -> list[dt.date]:
    """The plan's dates in [start, end] (inclusive), within its own start and end."""
    last = min(end, plan.ends_on) if plan.ends_on else end
    first = max(start, plan.starts_on)
    if last < first:
        return []
    rule = _rule(plan, first)
    return [d.date() for d in rule.between(dt.datetime.combine(first, dt.time()),
                                           dt.datetime.combine(last, dt.time()), inc=True)]


def visit_day(occurrence: dt.date, calendar: tuple | None = None) -> dt.date:
    """The day the plan's visit for ``occurrence`` takes place: that day, or the day the office opens again when
    it is a public holiday or one of the office's own closed days. ``calendar``: ``business_days.calendar_key()``
    when many dates are worked out at once."""
    if business_days.holiday_or_closed(occurrence, calendar):
        return business_days.opens_on(occurrence, calendar)
    return occurrence


def on_its_day(starts_at: dt.datetime, occurrence: dt.date) -> bool:
    """A plan's visit still on the day generation gave it (its plan date, or the day the office opens again
    after a closed one), not moved to another day on purpose."""
    return starts_at.date() in (occurrence, visit_day(occurrence))


# ------------------------------------------------------------------ reading and saving plans

def _info(p: ServicePlan) -> PlanInfo:
    tech = Staff.get_or_none(Staff.id == p.technician_id) if p.technician_id else None
    return PlanInfo(p.id, p.customer_id, p.site_id, p.service_type, p.recurrence, p.interval, p.weekday,
                    p.week_of_month, p.day_of_month, p.window_start, p.window_end, p.duration_min,
                    p.technician_id, tech.name if tech else "", p.includes, p.starts_on, p.ends_on,
                    p.active, p.generated_until)


def get(plan_id: int) -> PlanInfo:
    p = ServicePlan.get_or_none(ServicePlan.id == plan_id)
    if p is None:
        raise NotFound(f"Service plan {plan_id} no longer exists.")
    return _info(p)


def plans_for(customer_id: int, include_ended: bool = False) -> list[PlanInfo]:
    query = ServicePlan.select().where(ServicePlan.customer == customer_id).order_by(ServicePlan.starts_on)
    plans = [_info(p) for p in query]
    if not include_ended:
        today = clock.today()
        plans = [p for p in plans if p.active and (p.ends_on is None or p.ends_on >= today)]
    return plans


PLAN_FIELDS = ("site_id", "service_type", "recurrence", "interval", "weekday", "week_of_month", "day_of_month",
               "window_start", "window_end", "duration_min", "technician_id", "includes", "starts_on", "ends_on")


def _whole(value, default: int) -> int | None:
    """A whole number as typed (None or "" is ``default``); None when it is not one. 0 stays 0."""
    if value is None or value == "":
        return default
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        return None
    try:
        return int(str(value).strip()) if not isinstance(value, float) else int(value)
    except ValueError:
        return None


def _day(value, key: str, problems: dict) -> dt.date | None:
    if value is None or value == "" or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else (value or None)
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems[key] = f"“{value}” is not a date (use YYYY-MM-DD)."
        return None


def _validated(values: dict, staff_ids: set[int] | None = None) -> dict:
    """The plan's values checked; ``staff_ids`` (the office's staff) spares a look-up per plan when many are made."""
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"unknown plan fields: {sorted(unknown)}")
    v = dict(values)
    problems: dict[str, str] = {}
    v["service_type"] = clean_text(v.get("service_type", "")).strip()
    v["includes"] = clean_text(v.get("includes", ""))
    if not v["service_type"]:
        problems["service_type"] = "Say what service this plan is for."
    kind = v.get("recurrence")
    if kind not in RECURRENCE_KINDS:
        problems["recurrence"] = f"Recurrence must be one of: {', '.join(RECURRENCE_KINDS)}."
    v["interval"] = 1 if kind == "weekly" else _whole(v.get("interval"), 1)
    if v["interval"] is None or not 1 <= v["interval"] <= 52:
        problems["interval"] = "The interval must be a whole number between 1 and 52."
    for key in ("starts_on", "ends_on"):
        v[key] = _day(v.get(key), key, problems)
    if v["starts_on"] is None and "starts_on" not in problems:
        problems["starts_on"] = "The plan needs a start date."
    elif v["starts_on"] and v["ends_on"] is not None and v["ends_on"] < v["starts_on"]:
        problems["ends_on"] = "The plan cannot end before it starts."
    if kind in ("weekly", "every_n_weeks", "monthly_weekday"):
        if v.get("weekday") is None and isinstance(v.get("starts_on"), dt.date):
            v["weekday"] = v["starts_on"].weekday()
        if v.get("weekday") not in range(7):
            problems["weekday"] = "Choose a weekday."
    if kind == "monthly_weekday" and v.get("week_of_month") not in (1, 2, 3, 4, -1):
        problems["week_of_month"] = "Choose which week of the month: 1st to 4th, or last."
    if kind == "monthly_date":
        if v.get("day_of_month") is None and isinstance(v.get("starts_on"), dt.date):
            v["day_of_month"] = v["starts_on"].day
        if v.get("day_of_month") not in range(1, 32):
            problems["day_of_month"] = "The day of the month must be between 1 and 31."
    start, end = v.get("window_start", dt.time(8)), v.get("window_end", dt.time(12))
    v["window_start"], v["window_end"] = start, end
    if end <= start:
        problems["window_end"] = "The time window must end after it starts."
    v["duration_min"] = _whole(v.get("duration_min"), 60)
    if v["duration_min"] is None or not 5 <= v["duration_min"] <= 12 * 60:
        problems["duration_min"] = "A visit lasts between 5 minutes and 12 hours (a whole number of minutes)."
    tech = v.pop("technician_id", None)
    if tech and (tech not in staff_ids if staff_ids is not None else Staff.get_or_none(Staff.id == tech) is None):
        problems["technician_id"] = "That technician no longer exists."
    if problems:
        raise ValidationError(problems)
    v["technician"] = tech
    v["site"] = v.pop("site_id", None)
    return v


def create_plan(customer_id: int, **values) -> int:
    """A new service plan; generate its visits with ``generate``."""
    customers.refuse_if_cancelled(customer_id, "setting up a service plan")
    data = _validated(values)
    with transaction():
        return ServicePlan.create(customer=customer_id, **data).id


def create_plans(plans: list[tuple[int, dict]]) -> list[int]:
    """Several new plans at once, (customer id, values) each, checked as ``create_plan`` checks one; their ids.

    For many plans made together (the recurring jobs of an imported history): the staff is read once,
    the rows go in without building a query each.
    """
    from servicedesk.core.services.import_apply import inserter
    from servicedesk.core.store.db import insert_id

    staff = {r[0] for r in database.execute_sql("SELECT id FROM staff").fetchall()}
    sql, row = inserter(ServicePlan)
    checked = [row({**_validated(values, staff), "customer": customer_id}) for customer_id, values in plans]
    with transaction():
        return [insert_id(sql, params) for params in checked]


def end_plan(plan_id: int, last_day: dt.date) -> int:
    """Stop a plan after ``last_day``; its later visits that have not happened are removed. Returns how many."""
    with transaction():
        plan = ServicePlan.get_by_id(plan_id)
        plan.ends_on = last_day
        plan.save()
        removed = _drop_future(plan, last_day + dt.timedelta(days=1))
        customers.refresh_summary([plan.customer_id])
    return removed


def end_for_customer(customer_id: int, last_day: dt.date) -> int:
    """End every plan of a customer who cancelled: none makes visits after ``last_day``, and none starts
    again on its own (a customer who comes back has their plans set up anew). Returns how many ended."""
    sooner = Case(None, ((ServicePlan.ends_on < last_day, ServicePlan.ends_on),), last_day)  # NULL: last_day
    return (ServicePlan.update(active=False, ends_on=sooner)
            .where((ServicePlan.customer == customer_id) & ServicePlan.active).execute())


def _drop_future(plan: ServicePlan, from_day: dt.date, keep=None) -> int:
    """Delete the plan's untouched visits on or after ``from_day`` (moved or finished ones stay;
    ``keep``: the ids that stay instead of every visit ever moved)."""
    from servicedesk.core.store.models import VisitChange

    kept = VisitChange.select(VisitChange.visit) if keep is None else list(keep)
    return (Visit.delete()
            .where((Visit.plan == plan.id) & (Visit.occurrence >= from_day)
                   & (Visit.status.in_(("scheduled", "confirmed"))) & (Visit.id.not_in(kept)))
            .execute())


def _put_on_purpose(plan: ServicePlan, from_day: dt.date) -> list[int]:
    """The plan's booked visits from ``from_day`` on that someone moved to another day or gave to someone
    other than the plan's technician: a change of the plan leaves them where they were put. A visit
    still on its plan date with the plan's technician (at another time that day, or moved there by
    an earlier change of the plan) goes with its date, so a second change never doubles it."""
    from servicedesk.core.store.models import VisitChange

    moved = (Visit.select(Visit.id, Visit.starts_at, Visit.occurrence, Visit.technician)
             .where((Visit.plan == plan.id) & (Visit.occurrence >= from_day)
                    & Visit.status.in_(("scheduled", "confirmed")) & Visit.id.in_(VisitChange.select(VisitChange.visit))))
    return [v.id for v in moved if not on_its_day(v.starts_at, v.occurrence) or v.technician_id != plan.technician_id]


def change_from(plan_id: int, from_day: dt.date, **values) -> int:
    """"This and future": the plan as it was ends the day before ``from_day``; a new plan with
    ``values`` takes over from ``from_day``. Returns the new plan's id.

    Visits already booked on a date the new plan keeps stay booked, at the time they have when it is
    inside the new window (the window's start otherwise) and with the new plan's technician unless
    someone else was sent to that one visit on purpose; dates the new plan no longer has lose their
    visits (unless someone moved one to another day or sent someone else: it stays where it was put),
    and its new dates are generated. Changing the technician away from the
    customer's own goes through ``scheduling.change_plan``, which needs the reason and tells the
    customer. (For "this visit only", move or reassign the one visit through ``scheduling``.)"""
    old = get(plan_id)
    merged = {f: getattr(old, f) for f in PLAN_FIELDS}
    merged.update(values)
    # a plan not started yet keeps the day the customer agreed to start
    merged["starts_on"] = values.get("starts_on") or max(from_day, old.starts_on)
    data = _validated(merged)
    with transaction():
        row = ServicePlan.get_by_id(plan_id)
        row.ends_on = from_day - dt.timedelta(days=1)
        if row.ends_on < row.starts_on:  # replaced before its first day: it never was in force
            row.active = False
        row.save()
        new = ServicePlan.create(customer=old.customer_id, **data)
        until = _horizon_end(None, row.generated_until)
        _carry_over(row, new, from_day, until)
        _drop_future(row, from_day, keep=_put_on_purpose(row, from_day))
        if new.ends_on is not None:  # the plan ends: none of its visits after its last day, moved or not
            (Visit.update(status="cancelled",
                          status_reason=f"The service plan ended on {formatting.format_date(new.ends_on)}.")
             .where((Visit.plan == row.id) & (Visit.occurrence > new.ends_on)
                    & Visit.status.in_(("scheduled", "confirmed"))).execute())
        _generate_one(new, until)
        customers.refresh_summary([old.customer_id])
    return new.id


def _carry_over(old: ServicePlan, new: ServicePlan, from_day: dt.date, until: dt.date) -> None:
    """The old plan's booked visits on dates the new plan keeps become the new plan's, where they are."""
    from servicedesk.core.store.models import VisitChange

    keeps = set(occurrences(new, from_day, until))
    length = dt.timedelta(minutes=new.duration_min)
    touched = {c.visit_id for c in VisitChange.select(VisitChange.visit).join(Visit).where(Visit.plan == old.id)}
    booked = Visit.select().where((Visit.plan == old.id) & (Visit.occurrence >= from_day)
                                  & Visit.status.in_(("scheduled", "confirmed")))
    for v in booked:
        if v.occurrence not in keeps or not on_its_day(v.starts_at, v.occurrence):
            continue  # a date the plan no longer has, or a visit moved to another day on purpose
        start = v.starts_at
        if not new.window_start <= start.time() <= new.window_end:
            start = dt.datetime.combine(start.date(), new.window_start)
        follows = v.id not in touched or v.technician_id == old.technician_id
        (Visit.update(plan=new.id, starts_at=start, ends_at=start + length,
                      technician=new.technician_id if follows else v.technician_id)
         .where(Visit.id == v.id).execute())


# ------------------------------------------------------------------ generating visits

def _horizon_end(until: dt.date | None, at_least: dt.date | None = None) -> dt.date:
    """``until``, or the Sunday ending the week 12 weeks ahead (so the default moves once a week)."""
    ahead = clock.today() + dt.timedelta(weeks=DEFAULT_HORIZON_WEEKS)
    end = until or ahead + dt.timedelta(days=6 - ahead.weekday())
    return max(end, at_least) if at_least else end


class _Plan(NamedTuple):
    """The fields generation needs, read in one query (20,000 ORM objects would cost more than the work)."""

    id: int
    customer_id: int
    site_id: int | None
    service_type: str
    recurrence: str
    interval: int
    weekday: int | None
    week_of_month: int | None
    day_of_month: int | None
    window_start: dt.time
    duration_min: int
    technician_id: int | None
    starts_on: dt.date
    ends_on: dt.date | None


_PLAN_SQL = ("SELECT id, customer_id, site_id, service_type, recurrence, interval, weekday, week_of_month,"
             " day_of_month, window_start, duration_min, technician_id, starts_on, ends_on FROM service_plan")


def _plans(where: str, params) -> list[_Plan]:
    def when(value, kind):
        return kind.fromisoformat(value) if isinstance(value, str) else value

    # a customer who cancelled gets no more visits, whatever their plans still say
    staying = ("NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = service_plan.customer_id"
               " AND c.status = 'cancelled')")
    return [_Plan(*r[:9], when(r[9], dt.time), r[10], r[11], when(r[12], dt.date), when(r[13], dt.date))
            for r in database.execute_sql(f"{_PLAN_SQL} WHERE {staying} AND ({where})", params).fetchall()]


def _chunks(items: list, size: int = 900):
    for start in range(0, len(items), size):
        yield items[start:start + size]


_MONDAY = dt.date(1970, 1, 5)


def pattern_key(plan, first: dt.date, last: dt.date) -> tuple:
    """What decides a plan's dates in [first, last]: its rule and its phase, not its own start.

    rrule counts weeks (or months) from its start, so two plans with the same rule whose starts
    fall in the same week (month) of the interval's cycle have the same dates. Many plans share
    a key, so generation asks rrule once per key.
    """
    n = max(1, plan.interval or 1)
    anchor = _anchor(plan, first)
    if plan.recurrence in ("weekly", "every_n_weeks"):
        day = plan.weekday if plan.weekday is not None else plan.starts_on.weekday()
        return ("weeks", n, day, ((anchor - _MONDAY).days // 7) % n, first, last)
    phase = (anchor.year * 12 + anchor.month - 1) % n
    if plan.recurrence == "monthly_weekday":
        return ("month-weekday", n, plan.weekday, plan.week_of_month, phase, first, last)
    return ("month-date", n, plan.day_of_month or plan.starts_on.day, phase, first, last)


def _next_serves(plan, day: dt.date, on: dt.date, following: dt.date | None) -> bool:
    """The office is closed on the plan's ``day`` until ``on``, nearer the plan's next date (``following``, when
    known) than its own: that next visit serves, and the customer never has two in a few days."""
    if following is None:
        following = next(iter(occurrences(plan, day + dt.timedelta(days=1), on + dt.timedelta(days=62))), None)
    return following is not None and (on - day) * 2 > following - day


def _generate(plans: list[_Plan], until: dt.date) -> tuple[int, set[int]]:
    """Insert the missing visits of ``plans`` up to ``until`` in one batch; (visits created, customers touched)."""
    if not plans:
        return 0, set()
    today, stamp = clock.today(), str(clock.now())
    have: set[tuple[int, str]] = set()
    for chunk in _chunks([p.id for p in plans]):
        have.update((plan_id, str(occurrence)) for plan_id, occurrence in database.execute_sql(
            f"SELECT plan_id, occurrence FROM visit WHERE occurrence >= ? AND plan_id IN ({','.join('?' * len(chunk))})",
            [today.isoformat(), *chunk]).fetchall())
    rows, touched = [], set()
    dates: dict[tuple, list[dt.date]] = {}
    # never a visit for someone who has left: from the day after their last day it is generated
    # unassigned, and the hand-over (or the board's unassigned lane) says who goes
    gone = {r[0]: (dt.date.fromisoformat(str(r[1])[:10]) if r[1] else today - dt.timedelta(days=1))
            for r in database.execute_sql("SELECT id, left_on FROM staff WHERE left_on IS NOT NULL OR NOT active")}
    calendar = business_days.calendar_key()
    for plan in plans:
        length = dt.timedelta(minutes=plan.duration_min)
        first, last = max(plan.starts_on, today), min(until, plan.ends_on) if plan.ends_on else until
        if last < first:
            continue
        key = pattern_key(plan, first, last)
        if key not in dates:
            dates[key] = occurrences(plan, first, last)
        days = dates[key]
        for index, day in enumerate(days):
            key = day.isoformat()
            if (plan.id, key) in have:
                continue
            on = visit_day(day, calendar)  # the office is closed on the plan's date: the day it opens again
            if on != day and _next_serves(plan, day, on, days[index + 1] if index + 1 < len(days) else None):
                continue
            begins = dt.datetime.combine(on, plan.window_start)
            technician = plan.technician_id
            if technician in gone and on > gone[technician]:
                technician = None
            rows.append((plan.customer_id, plan.site_id, plan.id, key, technician, plan.service_type,
                         str(begins), str(begins + length), stamp))
            touched.add(plan.customer_id)
    # Another PC generating the same plans at the same moment inserts the same (plan, date): the
    # unique index keeps one and the other is left out, so no visit is ever doubled. A visit moved to
    # the day the office opens again keeps its plan date, so it is that same (plan, date).
    created = execute_many(dialect.current().insert_ignore(
        "visit (customer_id, site_id, plan_id, occurrence, technician_id, service_type, starts_at, ends_at, status,"
        " status_reason, work_done, findings, recommendations, created_at)",
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', '', '', '', '', ?)", "plan_id, occurrence"), rows)
    for chunk in _chunks([p.id for p in plans]):
        database.execute_sql(
            f"UPDATE service_plan SET generated_until = ? WHERE id IN ({','.join('?' * len(chunk))})"
            " AND (generated_until IS NULL OR generated_until < ?)", [until.isoformat(), *chunk, until.isoformat()])
    return created, touched


def _generate_one(plan, until: dt.date) -> int:
    return _generate(_plans("id = ?", (plan.id,)), until)[0]


def generate_for(plan_ids, until: dt.date | None = None) -> int:
    """Create the visits of these plans up to ``until`` (default 12 weeks ahead); how many were created."""
    from servicedesk.core.store.db import is_read_only

    if is_read_only():
        return 0
    end = _horizon_end(until)
    with transaction():
        plans = [p for chunk in _chunks(list(plan_ids)) for p in _plans(f"id IN ({','.join('?' * len(chunk))})", chunk)]
        created, touched = _generate(plans, end)
        if touched:
            customers.refresh_summary(touched, visits_only=True)  # planned visits added, nothing else
    return created


def generate(until: dt.date | None = None, plan_id: int | None = None) -> int:
    """Create the visits of every active plan (or one) up to ``until`` (default 12 weeks ahead).

    Running it again creates nothing new: each (plan, date) exists at most once. Returns how many
    visits were created.
    """
    from servicedesk.core.store.db import is_read_only, writes_held

    if is_read_only():  # the copy that holds the write lock generates; a read-only view only shows
        return 0
    if writes_held():  # the start-up check is still reading the file: generated once it is done
        return 0
    end = _horizon_end(until)
    with transaction():
        if plan_id is not None:
            plans = _plans("id = ?", (plan_id,))
        else:
            plans = _plans("active AND (generated_until IS NULL OR generated_until < ?)"
                           " AND (ends_on IS NULL OR ends_on >= ?)", (end.isoformat(), clock.today().isoformat()))
        created, touched = _generate(plans, end)
        if touched:
            customers.refresh_summary(touched, visits_only=True)  # planned visits added, nothing else
    return created
