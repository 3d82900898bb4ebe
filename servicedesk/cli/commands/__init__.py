"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import concern_report, demo, today

COMMANDS = (demo, today, concern_report)
