"""The standalone program: build it with PyInstaller and run packaging/smoke-test.sh on it.

This is the frozen layout's test of resource lookup, of the version and of the headless
start. A build takes well under a minute on the office's two-core machine, so it runs with
the rest of the suite whenever PyInstaller is installed (the test extra brings it).
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from servicedesk import __version__

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                                reason="PyInstaller is not installed: pip install -e .[packaging]")


def test_frozen_build_passes_its_smoke_test(tmp_path):
    env = dict(os.environ, PYTHON=sys.executable, DISTPATH=str(tmp_path / "dist"), WORKPATH=str(tmp_path / "work"))
    build = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], capture_output=True, text=True, env=env,
                           timeout=1200)
    assert build.returncode == 0, build.stdout + build.stderr
    program = tmp_path / "dist" / "ServiceDesk"
    assert (program / "_internal" / "resources" / "icons" / "servicedesk.svg").is_file()

    smoke = subprocess.run(["bash", str(ROOT / "packaging" / "smoke-test.sh"), str(program)],
                           capture_output=True, text=True, env=env, timeout=600)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert f"ok    --version prints 'ServiceDesk {__version__}'" in smoke.stdout
    assert "ok    window started headless and quit" in smoke.stdout
    assert "ok    first start on an empty database asked for the office's details" in smoke.stdout
    assert "ok    log is clean" in smoke.stdout

    # Installed for one user, it is on the menu with its icon and runs through its command.
    prefix = tmp_path / "home" / ".local"
    install = subprocess.run(["bash", str(ROOT / "packaging" / "linux" / "install.sh"), str(program)],
                             capture_output=True, text=True, env=dict(env, PREFIX=str(prefix)), timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    entry = (prefix / "share" / "applications" / "servicedesk.desktop").read_text()
    assert f'Exec="{prefix}/lib/servicedesk/servicedesk"' in entry
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / "servicedesk.png").is_file()
    command = prefix / "bin" / "servicedesk"
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True, timeout=120)
    assert version.stdout.strip() == f"ServiceDesk {__version__}"
    data = tmp_path / "installed-data"
    start = subprocess.run([str(command), "--database", str(tmp_path / "installed.db")], capture_output=True,
                           text=True, timeout=300,
                           env=dict(env, QT_QPA_PLATFORM="offscreen", SERVICEDESK_QUIT_AFTER_MS="300",
                                    SERVICEDESK_DATA_DIR=str(data), SERVICEDESK_CONFIG_DIR=str(tmp_path / "cfg")))
    assert start.returncode == 0, start.stderr
    log = (data / "logs" / "servicedesk.log").read_text()
    assert "main window shown" in log and "icon not found" not in log and "ERROR" not in log
