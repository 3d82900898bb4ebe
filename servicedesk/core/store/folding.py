"""Accented letters folded to plain ones for search, so that "muller" finds "Müller" and "Müller" finds "Muller".

One table, read three ways: :func:`fold` folds what is typed, :func:`sqlite_runs` and :func:`postgres_sql`
write the same folding as SQL for the triggers that keep the search index (SQLite 3.40's trigram index
cannot remove diacritics, and an office server may not have the ``unaccent`` extension). Both sides fold
exactly the same letters, or an accented query would stop finding what it names.

A change to the table changes what the index holds: it needs a schema step that indexes every customer
again (as step 26 did).
"""

from __future__ import annotations

PLAIN = {  # the plain letters, and the letters of Latin-1 and Latin Extended-A that fold to them
    "A": "ÀÁÂÃÄÅĀĂĄ", "a": "àáâãäåāăą", "AE": "Æ", "ae": "æ",
    "C": "ÇĆĈĊČ", "c": "çćĉċč",
    "D": "ÐĎĐ", "d": "ðďđ",
    "E": "ÈÉÊËĒĔĖĘĚ", "e": "èéêëēĕėęě",
    "G": "ĜĞĠĢ", "g": "ĝğġģ",
    "H": "ĤĦ", "h": "ĥħ",
    "I": "ÌÍÎÏĨĪĬĮİ", "i": "ìíîïĩīĭįı", "IJ": "Ĳ", "ij": "ĳ",
    "J": "Ĵ", "j": "ĵ",
    "K": "Ķ", "k": "ķĸ",
    "L": "ĹĻĽĿŁ", "l": "ĺļľŀł",
    "N": "ÑŃŅŇŊ", "n": "ñńņňŉŋ",
    "O": "ÒÓÔÕÖØŌŎŐ", "o": "òóôõöøōŏő", "OE": "Œ", "oe": "œ",
    "R": "ŔŖŘ", "r": "ŕŗř",
    "S": "ŚŜŞŠ", "s": "śŝşšſ", "ss": "ß",
    "T": "ŢŤŦ", "t": "ţťŧ", "TH": "Þ", "th": "þ",
    "U": "ÙÚÛÜŨŪŬŮŰŲ", "u": "ùúûüũūŭůűų",
    "W": "Ŵ", "w": "ŵ",
    "Y": "ÝŶŸ", "y": "ýÿŷ",
    "Z": "ŹŻŽ", "z": "źżž",
    # the accents of text written decomposed ("e" followed by a combining acute), as some files bring it
    "": "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0327\u0328",
}

FOLDS = {letter: plain for plain, letters in PLAIN.items() for letter in letters}
# Every letter the table folds is in this class of letters (a GLOB's and a regular expression's alike): text
# without any is left as it is without a look at the table.
ACCENTED = "[\u00c0-\u017f\u0300-\u0328]"
_TABLE = str.maketrans(FOLDS)

# SQLite's parser takes no deeper nesting of function calls than about thirty
_RUN = 25


def fold(text: str) -> str:
    """``text`` with each letter of the table replaced by its plain letters; everything else as it is."""
    return text.translate(_TABLE)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sqlite_runs(column: str) -> list[str]:
    """``column`` folded, in SQLite's words: nested ``replace()`` calls, in runs short enough for its parser,
    each to be applied to the result of the run before (a view on a view)."""
    letters = list(FOLDS.items())
    runs = []
    for start in range(0, len(letters), _RUN):
        run = column
        for letter, plain in letters[start:start + _RUN]:
            run = f"replace({run}, {_quoted(letter)}, {_quoted(plain)})"
        runs.append(run)
    return runs


def postgres_sql(expr: str) -> str:
    """``expr`` (SQL text) folded, in PostgreSQL's words: one ``translate()`` for the letters that become one
    letter or none, ``replace()`` for those that become two."""
    single = [(letter, plain) for letter, plain in FOLDS.items() if len(plain) == 1]
    dropped = [letter for letter, plain in FOLDS.items() if not plain]
    froms = "".join(letter for letter, _ in single) + "".join(dropped)  # no partner in the second list: deleted
    folded = f"translate({expr}, {_quoted(froms)}, {_quoted(''.join(plain for _, plain in single))})"
    for letter, plain in FOLDS.items():
        if len(plain) > 1:
            folded = f"replace({folded}, {_quoted(letter)}, {_quoted(plain)})"
    return folded
