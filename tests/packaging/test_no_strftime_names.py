"""Month and weekday names, and clock times, are written through the office's region only.

``strftime`` and format specs such as ``{day:%d %B}`` write month and weekday names in the
process's locale and a 24-hour clock whatever the office's region says; every date shown to
people goes through ``servicedesk.core.formatting`` instead. This reads the source itself.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import servicedesk

# names of months and weekdays, AM/PM, the locale's own date or time, and hours:minutes
_NAMED = re.compile(r"%-?[aAbBpcxXhI]|%-?H:%-?M")
ROOT = Path(servicedesk.__file__).parent


def _offences(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = "".join(v.value for v in node.format_spec.values if isinstance(v, ast.Constant))
            if _NAMED.search(spec):
                found.append(f"{name}:{node.lineno}: format spec {spec!r}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("strftime", "toString") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and _NAMED.search(node.args[0].value)):
            found.append(f"{name}:{node.lineno}: {node.func.attr}({node.args[0].value!r})")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "format"
              and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
              and isinstance(node.args[1].value, str) and _NAMED.search(node.args[1].value)):
            found.append(f"{name}:{node.lineno}: format(…, {node.args[1].value!r})")
    return found


def test_the_check_finds_each_way_of_writing_a_name():
    sample = ('f"{day:%d %B}"\nf"{at:%H:%M}"\nday.strftime("%A")\nformat(day, "%b")\n'
              'stamp.strftime("%Y%m%d-%H%M%S")\nf"{day:%Y-%m-%d}"\n')
    assert len(_offences(sample, "sample.py")) == 4


def test_no_month_or_weekday_names_outside_the_regions_formats():
    offences = []
    for path in sorted(ROOT.rglob("*.py")):
        offences += _offences(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert offences == [], "write these through servicedesk.core.formatting:\n" + "\n".join(offences)
