"""Every user-visible string can be translated: extracted by pyside6-lupdate, loaded at start."""

import ast
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from servicedesk.ui import desktop

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import translation_texts  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(not (BIN / "pyside6-lupdate").exists(), reason="pyside6-lupdate is not installed")


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The template as the update script writes it from the code as it is now (offline, a few seconds)."""
    out = tmp_path_factory.mktemp("translations")
    env = dict(os.environ, PYTHON=sys.executable, TS_DIR=str(out))
    run = subprocess.run(["bash", str(ROOT / "packaging" / "update-translations.sh")], capture_output=True,
                         text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return out / "servicedesk_en.ts"


def test_the_committed_template_holds_every_string_of_the_code(extracted):
    committed = messages(ROOT / "resources" / "translations" / "servicedesk_en.ts")
    found = messages(extracted)
    missing, gone = sorted(found - committed), sorted(committed - found)
    assert not missing and not gone, (
        "resources/translations/servicedesk_en.ts is stale: run bash packaging/update-translations.sh\n"
        f"missing: {missing[:10]}{' …' if len(missing) > 10 else ''}\nno longer in the code: {gone[:10]}")


def test_strings_are_extracted_under_the_context_they_are_looked_up_in(extracted):
    found = messages(extracted)
    for expected in [
        ("FirstStartDialog", "Set up your office"),
        ("OfficeForm", "Office &name:"),
        ("PreferencesDialog", "Preferences"),
        ("App", "Start empty"),
        ("Actions", "&New Customer…"),  # from the action registry's table
        ("MainWindow", "&File"),  # menu titles
        ("MainWindow", "Customers"),
    ]:
        assert expected in found, expected


def test_the_template_fields_descriptions_can_be_translated(extracted):
    from servicedesk.core.services import templates

    found = messages(extracted)
    missing = [text for text in templates.FIELDS.values() if ("TemplatesEditor", text) not in found]
    assert not missing, missing
    # a table model's headers, under the model's class name (self.tr's context)
    headers = translation_texts.collect()
    assert any(text for context, text, *_ in headers if context.endswith("Model"))
    assert {(context, text) for context, text, *_ in headers} <= found
    # nothing under an empty context, which no run-time lookup would ever find
    assert not [text for context, text in found if not context]


def test_a_modules_own_tr_helper_is_filed_under_its_context():
    import ast

    tree = ast.parse(
        "from PySide6.QtCore import QCoreApplication\n"
        "def tr(text, disambiguation=None, n=-1):\n"
        "    return QCoreApplication.translate('Backups', text, disambiguation, n)\n"
        "def show():\n"
        "    return tr('Backed up to %1'), tr('Kept %n backup(s).', None, 3), tr(name)\n")
    context = translation_texts.helper_context(tree)
    assert context == "Backups"
    assert list(translation_texts.helper_calls(tree, context)) == [
        ("Backups", "Backed up to %1", None, False), ("Backups", "Kept %n backup(s).", None, True)]


def test_a_local_alias_of_self_tr_is_filed_under_its_class():
    import ast

    tree = ast.parse("class CustomerForm:\n"
                     "    def build(self):\n"
                     "        tr = self.tr\n"
                     "        return tr('not known'), tr(' days')\n")
    assert list(translation_texts.alias_calls(tree)) == [
        ("CustomerForm", "not known", None, False), ("CustomerForm", " days", None, False)]


# Qt calls whose string arguments a user reads.
SHOWN = {"setText", "setWindowTitle", "setPlaceholderText", "setToolTip", "setStatusTip", "setInformativeText",
         "setDetailedText", "addTab", "insertTab", "setTabText", "addRow", "showMessage", "addButton", "setTitle",
         "addMenu", "QLabel", "QPushButton", "QAction", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton",
         "information", "warning", "critical", "question", "about"}


def literal_words(node) -> str:
    """The words a person would read in a literal: markup, colours and punctuation are not words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = re.sub(r"<[^>]*>|#[0-9a-fA-F]{3,8}\b|&\w+;", " ", node.value)
        return node.value if re.search(r"[^\W\d_]{2,}", text) else ""
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_words(v) for v in node.values)
    return ""


def test_no_user_visible_text_bypasses_translation():
    problems = []
    for path in sorted((ROOT / "servicedesk" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            receiver = getattr(getattr(node.func, "value", None), "id", "")
            if name in SHOWN and receiver not in ("log", "logger", "logging"):  # log lines are for developers
                for arg in node.args:
                    if literal_words(arg):
                        problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}({literal_words(arg)!r})")
    assert not problems, "text shown without tr():\n" + "\n".join(problems)


def test_translation_for_the_office_region_is_loaded(qapp, tmp_path, monkeypatch):
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    ts = folder / "servicedesk_de.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de_DE">'
        "<context><name>FirstStartDialog</name><message><source>Set up your office</source>"
        "<translation>Richten Sie Ihr Büro ein</translation></message></context></TS>", encoding="utf-8")
    release = subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(folder / "servicedesk_de.qm")],
                             capture_output=True, text=True)
    assert release.returncode == 0, release.stderr
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)  # the frozen layout
    before = QLocale()
    loaded = desktop.install_translators(qapp, "de_DE")
    try:
        assert QCoreApplication.translate("FirstStartDialog", "Set up your office") == "Richten Sie Ihr Büro ein"
        assert QLocale().name() == "de_DE"
    finally:
        for translator in loaded:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
    assert QCoreApplication.translate("FirstStartDialog", "Set up your office") == "Set up your office"


def test_english_needs_no_translation_file(qapp):
    loaded = desktop.install_translators(qapp, "en_US")
    try:
        # the app's own file is servicedesk_<lang>.qm; Qt's qtbase_en.qm may load from any folder
        assert not [t for t in loaded if Path(t.filePath()).name.startswith("servicedesk_")]
    finally:
        for translator in loaded:
            qapp.removeTranslator(translator)
