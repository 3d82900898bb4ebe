#!/usr/bin/env bash
# Builds the standalone program dist/ServiceDesk/ (PyInstaller, one folder) from this checkout.
#
#   bash packaging/build.sh            build with .venv (made by packaging/bootstrap.sh)
#   PYTHON=/path/to/python bash packaging/build.sh
#   DISTPATH=/tmp/out WORKPATH=/tmp/work bash packaging/build.sh   build elsewhere (tests do)
#
# PyInstaller comes from the "packaging" extra and is installed into that Python when missing.
# The result runs on machines like this one (same OS family and architecture).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
if [ ! -x "$python" ]; then
    echo "No Python at $python: run 'bash packaging/bootstrap.sh test' first or set PYTHON." >&2
    exit 2
fi
if ! "$python" -c 'import PyInstaller' >/dev/null 2>&1; then
    echo "Installing PyInstaller ..."
    "$python" -m pip install -q "pyinstaller>=6.0"
fi

distpath=${DISTPATH:-$root/dist}
workpath=${WORKPATH:-$root/build/pyinstaller}

cd "$root"
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$distpath" --workpath "$workpath" packaging/servicedesk.spec
end=$(date +%s)
echo "Built $distpath/ServiceDesk in $((end - start)) s, $(du -sh "$distpath/ServiceDesk" | cut -f1) on disk."
