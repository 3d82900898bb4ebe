"""The people of the demo office: technicians per trade with skills and colours, office staff, time off."""

from __future__ import annotations

import datetime as dt

from servicedesk.core.demo import names
from servicedesk.core.demo.context import Context
from servicedesk.core.services.technicians import DISTINCT_COLOURS
from servicedesk.core.store.models import Staff, TimeOff

# name, skills — the first of each list go into the combined office; colours are handed out distinct.
TECHNICIANS = {
    "pool": (
        ("Carlos Mendez", "pool maintenance, pumps and filters, salt systems"),
        ("Jenna Whitaker", "pool maintenance, water chemistry, tile cleaning"),
        ("Tyler Brooks", "pool maintenance, heaters, leak detection"),
        ("Omar Haddad", "pool maintenance, automation panels"),
        ("Beth Lindqvist", "water chemistry, green-to-clean"),
        ("Wes Carter", "pool maintenance, equipment repair"),
    ),
    "pest": (
        ("Ray Delgado", "general pest, rodents, commercial accounts"),
        ("Kevin Marsh", "general pest, rodents, termites"),
        ("Tanya Reyes", "general pest, bed bugs, mosquitoes"),
        ("Marcus Bell", "general pest, rodents, wildlife exclusion"),
        ("Lena Fox", "termites, wood-destroying insects"),
        ("Dale Simmons", "general pest, lawn insects"),
    ),
    "cleaning": (
        ("Rosa Alvarez", "office cleaning, floor care"),
        ("Nate Kowalski", "water extraction, drying, mould remediation"),
        ("Hannah Cole", "office cleaning, carpet cleaning"),
        ("Ivan Petrov", "restoration, drywall, flooring"),
        ("Priya Nair", "medical office cleaning, disinfection"),
        ("Jamal Greene", "carpet and upholstery, water extraction"),
    ),
}
IN_COMBINED_OFFICE = {"pool": 3, "pest": 4, "cleaning": 3}
LEADS = {"pool": ("Dana Whitfield", "pool builds"), "cleaning": ("Grace Okafor", "restoration projects")}
TRADE_SKILL = {"pool": "pool maintenance", "pest": "general pest", "cleaning": "office cleaning"}


def _staff(ctx: Context, name: str, role: str, skills: str = "", color: str = "#4a7ab5",
           applicator: bool = False) -> int:
    typed, _ = names.phone(ctx.rng)
    email = name.lower().replace(" ", ".") + "@office.example.com"
    # a pest technician holds the state's applicator licence (a number made from the name: no draw from rng)
    licence = f"TX-{sum(map(ord, name)) * 7919 % 10_000_000:07d}" if applicator else ""
    sid = ctx.writer.add(Staff, name=name, role=role, phone=typed, email=email,
                         skills=skills, color=color, active=True, licence_number=licence,
                         created_at=ctx.at(ctx.history_start, 8))
    ctx.names[sid] = name
    if licence:
        ctx.licences[sid] = licence
    return sid


def build(ctx: Context, trades: list[str], technicians: int | None = None) -> None:
    """Office staff, each trade's technicians (``technicians`` in all: more for a large office)."""
    _staff(ctx, "Maria Keller", "owner")
    ctx.office_staff = _staff(ctx, "Sophie Turner", "office")  # answers the phone and logs the calls
    for trade in trades:
        if trade in LEADS:
            name, skills = LEADS[trade]
            ctx.leads[trade] = _staff(ctx, name, "project_lead", skills)
    per_trade = len(trades) == 1 and 6 or None
    colours = iter(DISTINCT_COLOURS * (1 + (technicians or 0) // len(DISTINCT_COLOURS) + 2))  # lanes told apart
    for trade in trades:
        chosen = TECHNICIANS[trade][: per_trade or IN_COMBINED_OFFICE[trade]]
        ctx.techs[trade] = [_staff(ctx, n, "technician", s, next(colours), trade == "pest") for n, s in chosen]
    extra = max(0, (technicians or 0) - sum(len(v) for v in ctx.techs.values()))
    for i in range(extra):
        trade = trades[i % len(trades)]
        who = f"{ctx.rng.choice(names.FIRST)} {ctx.rng.choice(names.LAST)}"
        ctx.techs[trade].append(_staff(ctx, who, "technician", TRADE_SKILL[trade], next(colours), trade == "pest"))


def time_off(ctx: Context, staff_id: int, first: dt.date, days: int, reason: str, note: str = "") -> None:
    """Whole days away, recorded as a TimeOff row and remembered for assigning visits."""
    ctx.writer.add(TimeOff, staff_id=staff_id, starts_at=ctx.at(first, 0),
                   ends_at=ctx.at(first + dt.timedelta(days=days), 0), reason=reason, note=note)
    for i in range(days):
        ctx.off[(staff_id, first + dt.timedelta(days=i))] = reason


def _free(ctx: Context, staff_id: int, first: dt.date, days: int) -> bool:
    return all((staff_id, first + dt.timedelta(days=i)) not in ctx.off for i in range(-1, days + 1))


def usual_time_off(ctx: Context) -> None:
    """A vacation week a year, a sick day now and then, a training day; one vacation still ahead."""
    rng = ctx.rng
    span = (ctx.horizon - ctx.history_start).days
    next_monday = ctx.today + dt.timedelta(days=7 - ctx.today.weekday())
    first_tech = next(iter(ctx.techs.values()))[0]
    if _free(ctx, first_tech, next_monday, 5):
        time_off(ctx, first_tech, next_monday, 5, "vacation", "Booked in the spring")
    for trade, ids in ctx.techs.items():
        for sid in ids:
            wanted = [("vacation", 5, "Family vacation")] * ctx.years + [("sick", 1, "Called in sick")] * (2 * ctx.years)
            wanted += [("training", 1, "Certification course")] * ctx.years
            for reason, days, note in wanted:
                for _ in range(5):
                    first = ctx.history_start + dt.timedelta(days=rng.randrange(span))
                    if reason == "vacation":
                        first -= dt.timedelta(days=first.weekday())
                    elif first.weekday() > 4:
                        first += dt.timedelta(days=7 - first.weekday())
                    if _free(ctx, sid, first, days):
                        time_off(ctx, sid, first, days, reason, note)
                        break


def substitute(ctx: Context, trade: str, day: dt.date, avoid: int) -> int:
    """Another technician of the trade who is at work that day."""
    pool = ctx.techs[trade]
    start = ctx.rng.randrange(len(pool))
    for i in range(len(pool)):
        sid = pool[(start + i) % len(pool)]
        if sid != avoid and (sid, day) not in ctx.off:
            return sid
    return avoid
