"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import (
    backup,
    check,
    demo,
    export_customers,
    ics,
    import_customers,
    letters,
    restore,
    visit_summary,
)

COMMANDS = (demo, import_customers, export_customers, letters, visit_summary, ics, backup, restore, check)
