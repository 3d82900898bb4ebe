"""One module per capability. Plain values in, dataclasses or ids out; no Qt, no widgets.

The pattern every service follows:
- read functions return frozen dataclasses (never peewee rows), so callers cannot write by accident;
- write functions validate first (raising ``ValidationError`` with every problem named),
  then write inside one ``transaction()`` so a failure leaves nothing half-saved;
- time comes from ``clock.now()`` so tests can fix it.

Services react to each other through ``servicedesk.core.events``; the modules that listen are
loaded here, so importing any one service is enough for the whole office to react.
"""

from servicedesk.core.services import customers, followups, handover, health, projects  # noqa: E402,F401  (listeners)
from servicedesk.core.services import health_history  # noqa: E402,F401  (listens to health)
