"""The customer at hand beside today's queue: how to reach them, what matters, and what was said lately.

Everything the desk needs to make the call without opening the profile: the phone (a ``tel:``
link, and a button that copies it), the email, the way and the time they like to be reached,
what matters to them, their goals and agreed expectations, the last three interactions, and
every row of the queue that is theirs, so one call settles them all.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from servicedesk.core import formatting
from servicedesk.core.errors import NotFound
from servicedesk.core.services import customers, interactions
from servicedesk.ui.communication.dialogs import CHANNEL_LABELS, reach_text, reached_words
from servicedesk.ui.communication.models import tr as queue_tr
from servicedesk.ui.customers.profile_lists import GOAL_LABELS
from servicedesk.ui.widgets.banner import WhatMattersBanner

RECENT = 3


def link(scheme: str, target: str, text: str) -> str:
    """A link that opens the phone or mail program: ``tel:+15125550142``, ``mailto:...``."""
    return f"<a href='{scheme}:{html.escape(target)}'>{html.escape(text)}</a>"


def _label(name: str, rich: bool = True) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class CustomerPanel(QScrollArea):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("queueCustomerPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.customer_id: int | None = None
        self.phone_number = ""
        self.name = _label("panelName", rich=False)
        self.name.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.phone = _label("panelPhone")
        self.phone.setOpenExternalLinks(True)  # tel: goes to the softphone or the phone app, where there is one
        self.copy_phone = QPushButton(self.tr("Copy"), objectName="copyPhone")
        self.copy_phone.setToolTip(self.tr("Copy the number to dial it elsewhere"))
        self.copy_phone.clicked.connect(self.copy_number)
        self.email = _label("panelEmail")
        self.email.setOpenExternalLinks(True)
        self.reach = _label("panelReach")
        self.banner = WhatMattersBanner(self, "panelWhatMatters")
        self.goals = _label("panelGoals")
        self.recent = _label("panelRecent")
        self.call = _label("panelCall")
        phone_row = QHBoxLayout()
        phone_row.setContentsMargins(0, 0, 0, 0)
        phone_row.addWidget(self.phone, 1)
        phone_row.addWidget(self.copy_phone, 0, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        box = QVBoxLayout(body)
        box.addWidget(self.name)
        box.addLayout(phone_row)
        for widget in (self.email, self.reach, self.call, self.banner, self.goals, self.recent):
            box.addWidget(widget)
        box.addStretch(1)
        self.setWidget(body)
        self.setMinimumWidth(300)
        self.show_customer(None)

    def show_customer(self, customer_id: int | None, rows=()) -> None:
        """Show this customer (None: nobody chosen) and ``rows``, their rows of today's queue."""
        self.customer_id = customer_id
        try:
            p = customers.get(customer_id) if customer_id else None
        except NotFound:
            p = None
        parts = (self.phone, self.copy_phone, self.email, self.reach, self.goals, self.recent, self.call)
        for widget in parts:
            widget.setVisible(p is not None)
        if p is None:
            self.name.setText(self.tr("Choose a row of the queue to see who it is and how to reach them."))
            self.banner.set_items([])
            self.phone_number = ""
            return
        e = html.escape
        self.name.setText(p.name + (f" — {p.company}" if p.company else ""))
        self.phone_number = p.phone
        if p.phone:
            target = p.phone_e164 or "".join(c for c in p.phone if c.isdigit() or c == "+")
            self.phone.setText("☎ " + link("tel", target, p.phone))
        else:
            self.phone.setText(e(self.tr("No phone number on file")))
        self.copy_phone.setEnabled(bool(p.phone))
        self.email.setText("✉ " + link("mailto", p.email, p.email) if p.email
                           else e(self.tr("No email address on file")))
        self.reach.setText(e(reach_text(p.preferred_channel, p.best_time)))
        self.banner.set_items(p.what_matters)
        goals = [f"<b>{e(self.tr(GOAL_LABELS.get(g.kind, g.kind)))}:</b> {e(g.text)}" for g in p.goals]
        self.goals.setText("<br>".join(goals))
        self.goals.setVisible(bool(goals))
        self.recent.setText(self._recent_html(p.id))
        self.call.setText(self._call_html(rows))
        self.call.setVisible(bool(rows))

    def _recent_html(self, customer_id: int) -> str:
        e = html.escape
        lines = [f"<b>{e(self.tr('Last contact'))}</b>"]
        found = interactions.recent(customer_id, RECENT)
        for i in found:
            way = self.tr(CHANNEL_LABELS.get(i.channel, i.channel))
            arrow = "←" if i.direction == "in" else "→"
            who = f" · {e(i.staff)}" if i.staff else ""
            if i.nobody_reached:  # only an attempt: said, so it is not read as the last contact
                why = reached_words().get(i.nobody_reached, i.nobody_reached)
                who += " · " + e(self.tr("not reached (%s)") % why.lower())
            lines.append(f"{e(formatting.format_date(i.occurred_at, 'medium'))} {arrow} {e(way)}{who}: "
                         f"{e(i.summary)}")
        if not found:
            lines.append(e(self.tr("Nothing logged yet.")))
        return "<br>".join(lines)

    def _call_html(self, rows) -> str:
        if not rows:
            return ""
        e = html.escape
        head = self.tr("In this call (%n thing(s))", "", len(rows))
        return f"<b>{e(head)}</b><br>" + "<br>".join(f"• {e(queue_tr(r.todo))}: {e(r.why)}" for r in rows)

    def copy_number(self) -> None:
        if self.phone_number:
            QGuiApplication.clipboard().setText(self.phone_number)
