"""One module per capability. Plain values in, dataclasses or ids out; no Qt, no widgets.

The pattern every service follows:
- read functions return frozen dataclasses (never peewee rows), so callers cannot write by accident;
- write functions validate first (raising ``ValidationError`` with every problem named),
  then write inside one ``transaction()`` so a failure leaves nothing half-saved;
- time comes from ``clock.now()`` so tests can fix it.

Services react to each other through ``servicedesk.core.events``; the modules that listen are
named here, and loaded before any hook first calls its listeners, so importing any one service
is enough for the whole office to react.
"""

from servicedesk.core import events

events.listen_from(*(f"servicedesk.core.services.{name}" for name in ("customers", "followups", "handover", "health",
                                                                      "health_history", "projects", "scheduling")))
