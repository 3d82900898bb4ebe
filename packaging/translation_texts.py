"""Helps pyside6-lupdate find every string, each under the context it is translated in at run time.

lupdate reads ``self.tr("...")`` and ``QCoreApplication.translate("Context", "...")`` itself. It
cannot know two other kinds:

- texts kept in tables and translated later (the action registry, the menu titles, table
  models' ``HEADERS`` and ``COLUMNS``, a class's ``TEXTS``);
- calls of a module's own ``tr()`` helper (``def tr(text): return
  QCoreApplication.translate("Safety", text)``) or of ``tr = self.tr`` in a method, which
  lupdate files under an empty context that no run-time lookup ever uses.

    python packaging/translation_texts.py list OUT.py   write both kinds as translate() calls for lupdate
    python packaging/translation_texts.py clean TS      drop the empty-context copies from a .ts

Used by packaging/update-translations.sh.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import sys
from pathlib import Path


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def helper_context(tree: ast.Module) -> str | None:
    """The context of a module-level ``def tr(...)`` that calls ``translate("Context", ...)``."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "tr":
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "translate" and call.args:
                    return _literal(call.args[0])
    return None


def helper_calls(tree: ast.Module, context: str):
    """(context, text, disambiguation, plural) for every ``tr("literal", ...)`` call in the module."""
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "tr"):
            continue
        text = _literal(call.args[0]) if call.args else None
        if text is None:
            continue
        keywords = {k.arg: k.value for k in call.keywords}
        disambiguation = _literal(call.args[1]) if len(call.args) > 1 else _literal(keywords.get("disambiguation"))
        plural = len(call.args) > 2 or "n" in keywords
        yield context, text, disambiguation, plural


def alias_calls(tree: ast.Module):
    """``tr = self.tr`` inside a method, then ``tr("literal")``: filed under the method's class."""
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for method in (n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            aliased = any(isinstance(a, ast.Assign) and any(getattr(t, "id", "") == "tr" for t in a.targets)
                          and isinstance(a.value, ast.Attribute) and a.value.attr == "tr"
                          for a in ast.walk(method))
            if aliased:
                yield from helper_calls(method, cls.name)


def table_texts(module):
    """(context, text, None, False) for the registry, the menus and the table models' headers."""
    if module.__name__ == "servicedesk.ui.actions":
        yield from (("Actions", spec.text, None, False) for spec in module.SPECS.values())
        yield from (("MainWindow", "&" + menu, None, False) for menu in module.MENUS)
    for name, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ != module.__name__:
            continue
        for column in list(cls.__dict__.get("HEADERS", ())) + list(cls.__dict__.get("COLUMNS", ())):
            text = column[0] if isinstance(column, tuple) else column
            if isinstance(text, str):
                yield name, text, None, False
        # TEXTS: a class's texts kept elsewhere (a dict's values, or a list), translated with self.tr(text)
        texts = cls.__dict__.get("TEXTS", ())
        for text in (texts.values() if isinstance(texts, dict) else texts):
            if isinstance(text, str):
                yield name, text, None, False


def collect() -> list[tuple]:
    import servicedesk.ui

    found = []
    for info in pkgutil.walk_packages(servicedesk.ui.__path__, "servicedesk.ui."):
        module = importlib.import_module(info.name)
        found += table_texts(module)
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        context = helper_context(tree)
        if context:
            found += helper_calls(tree, context)
        found += alias_calls(tree)
    return list(dict.fromkeys(found))


def write_list(out: Path) -> None:
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for context, text, disambiguation, plural in collect():
        args = [repr(context), repr(text)]
        if disambiguation or plural:
            args.append(repr(disambiguation))
        if plural:
            args.append("1")
        lines.append(f"QCoreApplication.translate({', '.join(args)})")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def clean(ts: Path) -> None:
    """Remove the empty-context block when every message in it is also filed under its real context."""
    text = ts.read_text(encoding="utf-8")
    named = set(re.findall(r"<source>(.*?)</source>", re.sub(r"<context>\s*<name></name>.*?</context>\s*", "",
                                                           text, flags=re.S), flags=re.S))
    def drop(match: re.Match) -> str:
        sources = re.findall(r"<source>(.*?)</source>", match.group(0), flags=re.S)
        return "" if set(sources) <= named else match.group(0)

    ts.write_text(re.sub(r"<context>\s*<name></name>.*?</context>\s*", drop, text, flags=re.S), encoding="utf-8")


if __name__ == "__main__":
    command, path = sys.argv[1], Path(sys.argv[2])
    write_list(path) if command == "list" else clean(path)
