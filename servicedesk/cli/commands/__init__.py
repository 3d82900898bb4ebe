"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import (
    backup,
    check,
    concern_report,
    demo,
    export_customers,
    ics,
    import_customers,
    import_visits,
    init,
    letters,
    move_to_server,
    restore,
    today,
    visit_summary,
)

COMMANDS = (init, demo, today, concern_report, import_customers, export_customers, import_visits, letters,
            visit_summary, ics, backup, restore, check, move_to_server)
