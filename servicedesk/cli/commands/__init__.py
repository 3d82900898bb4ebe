"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import demo, export_customers, import_customers

COMMANDS = (demo, import_customers, export_customers)
