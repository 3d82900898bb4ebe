"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import backup, check, demo, export_customers, ics, import_customers, restore

COMMANDS = (demo, import_customers, export_customers, ics, backup, restore, check)
