"""Hooks: how the services react to each other's changes without importing each other in a circle.

A service that changes something announces it by calling a hook (``customers_changed(ids)``);
the services that care listen with ``hook.connect(listener)`` when their module loads. Listeners
run at once, in the caller's transaction, in ``order`` (then in the order they connected), so a
failure in any of them undoes the whole change. ``servicedesk.core.services`` names every
listening module (``listen_from``); they are loaded before any hook first calls its listeners,
so importing any service is enough for the whole office to react, and a start that changes
nothing does not wait for modules it does not use.

The hooks, who calls them and who listens:

- ``customers_changed(customer_ids)`` — visits, interactions, concerns, follow-ups, preferences or
  documents of these customers changed. Customers refreshes the list's summary columns
  (order 0), then health rescores them (order 10); hand-overs let go of a customer waiting in
  one whom nothing names the technician any more.
- ``health_changed(healths)`` — the stored health scores of these customers changed
  (``health.recompute``; a list of ``health.Health``). Health history records each change.
- ``concern_resolved(concern_id)`` — a concern was resolved. Follow-ups owe the call that asks
  whether it is really fixed.
- ``document_sent(document_id)`` — a document was printed, handed over, posted or emailed
  (``contact.send_document``). Documents stamps a project's last letter and owes the call a
  decision letter asks for.
- ``technician_leaving(staff_id, last_day)`` — a technician was marked as leaving. Hand-overs
  open one.
- ``customer_cancelled(customer_id, reason)`` — a customer's status became cancelled (``customers.update``).
  Scheduling ends their service plans and cancels their visits still ahead, with the reason.
- ``office_changed()`` — the office's settings were saved. Business days read its calendar again.
- ``time_off_added(staff_id, starts_at, ends_at)`` — time off was recorded. Hand-overs open
  one when it is longer than a week.
- ``time_off_removed(staff_id, starts_at, ends_at)`` — recorded time off was taken back.
  Hand-overs close the one it opened, for the customers not handed over yet.
- ``technician_staying(staff_id)`` — a technician marked as leaving works here after all.
  Hand-overs close theirs, for the customers not handed over yet.
"""

from __future__ import annotations

import importlib
from typing import Callable

_listening: list[str] = []  # modules that connect listeners when loaded, not loaded yet


def listen_from(*modules: str) -> None:
    """Modules whose listeners must hear every hook: loaded before a hook first calls its listeners."""
    _listening.extend(m for m in modules if m not in _listening)


def _load_listeners() -> None:
    while _listening:
        importlib.import_module(_listening.pop(0))


class Hook:
    """One named occasion; ``hook(*args)`` calls every listener with the same arguments."""

    def __init__(self, name: str):
        self.name = name
        self._listeners: list[tuple[int, int, Callable]] = []

    def connect(self, listener: Callable, order: int = 50) -> Callable:
        """Call ``listener`` on every occasion from now on (once, however often it is connected)."""
        if all(fn is not listener for _o, _n, fn in self._listeners):
            self._listeners.append((order, len(self._listeners), listener))
            self._listeners.sort(key=lambda item: item[:2])
        return listener

    def disconnect(self, listener: Callable) -> None:
        self._listeners = [item for item in self._listeners if item[2] is not listener]

    @property
    def listeners(self) -> tuple[Callable, ...]:
        _load_listeners()
        return tuple(fn for _o, _n, fn in self._listeners)

    def __call__(self, *args) -> None:
        _load_listeners()
        for _order, _n, listener in list(self._listeners):
            listener(*args)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._listeners)} listener(s)>"


customers_changed = Hook("customers_changed")
health_changed = Hook("health_changed")
concern_resolved = Hook("concern_resolved")
document_sent = Hook("document_sent")
technician_leaving = Hook("technician_leaving")
time_off_added = Hook("time_off_added")
office_changed = Hook("office_changed")
customer_cancelled = Hook("customer_cancelled")
time_off_removed = Hook("time_off_removed")
technician_staying = Hook("technician_staying")
