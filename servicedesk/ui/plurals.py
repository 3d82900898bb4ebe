"""English plural forms for texts written the Qt way: ``tr("%n visit(s)", "", n)`` gives 1 visit, 2 visits.

English is the source language, so no translation file supplies its plural forms; this
translator does, for every text with ``(s)`` or ``(es)`` and a count. It is installed first, so a
translation loaded for the office's language answers before it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QTranslator

_ENDING = re.compile(r"\((e?s)\)")


class EnglishPlurals(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        if n is None or n < 0 or not source or "(" not in source:
            return None  # not ours: the text stays as written
        return _ENDING.sub(lambda m: "" if n == 1 else m.group(1), source)

    def isEmpty(self) -> bool:
        return False


def install(app) -> EnglishPlurals:
    """Give the application English plural forms, once."""
    found = getattr(app, "_english_plurals", None)
    if found is None:
        found = EnglishPlurals(app)
        app.installTranslator(found)
        app._english_plurals = found
    return found
