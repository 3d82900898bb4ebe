"""A lived-in office for looking at the Customers pane: people with sites, wishes, history and worries."""

from __future__ import annotations

import datetime as dt
import random

from servicedesk.core import clock
from servicedesk.core.services import customers, office, technicians
from servicedesk.core.store import transaction
from servicedesk.core.store.models import Concern, Customer, FollowUp, Interaction, Visit

FIRST = ("Maria", "James", "Linda", "Robert", "Patricia", "Michael", "Barbara", "David", "Susan", "Joseph",
         "Karen", "Thomas", "Nancy", "Daniel", "Lisa", "Paul", "Sandra", "Mark", "Ashley", "Kevin")
LAST = ("Alvarez", "Bennett", "Chen", "Dawson", "Ellis", "Fischer", "Garcia", "Hughes", "Ibarra", "Jensen",
        "Kowalski", "Lambert", "Moreno", "Nguyen", "O'Brien", "Patel", "Quinn", "Russo", "Sato", "Turner")
STREETS = ("Oak Avenue", "Mill Road", "Harbor Lane", "Cedar Court", "Lake Drive", "Birch Street", "Main Street")
CALLS = ("Asked when the next visit is", "Confirmed Tuesday morning", "Wants a quote for the side yard",
         "Gate code changed, new one noted on the site", "Happy with the last visit", "Asked about the invoice")


def build(seed: int = 3) -> int:
    """Fill the open database; returns Dorothy's id."""
    rng = random.Random(seed)
    clock.set_now(dt.datetime(2026, 3, 2, 9, 30))
    office.update(name="Green Leaf Pest & Pool", region="US", configured=True)
    techs = [technicians.create(n) for n in ("Sam Ortiz", "Priya Nair", "Tom Becker", "Lena Wolff")]
    dorothy = customers.save_profile(None, None, {
        "name": "Dorothy Finch", "company": "Finch's Gifts", "phone": "555 201 4455", "salutation": "Dear Dorothy",
        "email": "dorothy@finchsgifts.example", "street": "12 Market Street", "city": "Riverton",
        "postcode": "45002", "trade": "pest", "technician_id": techs[0], "best_time": "Weekday mornings before 10",
        "preferred_channel": "phone", "customer_since": dt.date(2025, 5, 6),
        "notes": "Gift shop with a stockroom at the back; mice in autumn.",
        "fit_check": {office.get().values[0]: True, office.get().values[3]: True},
        "fit_note": "Wants one person she can trust; long-term if we keep the same technician.",
    }, sites=[{"label": "Shop", "street": "12 Market Street", "city": "Riverton", "postcode": "45002",
               "access_notes": "Back door on Mill Lane; key with the florist next door"},
              {"label": "Home", "street": "3 Elm Lane", "city": "Riverton", "postcode": "45002",
               "access_notes": "Dog (Biscuit) in the garden, friendly; gate code 4411"}],
        contacts=[{"name": "Jim Finch", "role": "Husband", "phone": "555 201 9090"}],
        what_matters=[{"kind": "same_technician", "technician_id": techs[0],
                       "words": "Are you the one doing the service? I want the same man every month."},
                      {"kind": "call_before", "words": "Ring the shop ten minutes before you come."},
                      {"kind": "quiet", "words": "Not while customers are in the shop."}],
        goals=[{"kind": "goal", "text": "No mice in the stockroom before the Christmas season"},
               {"kind": "challenge", "text": "Old building, gaps under the back door"},
               {"kind": "expect_when", "text": "Second Tuesday of the month, 8–10 am"},
               {"kind": "expect_includes", "text": "Stockroom, shop floor and the yard bins"},
               {"kind": "expect_excludes", "text": "The flat upstairs (separate tenant)"}]).id
    ids = [dorothy]
    for n in range(40):
        name = f"{FIRST[n % 20]} {LAST[(n * 7) % 20]}"
        ids.append(customers.create(
            name=name, company=rng.choice(("", "", "", f"{LAST[n % 20]} Holdings", f"{LAST[(n * 3) % 20]} Dental")),
            phone=f"555 {rng.randint(200, 999)} {rng.randint(1000, 9999)}", street=f"{rng.randint(2, 240)} "
            f"{rng.choice(STREETS)}", city=rng.choice(("Riverton", "Lakeside", "Millbrook")),
            trade=rng.choice(("pest", "pool", "cleaning")), technician_id=rng.choice(techs),
            status=rng.choice(("active",) * 8 + ("paused", "prospect")),
            customer_since=dt.date(2020 + n % 6, 1 + n % 12, 1 + n % 27)).id)
    with transaction():
        for cid in ids:
            for k in range(rng.randint(4, 14) if cid != dorothy else 24):
                start = dt.datetime(2026, 3, 10, 8) - dt.timedelta(days=30 * k - rng.randint(0, 5))
                done = start < clock.now()
                tech = techs[0] if cid == dorothy and k % 3 else rng.choice(techs)
                Visit.create(customer=cid, technician=tech, starts_at=start, ends_at=start + dt.timedelta(hours=1),
                             service_type="monthly service", status="completed" if done else "scheduled",
                             work_done="Checked all stations, baits replaced" if done else "")
                if rng.random() < 0.5 and done:
                    Interaction.create(customer=cid, occurred_at=start - dt.timedelta(days=2, hours=-3),
                                       channel=rng.choice(("phone", "phone", "email", "letter")),
                                       direction=rng.choice(("in", "out")), summary=rng.choice(CALLS),
                                       staff=rng.choice(techs))
            if rng.random() < 0.3 or cid == dorothy:
                concern = Concern.create(customer=cid, raised_at=clock.now() - dt.timedelta(days=rng.randint(1, 9)),
                                         words="A different technician again, and nobody told me.",
                                         category="technician_change", severity="high")
                FollowUp.create(customer=cid, due_on=clock.today() + dt.timedelta(days=3), concern=concern,
                                reason="Call back: is she happy with who is coming next time?")
        for cid in ids:
            Customer.update(health_score=rng.choice((95, 88, 72, 64, 41, 90, 100))).where(Customer.id == cid).execute()
        Customer.update(health_score=38).where(Customer.id == dorothy).execute()
        customers.refresh_summary(ids)
    return dorothy
