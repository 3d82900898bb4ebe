#!/usr/bin/env bash
# Sets ServiceDesk up on a Debian/Ubuntu machine, then starts it or runs its tests.
#
#   bash packaging/bootstrap.sh [run] [servicedesk arguments...]   set up and start the app
#   bash packaging/bootstrap.sh test [pytest arguments...]          set up and run every test
#
# System packages are installed only when missing; the Python environment lives in .venv
# and is refreshed only when pyproject.toml changes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-run}
[ $# -gt 0 ] && shift

# Qt's offscreen platform (tests) needs these; a real window needs the X11/xcb set too.
qt_base="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0"
qt_window="xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
# The tests also build the standalone program (PyInstaller reads libraries with objdump and
# bundles the Python library) and read its PDFs back (pdftotext, pdffonts, pdfinfo).
test_tools="binutils poppler-utils"
wanted="$qt_base"
[ "$mode" = run ] && wanted="$wanted $qt_window"
# The tests run every store, service and command test on a throwaway PostgreSQL server too.
[ "$mode" = test ] && wanted="$wanted postgresql"

python=${PYTHON:-python3}
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    wanted="$wanted python3-venv"
fi
if [ "$mode" = test ]; then
    wanted="$wanted $test_tools"
    # Debian's own Python keeps its shared library in a package of its own (libpython3.11).
    libpython=$("$python" -c 'import sys; print("libpython%d.%d" % sys.version_info[:2] if sys.base_prefix == "/usr" else "")' 2>/dev/null || true)
    [ -n "$libpython" ] && wanted="$wanted $libpython"
fi

if command -v dpkg-query >/dev/null 2>&1; then
    missing=""
    for pkg in $wanted; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        sudo=""
        if [ "$(id -u)" -ne 0 ]; then
            if command -v sudo >/dev/null 2>&1; then
                sudo="sudo"
            else
                echo "ServiceDesk needs these system packages, which are not installed:$missing" >&2
                echo "You are not root and this machine has no sudo. Install them as root, for example:" >&2
                echo "    su -c 'apt-get update && apt-get install -y$missing'" >&2
                echo "then run this command again." >&2
                exit 1
            fi
        fi
        echo "Installing system packages:$missing"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
fi

venv="$root/.venv"
stamp="$venv/.servicedesk-installed"
want_stamp=$(cat "$root/pyproject.toml" | sha256sum | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
    echo "Installing ServiceDesk and its Python packages into .venv ..."
    "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$venv/bin/python" -m pip install -q -e "$root[test]"
    echo "$want_stamp" > "$stamp"
fi

cd "$root"
case "$mode" in
    run)
        exec "$venv/bin/servicedesk" "$@"
        ;;
    test)
        export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
        exec "$venv/bin/python" -m pytest "$@"
        ;;
    *)
        echo "usage: bash packaging/bootstrap.sh [run|test] [arguments...]" >&2
        exit 2
        ;;
esac
