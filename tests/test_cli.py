"""The command line as a user runs it: a separate process, real files."""

import os
import subprocess
import sys

from servicedesk import __version__


def run(*args, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "servicedesk", *args], capture_output=True, text=True, env=env)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ServiceDesk {__version__}"


def test_help_lists_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "demo" in result.stdout


def test_demo_refuses_to_mix_into_an_existing_office(tmp_path):
    path = tmp_path / "office.db"
    assert run("demo", "--database", str(path)).returncode == 0
    second = run("demo", "--database", str(path))
    assert second.returncode == 1
    assert "already has customers" in second.stdout
