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
    mail_settings,
    move_to_server,
    outbox,
    restore,
    today,
    visit_summary,
)

COMMANDS = (init, demo, today, concern_report, import_customers, export_customers, import_visits, letters,
            visit_summary, ics, mail_settings, outbox, backup, restore, check, move_to_server)
