"""Render every pane and dialog of the window at 1366×768, offscreen, to PNG files for a person to look at.

    .venv/bin/python -m tests.tools.render_screens [OUT_DIR]      # default: /tmp/servicedesk-screens

The demo office is built in a temporary folder (nothing of the user's is touched); the screen is
an offscreen one of 1366×768, and each window is sized as it would be under a 40-pixel taskbar.
The PNGs are for review and are never committed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def _offscreen_1366(folder: Path) -> None:
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "/tmp/servicedesk-screens").resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="servicedesk-screens-"))
    _offscreen_1366(work)
    os.environ["SERVICEDESK_DATA_DIR"] = str(work / "data")
    os.environ["SERVICEDESK_CONFIG_DIR"] = str(work / "config")
    from PySide6.QtWidgets import QApplication

    from servicedesk.core import demo
    from servicedesk.core.store import open_database
    from servicedesk.ui.app import make_application
    from tests.tools import screens

    app = make_application([sys.argv[0]])
    database = work / "demo.db"
    open_database(database)
    demo.build()
    window = screens.open_window(database)
    written = []
    for name, open_ in {**screens.PANES, **screens.DIALOGS}.items():
        shown = open_(window)
        if shown is None:
            print(f"{name}: nothing to show in the demo office", file=sys.stderr)
            continue
        QApplication.processEvents()
        path = out / f"{'pane' if name in screens.PANES else 'dialog'}-{name}.png"
        shown.grab().save(str(path))
        written.append(path)
        screens.close(shown, window)
    window.close()
    app.processEvents()
    print(f"{len(written)} screens written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
