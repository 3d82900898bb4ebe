"""Letters that repeat each other's paragraphs and characters print exactly as a first letter does:
nothing one document lays out or embeds changes the next (a paragraph split over pages included)."""

import datetime as dt
import io

from pypdf import PdfReader

from servicedesk.core.documents import base
from servicedesk.core.documents import timeline_letter as layout

HEAD = base.Letterhead("Bluewater Pools & <Spas>", "14 Harbour Road, Portland, OR", "(503) 555-0140",
                       "office@bluewater-pools.example")
TO = base.Addressee("Hannah 東京 Whitfield", "", "2210 SE Alder Street", "Portland, OR", "97214")


def _letter(opening_blocks: int, reason_words: int) -> layout.TimelineLetter:
    step = layout.Step
    return layout.TimelineLetter(
        head=HEAD, to=TO, letter_date=dt.date(2026, 11, 20), salutation="Dear Hannah",
        subject="Backyard pool: where things stand",
        opening=" ".join(["The steel is tied and the plumbing is in, 서울 and all."] * opening_blocks),
        done=(step("Excavation", dt.date(2026, 11, 10), dt.date(2026, 11, 17)),),
        upcoming=tuple(step(f"Step {i} " + "with a long name " * (i * 12), dt.date(2026, 11, 20),
                            dt.date(2026, 12, 3), "Under way") for i in range(5)),
        late=tuple(layout.Late(f"Gunite {i}", dt.date(2026, 11, 1), dt.date(2026, 12, 1),
                               "The concrete plant closed. " * reason_words) for i in range(3)),
        decisions=(("Tiling", "Please choose the coping colour. " * 30),),
        contact="Call Marek on (503) 555-0187.", closing="If anything is unclear, call us. " * 30,
        owner_name="Daniel Reyes", signature_line="Owner, Bluewater Pools",
    )


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_a_letter_laid_out_again_prints_the_same_pages():
    long_one, short_one = _letter(300, 20), _letter(5, 1)
    first = {name: _pages(layout.render(letter, "t")) for name, letter in (("long", long_one), ("short", short_one))}
    assert len(first["long"]) > 3 and len(first["short"]) > 1  # paragraphs and tables split over pages
    for _ in range(2):
        assert _pages(layout.render(short_one, "t")) == first["short"]
        assert _pages(layout.render(long_one, "t")) == first["long"]
    combined = _pages(layout.render_many([short_one, long_one, short_one], "all"))
    assert combined == first["short"] + first["long"] + first["short"]


def test_every_letter_carries_its_own_font_subsets():
    data = [layout.render(_letter(5, 1), "t") for _ in range(2)]
    for pdf in data:
        reader = PdfReader(io.BytesIO(pdf))
        for page in reader.pages:
            for ref in page["/Resources"]["/Font"].values():
                descriptor = ref.get_object()["/FontDescriptor"].get_object()
                program = descriptor["/FontFile2"].get_object()
                assert len(program.get_data()) == program["/Length1"]
