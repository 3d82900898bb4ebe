"""Letters, summaries, screens and the command line write dates, times and numbers the office's way."""

import datetime as dt

import pytest

from servicedesk.cli import main
from servicedesk.core import formatting
from servicedesk.core.services import documents, office

from tests.documents.conftest import LETTER_DAY
from tests.documents.pdf import text_of

REGIONS = {
    "en_US": ("US", "November 20, 2026", "Excavation, finished November 17", "November 18 – 25 Steel and plumbing",
              "Thursday, November 12, 2026, 9:00 AM – 10:15 AM"),
    "en_GB": ("GB", "20 November 2026", "Excavation, finished 17 November", "18 – 25 November Steel and plumbing",
              "Thursday, 12 November 2026, 09:00–10:15"),
    "de_DE": ("DE", "20. November 2026", "Excavation, finished 17. November", "18.–25. November Steel and plumbing",
              "Donnerstag, 12. November 2026, 09:00–10:15"),
}


@pytest.mark.parametrize("locale", sorted(REGIONS))
def test_a_timeline_letter_in_the_offices_region(pool, locale):
    region, letter_date, done, upcoming, _visit = REGIONS[locale]
    office.update(locale=locale, region=region)
    text = text_of(documents.generate_timeline_letter(pool.project_id, LETTER_DAY).path)
    assert letter_date in text and done in text and upcoming in text
    for other in set(REGIONS) - {locale}:
        assert REGIONS[other][1] not in text


@pytest.mark.parametrize("locale", sorted(REGIONS))
def test_a_visit_summary_in_the_offices_region(pest_visit, locale):
    region, *_rest, visit = REGIONS[locale]
    office.update(locale=locale, region=region)
    text = text_of(documents.generate_visit_summary(pest_visit["visit"]).path)
    assert visit in text


def test_the_command_line_writes_the_offices_dates(db, db_location, capsys):
    office.update(locale="de_DE", region="DE", name="Blitzblank", configured=True)
    assert main(["concern-report", "--database", str(db_location), "--from", "2026-11-01", "--to", "2026-11-30"]) == 0
    assert "Concerns raised 01.11.2026 – 30.11.2026: 0" in capsys.readouterr().out.replace("\u00a0", " ")


def test_a_change_of_region_is_seen_at_once(db):
    day = dt.date(2026, 11, 29)
    assert formatting.format_day(day) == "November 29, 2026"
    office.update(locale="en_GB", region="GB")
    assert formatting.format_day(day) == "29 November 2026"
    assert formatting.format_moment(dt.datetime(2026, 11, 29, 14, 30), "full") == "Sunday 29 November, 14:30"
