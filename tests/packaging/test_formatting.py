"""Dates, times and numbers follow the office's locale (or the one asked for)."""

from datetime import date, datetime, time

import pytest

from servicedesk.core import formatting
from servicedesk.core.services import office

FRIDAY = datetime(2026, 11, 27, 14, 30)


def plain(text: str) -> str:
    """CLDR puts no-break spaces in some formats; compare them as ordinary spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("locale, short, long, full", [
    ("en_US", "11/27/26", "November 27, 2026", "Friday, November 27, 2026"),
    ("en_GB", "27/11/2026", "27 November 2026", "Friday, 27 November 2026"),
    ("de_DE", "27.11.26", "27. November 2026", "Freitag, 27. November 2026"),
])
def test_dates_in_the_locales_own_order_and_words(locale, short, long, full):
    assert formatting.format_date(FRIDAY, "short", locale) == short
    assert formatting.format_date(FRIDAY, "long", locale) == long
    assert formatting.format_date(FRIDAY.date(), "full", locale) == full


def test_times_use_a_twelve_or_twenty_four_hour_clock():
    assert plain(formatting.format_time(FRIDAY, "en_US")) == "2:30 PM"
    assert formatting.format_time(time(14, 30, 59), "en_GB") == "14:30"
    assert formatting.format_time(FRIDAY, "de_DE") == "14:30"
    assert plain(formatting.format_datetime(FRIDAY, "long", "en_US")) == "November 27, 2026, 2:30 PM"


def test_numbers_and_money_use_the_locales_marks_and_currency():
    assert formatting.format_number(1234567.5, locale="en_US") == "1,234,567.5"
    assert formatting.format_number(1234567.5, locale="de_DE") == "1.234.567,5"
    assert formatting.format_number(2.5, 2, "en_GB") == "2.50"
    assert formatting.format_number(2.345, 0, "en_GB") == "2"
    assert formatting.format_money(1234.5, locale="en_US") == "$1,234.50"
    assert formatting.format_money(1234.5, locale="en_GB") == "£1,234.50"
    assert plain(formatting.format_money(1234.5, locale="de_DE")) == "1.234,50 €"


def test_whole_numbers_keep_each_regions_grouping_below_a_thousand_too():
    assert [formatting.format_number(n, locale="de_DE") for n in (0, 7, 999, 1000)] == ["0", "7", "999", "1.000"]
    assert plain(formatting.format_number(999, locale="tok")) == "9 99"  # Toki Pona groups by two digits


def test_the_office_locale_is_the_default(db):
    assert formatting.format_date(date(2026, 3, 4), "short") == "3/4/26"  # a new office is en_US
    office.update(locale="en_GB", region="GB")
    assert formatting.format_date(date(2026, 3, 4), "short") == "04/03/2026"
    assert formatting.format_number(1000.25, 2) == "1,000.25"
    office.update(locale="de_DE", region="DE")
    assert formatting.format_date(date(2026, 3, 4), "long") == "4. März 2026"
    assert formatting.format_number(1000.25, 2) == "1.000,25"


def test_unknown_locales_fall_back_instead_of_failing():
    assert formatting.format_date(FRIDAY, "short", "xx_YY") == "11/27/26"
    assert formatting.is_known_locale("de_AT")
    assert not formatting.is_known_locale("xx_YY")
    assert not formatting.is_known_locale("de")  # a region is needed for phone numbers
    assert formatting.region_of("en_GB") == "GB"


def test_every_offered_region_names_itself():
    names = {code: formatting.display_name(code) for code in formatting.COMMON_LOCALES}
    assert names["en_GB"] == "English (United Kingdom)"
    assert names["de_DE"] == "Deutsch (Deutschland)"
    assert all(names.values())
    assert all(formatting.is_known_locale(code) for code in names)


def test_no_narrow_spaces_that_letter_fonts_may_lack():
    for locale in ("en_US", "fr_FR", "de_CH"):
        for text in (formatting.format_time(FRIDAY, locale), formatting.format_number(1234567.5, locale=locale),
                     formatting.format_money(1234.5, locale=locale)):
            assert "\u202f" not in text
    assert formatting.format_time(FRIDAY, "en_US") == "2:30\u00a0PM"


KEPT_RUN = """
import sys
from datetime import date
from servicedesk.core import formatting
print(formatting.format_date(date(2026, 11, 27), "long", sys.argv[1]))
"""


def _written_in_a_new_process(locale: str, data_dir) -> str:
    import os
    import subprocess
    import sys

    env = dict(os.environ, SERVICEDESK_DATA_DIR=str(data_dir))
    done = subprocess.run([sys.executable, "-c", KEPT_RUN, locale], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_locales_data_is_kept_after_the_first_start_and_read_from_there_next_time(tmp_path):
    import pickle

    from babel import __version__

    kept = tmp_path / "data" / formatting.KEPT_DATA / f"babel-{__version__}-de_DE.pickle"
    assert _written_in_a_new_process("de_DE", tmp_path / "data") == "27. November 2026"
    assert kept.exists() and kept.stat().st_mode & 0o777 == 0o600
    data = pickle.loads(kept.read_bytes())
    data["months"]["format"]["wide"][11] = "Nebelung"  # the next start writes what the kept copy says
    kept.write_bytes(pickle.dumps(data))
    assert _written_in_a_new_process("de_DE", tmp_path / "data") == "27. Nebelung 2026"


def test_a_damaged_copy_of_a_locales_data_is_read_again_from_babel_and_kept_anew(tmp_path):
    import pickle

    from babel import __version__

    kept = tmp_path / "data" / formatting.KEPT_DATA / f"babel-{__version__}-en_GB.pickle"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"\x80\x05not a pickle at all")
    assert _written_in_a_new_process("en_GB", tmp_path / "data") == "27 November 2026"
    assert pickle.loads(kept.read_bytes())["months"]["format"]["wide"][11] == "November"
