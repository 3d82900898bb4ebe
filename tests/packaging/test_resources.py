"""resource() finds the shipped files from a source checkout, an installed wheel and a frozen build."""

import os
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from servicedesk import __version__, paths

ROOT = Path(__file__).resolve().parents[2]


def test_source_checkout_finds_resources_beside_the_package():
    assert paths.resource() == ROOT / "resources"
    svg = paths.resource("icons", "servicedesk.svg")
    assert svg == ROOT / "resources" / "icons" / "servicedesk.svg"
    assert svg.read_text().lstrip().startswith("<?xml")


def test_missing_resource_names_where_it_looked():
    with pytest.raises(FileNotFoundError) as error:
        paths.resource("icons", "no-such-icon.png")
    assert "icons/no-such-icon.png" in str(error.value)
    assert str(ROOT / "resources") in str(error.value)


def test_frozen_build_looks_in_the_unpacked_folder_first(tmp_path, monkeypatch):
    bundled = tmp_path / "resources" / "icons"
    bundled.mkdir(parents=True)
    (bundled / "servicedesk.svg").write_text("<svg/>")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource("icons", "servicedesk.svg") == bundled / "servicedesk.svg"
    assert paths.resource() == tmp_path / "resources"
    # what the frozen folder lacks is still found, e.g. while developing the build
    assert paths.resource("servicedesk.desktop") == ROOT / "resources" / "servicedesk.desktop"


def test_installed_wheel_carries_its_resources(tmp_path):
    """Build a wheel of this checkout, install it into a bare folder, and ask it for its icon."""
    source = tmp_path / "source"  # a clean copy: no build/ left over from earlier builds
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("servicedesk", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    # no build isolation and no index: the test needs nothing from the network once set up
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                            "-q", "-w", str(wheels), str(source)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    [wheel] = wheels.glob("servicedesk-*.whl")
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target),
                              str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    code = textwrap.dedent("""
        import servicedesk, servicedesk.paths as p
        print(servicedesk.__file__)
        print(p.resource("icons", "servicedesk.svg"))
        print(p.resource("icons", "hicolor", "48x48", "apps", "servicedesk.png"))
        print(servicedesk.__version__)
    """)
    env = dict(os.environ, PYTHONPATH=str(target))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    package, svg, png, version = run.stdout.split("\n")[:4]
    installed = target / "servicedesk"
    assert Path(package).parent == installed
    assert Path(svg) == installed / "resources" / "icons" / "servicedesk.svg"
    assert Path(png).is_file() and Path(png).is_relative_to(installed)
    assert version == __version__


def test_icon_comes_in_every_size_it_claims():
    from PySide6.QtGui import QImage

    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(paths.resource("icons", "hicolor", f"{size}x{size}", "apps", "servicedesk.png")))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    assert paths.resource("icons", "servicedesk.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_desktop_entry_and_metainfo_describe_the_program():
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(paths.resource("servicedesk.desktop"), encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == "ServiceDesk"
    assert desktop["Icon"] == "servicedesk"  # the hicolor PNGs and the SVG are named so
    assert desktop["Exec"].split()[0] == "servicedesk"
    assert "Office" in desktop["Categories"].split(";")
    meta = ET.parse(paths.resource("io.servicedesk.ServiceDesk.metainfo.xml")).getroot()
    assert meta.findtext("launchable") == "servicedesk.desktop"
    # the newest release listed is the version in pyproject.toml
    assert meta.find("releases/release").get("version") == __version__
