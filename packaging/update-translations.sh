#!/usr/bin/env bash
# Extracts every user-visible string into resources/translations/servicedesk_en.ts (pyside6-lupdate)
# and compiles each translated servicedesk_<lang>.ts into the .qm file the program loads.
#
#   bash packaging/update-translations.sh
#
# A translator copies servicedesk_en.ts to servicedesk_de.ts (say), translates it in Qt Linguist
# (pyside6-linguist), and runs this again. The program loads the translation matching the
# office's region (Edit > Preferences), or the system's before the office is set up.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
bin=$(dirname "$python")
lupdate=${LUPDATE:-$bin/pyside6-lupdate}
lrelease=${LRELEASE:-$bin/pyside6-lrelease}
out=${TS_DIR:-$root/resources/translations}
mkdir -p "$out"

# Texts kept in tables (the action registry, the menu titles, table models' HEADERS and COLUMNS)
# are passed to tr() at run time; list them for lupdate in a generated file, under the context
# (class name) they are translated in.
work="$root/build/translations"
mkdir -p "$work"
PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}" QT_QPA_PLATFORM=offscreen "$python" - "$work/registry_texts.py" <<'PY'
import importlib, inspect, pkgutil, sys
import servicedesk.ui
from servicedesk.ui.actions import MENUS, SPECS

texts = [("Actions", spec.text) for spec in SPECS.values()]
texts += [("MainWindow", "&" + menu) for menu in MENUS]
for info in pkgutil.walk_packages(servicedesk.ui.__path__, "servicedesk.ui."):
    module = importlib.import_module(info.name)
    for name, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ != module.__name__:
            continue
        for column in list(cls.__dict__.get("HEADERS", ())) + list(cls.__dict__.get("COLUMNS", ())):
            text = column[0] if isinstance(column, tuple) else column
            if isinstance(text, str):
                texts.append((name, text))
lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
lines += [f"QT_TRANSLATE_NOOP({context!r}, {text!r})" for context, text in dict.fromkeys(texts)]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
cd "$root"
mapfile -t sources < <(find servicedesk/ui -name '*.py' | sort)
"$lupdate" -no-obsolete -locations relative -source-language en "${sources[@]}" "$work/registry_texts.py" \
    -ts "$out/servicedesk_en.ts"

for ts in "$out"/servicedesk_*.ts; do
    [ "$(basename "$ts")" = servicedesk_en.ts ] && continue
    "$lupdate" -no-obsolete -locations relative "${sources[@]}" "$work/registry_texts.py" -ts "$ts"
    "$lrelease" "$ts" -qm "${ts%.ts}.qm"
done
echo "Strings: $(grep -c '<source>' "$out/servicedesk_en.ts") in $out/servicedesk_en.ts"
