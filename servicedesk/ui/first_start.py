"""The first-start dialog: the office tells ServiceDesk who it is, once."""

from __future__ import annotations

from servicedesk.core.services import office
from servicedesk.ui.office_form import OfficeDialog


class FirstStartDialog(OfficeDialog):
    """Asked while ``office.get().configured`` is False; Cancel stores nothing and it is asked again."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.setWindowTitle(self.tr("Set up your office"))
        self.intro.setText(self.tr(
            "<b>Welcome to ServiceDesk.</b> Tell it about your office: these details head every letter "
            "and visit summary, and the region sets how dates, times and numbers are written. "
            "You can change them any time under Edit > Preferences."))
        self.ok_button.setText(self.tr("Start"))
        self.cancel_button.setText(self.tr("Later"))

    def extra_changes(self) -> dict:
        return {"configured": True}


def ask_if_needed(parent=None) -> bool:
    """Show the dialog when the office has not been set up; True when it is set up afterwards."""
    if office.get().configured:
        return True
    FirstStartDialog(parent).exec()
    return office.get().configured
