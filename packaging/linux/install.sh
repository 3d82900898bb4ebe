#!/usr/bin/env bash
# Installs the standalone program for one user (or, as root with PREFIX=/usr/local, for everyone):
# the program folder, a `servicedesk` command, the desktop entry, the icons and the AppStream
# metainfo, so ServiceDesk appears in the desktop's application menu with its icon.
#
#   bash packaging/linux/install.sh [dist/ServiceDesk]     install (PREFIX defaults to ~/.local)
#   bash packaging/linux/install.sh --uninstall            remove it again (the office's data stays)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
prefix=${PREFIX:-$HOME/.local}
program_dir="$prefix/lib/servicedesk"
share="$prefix/share"
sizes="16 24 32 48 64 128 256 512"

uninstall() {
    rm -rf "$program_dir"
    rm -f "$prefix/bin/servicedesk" "$share/applications/servicedesk.desktop" \
          "$share/metainfo/io.servicedesk.ServiceDesk.metainfo.xml" "$share/icons/hicolor/scalable/apps/servicedesk.svg"
    for size in $sizes; do rm -f "$share/icons/hicolor/${size}x${size}/apps/servicedesk.png"; done
}

refresh() {  # let the desktop notice; each tool is optional
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    refresh
    echo "ServiceDesk removed from $prefix (the office's data folder is kept)."
    exit 0
fi

source_dir=$(cd "${1:-$root/dist/ServiceDesk}" && pwd)
[ -x "$source_dir/servicedesk" ] || { echo "No built program in $source_dir: run packaging/build.sh first." >&2; exit 2; }
resources="$source_dir/_internal/resources"

uninstall
mkdir -p "$program_dir" "$prefix/bin" "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
cp -a "$source_dir/." "$program_dir/"
ln -sf "$program_dir/servicedesk" "$prefix/bin/servicedesk"
sed "s#^Exec=.*#Exec=\"$program_dir/servicedesk\"#; s#^TryExec=.*#TryExec=$program_dir/servicedesk#" \
    "$resources/servicedesk.desktop" > "$share/applications/servicedesk.desktop"
cp "$resources/io.servicedesk.ServiceDesk.metainfo.xml" "$share/metainfo/"
cp "$resources/icons/servicedesk.svg" "$share/icons/hicolor/scalable/apps/"
for size in $sizes; do
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "$resources/icons/hicolor/${size}x${size}/apps/servicedesk.png" "$share/icons/hicolor/${size}x${size}/apps/"
done
refresh
echo "ServiceDesk installed in $program_dir; start it from the application menu or with $prefix/bin/servicedesk."
