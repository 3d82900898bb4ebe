"""Arabic and Hebrew names print shaped and in the right order, and read back in reading order."""

import unicodedata

import pytest
from pypdf import PdfReader

from servicedesk.core.documents import bidi
from servicedesk.core.services import documents

from tests.documents.conftest import LETTER_DAY, build_pool_project
from tests.documents.pdf import font_names, text_of

ARABIC = "محمد الأحمد"
HEBREW = "שרה כהן"


def read_back(path) -> str:
    """The PDF's text as a reader extracts it, with Arabic's drawn letter forms folded back to letters."""
    return unicodedata.normalize("NFKC", text_of(path))


@pytest.mark.parametrize("name, salutation", [(ARABIC, "عزيزي محمد"), (HEBREW, "שרה היקרה")])
def test_a_right_to_left_name_reads_back_in_its_own_order(db, name, salutation):
    build = build_pool_project(customer_name=name, salutation=salutation)
    path = documents.generate_timeline_letter(build.project_id, LETTER_DAY).path
    text = read_back(path)
    # the name on its own line of the address, and the greeting, read back as typed, never reversed
    assert name in text and salutation in text
    assert name[::-1] not in text and salutation[::-1] not in text
    assert {"DejaVuSans"} <= {n.split("+")[-1] for n in font_names(path)}


def test_arabic_letters_are_drawn_joined():
    drawn = bidi.visual(ARABIC)
    # meem, hah, meem, dal in their joined forms, drawn right to left: the word's end comes first
    assert drawn.split(" ")[-1] == "\ufeaa\ufee4\ufea4\ufee3"
    assert unicodedata.normalize("NFKC", drawn.split(" ")[-1])[::-1] == "محمد"
    assert bidi.visual("لا") == "\ufefb"  # lam-alef is one glyph


def test_a_name_inside_an_english_line_keeps_both_orders(db):
    build = build_pool_project(customer_name="Hannah Whitfield")
    from servicedesk.core.services import projects

    projects.update_milestone(build.milestones["Tiling and coping"],
                              decision_needed=f"Please ask {HEBREW} (the owner's sister) to choose by 27 November.")
    reader = PdfReader(str(documents.generate_timeline_letter(build.project_id, LETTER_DAY).path))
    text = unicodedata.normalize("NFKC", " ".join(reader.pages[0].extract_text().split()))
    # readers place the space and bracket around a right-to-left run by guesswork; the words are in order
    assert "Please ask" in text and HEBREW in text and HEBREW[::-1] not in text
    assert "the owner's sister) to choose by 27 November." in text
    assert bidi.visual(f"Please ask {HEBREW} (the owner's sister)") == "Please ask ןהכ הרש (the owner's sister)"


def test_text_without_right_to_left_letters_is_left_alone():
    assert bidi.visual("Dear Hannah, 東京 (3)") == "Dear Hannah, 東京 (3)"
