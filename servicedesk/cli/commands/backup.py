"""``servicedesk backup``: a verified copy of the database, taken safely even while the window is open."""

from __future__ import annotations

NAME = "backup"
HELP = "back up the database now (verified; older backups rotated: 7 daily, 4 weekly, 12 monthly)"


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    from servicedesk import paths
    from servicedesk.cli.common import open_from_args
    from servicedesk.core import formatting
    from servicedesk.core.store import backup
    from servicedesk.core.store.dialect import is_server

    path = paths.database_path(getattr(args, "database", None))
    if is_server(path):
        from servicedesk.core.store import server_backup

        made = server_backup.create_backup(path)
        print(f"Backed up {paths.shown(path)} to {made.info.path} ({made.info.size / 1_000_000:.1f} MB, "
              f"checked: {made.checked}).")
        return 0
    path = open_from_args(args)  # the same checks and refusals as every other command
    info = backup.create_backup(path)
    print(f"Backed up {path} to {info.path} ({formatting.format_number(info.size / 1_000_000, 1)} MB, checked: ok).")
    return 0
