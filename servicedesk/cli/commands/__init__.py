"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import backup, check, demo, ics, restore

COMMANDS = (demo, ics, backup, restore, check)
