"""The subcommands, in the order ``--help`` lists them."""

from servicedesk.cli.commands import (
    application_log,
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
    report,
    restore,
    today,
    visit_summary,
)

COMMANDS = (init, demo, today, concern_report, report, application_log, import_customers, export_customers,
            import_visits, letters,
            visit_summary, ics, mail_settings, outbox, backup, restore, check, move_to_server)
