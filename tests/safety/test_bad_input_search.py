"""Hostile text in the search box: in ``customers.search_ids`` and typed into the Customers pane.

A customer named with the text is found by the whole text and by any 3-character piece of it
(the index is a trigram index); searching never fails and never finds a customer it should not.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from servicedesk.core.services import customers
from servicedesk.core.validation import clean_text
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.customers.pane import CustomersPane
from servicedesk.ui.navigation import Navigator
from servicedesk.ui.widgets.id_list_model import RecordIdRole
from tests.safety.hostile import FORMULAS, HOSTILE_TEXT

SAMPLES = {**HOSTILE_TEXT, **{f"formula-{k}": v for k, v in FORMULAS.items()}}


def _pieces(text: str) -> list[str]:
    """3-character pieces a person might type: the start, middle and end of each word long enough."""
    out = []
    for word in clean_text(text).split():
        if len(word) >= 3:
            middle = (len(word) - 3) // 2
            out += [word[:3], word[middle:middle + 3], word[-3:]]
    return list(dict.fromkeys(out))[:12]


@pytest.mark.parametrize("label", SAMPLES)
def test_a_piece_of_the_text_finds_the_customer(db, label):
    text = SAMPLES[label]
    plain = customers.create(name="Plain Person", company="Nothing Special").id
    cid = customers.create(name=text if clean_text(text).strip() else f"{label} {text}", company=text).id
    for piece in _pieces(text):
        found = customers.search_ids(piece)
        assert cid in found, (label, piece)
        if piece.casefold() not in "plain person nothing special":
            assert plain not in found, (label, piece)


@pytest.fixture
def host(qtbot, db):
    window = QWidget()
    registry = ActionRegistry(window)
    pane = CustomersPane(registry, Navigator(window), window)
    QVBoxLayout(window).addWidget(pane)
    qtbot.addWidget(window)
    window.show()
    window.pane = pane  # the window must outlive the fixture, or Qt deletes the pane with it
    return window


def _shown_ids(pane) -> list[int]:
    model = pane.findChild(QTableView, "customerTable").model()
    return [model.index(r, 0).data(RecordIdRole) for r in range(model.rowCount())]


def test_the_customers_pane_search_field_takes_every_hostile_text(host, qtbot):
    pane = host.pane
    plain = customers.create(name="Plain Person").id
    ids = {label: customers.create(name=f"{label} {text}", notes=text).id for label, text in SAMPLES.items()}
    pane.refresh()
    search = pane.findChild(QLineEdit, "customerSearch")
    count = pane.findChild(QLabel, "customerCount")
    for label, text in SAMPLES.items():
        for typed in [text, *_pieces(text)[:3]]:
            search.setText(typed)  # as pasted
            qtbot.keyClick(search, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: ids[label] in _shown_ids(pane) or not clean_text(typed).strip(" \"*"))
            shown = _shown_ids(pane)
            assert ids[label] in shown or not clean_text(typed).strip(" \"*"), (label, typed)
            assert (plain in shown) == (plain in customers.search_ids(typed)), (label, typed)
            assert count.text() == f"{len(shown)} customer{'' if len(shown) == 1 else 's'}"
