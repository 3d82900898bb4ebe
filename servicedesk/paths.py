"""Where ServiceDesk keeps its files, and where it finds the files it ships.

The data folder comes from platformdirs unless ``SERVICEDESK_DATA_DIR`` says otherwise; the
database is ``servicedesk.db`` in it unless ``--database`` or ``SERVICEDESK_DATABASE`` says
otherwise. Tests point both at a temporary folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_DIR_NAME = "ServiceDesk"


def data_dir() -> Path:
    override = os.environ.get("SERVICEDESK_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    override = os.environ.get("SERVICEDESK_CONFIG_DIR")
    path = Path(override) if override else Path(user_config_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("SERVICEDESK_DATABASE")
    if env:
        return Path(env).expanduser().resolve()
    return data_dir() / "servicedesk.db"


def folder_beside(database: Path, name: str) -> Path:
    """A folder that belongs to one database (documents, backups): next to it, named after it."""
    path = database.parent / f"{database.stem}-{name}"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource(*parts: str) -> Path:
    """A file shipped in ``resources/``: frozen build, source checkout or installed wheel."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve().parent
    candidates.append(here.parent / "resources")  # source checkout / editable install
    candidates.append(here / "resources")  # installed wheel (resources copied into the package)
    candidates.append(Path(sys.prefix) / "share" / "servicedesk" / "resources")
    for base in candidates:
        path = base.joinpath(*parts)
        if path.exists():
            return path
    raise FileNotFoundError(f"resource not found: {'/'.join(parts)} (looked in {', '.join(map(str, candidates))})")
