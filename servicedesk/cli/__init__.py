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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        cmd.add_argument("--database", metavar="PATH", default=argparse.SUPPRESS,
                         help="the database file to use, or postgresql://user@host:port/dbname")
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, qt_args = parser.parse_known_args(argv)
    if getattr(args, "command", None) is None:
        from servicedesk.ui.app import run_gui

        return run_gui(args.database, qt_args)
    if qt_args:
        parser.error(f"unrecognised arguments: {' '.join(qt_args)}")
    from servicedesk.core.errors import ServiceError

    try:
        return int(args.run(args) or 0)
    except ServiceError as exc:
        print(f"servicedesk: {exc}", file=sys.stderr)
        return 1
