"""Hostile text and formulas through the customer CSV export and back in through the import."""

from __future__ import annotations

import csv

import pytest

from servicedesk.core.services import customers, imports
from servicedesk.core.store import close_database, open_database
from servicedesk.core.store.models import Customer
from servicedesk.core.validation import clean_text
from tests.safety.hostile import FORMULAS, HOSTILE_TEXT

TEXT_FIELDS = ("company", "salutation", "trade", "best_time", "street", "city", "postcode", "notes", "cancel_reason")
SAMPLES = {**HOSTILE_TEXT, **{f"formula-{k}": v for k, v in FORMULAS.items()}}


def _stored() -> dict[str, dict]:
    """Each customer's exported text fields, keyed by the sample label kept in the phone field."""
    fields = ("name", *TEXT_FIELDS)
    return {c.best_time.split("|")[0]: {f: getattr(c, f) for f in fields} for c in Customer.select()}


@pytest.fixture
def exported(db, tmp_path):
    """One cancelled customer per sample, the sample in every text field, exported to CSV."""
    for label, text in SAMPLES.items():
        values = {f: text for f in TEXT_FIELDS}
        values["best_time"] = f"{label}|{text}"
        customers.create(name=f"{label} {text}", status="cancelled", **values)
    before = _stored()
    path = tmp_path / "customers.csv"
    assert imports.export(path) == len(SAMPLES)
    return path, before


def test_the_export_neutralises_every_formula(exported):
    path, _before = exported
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == len(SAMPLES) + 1
    cells = [cell for row in rows[1:] for cell in row]
    assert [c for c in cells if c.startswith(imports.FORMULA_STARTS)] == []
    assert "'=cmd|' /C calc'!A0" in cells and "'\t=1+1" in cells and "'-2" in cells


def _as_imported(text: str) -> str:
    """The import trims the spaces around a cell, as for any file; a guarded cell's spaces are inside the guard."""
    text = clean_text(text)
    return text.rstrip() if text.startswith(imports.FORMULA_STARTS) else text.strip()


def test_re_import_gives_back_the_same_text(exported, tmp_path):
    """Everything comes back as typed, formulas and quotes included."""
    path, before = exported
    close_database()
    open_database(tmp_path / "second.db")
    plan = imports.read(path)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.total == len(SAMPLES)
    imports.run(plan, include_duplicates=True)
    after = _stored()
    expected = {label: {f: _as_imported(v) for f, v in values.items()} for label, values in before.items()}
    assert after.keys() == expected.keys()
    wrong = {label: [f for f in values if after[label][f] != values[f]] for label, values in expected.items()}
    bad = {label: fields for label, fields in wrong.items() if fields}
    assert bad == {}, [(label, repr(expected[label][bad[label][0]]), repr(after[label][bad[label][0]])) for label in bad]
