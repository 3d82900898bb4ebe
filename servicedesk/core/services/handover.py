"""A technician leaving, or away for more than a week, is something the office works through.

Marking a technician as leaving (``technicians.mark_leaving``) or recording time off longer than
``AWAY_LONGER_THAN_DAYS`` opens a hand-over (through the ``technician_leaving`` and
``time_off_added`` events). It lists every customer whose plan, "same technician" preference,
regular technician or visits in the period name them, and proposes a successor for each:
someone the customer already knows first (most completed visits), else whoever in the same line of
work has the fewest customers so far; those who said the same technician matters are flagged.
Someone leaving who leads a project under way (planned, active or on hold) hands over its customer
too: the successor proposed is the colleague leading the fewest such projects.

Confirming a customer (one by one, or all at once) moves, for someone leaving, their plans, their
visits after the last day, their regular technician and their "same technician" preference (the
old preference is kept, inactive) and the projects they lead; for someone away, only the visits of
the absence. Each visit
moved is recorded as a change, and the customer is owed a personal call introducing the new
technician before their next visit (a follow-up, source "introduction"). Until a customer is
confirmed, the queue lists them (``queue_rows``); one whom nothing names the technician any more
(their visit moved to a day the technician is back) leaves it. A hand-over closes when every
customer is done.

When the absence ends (time off with a last day), a customer who said their technician matters is
proposed to wait for them first (``handover_wait``): their visits of the absence move to the first
suitable days after the technician is back, within a reasonable delay, with a stand-in as the
alternative. Choosing it (``wait_for``) moves the visits as the board does (each change recorded with
its reason, a change notice queued for the customer) and closes their row, with the technician
themselves recorded as the one who keeps them; no introduction is owed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicedesk.core import clock, events, formatting
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services import customers, followups, handover_wait
from servicedesk.core.services.concerns import subtract_business_days
from servicedesk.core.services.health_rules import day_words
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.models import (FollowUp, Handover, HandoverItem, Project, ServicePlan, Staff, Visit,
                                          VisitChange)

AWAY_LONGER_THAN_DAYS = 7
ACTIVE = ("scheduled", "confirmed")
OPEN_PROJECTS = ("planned", "active", "on_hold")  # a project whose letters still name its lead
LEADS_PROJECTS = ("project_lead", "owner")  # who is proposed to take over a project
WAIT = "wait"  # the choice of keeping the customer's technician: their visits wait until the return
PROJECT_LABEL = "leads “{}”"


@dataclass(frozen=True)
class HandoverInfo:
    id: int
    staff_id: int
    staff: str
    kind: str  # leaving, away
    first_day: dt.date  # the first day they are gone
    last_day: dt.date | None  # away: the last day of the absence
    closed: bool
    waiting: int  # customers not confirmed yet
    total: int

    def describe(self) -> str:
        if self.kind == "leaving":
            return f"{self.staff} leaves (last day {day_words(self.first_day - dt.timedelta(days=1))})"
        return f"{self.staff} is away {day_words(self.first_day)} – {day_words(self.last_day)}"


@dataclass(frozen=True)
class Item:
    customer_id: int
    customer: str
    names: str  # what names the technician: "plan, preference, 3 visits"
    next_visit: dt.datetime | None  # their next visit the hand-over moves
    wants_same: bool  # they said the same technician matters
    proposed_id: int | None
    proposed: str
    why: str  # why this successor
    successor_id: int | None  # confirmed
    successor: str
    confirmed_at: dt.datetime | None
    follow_up_id: int | None
    wait: handover_wait.Wait | None = None  # waiting for the technician, proposed before any stand-in
    no_wait: str = ""  # why someone who said the technician matters cannot wait for them
    waited: bool = False  # confirmed: their visits wait for the technician

    @property
    def waits(self) -> bool:
        """Waiting for the technician is what is proposed."""
        return self.wait is not None


# ------------------------------------------------------------------ opening

def _first_gone(handover: Handover) -> dt.datetime:
    return dt.datetime.combine(handover.first_day, dt.time())


def _period(h: Handover) -> tuple[dt.datetime, dt.datetime | None]:
    start = _first_gone(h)
    end = dt.datetime.combine(h.last_day + dt.timedelta(days=1), dt.time()) if h.last_day else None
    return start, end


def _affected(h: Handover) -> dict[int, list[str]]:
    """Customer id -> what names the technician."""
    start, end = _period(h)
    found: dict[int, list[str]] = {}
    visits_sql = ("SELECT customer_id, COUNT(*) FROM visit WHERE technician_id = ? AND status IN ('scheduled', 'confirmed')"
                  " AND starts_at >= ?" + (" AND starts_at < ?" if end else "") + " GROUP BY customer_id")
    for customer_id, n in database.execute_sql(visits_sql, (h.staff_id, start, *([end] if end else []))):
        found.setdefault(customer_id, []).append(f"{n} visit{'s' if n != 1 else ''}")
    if h.kind == "leaving":
        for sql, label in (
                ("SELECT DISTINCT customer_id FROM service_plan WHERE technician_id = ? AND active", "plan"),
                ("SELECT DISTINCT customer_id FROM what_matters WHERE technician_id = ? AND active"
                 " AND kind = 'same_technician'", "preference"),
                ("SELECT id FROM customer WHERE technician_id = ? AND status != 'cancelled'", "regular technician")):
            for (customer_id,) in database.execute_sql(sql, (h.staff_id,)):
                found.setdefault(customer_id, []).insert(0, label)
        for customer_id, name in _projects_led(h.staff_id):
            found.setdefault(customer_id, []).append(PROJECT_LABEL.format(name))
    return found


def _projects_led(staff_id: int, customer_id: int | None = None) -> list[tuple[int, str]]:
    """(customer id, project name) of the projects under way ``staff_id`` leads."""
    query = (Project.select(Project.customer, Project.name)
             .where((Project.lead == staff_id) & Project.status.in_(OPEN_PROJECTS)).order_by(Project.id))
    if customer_id is not None:
        query = query.where(Project.customer == customer_id)
    return [(p.customer_id, p.name) for p in query]


def _only_projects(h: Handover, customer_id: int, affected: dict[int, list[str]]) -> bool:
    """The customer is in the hand-over only for the projects the one leaving leads."""
    led = {PROJECT_LABEL.format(name) for _c, name in _projects_led(h.staff_id, customer_id)}
    labels = affected.get(customer_id, [])
    return bool(labels) and set(labels) <= led


def _lead_load(leaving_id: int) -> dict[int, int]:
    """Projects under way per colleague at work who leads projects (project leads, the owner)."""
    rows = database.execute_sql(
        "SELECT s.id, COUNT(p.id) FROM staff s LEFT JOIN project p ON p.lead_id = s.id AND p.status IN ("
        + ", ".join("?" * len(OPEN_PROJECTS)) + ") WHERE s.active AND s.id != ? AND s.role IN ("
        + ", ".join("?" * len(LEADS_PROJECTS)) + ") GROUP BY s.id",
        (*OPEN_PROJECTS, leaving_id, *LEADS_PROJECTS)).fetchall()
    return {r[0]: r[1] for r in rows}


def _propose_lead(load: dict[int, int]) -> int | None:
    """The colleague leading the fewest projects under way (a project lead before the owner)."""
    if not load:
        return None
    roles = dict(database.execute_sql("SELECT id, role FROM staff").fetchall())
    return min(load, key=lambda t: (roles.get(t) != "project_lead", load[t], t))


def successors(handover_id: int) -> list[tuple[int, str]]:
    """Who can take over in this hand-over, (id, name) by name: the technicians at work, and for someone
    leaving who leads projects, the colleagues who lead projects too."""
    h = _get(handover_id)
    roles = ["technician"] + (list(LEADS_PROJECTS) if h.kind == "leaving" and _projects_led(h.staff_id) else [])
    query = (Staff.select(Staff.id, Staff.name)
             .where(Staff.active & (Staff.id != h.staff_id) & Staff.role.in_(roles)).order_by(Staff.name))
    return [(s.id, s.name) for s in query]


def _load() -> dict[int, int]:
    """Regular customers per active technician."""
    rows = database.execute_sql(
        "SELECT s.id, COUNT(c.id) FROM staff s LEFT JOIN customer c ON c.technician_id = s.id"
        " AND c.status != 'cancelled' WHERE s.active AND s.role = 'technician' GROUP BY s.id").fetchall()
    return {r[0]: r[1] for r in rows}


def _free(technician_id: int, h: Handover) -> bool:
    from servicedesk.core.services import technicians

    start, end = _period(h)
    return not technicians.time_off(technician_id, start, end or start + dt.timedelta(days=7))


def _trades() -> dict[int, set[str]]:
    """The lines of work each technician serves (the trades of their regular customers)."""
    out: dict[int, set[str]] = {}
    for tech, trade in database.execute_sql(
            "SELECT DISTINCT technician_id, trade FROM customer WHERE technician_id IS NOT NULL AND trade != ''"):
        out.setdefault(tech, set()).add(trade)
    return out


def propose(h: Handover, customer_id: int, load: dict[int, int],
            trades: dict[int, set[str]] | None = None) -> tuple[int | None, str]:
    """The best successor for this customer: someone they know (most visits) first, else the least loaded
    colleague in the same line of work (a pool technician is not proposed for a pest customer)."""
    others = {t: n for t, n in load.items() if t != h.staff_id and _free(t, h)}
    trade = customers.get(customer_id).trade
    trades = _trades() if trades is None else trades
    same_line = {t: n for t, n in others.items() if trade and trade in trades.get(t, ())}
    if same_line:
        others = same_line
    from servicedesk.core.services.scheduling import familiarity  # the scheduler, only when proposing someone

    known = {t: n for t, n in familiarity(customer_id).items() if t in others}
    if known:
        best = max(known, key=lambda t: (known[t], -others[t]))
        return best, f"already knows them: {known[best]} visit{'s' if known[best] != 1 else ''}"
    if not others:
        return None, "nobody free"
    best = min(others, key=lambda t: (others[t], t))
    return best, f"a new face; fewest customers ({others[best]})"


def open_for(staff_id: int, kind: str, first_day: dt.date, last_day: dt.date | None = None) -> int:
    """Open (or bring up to date) the hand-over for this absence; returns its id."""
    if kind not in ("leaving", "away"):
        raise ValidationError({"kind": "A hand-over is for someone leaving or away."})
    with transaction():
        h = (Handover.select().where((Handover.staff == staff_id) & (Handover.kind == kind)
                                     & Handover.closed_at.is_null()).first())
        if h is None or (kind == "away" and (h.first_day, h.last_day) != (first_day, last_day)):
            h = Handover.create(staff=staff_id, kind=kind, first_day=first_day, last_day=last_day,
                                opened_at=clock.now())
        elif kind == "leaving" and h.first_day != first_day:
            Handover.update(first_day=first_day).where(Handover.id == h.id).execute()
            h = Handover.get_by_id(h.id)
        refresh(h.id)
    return h.id


def refresh(handover_id: int) -> None:
    """Add the customers who have come to name the technician since the hand-over opened."""
    h = _get(handover_id)
    load, trades, leads = _load(), _trades(), _lead_load(h.staff_id)
    have = {i.customer_id for i in HandoverItem.select().where(HandoverItem.handover == h.id)}
    affected = _affected(h)
    with transaction():
        for customer_id in sorted(affected):
            if customer_id in have:
                continue
            if _only_projects(h, customer_id, affected):
                proposed = _propose_lead(leads)
                if proposed is not None:
                    leads[proposed] += 1
            else:
                proposed, _why = propose(h, customer_id, load, trades)
                if proposed is not None:
                    load[proposed] = load.get(proposed, 0) + 1
            HandoverItem.create(handover=h.id, customer=customer_id, proposed=proposed)
        _close_if_done(h.id)


def _on_leaving(staff_id: int, last_day: dt.date) -> None:
    open_for(staff_id, "leaving", last_day + dt.timedelta(days=1))


def _on_time_off(staff_id: int, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if (ends_at - starts_at) > dt.timedelta(days=AWAY_LONGER_THAN_DAYS):
        last = (ends_at - dt.timedelta(seconds=1)).date()
        open_for(staff_id, "away", starts_at.date(), last)


def _withdraw(staff_id: int, kind: str, first_day: dt.date | None = None, last_day: dt.date | None = None) -> None:
    """The absence (or leaving) is taken back: its open hand-over loses the customers not handed over yet and
    closes; those already handed over stay with whoever took them (that was confirmed with the customer)."""
    where = (Handover.staff == staff_id) & (Handover.kind == kind) & Handover.closed_at.is_null()
    if kind == "away":
        where &= (Handover.first_day == first_day) & (Handover.last_day == last_day)
    for h in Handover.select().where(where):
        HandoverItem.delete().where((HandoverItem.handover == h.id) & HandoverItem.confirmed_at.is_null()).execute()
        Handover.update(closed_at=clock.now()).where(Handover.id == h.id).execute()


def _on_time_off_removed(staff_id: int, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    _withdraw(staff_id, "away", starts_at.date(), (ends_at - dt.timedelta(seconds=1)).date())


def _on_staying(staff_id: int) -> None:
    _withdraw(staff_id, "leaving")
    # visits their plans left without anyone after the last day they no longer have are theirs again
    from servicedesk.core.services import scheduling

    plans = ServicePlan.select(ServicePlan.id).where((ServicePlan.technician == staff_id) & ServicePlan.active)
    changed = VisitChange.select(VisitChange.visit)
    (Visit.update(technician=staff_id)
     .where(Visit.plan.in_(plans) & Visit.technician.is_null() & Visit.status.in_(scheduling.ACTIVE)
            & (Visit.starts_at >= clock.now()) & Visit.id.not_in(changed))
     .execute())


def _on_customers_changed(customer_ids) -> None:
    """A customer waiting in an open hand-over whom nothing names the technician any more (their visit moved to a
    day the technician is back, their technician changed by hand) has nothing left to hand over: they leave it."""
    if not Handover.select().where(Handover.closed_at.is_null()).exists():
        return  # the usual day: one indexed look
    changed = set(customer_ids)  # an import may name thousands: the few waiting are read and looked up in it
    for h in Handover.select().where(Handover.closed_at.is_null()):
        waiting = [i for i in HandoverItem.select().where((HandoverItem.handover == h.id)
                                                          & HandoverItem.confirmed_at.is_null())
                   if i.customer_id in changed]
        if not waiting:
            continue
        affected = _affected(h)
        gone = [i.id for i in waiting if i.customer_id not in affected]
        if gone:
            HandoverItem.delete().where(HandoverItem.id.in_(gone)).execute()
            _close_if_done(h.id)


events.technician_leaving.connect(_on_leaving)
events.customers_changed.connect(_on_customers_changed)
events.time_off_added.connect(_on_time_off)
events.time_off_removed.connect(_on_time_off_removed)
events.technician_staying.connect(_on_staying)


# ------------------------------------------------------------------ reading

def _get(handover_id: int) -> Handover:
    h = Handover.get_or_none(Handover.id == handover_id)
    if h is None:
        raise NotFound(f"Hand-over {handover_id} no longer exists.")
    return h


def _info(h: Handover) -> HandoverInfo:
    counts = database.execute_sql(
        "SELECT COUNT(*), SUM(CASE WHEN confirmed_at IS NULL THEN 1 ELSE 0 END) FROM handover_item"
        " WHERE handover_id = ?", (h.id,)).fetchone()
    return HandoverInfo(h.id, h.staff_id, Staff.get_by_id(h.staff_id).name, h.kind, h.first_day, h.last_day,
                        h.closed_at is not None, counts[1] or 0, counts[0] or 0)


def get(handover_id: int) -> HandoverInfo:
    return _info(_get(handover_id))


def open_handovers(staff_id: int | None = None) -> list[HandoverInfo]:
    query = Handover.select().where(Handover.closed_at.is_null()).order_by(Handover.first_day, Handover.id)
    if staff_id is not None:
        query = query.where(Handover.staff == staff_id)
    return [_info(h) for h in query]


def items(handover_id: int) -> list[Item]:
    """Every customer of the hand-over: those who said the same technician matters first, then by next visit."""
    h = _get(handover_id)
    names = dict(database.execute_sql("SELECT id, name FROM staff").fetchall())
    affected = _affected(h)
    start, end = _period(h)
    waits = handover_wait.options(h)
    out = []
    for row in HandoverItem.select().where(HandoverItem.handover == h.id):
        c = customers.get(row.customer_id)
        wants_same = any(w.kind == "same_technician" for w in c.what_matters)
        nxt = (Visit.select(Visit.starts_at).where((Visit.customer == row.customer_id) & Visit.status.in_(ACTIVE)
                                                  & (Visit.starts_at >= max(start, clock.now())))
               .order_by(Visit.starts_at).first())
        proposed = row.proposed_id
        why = ""
        if proposed is not None and _only_projects(h, row.customer_id, affected):
            led = Project.select().where((Project.lead == proposed) & Project.status.in_(OPEN_PROJECTS)).count()
            why = f"leads {led} project{'s' if led != 1 else ''} under way"
        elif proposed is not None:
            from servicedesk.core.services.scheduling import familiarity

            known = familiarity(row.customer_id).get(proposed, 0)
            why = f"already knows them: {known} visit{'s' if known != 1 else ''}" if known else "a new face"
        wait = waits.get(row.customer_id)
        out.append(Item(row.customer_id, c.name, ", ".join(affected.get(row.customer_id, ())) or "done",
                        nxt.starts_at if nxt else None, wants_same, proposed, names.get(proposed, ""), why,
                        row.successor_id, names.get(row.successor_id, ""), row.confirmed_at, row.follow_up_id,
                        wait if isinstance(wait, handover_wait.Wait) else None, wait if isinstance(wait, str) else "",
                        row.confirmed_at is not None and row.successor_id == h.staff_id))
    far = dt.datetime.max
    out.sort(key=lambda i: (i.confirmed_at is not None, not i.wants_same, i.next_visit or far, i.customer))
    return out


# ------------------------------------------------------------------ confirming

def confirm(handover_id: int, customer_id: int, successor_id: int | None = None, staff_id: int | None = None) -> int:
    """Hand this customer to ``successor_id`` (default: the one proposed). Returns the introduction call owed."""
    h = _get(handover_id)
    row = HandoverItem.get_or_none((HandoverItem.handover == h.id) & (HandoverItem.customer == customer_id))
    if row is None:
        raise NotFound("This customer is not part of the hand-over.")
    successor_id = successor_id or row.proposed_id
    problems = {}
    successor = Staff.get_or_none(Staff.id == successor_id) if successor_id else None
    if row.confirmed_at is not None:
        problems["customer"] = _already(row)
    elif successor is None:
        problems["successor"] = "Choose who takes over."
    elif successor.id == h.staff_id:
        problems["successor"] = f"{successor.name} is the one away; choose someone else."
    elif not successor.active:
        problems["successor"] = f"{successor.name} no longer works here."
    if problems:
        raise ValidationError(problems)
    leaving = Staff.get_by_id(h.staff_id).name
    start, end = _period(h)
    last_day = h.first_day - dt.timedelta(days=1)  # leaving: their last day at work
    gone = f"{leaving} has left" if last_day < clock.today() else f"{leaving} is leaving (last day {day_words(last_day)})"
    why = (f"{gone}; {successor.name} takes over" if h.kind == "leaving"
           else f"{leaving} is away until {day_words(h.last_day)}; {successor.name} comes instead")
    stamp = clock.now()
    with transaction():
        _claim(row)
        # confirmed first: what follows no longer names the one gone, which would take a waiting customer out
        HandoverItem.update(successor=successor.id, confirmed_at=stamp, confirmed_by=staff_id).where(
            HandoverItem.id == row.id).execute()
        moving = Visit.select().where((Visit.customer == customer_id) & (Visit.technician == h.staff_id)
                                      & Visit.status.in_(ACTIVE) & (Visit.starts_at >= start))
        if end is not None:
            moving = moving.where(Visit.starts_at < end)
        moved = list(moving.order_by(Visit.starts_at))
        for v in moved:
            Visit.update(technician=successor.id).where(Visit.id == v.id).execute()
            VisitChange.create(visit=v.id, changed_at=stamp, old_technician=h.staff_id, new_technician=successor.id,
                               old_starts_at=v.starts_at, new_starts_at=v.starts_at, reason=why)
        led = _projects_led(h.staff_id, customer_id) if h.kind == "leaving" else []
        only_projects = bool(led) and _only_projects(h, customer_id, _affected(h))
        if h.kind == "leaving" and not only_projects:
            (ServicePlan.update(technician=successor.id)
             .where((ServicePlan.customer == customer_id) & (ServicePlan.technician == h.staff_id)).execute())
            customers.set_regular_technician(customer_id, successor.id)
        if led:
            (Project.update(lead=successor.id).where((Project.customer == customer_id) & (Project.lead == h.staff_id)
                                                     & Project.status.in_(OPEN_PROJECTS)).execute())
        if h.kind == "leaving":  # the calls still owed by the one leaving (a decision asked in a letter) go along
            (FollowUp.update(assigned_to=successor.id)
             .where((FollowUp.customer == customer_id) & (FollowUp.assigned_to == h.staff_id)
                    & FollowUp.done_at.is_null()).execute())
        nxt = (Visit.select(Visit.starts_at).where((Visit.customer == customer_id) & Visit.status.in_(ACTIVE)
                                                  & (Visit.starts_at >= stamp)).order_by(Visit.starts_at).first())
        due = subtract_business_days(nxt.starts_at.date(), 1) if nxt else clock.today()
        if only_projects:
            names = " and ".join(f"“{name}”" for _c, name in led)
            text = f"Introduce {successor.name}, who now leads {names}, before the next letter: {why}."
        else:
            text = f"Introduce {successor.name} before the next visit: {why}." + (
                f" Next visit {day_words(nxt.starts_at)} {formatting.format_time(nxt.starts_at)}." if nxt else "")
        follow_up = followups.owed(customer_id, "introduction", text, max(due, clock.today()), assigned_to=staff_id)
        HandoverItem.update(follow_up=follow_up).where(HandoverItem.id == row.id).execute()
        _close_if_done(h.id)
        events.customers_changed([customer_id])
    return follow_up


def wait_for(handover_id: int, customer_id: int, staff_id: int | None = None) -> list[int]:
    """Keep the customer's technician: their visits of the absence move to the days ``handover_wait`` proposes,
    each as moving a visit on the board does (the change recorded with its reason, a change notice queued),
    and their row is closed with the technician as the one who keeps them. Returns the notices queued."""
    h = _get(handover_id)
    row = HandoverItem.get_or_none((HandoverItem.handover == h.id) & (HandoverItem.customer == customer_id))
    if row is None:
        raise NotFound("This customer is not part of the hand-over.")
    tech = Staff.get_by_id(h.staff_id).name
    if row.confirmed_at is not None:
        raise ValidationError({"customer": _already(row)})
    if h.kind != "away":
        raise ValidationError({"successor": f"{tech} is leaving; there is no return to wait for. "
                                            f"Choose who takes over."})
    wait = handover_wait.options(h).get(customer_id)
    if not isinstance(wait, handover_wait.Wait):
        said = wait or f"{customers.name_of(customer_id)} did not say {tech} matters, or has no visit to move"
        raise ValidationError({"successor": f"Waiting for {tech} is not proposed: {said}. Choose who takes over."})
    from servicedesk.core.services import scheduling  # the board's own way of moving a visit

    reason = f"{tech} is away until {day_words(h.last_day)}; we kept your visit with {tech} rather than send someone else"
    stamp = clock.now()
    with transaction():
        _claim(row)
        # confirmed first: the moved visits no longer name the absence, which would take a waiting customer out
        HandoverItem.update(successor=h.staff_id, confirmed_at=stamp, confirmed_by=staff_id,
                            follow_up=None).where(HandoverItem.id == row.id).execute()
        notices = [scheduling.assign(m.visit_id, h.staff_id, reason, m.to).draft_id for m in wait.moves]
        _close_if_done(h.id)
        events.customers_changed([customer_id])
    return [n for n in notices if n is not None]


def _claim(row: HandoverItem) -> None:
    """Inside the confirming transaction: the customer's row is confirmed once, whichever PC confirms it first
    (the other PC, confirming at the same moment, waits here and is then told who took it)."""
    dialect.current().serialize(database, "handover_item", row.id)
    now = HandoverItem.get_by_id(row.id)
    if now.confirmed_at is not None:
        raise ValidationError({"customer": _already(now)})


def _already(row: HandoverItem) -> str:
    """A customer's row confirmed already, in words: to whom, by whom and when."""
    name = customers.name_of(row.customer_id)
    if row.successor_id is None:
        return f"{name} was already handed over."
    to = Staff.get_by_id(row.successor_id).name
    by = Staff.get_or_none(Staff.id == row.confirmed_by_id) if row.confirmed_by_id else None
    kept = row.successor_id == Handover.get_by_id(row.handover_id).staff_id
    what = f"already waits for {to}" if kept else f"was already handed over to {to}"
    return (f"{name} {what}" + (f", by {by.name}" if by else "")
            + f" ({formatting.format_moment(row.confirmed_at)}).")


def confirm_all(handover_id: int, staff_id: int | None = None, choices: dict[int, int | str] | None = None
                ) -> list[int]:
    """Confirm every customer still waiting as proposed (waiting for the technician where that is proposed),
    or as ``choices`` say (customer id -> successor, or ``WAIT``). Returns the introduction calls owed."""
    choices = choices or {}
    owed = []
    with transaction():
        for i in [i for i in items(handover_id) if i.confirmed_at is None]:
            choice = choices.get(i.customer_id, WAIT if i.waits else None)
            if choice == WAIT:
                wait_for(handover_id, i.customer_id, staff_id)
            else:
                owed.append(confirm(handover_id, i.customer_id, choice, staff_id))
    return owed


def _close_if_done(handover_id: int) -> None:
    waiting = HandoverItem.select().where((HandoverItem.handover == handover_id)
                                          & HandoverItem.confirmed_at.is_null()).exists()
    if not waiting:
        Handover.update(closed_at=clock.now()).where((Handover.id == handover_id)
                                                     & Handover.closed_at.is_null()).execute()


# ------------------------------------------------------------------ the queue

@dataclass(frozen=True)
class Waiting:
    handover_id: int
    customer_id: int
    customer: str
    why: str
    opened_at: dt.datetime
    waits: bool = False  # waiting for the technician is proposed


def queue_rows() -> list[Waiting]:
    """One row per customer not handed over yet: who is gone, who is proposed (waiting for the technician
    first, when that is proposed), whether the person matters."""
    if not Handover.select().where(Handover.closed_at.is_null()).exists():
        return []  # the usual day: one indexed look, nothing more read
    join = dialect.current().ordered_join  # the few open hand-overs drive the query, never the customers
    rows = database.execute_sql(
        "SELECT h.id, i.customer_id, c.name, s.name, h.kind, h.first_day, h.last_day, p.name, h.opened_at,"
        " EXISTS (SELECT 1 FROM what_matters w WHERE w.customer_id = i.customer_id AND w.active"
        f" AND w.kind = 'same_technician') FROM handover h {join} handover_item i ON i.handover_id = h.id"
        f" {join} customer c ON c.id = i.customer_id JOIN staff s ON s.id = h.staff_id"
        " LEFT JOIN staff p ON p.id = i.proposed_id WHERE h.closed_at IS NULL AND i.confirmed_at IS NULL"
        " ORDER BY h.first_day, c.sort_name").fetchall()
    out = []
    waits: dict[int, dict] = {}  # per hand-over with someone who said the technician matters, read once
    for hid, cid, name, staff, kind, first, last, proposed, opened, wants_same in rows:
        first = dt.date.fromisoformat(str(first)[:10])
        gone = (f"{staff} leaves (last day {day_words(first - dt.timedelta(days=1))})" if kind == "leaving"
                else f"{staff} is away {day_words(first)} – {day_words(dt.date.fromisoformat(str(last)[:10]))}")
        who = f"{proposed} proposed" if proposed else "nobody free to propose"
        said = "; they said the same technician matters" if wants_same else ""
        if wants_same and kind == "away" and hid not in waits:
            waits[hid] = handover_wait.options(_get(hid))
        wait = waits.get(hid, {}).get(cid)
        if isinstance(wait, handover_wait.Wait):
            todo = (f"wait for {staff}: move {wait.what} to {wait.slots()}, after {staff} is back (proposed), "
                    f"or choose who takes over ({proposed or 'nobody free'} otherwise)")
        else:
            todo = f"choose who takes over ({who})"
        out.append(Waiting(hid, cid, name, f"Hand-over: {gone}; {todo}{said}",
                           dt.datetime.fromisoformat(str(opened)), isinstance(wait, handover_wait.Wait)))
    return out
