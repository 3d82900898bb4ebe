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

# Texts lupdate cannot find by itself (tables, modules' own tr() helpers): see translation_texts.py.
work="$root/build/translations"
mkdir -p "$work"
PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}" QT_QPA_PLATFORM=offscreen \
    "$python" "$root/packaging/translation_texts.py" list "$work/registry_texts.py"
cd "$root"
mapfile -t sources < <(find servicedesk/ui -name '*.py' | sort)
"$lupdate" -no-obsolete -locations relative -source-language en "${sources[@]}" "$work/registry_texts.py" \
    -ts "$out/servicedesk_en.ts"
"$python" "$root/packaging/translation_texts.py" clean "$out/servicedesk_en.ts"

for ts in "$out"/servicedesk_*.ts; do
    [ "$(basename "$ts")" = servicedesk_en.ts ] && continue
    "$lupdate" -no-obsolete -locations relative "${sources[@]}" "$work/registry_texts.py" -ts "$ts"
    "$python" "$root/packaging/translation_texts.py" clean "$ts"
    "$lrelease" "$ts" -qm "${ts%.ts}.qm"
done
echo "Strings: $(grep -c '<source>' "$out/servicedesk_en.ts") in $out/servicedesk_en.ts"
