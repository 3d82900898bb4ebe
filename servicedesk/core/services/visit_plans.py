"""Recurring jobs of an imported visit history become service plans, and the checked history is written.

A job (the rows sharing a customer, a job number or service, and a rule) whose rule can be read
(:func:`visit_words.read_rule`) becomes a service plan from its first visit, at the time and with
the technician of its latest one; its visits that fall on the plan's dates are that plan's visits, so
the plan never generates a second visit for a date the file already has. A customer who already has
the same plan (same service, same rule) keeps it: nothing is added twice. A job whose rule cannot be
read is reported and its visits come in one by one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from servicedesk.core import clock, events
from servicedesk.core.errors import ValidationError
from servicedesk.core.formatting import format_date, format_time, plural
from servicedesk.core.services import recurrence, technicians
from servicedesk.core.services.import_apply import inserter
from servicedesk.core.services.imports import Cancelled, RowProblem
from servicedesk.core.services.visit_words import read_rule
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.models import Visit

BATCH = 1000
_RULE = ("recurrence", "interval", "weekday", "week_of_month", "day_of_month")


@dataclass
class PlanDraft:
    """A service plan one recurring job of the file becomes (or the one the customer already has)."""

    line: int
    customer_id: int
    customer: str
    service: str
    rule: dict
    starts_on: dt.date
    window_start: dt.time
    duration_min: int
    technician: str = ""
    technician_id: int | None = None
    site_id: int | None = None
    visits: int = 0
    existing_id: int | None = None

    def shape(self):
        """The plan as recurrence reads one: its rule and its start."""
        return SimpleNamespace(**{k: self.rule.get(k) for k in _RULE}, starts_on=self.starts_on, ends_on=None)

    def rule_text(self) -> str:
        return recurrence.describe(self.shape())

    def key(self) -> tuple:
        return (self.customer_id, self.service.casefold(), *(self.rule.get(k) for k in _RULE))

    def __str__(self) -> str:
        who = f", with {self.technician}" if self.technician else ""
        if self.existing_id is not None:
            return f"line {self.line}: {self.customer} — {self.service}: {self.rule_text()} (already a plan here)"
        return (f"line {self.line}: {self.customer} — {self.service}: {self.rule_text()}, from "
                f"{format_date(self.starts_on)} at {format_time(self.window_start)}{who}")


def find(plan) -> None:
    """Turn the recurring jobs of a checked file into plan drafts, and link their visits to them."""
    from servicedesk.core.services.visit_import import Already, fold, updates

    groups: dict[tuple, list] = {}
    for visit in plan.rows:
        if visit.rule or visit.recurring:
            groups.setdefault((visit.customer_id, visit.job or fold(visit.service), fold(visit.rule)), []).append(visit)
    if not groups:
        return
    existing = _existing({key[0] for key in groups})
    taken: dict[int, dict[dt.date, tuple[int, str]]] = {}
    already = set()
    for rows in groups.values():
        rows.sort(key=lambda v: v.starts_at)
        first, latest = rows[0], rows[-1]
        rule, why = read_rule(first.rule, first.starts_at.date()) if first.rule else (
            None, "the file says the job is recurring but not how often it repeats")
        if rule is None:
            said = f" (“{first.rule}”)" if first.rule else ""
            plan.no_plan.append(RowProblem(first.line, f"{first.customer} — {first.service or 'visit'}{said}: {why}; "
                                                       f"its {plural(len(rows), 'visit')} come in one by one"))
            continue
        draft = PlanDraft(first.line, first.customer_id, first.customer, first.service or "Regular service", rule,
                          first.starts_at.date(), latest.starts_at.time(),
                          max(5, min(12 * 60, int((latest.ends_at - latest.starts_at).total_seconds() // 60))),
                          latest.technician, latest.technician_id, latest.site_id, len(rows))
        draft.existing_id = existing.get(draft.key())
        plan.plans.append(draft)
        if draft.existing_id and draft.existing_id not in taken:
            taken[draft.existing_id] = _occurrences(draft.existing_id)
        used = taken[draft.existing_id] if draft.existing_id else {}
        on_rule = set(recurrence.occurrences(draft.shape(), first.starts_at.date(), latest.starts_at.date()))
        for visit in rows:
            day = visit.starts_at.date()
            if day in used and draft.existing_id:  # the plan already has this date's visit: it is this one
                already.add(visit.line)
                if not updates(plan, visit, *used[day]):
                    plan.already.append(Already(visit.line, visit.customer, visit.service, day,
                                                "is already a visit of the plan"))
                continue
            visit.plan = draft
            if day in on_rule and day not in used:
                visit.occurrence = day
                used[day] = (0, visit.status)
    if already:
        plan.rows = [v for v in plan.rows if v.line not in already]
        plan.already.sort(key=lambda p: p.line)


def _existing(customer_ids: set[int]) -> dict[tuple, int]:
    """The active plans of these customers, by customer, service and rule."""
    ids, out = sorted(customer_ids), {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        for row in database.execute_sql(
                "SELECT id, customer_id, service_type, recurrence, interval, weekday, week_of_month, day_of_month"
                f" FROM service_plan WHERE active AND ends_on IS NULL AND customer_id IN ({','.join('?' * len(part))})",
                part).fetchall():
            out.setdefault((row[1], row[2].casefold(), *row[3:]), row[0])
    return out


def _occurrences(plan_id: int) -> dict[dt.date, tuple[int, str]]:
    """The plan's visits by the date they were booked for: (visit id, status)."""
    return {dt.date.fromisoformat(str(d)[:10]): (vid, status) for vid, d, status in database.execute_sql(
        "SELECT id, occurrence, status FROM visit WHERE plan_id = ? AND occurrence IS NOT NULL", (plan_id,)).fetchall()}


# ------------------------------------------------------------------ writing

def write(plan, progress=None):
    """Write a checked visits plan in one transaction: new technicians, new plans, the visits, then health."""
    from servicedesk.core.services.visit_import import Result, fold

    if not plan.ok:
        named = {f"line {p.line}": str(p) for p in plan.problems}
        named.update({f"column {u.header}": str(u) for u in plan.unmapped})
        named.update({f"technician {name}": f"“{name}” is not a technician of the office" for name in plan.unresolved})
        raise ValidationError(named)
    stamp = clock.now()
    sql, row_of = inserter(Visit)
    sql = dialect.current().native(sql)
    total = len(plan.rows)
    with transaction():
        added = {}
        for name in plan.unknown:
            if fold(name) in plan.create:
                added[fold(name)] = technicians.create(name)
        plan_ids = {id(d): d.existing_id for d in plan.plans if d.existing_id}
        new_drafts = [d for d in plan.plans if not d.existing_id]
        for draft, plan_id in zip(new_drafts, recurrence.create_plans([_values(d, added) for d in new_drafts])):
            plan_ids[id(draft)] = plan_id
        cursor, batch = database.cursor(), []
        for done, v in enumerate(plan.rows, start=1):
            batch.append(row_of({
                "customer": v.customer_id, "site": v.site_id, "plan": plan_ids[id(v.plan)] if v.plan else None,
                "occurrence": v.occurrence, "technician": v.technician_id or added.get(fold(v.technician)),
                "service_type": v.service, "starts_at": v.starts_at, "ends_at": v.ends_at, "status": v.status,
                "work_done": v.work_done, "completed_at": v.completed_at, "created_at": stamp, "notes": v.notes,
                "import_key": v.key}))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
            if progress is not None and done % BATCH == 0 and progress(done, total) is False:
                raise Cancelled("The import was stopped; no visit was imported.")
        if batch:
            cursor.executemany(sql, batch)
        for visit_id, v in plan.updates:
            _update(visit_id, v, v.technician_id or added.get(fold(v.technician)))
        new = [plan_ids[id(d)] for d in plan.plans if d.existing_id is None]
        generated = recurrence.generate_for(new) if new else 0
        # completed visits are contact: the list's columns and each customer's health follow at once
        events.customers_changed(sorted({v.customer_id for v in plan.rows} | {v.customer_id for _i, v in plan.updates}))
    if progress is not None:
        progress(total, total)
    return Result(total, plan.count("completed"), len(plan.already), len(new),
                  tuple(name for name in plan.unknown if fold(name) in added), generated, len(plan.updates))


def _update(visit_id: int, v, technician_id: int | None) -> None:
    """A booked visit the file says has happened (or not): its status, time, technician and words, as the file has them."""
    current = Visit.get_by_id(visit_id)
    values = {"status": v.status, "completed_at": v.completed_at, "starts_at": v.starts_at, "ends_at": v.ends_at,
              "import_key": v.key, "notes": "\n".join(filter(None, [current.notes, v.notes]))}
    if v.work_done:
        values["work_done"] = v.work_done
    if technician_id:
        values["technician"] = technician_id
    Visit.update(**values).where(Visit.id == visit_id).execute()


def _values(draft: PlanDraft, added: dict[str, int]) -> tuple[int, dict]:
    """(customer id, the plan's values) for recurrence.create_plans."""
    from servicedesk.core.services.visit_import import fold

    start = min(draft.window_start, dt.time(22, 0))  # a window that ends the same day
    ends = dt.datetime.combine(draft.starts_on, start) + dt.timedelta(minutes=draft.duration_min)
    window_end = ends.time() if ends.date() == draft.starts_on else dt.time(23, 59)
    return draft.customer_id, dict(
        site_id=draft.site_id, service_type=draft.service, **{k: draft.rule.get(k) for k in _RULE},
        window_start=start, window_end=window_end, duration_min=draft.duration_min,
        technician_id=draft.technician_id or added.get(fold(draft.technician)), starts_on=draft.starts_on)
