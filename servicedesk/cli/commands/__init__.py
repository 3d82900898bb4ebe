"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import demo, ics

COMMANDS = (demo, ics)
