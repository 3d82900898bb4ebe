"""ServiceDesk: a customer care desk for a small service office."""

from importlib import metadata as _metadata


def _version() -> str:
    try:
        return _metadata.version("servicedesk")
    except _metadata.PackageNotFoundError:  # source checkout without install, frozen build
        import re
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        if pyproject.exists():
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(), re.M)
            if match:
                return match.group(1)
        return "0.0.0"


__version__ = _version()
APP_NAME = "ServiceDesk"
ORG_NAME = "ServiceDesk"
