"""The profile: the person, how to reach them, and what matters to them (read-only overview)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from servicedesk.core.errors import NotFound
from servicedesk.core.services import continuity, customers
from servicedesk.ui.widgets.banner import WhatMattersBanner


class ProfileView(QScrollArea):
    def __init__(self, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("customerProfile")
        self.setWidgetResizable(True)
        self.customer_id: int | None = None
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.title = QLabel(objectName="profileName")
        self.title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = WhatMattersBanner(self)
        self.details = QLabel(objectName="profileDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.title, self.banner, self.details):
            self.layout_.addWidget(w)
        self.layout_.addStretch(1)
        self.setWidget(body)
        self.title.setText(self.tr("Choose a customer on the left"))

    def show_customer(self, customer_id: int) -> None:
        try:
            p = customers.get(customer_id)
        except NotFound as exc:
            self.customer_id = None
            self.title.setText(str(exc))
            self.details.clear()
            self.banner.set_items([])
            return
        self.customer_id = customer_id
        self.title.setText(f"{p.name}" + (f" — {p.company}" if p.company else ""))
        self.banner.set_items(p.what_matters)
        e = html.escape
        lines = [
            f"<b>{e(self.tr('Status'))}:</b> {e(p.status)}" + (f" ({e(p.cancel_reason)})" if p.cancel_reason else ""),
            f"<b>{e(self.tr('Phone'))}:</b> {e(p.phone)}  <b>{e(self.tr('Email'))}:</b> {e(p.email)}",
            f"<b>{e(self.tr('Prefers'))}:</b> {e(p.preferred_channel)}, {e(p.best_time)}",
            f"<b>{e(self.tr('Letters open with'))}:</b> {e(p.letter_salutation)}",
            f"<b>{e(self.tr('Technician'))}:</b> {e(p.technician or '—')} · "
            f"{e(continuity.figure(customer_id).describe())}",
            f"<b>{e(self.tr('Customer since'))}:</b> {p.customer_since or '—'}",
        ]
        for site in p.sites:
            lines.append(f"<b>{e(site.label)}:</b> {e(site.street)}, {e(site.city)} {e(site.postcode)}"
                         + (f"<br><i>{e(site.access_notes)}</i>" if site.access_notes else ""))
        for goal in p.goals:
            lines.append(f"<b>{e(goal.kind.replace('_', ' ').capitalize())}:</b> {e(goal.text)}")
        if p.notes:
            lines.append(f"<b>{e(self.tr('Notes'))}:</b> {e(p.notes)}")
        self.details.setText("<br>".join(lines))
