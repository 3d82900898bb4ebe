"""One module per capability. Plain values in, dataclasses or ids out; no Qt, no widgets.

The pattern every service follows:
- read functions return frozen dataclasses (never peewee rows), so callers cannot write by accident;
- write functions validate first (raising ``ValidationError`` with every problem named),
  then write inside one ``transaction()`` so a failure leaves nothing half-saved;
- time comes from ``clock.now()`` so tests can fix it.
"""
