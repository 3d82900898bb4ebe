"""Postal addresses laid out the way the country they go to writes them.

Where the state, province or county goes differs: “Bastrop, TX 78602” in the United States,
“Montréal QC H2X 1Y4” in Canada, “Parramatta NSW 2150” in Australia, a county line above the
postcode in Britain and Ireland, “00144 Roma RM” in Italy, the postcode before the town in most of
Europe with the region on a line of its own. The country's name is added as the last line only
when the address is abroad from the office.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

# How the town line is built: {city}, {state}, {postcode}; a state printed apart gets a line of its own.
_TOWN = {
    "US": "{city}, {state} {postcode}",
    "CA": "{city} {state} {postcode}",
    "AU": "{city} {state} {postcode}",
    "NZ": "{city} {postcode}",
    "IT": "{postcode} {city} {state}",
    "BR": "{city} - {state}\n{postcode}",
    "MX": "{postcode} {city}, {state}",
    "JP": "{state} {city}\n{postcode}",
}
_STATE_ABOVE_POSTCODE = {"GB", "UK", "IE"}  # town, county, postcode: one line each
_CITY_FIRST = {"US", "CA", "AU", "NZ", "GB", "UK", "IE", "ZA", "IN", "SG"}  # elsewhere the postcode leads


@dataclass(frozen=True)
class Address:
    street: str = ""
    street2: str = ""
    city: str = ""
    state: str = ""
    postcode: str = ""
    country: str = ""  # ISO 3166 code; empty: the office's own country


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _fill(pattern: str, a: Address) -> list[str]:
    out = []
    for line in pattern.split("\n"):
        filled = line.format(city=_clean(a.city), state=_clean(a.state), postcode=_clean(a.postcode))
        filled = " ".join(filled.split()).replace(" ,", ",").strip(" ,-")
        if filled:
            out.append(filled)
    return out


def country_name(code: str, locale: str = "en_US") -> str:
    try:
        return Locale.parse(locale.replace("-", "_")).territories.get(code.upper(), code)
    except Exception:
        return code


def lines(a: Address, office_region: str = "US", locale: str = "en_US") -> list[str]:
    """The address lines below the name, for an office in ``office_region``."""
    country = (_clean(a.country) or office_region or "US").upper()
    country = "GB" if country == "UK" else country
    out = [x for x in (_clean(a.street), _clean(a.street2)) if x]
    if country in _TOWN:
        town = _fill(_TOWN[country], a)
        if not _clean(a.state) and country == "US":  # no state known: do not print “Bastrop, 78602”
            town = [" ".join(x for x in (_clean(a.city), _clean(a.postcode)) if x)]
        out += town
    elif country in _STATE_ABOVE_POSTCODE or country in _CITY_FIRST:
        out += [x for x in (_clean(a.city), _clean(a.state), _clean(a.postcode)) if x]
    else:
        out += [x for x in (" ".join(x for x in (_clean(a.postcode), _clean(a.city)) if x), _clean(a.state)) if x]
    if country != (office_region or "US").upper().replace("UK", "GB"):
        out.append(country_name(country, locale))
    return out


def one_line(a: Address, office_region: str = "US", locale: str = "en_US") -> str:
    """The address on one line (“18 Pecan Hollow, Bastrop, TX 78602”), for a visit summary's “Where”."""
    return ", ".join(lines(a, office_region, locale))
