"""``servicedesk restore [FILE]``: list the backups, or put one back in place of the database."""

from __future__ import annotations

import sys
from pathlib import Path

NAME = "restore"
HELP = "list the backups, or restore one (by number from the list, or by file name)"


def add_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="the backup to restore: its number in the list or its file; without it, list them")


def _chosen(value: str, backups) -> Path:
    if value.isdigit() and 1 <= int(value) <= len(backups) and not Path(value).exists():
        return backups[int(value) - 1].path
    return Path(value).expanduser().resolve()


def run(args) -> int:
    from servicedesk import paths
    from servicedesk.core import formatting
    from servicedesk.core.store import backup, check
    from servicedesk.core.store.dialect import is_server

    path = paths.database_path(getattr(args, "database", None))
    if is_server(path):
        return _run_server(args, path)
    if path.is_dir():
        raise check.not_a_file(path)
    backups = backup.list_backups(path)
    if not args.file:
        if not backups:
            print(f"There are no backups of {path} yet (they are kept in {backup.backup_folder(path)}).")
            _list_kept(path)
            return 0
        print(f"Backups of {path}, newest first:")
        for number, info in enumerate(backups, 1):
            tag = f"  [{info.reason}]" if info.reason else ""
            print(f"{number:3}  {formatting.format_moment(info.taken_at, year=True)}  "
                  f"{formatting.format_number(info.size / 1_000_000, 1):>8} MB  {info.path}{tag}")
        print("Restore one with: servicedesk restore NUMBER")
        _list_kept(path)
        return 0
    chosen = _chosen(args.file, backups)
    if not chosen.exists():
        print(f"servicedesk: There is no backup {args.file}.", file=sys.stderr)
        return 1
    aside = check.restore_backup(path, chosen, take_over=getattr(args, "take_over_lock", False))  # refuses while ServiceDesk has the database open
    print(f"Restored {chosen} to {path}.")
    if aside:
        print(f"The database it replaced was kept as {aside}.")
    return 0


def _list_kept(path: Path) -> None:
    from servicedesk.core import formatting
    from servicedesk.core.store import leftovers

    copies = leftovers.kept_copies(path)
    if copies:
        print("Copies kept beside the database (damaged, replaced, failed backups):")
        for copy in copies:
            print(f"     {formatting.format_moment(copy.taken_at, year=True)}  "
                  f"{formatting.format_number(copy.size / 1_000_000, 1):>8} MB  {copy.path}  [{copy.kind}]")


def _run_server(args, url: str) -> int:
    from servicedesk import paths
    from servicedesk.core import formatting
    from servicedesk.core.store import server_backup

    backups = server_backup.list_backups(url)
    if not args.file:
        if not backups:
            print(f"There are no backups of {paths.shown(url)} on this PC yet (they are kept in "
                  f"{server_backup.backup_dir(url)}).")
            return 0
        print(f"Backups of {paths.shown(url)} taken on this PC, newest first:")
        for number, info in enumerate(backups, 1):
            tag = f"  [{info.reason}]" if info.reason else ""
            print(f"{number:3}  {formatting.format_moment(info.taken_at, year=True)}  "
                  f"{formatting.format_number(info.size / 1_000_000, 1):>8} MB  {info.path}{tag}")
        print("Restore one with: servicedesk restore NUMBER")
        return 0
    chosen = _chosen(args.file, backups)
    if not chosen.exists():
        print(f"servicedesk: there is no backup {args.file}.")
        return 1
    before = server_backup.restore(chosen, url)
    print(f"Restored {chosen} to {paths.shown(url)}.")
    print(f"What it replaced was backed up first as {before.info.path}.")
    return 0
