"""Display formats for Qt's date and time editors, in the office's region.

The office's locale gives the order and the clock (``Fri, Nov 27, 2026, 2:30 PM`` in the US,
``Fri, 27 Nov 2026, 14:30`` in Britain); Qt's default locale, set from the same region at start,
gives the month and weekday names.
"""

from __future__ import annotations

import re

from servicedesk.core import formatting

_CLDR_TO_QT = {"y": "yyyy", "yy": "yy", "yyyy": "yyyy", "E": "ddd", "EE": "ddd", "EEE": "ddd",
               "EEEE": "dddd", "c": "ddd", "ccc": "ddd", "cccc": "dddd", "a": "AP", "L": "M", "LL": "MM",
               "LLL": "MMM", "LLLL": "MMMM"}
_TOKEN = re.compile(r"'[^']*'|([A-Za-z])\1*|.", re.S)


def qt_format(cldr_pattern: str) -> str:
    """A CLDR pattern (``E, MMM d, y``) as a Qt display format (``ddd, MMM d, yyyy``)."""
    out = []
    for match in _TOKEN.finditer(cldr_pattern):
        token = match.group(0)
        out.append(_CLDR_TO_QT.get(token, token) if token[0].isalpha() else token)
    return "".join(out)


def date_format(weekday: bool = True) -> str:
    """The display format of a date editor: ``ddd, MMM d, yyyy`` in the US."""
    loc = formatting.office_locale()
    return qt_format(formatting.date_pattern("yMMMEd" if weekday else "yMMMd", loc))


def datetime_format() -> str:
    """The display format of a date-and-time editor: ``ddd, MMM d, yyyy, h:mm AP`` in the US."""
    loc = formatting.office_locale()
    return f"{date_format()}, {qt_format(str(loc.time_formats['short'].pattern))}"


def time_format() -> str:
    return qt_format(str(formatting.office_locale().time_formats["short"].pattern))
