"""The words of the demo office: what technicians wrote, what customers said, what the office noted."""

from __future__ import annotations

import datetime as dt

from servicedesk.core import formatting

PLANS = {
    # service type, recurrence, interval, duration, what is included
    "pool": ("Weekly pool service", "weekly", 1, 45,
             "Skim, brush walls and steps, vacuum, empty baskets, test and balance water, check equipment"),
    "pest": ("Monthly pest control", "monthly_weekday", 1, 45,
             "Interior and exterior treatment, rodent stations checked and rebaited, written report"),
    "cleaning": ("Office cleaning", "every_n_weeks", 2, 105,
                 "Vacuum and mop floors, restrooms, kitchen, empty trash, dust desks and sills"),
    "home_cleaning": ("Home cleaning", "every_n_weeks", 2, 150,
                      "Kitchen, bathrooms, vacuum and mop, dusting, beds made; inside the oven on request"),
}

TRADE_OF = {"home_cleaning": "cleaning"}  # plan kinds that belong to another trade's crew
PLAN_HOURS = {"pool": tuple(range(8, 16)), "pest": tuple(range(8, 16)), "cleaning": (18, 20),
              "home_cleaning": (9, 12)}

ONE_OFF = {
    "pool": ("Filter clean", "Green-to-clean treatment", "Pump repair", "Pool opening", "Heater service"),
    "pest": ("Initial inspection", "Wasp nest removal", "Termite inspection", "Ant treatment", "Mosquito treatment"),
    "cleaning": ("Carpet cleaning", "Move-out cleaning", "Window cleaning", "Upholstery cleaning", "Deep clean"),
}

WORK = {
    "pool": ("Skimmed, brushed walls and steps, vacuumed, emptied skimmer and pump baskets.",
             "Brushed and vacuumed; backwashed the filter; added 2 lb of salt.",
             "Full weekly service; cleaned waterline tile.",
             "Weekly service; shocked the pool after the storm debris."),
    "pest": ("Exterior perimeter treatment; checked and rebaited 6 rodent stations.",
             "Interior baseboard treatment in kitchen and baths; exterior granular around foundation.",
             "Checked all stations; sealed gap under garage door with copper mesh.",
             "Treated eaves for wasps; refreshed bait in crawl space stations."),
    "cleaning": ("Vacuumed all carpets, mopped hard floors, cleaned restrooms and kitchen, emptied trash.",
                 "Full clean; extra attention to conference room glass and lobby.",
                 "Regular clean; scrubbed break room sink and refrigerator shelves.",
                 "Regular clean; spot-cleaned carpet stain by reception."),
    "home_cleaning": ("Cleaned kitchen and both bathrooms, vacuumed and mopped, dusted, changed the beds.",
                      "Regular clean; cleaned inside the microwave and the fridge door.",
                      "Regular clean; extra time on the shower glass."),
}

FINDINGS = {
    "pool": ("", "", "Chlorine low (0.8 ppm); pH 7.8.", "Pump making a grinding noise at start-up.",
             "Small crack in skimmer lid.", "Algae starting in the deep-end corner."),
    "pest": ("", "", "Fresh droppings behind the stockroom shelving.", "Ant trail along the kitchen window.",
             "No activity in stations.", "Gap under the back door about half an inch."),
    "cleaning": ("", "", "Coffee stain on the lobby carpet.", "Restroom soap dispenser broken.",
                 "Back door alarm code changed; office updated us.", ""),
    "home_cleaning": ("", "", "Grout in the upstairs shower is darkening.", "Vacuum belt is worn; used ours."),
}

RECOMMENDATIONS = {
    "pool": ("", "", "Run the pump 2 hours longer a day during the heat.", "Replace the skimmer lid (quote sent).",
             "Have the pump bearings looked at before summer."),
    "pest": ("", "", "Keep cardboard boxes off the stockroom floor.", "Install a door sweep on the back door.",
             "Trim shrubs back 18 inches from the wall."),
    "cleaning": ("", "", "Consider a carpet shampoo in the lobby this quarter.", "Replace the break room mat.", ""),
    "home_cleaning": ("", "", "A grout clean in the upstairs shower would help.", "Carpet shampoo before the holidays."),
}

PRODUCTS = (("Termidor SC", "0.06% solution, 1 gal"), ("Contrac Blox", "4 blocks"), ("Advion Ant Gel", "30 g"),
            ("Demand CS", "0.03%, 2 gal"), ("Talstar P", "1 gal"), ("Alpine WSG", "1 pack"))
PRODUCT_PLACES = ("perimeter", "stockroom stations", "kitchen baseboards", "garage", "crawl space", "eaves")

ACCESS_NOTES = (
    "", "", "Gate code 4417#.", "Friendly dog (Biscuit) in the back yard: ring the bell first.",
    "Park on the street; the driveway is shared with the neighbour.", "Key in the lockbox by the side door, code 2580.",
    "Side gate sticks: lift and push.", "Two cats indoors; keep the laundry room door closed.",
    "Use the service entrance at the back; sign in at reception.", "Alarm panel by the back door: office gives the code.",
)

WHAT_MATTERS = {
    "call_before": ("Please call me when you're on your way so I can put the dogs inside.",
                    "Ring my cell 30 minutes before; I work from home and take calls."),
    "time_window": ("Mornings only. After noon I'm at my mother's.", "Not before 9, the baby naps until then.",
                    "After 6 pm only, the office is full of patients before that."),
    "quiet": ("Please don't use the leaf blower before 9, the neighbours complain.",
              "My husband works nights and sleeps until 2: no doorbell please."),
    "price_sensitive": ("We're on a fixed income. Tell me before you do anything extra.",
                        "Call me before any repair over $100."),
    "speed_over_schedule": ("I don't care who comes, I just need it done fast when something breaks.",
                            "If there's a problem, come the same day even if it's someone else."),
    "other": ("Leave the invoice in the mailbox, not the door.", "I like to walk around with the technician.",
              "Don't park on the grass, please; we just re-sodded."),
}

CALLS_IN = ("Asked when the next visit is.", "Asked for a copy of last month's invoice.",
            "Wanted to add the garage to the service.", "Called to update her card on file.",
            "Asked whether the treatment is safe for the cat.", "Called to say thank you for the quick visit.")
CALLS_OUT = ("Called to confirm next week's visit.", "Reminder call about the gate code.",
             "Called to say the technician is running 30 minutes late.", "Check-in call after the first month.")
EMAILS = ("Sent the service agreement for the new year.", "Emailed the visit summary and photos.",
          "Emailed about a holiday schedule change.", "Customer emailed a photo of the problem area.")
LETTERS = ("Annual service agreement renewal letter.", "Holiday schedule letter.", "Thank-you letter for ten years with us.")
VISIT_NOTES = ("Chatted with the customer at the end of the visit; happy with the service.",
               "Customer walked the property with the technician and pointed out the problem spots.")
MOODS = ("happy", "happy", "neutral", "neutral", "neutral", "", "worried")

CONCERNS = {
    "service_quality": ("The bathroom bins weren't emptied last time.", "There's still green in the deep end after your visit.",
                        "I saw another mouse two days after the treatment."),
    "timeline": ("Nobody came on Tuesday and nobody called.", "Your guy showed up three hours late."),
    "technician_change": ("Why is it a different person every time?",),
    "billing": ("I was charged twice this month.", "The invoice shows a service I didn't ask for."),
    "other": ("Your truck blocked my neighbour's driveway.", "Someone left the gate open and the dog got out."),
}
RESOLUTIONS = ("Re-did the service the next morning at no charge.", "Refunded the duplicate charge and apologised.",
               "Spoke with the technician; he now closes the gate and checks it.",
               "Added an extra visit and sealed the entry point.", "Moved the visit window to mornings as she asked.")
FOLLOW_UPS = ("Check in after the first month of service.", "Call to see whether the fix held.",
              "Ask about adding quarterly termite inspections.", "Send the renewal agreement.",
              "Confirm the new gate code.")


def interaction_summary(rng, channel: str, direction: str) -> str:
    if channel == "phone":
        return rng.choice(CALLS_IN if direction == "in" else CALLS_OUT)
    if channel == "email":
        return rng.choice(EMAILS)
    if channel == "letter":
        return rng.choice(LETTERS)
    return rng.choice(VISIT_NOTES)


def change_reason(reason: str, name: str, ahead: bool = False) -> str:
    if ahead:
        return {"vacation": f"{name} is on vacation that week.", "training": f"{name} is at a certification course.",
                }.get(reason, f"{name} is away that day.")
    return {
        "vacation": f"{name} was on vacation.",
        "sick": f"{name} called in sick.",
        "training": f"{name} was at a certification course.",
    }.get(reason, f"{name} was away.")


def long_date(day: dt.date) -> str:
    return formatting.format_weekday(day, locale="en_US")
