"""The documents use reportlab's public API only: no private names imported, no private attribute of
a reportlab object read or written, no copying of an object's ``__dict__``. This reads the source."""

from __future__ import annotations

import ast
from pathlib import Path

import servicedesk

ROOT = Path(servicedesk.__file__).parent


def _uses_reportlab(tree: ast.AST) -> bool:
    return any(isinstance(n, (ast.Import, ast.ImportFrom)) and "reportlab" in (
        getattr(n, "module", None) or " ".join(a.name for a in n.names)) for n in ast.walk(tree))


def _private_uses(source: str, name: str) -> list[str]:
    tree = ast.parse(source, name)
    if not _uses_reportlab(tree):
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportlab"):
            found += [f"{name}:{node.lineno}: imports {a.name}" for a in node.names if a.name.startswith("_")]
            if any(part.startswith("_") for part in node.module.split(".")):
                found.append(f"{name}:{node.lineno}: imports from {node.module}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not (
                node.attr.startswith("__") and node.attr.endswith("__") and node.attr != "__dict__"):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                found.append(f"{name}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Attribute) and node.attr == "__dict__":
            found.append(f"{name}:{node.lineno}: .__dict__")
    return found


def test_the_check_finds_private_reportlab_use():
    sample = ("from reportlab.lib.utils import _digester\nfrom reportlab.pdfgen.canvas import Canvas\n"
              "x = reader._dataA\ndoc.delayedFonts = canvas._formsinuse\nd = dict(p.__dict__)\n")
    assert len(_private_uses(sample, "sample.py")) == 4


def test_no_module_reaches_into_reportlab():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        found += _private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []
