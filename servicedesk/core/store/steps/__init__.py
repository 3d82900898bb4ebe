"""Numbered schema steps. Step N brings a database from ``user_version`` N-1 to N.

A step is a module with ``SQL`` (statements run in order) and optionally ``run(db)`` for
work that needs Python. Never edit a step that has shipped: add the next one.
"""

from servicedesk.core.store.steps import (
    s0001_initial,
    s0002_customer_search,
    s0003_customer_name_index,
    s0004_address_parts,
    s0005_queue_snooze,
    s0006_sent_and_handovers,
    s0007_customer_reference,
    s0008_row_versions,
    s0009_change_signals,
    s0010_milestone_order,
    s0011_trade_records,
    s0012_expectation_letters,
    s0013_outbox,
    s0014_health_history,
    s0015_application_records_kept,
    s0016_visit_notes,
    s0017_milestone_changed_by,
    s0018_queue_indexes,
    s0019_type_ahead_indexes,
    s0020_notice_change,
    s0021_document_overridden,
    s0022_nobody_reached,
    s0023_sweep_indexes,
    s0024_call_again,
)

STEPS = (
    s0001_initial,
    s0002_customer_search,
    s0003_customer_name_index,
    s0004_address_parts,
    s0005_queue_snooze,
    s0006_sent_and_handovers,
    s0007_customer_reference,
    s0008_row_versions,
    s0009_change_signals,
    s0010_milestone_order,
    s0011_trade_records,
    s0012_expectation_letters,
    s0013_outbox,
    s0014_health_history,
    s0015_application_records_kept,
    s0016_visit_notes,
    s0017_milestone_changed_by,
    s0018_queue_indexes,
    s0019_type_ahead_indexes,
    s0020_notice_change,
    s0021_document_overridden,
    s0022_nobody_reached,
    s0023_sweep_indexes,
    s0024_call_again,
)
