"""What the profile's side shows before anyone is opened: the profile's own empty state, without its forms.

The profile itself (its six tabs' forms and tables) is built when the first customer is opened
or a new one started, not before the window first paints. Until then this stands in its place
with the same words and the same (disabled) tabs, so the window is laid out as it will be.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

TAB_TITLES = ("Details", "Sites && contacts", "What matters && goals", "Fit check", "History", "Projects")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProfileView", text)  # the profile's own words, and their translations


def empty_profile(parent=None) -> QWidget:
    holder = QWidget(parent, objectName="customerProfileEmpty")
    title = QLabel(_tr("Choose a customer on the left"), objectName="profileName")
    title.setStyleSheet("font-size: 17pt; font-weight: 600;")
    summary = QLabel(_tr("…or press Ctrl+N to add a new one."), objectName="profileSummary")
    summary.setWordWrap(True)
    tabs = QTabWidget(objectName="profileTabs")
    for text in TAB_TITLES:
        tabs.addTab(QWidget(), _tr(text))
    tabs.setEnabled(False)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(8, 4, 4, 4)
    layout.addWidget(title)
    layout.addWidget(summary)
    layout.addWidget(tabs, 1)
    return holder
