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

    def set_customer(self, customer_id: int | None) -> None:
        """Show what matters to this customer (hidden when nothing is recorded or no customer is given)."""
        from servicedesk.core.services import customers

        self.set_items(customers.what_matters(customer_id) if customer_id is not None else [])

    def set_items(self, items) -> None:
        if not items:
            self.clear()
            self.hide()
            return
        parts = [f"<b>{html.escape(self.tr('What matters to this customer'))}</b>"]
        for item in items:
            words = f" — “{html.escape(item.words)}”" if item.words else ""
            when = f" <span style='color:#8a6d1f'>({formatting.format_date(item.recorded_at)})</span>" if item.recorded_at else ""
            parts.append(f"{KIND_ICONS.get(item.kind, '★')} {html.escape(describe(item))}{words}{when}")
        self.setText("<br>".join(parts))
        self.show()
