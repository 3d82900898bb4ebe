"""ServiceDesk: a customer care desk for a small service office."""


def _version() -> str:
    """The version in pyproject.toml: read from the checkout when there is one, else the installed metadata."""
    import re
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.exists():
        text = pyproject.read_text(encoding="utf-8")
        match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
        if match and re.search(r'^name\s*=\s*"servicedesk"', text, re.M):
            return match.group(1)
    from importlib import metadata  # installed wheel (slower to import, so only when needed)

    try:
        return metadata.version("servicedesk")
    except metadata.PackageNotFoundError:  # frozen build without metadata
        return "0.0.0"


__version__ = _version()
APP_NAME = "ServiceDesk"
ORG_NAME = "ServiceDesk"
