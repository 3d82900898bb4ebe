"""Hostile text in every field that reaches a PDF: the letter, the visit summary and the change notice.

Each document is generated once per hostile sample, with that sample in every field (each field's copy
tagged so it can be found), and read back with pypdf: the words come back as typed, no markup is
obeyed, nothing is loaded from disk, and nothing fails.

Right-to-left words are drawn in visual order (the Unicode bidi algorithm) and Arabic letters joined;
readers put such runs back in reading order by guesswork around the neutral characters next to them,
so for them the test checks each word is there in one order or the other.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.documents.pdf import embedded
from tests.safety.hostile import HOSTILE_TEXT
from tests.safety.hostile_documents import BUILDERS, body, comparable

SAMPLES = {label: text for label, text in HOSTILE_TEXT.items() if label != "long"}


def _tag(n: int) -> str:
    return f"Q{n:02d}Q"


def _build(kind: str, text_for):
    build, fields = BUILDERS[kind]
    typed = {f: text_for(n) for n, f in enumerate(fields)}
    path = build(lambda field: typed.get(field, "Plain words"))
    return path, fields, typed


@pytest.mark.parametrize("label", SAMPLES)
@pytest.mark.parametrize("kind", BUILDERS)
def test_hostile_text_in_every_field_comes_back_as_typed(db, kind, label):
    text = SAMPLES[label]
    path, fields, typed = _build(kind, lambda n: f"{_tag(n)} {text} {_tag(n)}")
    seen = body(path, typed["office.name"])
    if label == "rtl":
        missing = [f for n, f in enumerate(fields) if _tag(n) not in seen]
        words = [comparable(w) for w in text.split()]
        missing += [w for w in words if w and w not in seen and w[::-1] not in seen]
    else:
        missing = [f for f in fields if comparable(typed[f]) not in seen]
    assert missing == []
    assert embedded(path)  # Korean, Chinese and Japanese too: every font travels with the file
    reader = PdfReader(str(path))
    for page in reader.pages:  # markup was printed, not obeyed: no picture, no link
        assert "/XObject" not in page["/Resources"] and "/Annots" not in page


NOTES = {"milestone.delay_reason", "milestone.decision_needed", "visit.work_done", "visit.findings",
         "visit.recommendations", "change.reason"}
SENTENCE = "Ten thousand characters of notes."


@pytest.mark.parametrize("kind", BUILDERS)
def test_ten_thousand_characters_in_every_field_flow_onto_more_pages(db, kind):
    """Nothing is cut: every field's first and last words are there, notes read on unbroken, and the text
    in side-by-side cells (the letterhead, the address beside the date, the products table), which
    continue on the next page column by column, is all there too."""
    long = HOSTILE_TEXT["long"]
    path, fields, typed = _build(kind, lambda n: f"{_tag(n)} {long} {_tag(n)}")
    seen = body(path, typed["office.name"])
    pages = len(PdfReader(str(path)).pages)
    assert pages > len(fields)  # 10,000 characters are more than a page each
    assert [f for n, f in enumerate(fields) if seen.count(_tag(n)) < 2] == []
    assert [f for f in NOTES & set(fields) if comparable(typed[f]) not in seen] == []
    whole = long.count(SENTENCE) * len(fields)
    assert seen.count(comparable(SENTENCE)) >= whole - 3 * pages  # a sentence may break where a column does
