"""Name pools for the demo offices: people, places and phone numbers that look real but belong to nobody.

Phone numbers use the 555-0100..0199 block reserved for fiction; email addresses use the
example.com / example.org / example.net domains reserved for documentation.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
    "Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra "
    "Mark Margaret Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol "
    "Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Edward Sharon Jason Laura "
    "Jeffrey Cynthia Ryan Kathleen Jacob Amy Gary Angela Nicholas Shirley Eric Anna Jonathan Brenda "
    "Stephen Pamela Larry Emma Justin Nicole Scott Helen Brandon Samantha Benjamin Katherine Samuel "
    "Christine Gregory Debra Alexander Rachel Frank Carolyn Patrick Janet Raymond Catherine Jack Maria "
    "Dennis Heather Jerry Diane Tyler Ruth Aaron Julie Jose Olivia Adam Joyce Nathan Virginia Henry "
    "Victoria Douglas Kelly Zachary Lauren Peter Christina Kyle Joan Ethan Evelyn Walter Judith Noah "
    "Megan Jeremy Andrea Christian Cheryl Keith Hannah Roger Jacqueline Terry Martha Gerald Gloria Harold "
    "Teresa Sean Ann Austin Sara Carl Madison Arthur Frances Lawrence Kathryn Dylan Janice Jesse Jean "
    "Jordan Abigail Bryan Alice Billy Judy Joe Sophia Bruce Grace Gabriel Denise Logan Amber Albert "
    "Doris Willie Marilyn Alan Danielle Juan Beverly Wayne Isabella Elijah Theresa Randy Diana Roy "
    "Natalie Vincent Brittany Ralph Charlotte Eugene Marie Russell Kayla Bobby Alexis Mason Lori"
).split()

LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
    "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark "
    "Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams "
    "Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker "
    "Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper "
    "Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James "
    "Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster "
    "Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher "
    "Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno "
    "West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall "
    "Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb "
    "Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason "
    "Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren "
    "Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne"
).split()

STREETS = (
    "Maple Avenue", "Oak Street", "Cedar Lane", "Elm Street", "Willow Drive", "Pecan Street",
    "Magnolia Court", "Bluebonnet Trail", "Live Oak Drive", "Sycamore Road", "Hickory Lane",
    "Mesquite Drive", "Lakeview Drive", "Riverbend Road", "Sunset Boulevard", "Park Place",
    "Meadow Lane", "Prairie View Road", "Canyon Creek Drive", "Hillcrest Avenue", "Spring Valley Road",
    "Quail Run", "Cypress Point", "Shady Grove Lane", "Post Oak Road", "Mockingbird Lane",
    "Briarwood Drive", "Juniper Street", "Creekside Court", "Harvest Hill Road", "Stonebridge Way",
    "Windmill Lane", "Bluff Springs Road", "Laurel Street", "Pinehurst Drive", "Autumn Ridge Drive",
    "Main Street", "Market Street", "Commerce Street", "Church Street", "Railroad Avenue", "Depot Street",
)

# (city, ZIP prefix, area code): a fictional county's worth of towns.
CITIES = (
    ("Riverton", "787", "512"), ("Cedar Falls", "786", "512"), ("Oak Hollow", "786", "737"),
    ("Lakeside", "787", "737"), ("Millbrook", "785", "254"), ("Round Rock Springs", "786", "512"),
    ("Georgetown Hills", "786", "737"), ("Bastrop Bend", "786", "512"), ("Pflugerville Park", "786", "512"),
    ("Kyle Crossing", "786", "737"), ("Dripping Springs", "786", "512"), ("Lockhart Mill", "786", "512"),
    ("Hutto", "786", "737"), ("Manor Creek", "786", "512"), ("Leander Heights", "786", "254"),
)

COMPANY_WORDS = (
    "Harbor", "Summit", "Cornerstone", "Bluebird", "Lone Star", "Prairie", "Northgate", "Redbud",
    "Heritage", "Pinnacle", "Riverside", "Meridian", "Keystone", "Willow Creek", "Oakmont", "Brightside",
)
COMPANY_KINDS = (
    "Dental Group", "Family Clinic", "Law Office", "Realty", "Veterinary Hospital", "Bakery",
    "Coffee House", "Insurance Agency", "Accounting", "Montessori School", "Fitness Studio",
    "Property Management", "Pharmacy", "Hardware", "Flower Shop", "Bookshop", "Deli", "Animal Clinic",
)

INITIALS = "ABCDEFGHJKLMNPRSTW"
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")


@dataclass(frozen=True)
class Person:
    name: str
    sort_name: str
    salutation: str
    email: str
    phone: str
    phone_e164: str
    street: str
    city: str
    postcode: str
    state: str = "TX"  # the demo's towns are all in one Texas county


def phone(rng, area: str | None = None) -> tuple[str, str]:
    """A US number in the 555-01xx block: (as typed, E.164)."""
    area = area or rng.choice(CITIES)[2]
    line = f"01{rng.randrange(100):02d}"
    return f"({area}) 555-{line}", f"+1{area}555{line}"


def person(rng, first: str | None = None, last: str | None = None, middle: bool = False) -> Person:
    first = first or rng.choice(FIRST)
    last = last or rng.choice(LAST)
    given = f"{first} {rng.choice(INITIALS)}." if middle else first
    city, zip3, area = rng.choice(CITIES)
    typed, e164 = phone(rng, area)
    email = f"{first}.{last}".lower().replace(" ", "") + f"{rng.randrange(10, 99)}@{rng.choice(EMAIL_DOMAINS)}"
    street = f"{rng.randrange(100, 9900)} {rng.choice(STREETS)}"
    return Person(
        name=f"{given} {last}", sort_name=f"{last}, {given}".casefold(), salutation=f"Dear {first}",
        email=email, phone=typed, phone_e164=e164, street=street, city=city,
        postcode=f"{zip3}{rng.randrange(10, 99)}",
    )


def company(rng) -> str:
    return f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
