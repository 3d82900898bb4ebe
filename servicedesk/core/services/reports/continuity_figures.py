"""Continuity: does every customer on a plan keep their technician?

- For each customer on a plan at the end of the month: how many technicians did their last
  ``LAST_VISITS`` completed visits (the figure the profile shows), and how the office's plan
  customers spread over one, two, three, four or more technicians.
- For each technician: of the month's completed visits to the customers who are theirs (the
  customer's own technician), how many they did themselves.
- Every change of technician on a visit in the month (``visit_change``), with the reason
  given for it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from servicedesk.core.services.reports import words as w
from servicedesk.core.services.reports.model import Block, Chart, Section, Series, Table
from servicedesk.core.services.reports.period import Month
from servicedesk.core.store import database, dialect

LAST_VISITS = 10
BINS = ("1", "2", "3", "4 or more")
LISTED_UP_TO = 8


def _names() -> dict[int, str]:
    return dict(database.execute_sql("SELECT id, name FROM staff").fetchall())


# customers with a plan under way at the end of the month (a paused plan is not under way)
_ON_A_PLAN = ("SELECT DISTINCT p.customer_id FROM service_plan p JOIN customer c ON c.id = p.customer_id"
              " WHERE p.starts_on <= ? AND (p.ends_on IS NULL OR p.ends_on >= ?) AND (p.active OR p.ends_on IS NOT NULL)"
              " AND (c.cancelled_on IS NULL OR c.cancelled_on > ?)")


def _plan_customers(month: Month) -> dict[int, tuple[str, bool]]:
    """Customer id → (name, said the same technician matters) for everyone on a plan at the month's end."""
    rows = database.execute_sql(
        "SELECT c.id, c.name, EXISTS (SELECT 1 FROM what_matters m WHERE m.customer_id = c.id AND m.active"
        f" AND m.kind = 'same_technician') FROM customer c WHERE c.id IN ({_ON_A_PLAN})",
        (month.end, month.end, month.end)).fetchall()
    return {r[0]: (r[1], bool(r[2])) for r in rows}


def _last_visits(month: Month) -> dict[int, list[int | None]]:
    """Each plan customer's last completed visits up to the month's end: their technicians, newest first."""
    rows = database.execute_sql(
        f"""SELECT customer_id, technician_id FROM (
              SELECT v.customer_id, v.technician_id, v.starts_at, v.id, ROW_NUMBER() OVER (
                  PARTITION BY v.customer_id ORDER BY v.starts_at DESC, v.id DESC) AS n
              FROM visit v WHERE v.status = 'completed' AND v.starts_at < ?
              AND v.customer_id IN ({_ON_A_PLAN})) AS recent
            WHERE n <= ? ORDER BY customer_id, starts_at DESC, id DESC""",
        (month.end_at, month.end, month.end, month.end, LAST_VISITS)).fetchall()
    out: dict[int, list[int | None]] = {}
    for customer_id, technician_id in rows:
        out.setdefault(customer_id, []).append(technician_id)
    return out


def _bin(n: int) -> str:
    return BINS[min(n, 4) - 1]


def _spread(month: Month, names: dict[int, str]) -> tuple[Block, Block | None, dict]:
    customers = _plan_customers(month)
    visits = _last_visits(month)
    seen = {}
    for customer_id, techs in visits.items():
        distinct = list(dict.fromkeys(t for t in techs if t is not None))
        if distinct:
            seen[customer_id] = (len(techs), distinct)
    counts = Counter(_bin(len(d)) for _n, d in seen.values())
    values = tuple(float(counts[b]) for b in BINS)
    total = len(seen)
    steady = counts["1"] + counts["2"]
    sentences = [w.sentence(
        f"{w.count(len(customers), 'customer')} {w.were(len(customers))} on a plan at the end of "
        f"{w.month(month.start)}; {w.count(total, 'of them', 'of them')} had completed visits to count")
        if customers else f"No customer was on a plan at the end of {w.month(month.start)}."]
    if total:
        sentences.append(w.sentence(
            f"in their last {LAST_VISITS} visits (or fewer, for newer customers), {counts['1']} saw one technician only,"
            f" {counts['2']} saw two, {counts['3']} saw three and {counts['4 or more']} saw four or more:"
            f" {w.share(steady, total)} kept to one or two familiar faces"))
    rows = tuple((b, str(counts[b]), w.share(counts[b], total)) for b in BINS)
    spread = Block("Technicians in each customer's last visits", tuple(sentences),
                   Chart("bars", "Customers on a plan, by technicians seen", tuple(BINS), (Series("Customers", values),),
                         axis="customers", across=f"technicians in their last {LAST_VISITS} visits"),
                   Table(("Technicians", "Customers", "Share"), rows, numeric=(1, 2)))
    many = sorted(((cid, n, d) for cid, (n, d) in seen.items() if len(d) >= 3),
                  key=lambda x: (-len(x[2]), customers.get(x[0], ("", False))[0]))
    listed = None
    if many:
        said = [customers.get(cid, ("", False))[1] for cid, _n, _d in many]
        lines = []
        for (cid, n, d), matters in list(zip(many, said))[:LISTED_UP_TO]:
            who = w.listing([names.get(t, "someone since removed") for t in reversed(d)])
            lines.append(w.sentence(f"{customers[cid][0]} saw {len(d)} technicians in their last {w.count(n, 'visit')}"
                                    f" ({who})" + ("; they said the same technician matters" if matters else "")))
        rows = tuple((customers[cid][0], str(len(d)), str(n), "yes" if m else "",
                      ", ".join(names.get(t, "?") for t in reversed(d))) for (cid, n, d), m in zip(many, said))
        listed = Block("Customers who saw three technicians or more", tuple(lines), None,
                       Table(("Customer", "Technicians", "Visits", "Said it matters", "Who came (first to last)"),
                             rows, numeric=(1, 2)))
    return spread, listed, {"plan": len(customers), "counted": total, "steady": steady, "many": len(many)}


def _own_share(month: Month, names: dict[int, str]) -> Block | None:
    rows = database.execute_sql(
        "SELECT c.technician_id, v.technician_id, COUNT(*) FROM visit v JOIN customer c ON c.id = v.customer_id"
        " WHERE v.status = 'completed' AND v.starts_at >= ? AND v.starts_at < ? AND c.technician_id IS NOT NULL"
        " GROUP BY c.technician_id, v.technician_id", (month.start_at, month.end_at)).fetchall()
    own: dict[int, list[int]] = {}
    for owner, did, n in rows:
        totals = own.setdefault(owner, [0, 0])
        totals[0] += n
        if did == owner:
            totals[1] += n
    if not own:
        return None
    order = sorted(own, key=lambda t: (names.get(t, ""), t))
    labels = tuple(names.get(t, "?") for t in order)
    values = tuple(w.percent(own[t][1], own[t][0]) for t in order)
    table = tuple((names.get(t, "?"), str(own[t][0]), str(own[t][1]), str(own[t][0] - own[t][1]),
                   w.share(own[t][1], own[t][0])) for t in order)
    sentences = []
    for t in order:
        total, did = own[t]
        others = total - did
        name = names.get(t, "?")
        sentences.append(w.sentence(
            f"{name}'s own customers had {w.count(total, 'visit')}: {name} did {w.n(did)} ({w.share(did, total)})"
            + (f" and someone else {others}" if others else "")))
    return Block("Each technician's visits to their own customers", tuple(sentences),
                 Chart("hbars", "Share of visits to their own customers done by the technician", labels,
                       (Series("Done by their own technician", values),), percent=True),
                 Table(("Technician", "Visits to their customers", "Done by them", "By someone else", "Share"),
                       table, numeric=(1, 2, 3, 4)))


def changes(month: Month) -> list[tuple]:
    """The month's changes of technician on a visit: (changed at, customer, visit day, from, to, reason)."""
    d = dialect.current()
    return database.execute_sql(
        "SELECT vc.changed_at, c.name, v.starts_at, vc.old_technician_id, vc.new_technician_id, vc.reason"
        " FROM visit_change vc JOIN visit v ON v.id = vc.visit_id JOIN customer c ON c.id = v.customer_id"
        f" WHERE vc.changed_at >= ? AND vc.changed_at < ? AND vc.old_technician_id {d.is_not} vc.new_technician_id"
        " ORDER BY vc.changed_at, vc.id", (month.start_at, month.end_at)).fetchall()


def _dt(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _changes(month: Month, names: dict[int, str]) -> Block | None:
    found = changes(month)
    if not found:
        return None
    reasons = Counter(" ".join(str(r[5]).split()) for r in found)
    without = reasons.pop("", 0)
    told = [f"{w.quoted(text, 100)} ({w.count(n, 'visit')})" for text, n in reasons.most_common(6)]
    sentences = [w.sentence(f"the technician was changed on {w.count(len(found), 'visit')} in {w.month(month.start)}")]
    if told:
        more = len(reasons) - len(told)
        sentences.append(w.sentence("the reasons given: " + "; ".join(told)
                                    + (f"; and {w.count(more, 'other reason')}" if more > 0 else "")))
    if without:
        sentences.append(w.sentence(f"{w.count(without, 'change')} had no reason written down"))
    rows = tuple((w.short_day(_dt(r[0])), r[1], w.short_day(_dt(r[2])),
                  names.get(r[3], "nobody") if r[3] else "nobody", names.get(r[4], "nobody") if r[4] else "nobody",
                  " ".join(str(r[5]).split())) for r in found)
    return Block("Technician changes and why", tuple(sentences), None,
                 Table(("Changed", "Customer", "Visit", "From", "To", "Reason"), rows))


def build(month: Month) -> Section:
    names = _names()
    spread, listed, figures = _spread(month, names)
    own = _own_share(month, names)
    changed = _changes(month, names)
    blocks = [b for b in (spread, listed, own, changed) if b is not None]
    has_data = own is not None or changed is not None
    n_changes = len(changes(month)) if changed else 0
    if figures["counted"]:
        lead = [w.sentence(f"{figures['steady']} of {figures['counted']} customers on a plan "
                           f"({w.share(figures['steady'], figures['counted'])}) saw one or two technicians in their last "
                           f"{LAST_VISITS} visits; {figures['many']} saw three or more")]
    else:
        lead = [f"No customer on a plan had a completed visit by the end of {w.month(month.start)}."]
    lead.append(w.sentence(f"the technician was changed on {w.count(n_changes, 'visit')} this month")
                if n_changes else f"No visit changed technician in {w.month(month.start)}.")
    if own is None:
        lead.append(f"No visits were completed in {w.month(month.start)}.")
    return Section("continuity", "Continuity: the same technician", tuple(lead), tuple(blocks), has_data=has_data)
