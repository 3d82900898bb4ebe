#!/usr/bin/env bash
# Smoke test of the standalone program built by packaging/build.sh.
#
#   bash packaging/smoke-test.sh [dist/ServiceDesk]
#
# Runs the built program (not the source) the way an office would: --version, a demo office,
# the window started headless and closed again, and, when the program has them, the weekly
# letters, a visit summary and the monthly report as PDFs whose text and embedded fonts are checked. Needs
# poppler-utils (pdftotext, pdffonts, pdfinfo) and python3 for the PDF checks.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
app_dir=$(cd "${1:-$root/dist/ServiceDesk}" && pwd) || { echo "FAIL: no built program; run packaging/build.sh" >&2; exit 2; }
exe="$app_dir/servicedesk"
[ -x "$exe" ] || exe="$app_dir/servicedesk.exe"
[ -x "$exe" ] || { echo "FAIL: $app_dir holds no servicedesk program" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SERVICEDESK_DATA_DIR="$work/data" SERVICEDESK_CONFIG_DIR="$work/config"
export QT_QPA_PLATFORM=offscreen
unset SERVICEDESK_DATABASE
db="$work/demo.db"
failures=0
pass() { echo "ok    $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
skip() { echo "skip  $*"; }

# 1. The version is the one in pyproject.toml.
want=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$root/pyproject.toml" | head -1)
got=$("$exe" --version 2>&1)
[ "$got" = "ServiceDesk $want" ] && pass "--version prints 'ServiceDesk $want'" || fail "--version printed '$got', wanted 'ServiceDesk $want'"

# 2. A demo office.
if out=$("$exe" demo --database "$db" 2>&1); then pass "demo office written ($out)"; else fail "demo: $out"; fi

# 3. The window starts headless on it, shows, and quits by itself.
log="$SERVICEDESK_DATA_DIR/logs/servicedesk.log"
if SERVICEDESK_QUIT_AFTER_MS=1500 timeout 120 "$exe" --database "$db" >"$work/gui.out" 2>&1; then
    if grep -q "main window shown" "$log" 2>/dev/null; then pass "window started headless and quit"; else fail "window: no 'main window shown' in the log"; fi
else
    fail "window exited with an error: $(tail -5 "$work/gui.out")"
fi
# ... and on an empty database, where it asks the first-start questions (dismissed here).
if SERVICEDESK_QUIT_AFTER_MS=500 timeout 120 "$exe" --database "$work/empty.db" >"$work/gui2.out" 2>&1 \
    && grep -q "dismissing firstStartDialog" "$log" 2>/dev/null; then
    pass "first start on an empty database asked for the office's details"
else
    fail "first start on an empty database: $(tail -5 "$work/gui2.out")"
fi
if grep -qE "ERROR|Traceback|icon not found" "$log" 2>/dev/null; then fail "the log reports a problem: $(grep -E 'ERROR|Traceback|icon not found' "$log" | head -3)"; else pass "log is clean (the icon was found in the bundle)"; fi

# 4. Documents, when the program has the commands: their text and their embedded fonts.
help=$("$exe" --help 2>&1)
if grep -qE "^ +(letters|visit-summary) " <<<"$help"; then
    for tool in pdftotext pdffonts pdfinfo pdfimages python3; do
        command -v $tool >/dev/null || fail "$tool is needed to check the PDFs (apt-get install poppler-utils python3)"
    done
fi
fonts_dir="$app_dir/_internal/resources/fonts"
check_pdf() {  # check_pdf FILE WHAT EXPECTED_TEXT
    local file=$1 what=$2 expected=$3
    [ -s "$file" ] || { fail "$what: no PDF written"; return; }
    local text; text=$(pdftotext -layout "$file" - 2>/dev/null | tr -s ' \n' ' ')
    if [ -n "$expected" ] && grep -qF "$expected" <<<"$text"; then pass "$what: text has '$expected'"; else fail "$what: text lacks '$expected'"; fi
    local fonts; fonts=$(pdffonts "$file" 2>/dev/null | tail -n +3)
    if [ -z "$fonts" ]; then fail "$what: no fonts"; return; fi
    if awk '{ if ($(NF-4) != "yes") bad=1 } END { exit bad }' <<<"$fonts"; then pass "$what: every font embedded"; else fail "$what: fonts not embedded: $fonts"; fi
    if [ -d "$fonts_dir" ]; then
        local found=0 f
        for f in "$fonts_dir"/*.ttf "$fonts_dir"/*.otf; do
            [ -e "$f" ] || continue
            local base; base=$(basename "${f%.*}" | tr -d ' -')
            grep -qi "+$base\|+${base%%Regular}" <<<"$(tr -d ' -' <<<"$fonts")" && found=1
        done
        [ $found = 1 ] && pass "$what: uses the bundled fonts" || fail "$what: none of the bundled fonts in: $(awk '{print $1}' <<<"$fonts" | tr '\n' ' ')"
    fi
    if pdfinfo "$file" 2>/dev/null | grep -qF "$want"; then pass "$what: version $want in the PDF metadata"; else echo "warn  $what: version $want not in the PDF metadata"; fi
}
query() {  # one value from the demo database
    python3 -c 'import sqlite3, sys; row = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print("" if row is None else row[0])' "$db" "$1" 2>/dev/null
}
office_name=$(query "SELECT json_extract(value, '\$.name') FROM setting WHERE key = 'office'")

if grep -qE "^ +letters " <<<"$help"; then
    monday=$(date -d "today - $(( $(date +%u) - 1 )) days" +%F)
    mkdir -p "$work/letters"
    out=$("$exe" letters --database "$db" --week "$monday" --out "$work/letters" 2>&1)
    code=$?
    first=$(ls "$work/letters"/*.pdf 2>/dev/null | grep -v -- '-all-letters\.pdf$' | head -1)
    if [ -z "$first" ]; then
        fail "letters: no letter written (exit $code): $out"
    elif [ $code -ne 0 ] && ! grep -q "clarity check" <<<"$out"; then
        fail "letters: exit $code: $out"
    else
        # A project the clarity check holds back is reported, not a failure: the letters that pass are written.
        [ $code -ne 0 ] && echo "note  letters: $(grep -m1 'not written' <<<"$out")"
        pass "letters: $(ls "$work/letters"/*.pdf | wc -l) PDF(s) written"
        check_pdf "$first" "letter" "$office_name"
    fi
else
    skip "letters: this build has no 'letters' command"
fi

if grep -qE "^ +visit-summary " <<<"$help"; then
    visit=$(query "SELECT id FROM visit ORDER BY completed_at IS NULL, id LIMIT 1")
    if [ -z "$visit" ]; then
        fail "visit-summary: the demo office has no visit to summarise"
    elif out=$("$exe" visit-summary --database "$db" --visit "$visit" --out "$work/summary.pdf" 2>&1); then
        customer=$(query "SELECT c.name FROM visit v JOIN customer c ON c.id = v.customer_id WHERE v.id = $visit")
        check_pdf "$work/summary.pdf" "visit summary" "$customer"
    else
        fail "visit-summary: $out"
    fi
else
    skip "visit-summary: this build has no 'visit-summary' command"
fi

if grep -qE "^ +report " <<<"$help"; then
    # the monthly report draws its charts with matplotlib, which the bundle must carry
    if out=$("$exe" report --database "$db" --out "$work/report.pdf" 2>&1); then
        check_pdf "$work/report.pdf" "monthly report" "Is the office keeping its promises?"
        images=$(pdfimages -list "$work/report.pdf" 2>/dev/null | tail -n +3 | wc -l)
        [ "$images" -ge 5 ] && pass "monthly report: $images charts drawn" || fail "monthly report: $images charts, wanted 5 or more"
    else
        fail "report: $out"
    fi
else
    skip "report: this build has no 'report' command"
fi

if [ $failures -eq 0 ]; then echo "smoke test passed: $app_dir"; else echo "smoke test FAILED: $failures problem(s)"; fi
[ $failures -eq 0 ]
