"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import backup, check, demo, restore

COMMANDS = (demo, backup, restore, check)
