#!/usr/bin/env bash
# Builds the standalone program dist/ServiceDesk/ (PyInstaller, one folder) from this checkout.
#
#   bash packaging/build.sh            build with .venv (made by packaging/bootstrap.sh)
#   PYTHON=/path/to/python bash packaging/build.sh
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

cd "$root"
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" packaging/servicedesk.spec
end=$(date +%s)
echo "Built $root/dist/ServiceDesk in $((end - start)) s, $(du -sh "$root/dist/ServiceDesk" | cut -f1) on disk."
