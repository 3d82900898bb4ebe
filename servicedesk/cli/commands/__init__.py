"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import demo, letters, visit_summary

COMMANDS = (demo, letters, visit_summary)
