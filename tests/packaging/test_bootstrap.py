"""packaging/bootstrap.sh on a fresh machine: which system packages it installs, and what it says
when it cannot install them. apt-get, dpkg-query, sudo and id are stand-ins on PATH here; the
real run on a minimal Debian is described in the README."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is needed")


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    """A checkout with bootstrap.sh, and a PATH of the usual tools minus sudo, apt-get, dpkg-query and id."""
    checkout = tmp_path / "servicedesk"
    (checkout / "packaging").mkdir(parents=True)
    shutil.copy2(ROOT / "packaging" / "bootstrap.sh", checkout / "packaging" / "bootstrap.sh")
    shutil.copy2(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "sh", "cat", "grep", "sha256sum", "cut", "dirname", "env", "echo"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    log = tmp_path / "apt.log"
    _stub(bin_dir, "apt-get", f'echo "$@" >> {log}; case "$1" in install) exit 42;; esac')
    # every package installed except those named in $MISSING
    _stub(bin_dir, "dpkg-query", 'for p in $MISSING; do [ "$p" = "$3" ] && exit 1; done; echo "install ok installed"')
    # the venv step is where these runs stop: system packages are all this test is about
    _stub(bin_dir, "python3", f'[ "$1" = "-m" ] && exit 43; exec {sys.executable} "$@"')
    return checkout, bin_dir, log


def _run(machine, mode, uid, missing, extra_path=None):
    checkout, bin_dir, log = machine
    _stub(bin_dir, "id", f"echo {uid}")
    env = {"PATH": str(bin_dir), "MISSING": missing, "HOME": str(checkout.parent)}
    return subprocess.run(["bash", str(checkout / "packaging" / "bootstrap.sh"), mode], capture_output=True,
                          text=True, env=env, timeout=60)


def test_the_test_command_installs_the_build_and_pdf_tools_when_missing(machine):
    run = _run(machine, "test", 0, "binutils poppler-utils libegl1")
    assert run.returncode == 42, run.stderr  # stopped by the stand-in apt-get install
    calls = machine[2].read_text().splitlines()
    assert calls[0].startswith("update")
    installed = calls[1].split()
    assert installed[0] == "install" and {"binutils", "poppler-utils", "libegl1"} <= set(installed)
    assert "libx11-6" not in installed  # only what is missing
    assert "Installing system packages: libegl1 binutils poppler-utils" in run.stdout


def test_nothing_is_installed_when_nothing_is_missing(machine):
    run = _run(machine, "test", 0, "")
    assert run.returncode == 43  # went straight on to the Python environment
    assert not machine[2].exists()


def test_the_system_python_brings_its_shared_library_for_the_build(machine):
    checkout, bin_dir, log = machine
    system_python = Path("/usr/bin/python3")
    if not system_python.exists():
        pytest.skip("no system Python here")
    _stub(bin_dir, "python3", f'[ "$1" = "-m" ] && exit 43; exec {system_python} "$@"')
    version = subprocess.run([str(system_python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True).stdout.strip()
    run = _run(machine, "test", 0, f"libpython{version}")
    assert run.returncode == 42, run.stderr
    assert f"libpython{version}" in log.read_text().splitlines()[1].split()


def test_not_root_and_no_sudo_says_what_to_do(machine):
    run = _run(machine, "test", 1000, "poppler-utils")
    assert run.returncode == 1
    assert "sudo: command not found" not in run.stderr
    assert "not installed: poppler-utils" in run.stderr
    assert "You are not root and this machine has no sudo" in run.stderr
    assert "su -c 'apt-get update && apt-get install -y poppler-utils'" in run.stderr
    assert not machine[2].exists()  # nothing tried


def test_not_root_with_sudo_installs_through_sudo(machine):
    checkout, bin_dir, log = machine
    _stub(bin_dir, "sudo", f'echo sudo >> {log}; exec "$@"')
    run = _run(machine, "test", 1000, "poppler-utils")
    assert run.returncode == 42
    assert log.read_text().splitlines()[:2] == ["sudo", "update -qq"]
