"""Plain, natural letters: one cause told once with every step it moved, the contact named once, an
opening that reads as a person would say it, one page for an ordinary project and a header on
every later page of a longer one."""

import datetime as dt
import unicodedata

import pytest

from pypdf import PdfReader

from servicedesk.core.documents import timeline_letter as layout
from servicedesk.core.services import documents, projects
from servicedesk.core.store.models import Milestone

from tests.documents.conftest import LETTER_DAY, build_pool_project, SHOTCRETE_LETTER_DAY, SHOTCRETE_REASON
from tests.documents.pdf import text_of


def _slipped(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Shotcrete shell"], status="delayed", revised_start="2026-12-12",
                              revised_end="2026-12-19", delay_reason=SHOTCRETE_REASON)
    return documents.generate_timeline_letter(pid, SHOTCRETE_LETTER_DAY).path


def test_one_cause_is_told_once_with_every_step_it_moved(hernandez):
    text = text_of(_slipped(hernandez))
    assert text.count("pump truck failed its safety inspection") == 1
    assert ("Shotcrete shell: planned December 10, now December 19. " + SHOTCRETE_REASON
            + " This moves the steps after it too: Tile and coping to December 21 – 28, Plaster to December"
            " 29 – 30 and Fill and start-up to December 31, 2026 – January 4, 2027.") in text


def test_a_step_late_for_a_reason_of_its_own_keeps_its_own_line(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Plaster"], delay_reason="The plaster colour you chose is made to order.",
                              revised_end="2026-12-23")
    text = text_of(_slipped(hernandez))
    assert "Tile and coping to December 21 – 28 and Fill and start-up" in text  # plaster is told apart
    assert "Plaster: planned December 21, now" in text and "made to order" in text


def test_the_opening_names_the_project_as_a_person_would(hernandez):
    text = text_of(_slipped(hernandez))
    assert "Here is where your backyard pool stands this week" in text
    assert "Here is where Hernandez backyard pool" not in text
    assert "Hernandez backyard pool: where things stand, December 4, 2026" in text  # its name, as a title


def test_the_contact_is_named_once(pool):
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert text.count("Marek Kowalski") == 1
    assert "Marek Kowalski leads your project" in text


def test_the_project_name_in_the_opening():
    assert documents.your_project("Hernandez backyard pool", "Elena Hernandez") == "your backyard pool"
    assert documents.your_project("Elena Hernandez's kitchen", "Elena Hernandez") == "your kitchen"
    assert documents.your_project("Backyard pool build", "Hannah Whitfield") == "your backyard pool build"
    assert documents.your_project("HVAC and pool", "Sam Lee") == "your HVAC and pool"


def test_an_ordinary_project_fits_one_page_without_a_header(hernandez, pool):
    for path in (_slipped(hernandez), documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path):
        reader = PdfReader(str(path))
        assert len(reader.pages) == 1
        assert "page 1 of" not in reader.pages[0].extract_text()


def _long_project(pool):
    for n in range(6):
        projects.add_milestone(pool.project_id, f"Landscaping stage {n + 1}", depends_on=[], planned_start="2026-12-21",
                               planned_end="2026-12-30",
                               decision_needed=f"Please choose the plants for bed {n + 1}: we will send the "
                                               "nursery's list with prices, and a sketch of where each goes.")
    Milestone.update(delay_reason="The concrete plant closed for two days after last week's storm, so the "
                                  "gunite crew moved every job back by a week. " * 4).where(
        Milestone.id == pool.milestones["Gunite shell"]).execute()


def test_a_longer_letter_carries_a_header_and_page_numbers_after_its_first_page(pool):
    _long_project(pool)
    reader = PdfReader(str(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(pages) == 2
    assert "page 1 of" not in pages[0] and "Hannah Whitfield · Backyard pool build" not in pages[0]
    assert "Hannah Whitfield · Backyard pool build · November 20, 2026 page 2 of 2" in pages[1]



@pytest.mark.parametrize("name", ["محمد الأحمد", "שרה כהן", "Hannah 東京 Whitfield"])
def test_the_header_of_a_later_page_prints_a_name_in_another_script_as_the_address_does(db, name):
    build = build_pool_project(customer_name=name)
    _long_project(build)
    path = documents.generate_timeline_letter(build.project_id, LETTER_DAY).path
    reader = PdfReader(str(path))
    assert len(reader.pages) == 2
    header = unicodedata.normalize("NFKC", " ".join(reader.pages[1].extract_text().split()))
    # shaped and in reading order, never reversed; a CJK name in the fallback font, never missing glyphs
    # (readers place the space after a right-to-left run by guesswork; the words are in order)
    assert name in header and name[::-1] not in header
    assert "· Backyard pool build · November 20, 2026 page 2 of 2" in header
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1]
             for f in reader.pages[1]["/Resources"]["/Font"].values()}
    assert ("DroidSansFallback" in fonts) == ("東京" in name)

def test_each_letter_of_the_combined_pdf_numbers_its_own_pages(pool):
    short = documents.timeline_letter(pool.project_id, LETTER_DAY)
    _long_project(pool)
    long = documents.timeline_letter(pool.project_id, LETTER_DAY)
    reader = PdfReader(__import__("io").BytesIO(layout.render_many([short, long, short], "all")))
    tops = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(tops) == 4
    assert [("page 2 of 2" in t) for t in tops] == [False, False, True, False]


def test_the_second_page_header_uses_the_offices_date(pool):
    from servicedesk.core.services import office

    office.update(locale="en_GB", region="GB")
    _long_project(pool)
    reader = PdfReader(str(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path))
    assert "Backyard pool build · 20 November 2026" in reader.pages[1].extract_text()
    assert dt.date(2026, 11, 20) == LETTER_DAY


def test_the_opening_keeps_proper_names_as_typed(db):
    build = build_pool_project(customer_name="Zoë Ångström-Núñez", salutation="")
    projects.update(build.project_id, name="Zoë's pool")
    text = text_of(documents.generate_timeline_letter(build.project_id, LETTER_DAY).path)
    assert "Here is where your pool stands this week" in text and "zoë" not in text
    assert documents.your_project("Riverside Drive pool", "Ana Ruiz") == "your Riverside Drive pool"
    assert documents.your_project("Piscine Côte d'Azur", "Ana Ruiz") == "your Piscine Côte d'Azur"


@pytest.mark.parametrize(("customer", "company", "project", "opening"), [
    ("John Smith", "", "Smith 's pool", "your pool"),  # a space typed before the apostrophe
    ("Ann Jones", "", "Jones' pool", "your pool"),  # a name ending in s
    ("Ann Jones", "", "Jones's spa", "your spa"),
    ("Mary Smith '", "", "Smith's pool", "your pool"),  # the name typed with an apostrophe left at its end
    ("Dorothy Finch", "Finch's Gifts", "Finch's Gifts shop clean", "your shop clean"),  # the business's name
    ("Acme Pools", "", "Acme Pools' pool", "your pool"),  # a business as the customer
])
def test_the_letter_drops_the_customers_own_name_however_its_possessive_was_typed(pool, customer, company, project,
                                                                                   opening):
    from servicedesk.core.services import customers

    profile = customers.get(pool.customer_id)
    customers.update(pool.customer_id, profile.version, name=customer, company=company)
    projects.update(pool.project_id, name=project)
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert f"Here is where {opening} stands this week" in text
    assert "your 's" not in text and "your '" not in text and "your s " not in text
