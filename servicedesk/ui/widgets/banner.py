"""The what-matters banner, shown wherever a customer appears."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from servicedesk.core import formatting

KIND_LABELS = {
    "same_technician": "Same technician every time",
    "call_before": "Call before arriving",
    "time_window": "Day / time window",
    "quiet": "Quiet, minimal disruption",
    "price_sensitive": "Price-sensitive",
    "speed_over_schedule": "Speed over schedule",
    "other": "Also matters",
}

# Symbols every desktop font has (the office PC may have no colour-emoji font).
KIND_ICONS = {
    "same_technician": "☺",
    "call_before": "☎",
    "time_window": "◷",
    "quiet": "☾",
    "price_sensitive": "$",
    "speed_over_schedule": "»",
    "other": "★",
}


GOAL_LABELS = {"goal": "Goal", "challenge": "Challenge", "expect_when": "Agreed: when",
               "expect_includes": "Agreed: includes", "expect_excludes": "Agreed: not included"}


def describe(item) -> str:
    label = KIND_LABELS.get(item.kind, item.kind)
    if item.kind == "same_technician" and item.technician:
        label += f" ({item.technician})"
    return label


class WhatMattersBanner(QLabel):
    def __init__(self, parent=None, name: str = "whatMattersBanner"):
        super().__init__(parent)
        self.setObjectName(name)  # the profile's banner keeps the plain name; others name their own
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(
            f"QLabel#{name} {{ background: #fff4d6; border: 1px solid #e0b44a;"
            " border-radius: 6px; padding: 8px; color: #4a3500; }"
        )
        self.hide()

    def set_customer(self, customer_id: int | None, goals: bool = False) -> None:
        """Show what matters to this customer (hidden when nothing is recorded or no customer is given).

        With ``goals``, their goals, challenges and agreed expectations too: where a concern is
        handled, since a concern is often about something agreed.
        """
        from servicedesk.core.services import customers

        if customer_id is None:
            self.set_items([])
            return
        seen = customers.glance([customer_id])[customer_id]
        self.set_items(seen.matters, seen.goals if goals else ())

    def set_items(self, items, goals=()) -> None:
        if not items and not goals:
            self.clear()
            self.hide()
            return
        parts = []
        if items:
            parts.append(f"<b>{html.escape(self.tr('What matters to this customer'))}</b>")
        from servicedesk.core.services.customers import said_about

        for item in items:
            said, about = said_about(item.words)  # words said about the technician before stay theirs, marked so
            words = f" — “{html.escape(said)}”" if said else ""
            if about:
                words += " " + html.escape(self.tr("(said about %s)") % about)
            when = f" <span style='color:#8a6d1f'>({formatting.format_date(item.recorded_at)})</span>" if item.recorded_at else ""
            parts.append(f"{KIND_ICONS.get(item.kind, '★')} {html.escape(describe(item))}{words}{when}")
        if goals:
            parts.append(f"<b>{html.escape(self.tr('Goals and what was agreed'))}</b>")
        for goal in goals:
            parts.append(f"• {html.escape(self.tr(GOAL_LABELS.get(goal.kind, goal.kind)))}: {html.escape(goal.text)}")
        self.setText("<br>".join(parts))
        self.show()
