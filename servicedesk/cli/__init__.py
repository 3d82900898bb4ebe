"""The command line. ``servicedesk`` alone starts the window; subcommands do the office's chores.

Each subcommand is a module in ``servicedesk.cli.commands`` with ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; listing it in ``commands.COMMANDS``
is all it takes to appear here.
"""

from __future__ import annotations

import argparse
import sys

from servicedesk import __version__


def build_parser() -> argparse.ArgumentParser:
    from servicedesk.cli.commands import COMMANDS

    parser = argparse.ArgumentParser(
        prog="servicedesk",
        description="ServiceDesk: customers, schedule and communication for a small service office. "
        "Without a command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"ServiceDesk {__version__}")
    parser.add_argument("--database", metavar="PATH", help="the database file to use, or an office server as "
                        "postgresql://user@host:port/dbname "
                        "(default: $SERVICEDESK_DATABASE or servicedesk.db in the data folder)")
    parser.add_argument("--take-over-lock", action="store_true",
                        help="take the database's lock from a ServiceDesk that no longer runs on another "
                             "computer (the data folder was moved to this PC, say)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        cmd.add_argument("--database", metavar="PATH", default=argparse.SUPPRESS,
                         help="the database file to use, or postgresql://user@host:port/dbname")
        cmd.add_argument("--take-over-lock", action="store_true", default=argparse.SUPPRESS,
                         help="take the database's lock from a ServiceDesk that no longer runs elsewhere")
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _quiet_stdout() -> None:
    """Point stdout at nothing, so Python's last flush at exit does not fail on the closed pipe too."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def no_display() -> str:
    """Why the window cannot be shown here ('' when it can): Qt would abort the whole program."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return ("There is no display to show the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). Start "
            "ServiceDesk from the desktop, or use a command: servicedesk --help lists them.")


class _NotTheWindow(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    def error(self, message):
        raise _NotTheWindow(message)


def _window_arguments(argv: list[str] | None) -> argparse.Namespace | None:
    """The window's options when the command line names no command (starting the window, the usual case),
    read without loading every command; None for anything else, which the whole parser then reads."""
    parser = _WindowParser(prog="servicedesk", add_help=False)
    parser.add_argument("--database")
    parser.add_argument("--take-over-lock", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotTheWindow:
        return None
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    args = _window_arguments(argv)
    if args is None:
        args = build_parser().parse_args(argv)  # unknown options are refused here (exit status 2), before Qt starts
    if getattr(args, "command", None) is None:
        why = no_display()
        if why:
            print(f"servicedesk: {why}", file=sys.stderr)
            return 1
        from servicedesk.ui.app import run_gui

        return run_gui(args.database, [], take_over=args.take_over_lock)
    import sqlite3

    from peewee import PeeweeException

    from servicedesk.cli.common import close_all
    from servicedesk.core.errors import ServiceError
    from servicedesk.core.store.db import plain_storage_error
    from servicedesk.logs import setup_logging

    setup_logging()  # what the checks and repairs log goes to the log file, not the terminal
    try:
        try:
            return int(args.run(args) or 0)
        finally:
            close_all()
    except ServiceError as exc:
        print(f"servicedesk: {_one_line(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `servicedesk today | head`: the reader has what it wanted
        _quiet_stdout()
        return 0
    except (OSError, sqlite3.Error, PeeweeException) as exc:  # what the checks could not foresee, said plainly
        plain = plain_storage_error(exc)
        if plain is None and isinstance(exc, OSError) and exc.filename:
            plain = f"{exc.filename}: {exc.strerror or exc}"
        print(f"servicedesk: {_one_line(plain or exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("servicedesk: interrupted; nothing half-done was kept.", file=sys.stderr)
        return 130
