"""Edit > Preferences: the office's details, as asked on first start, changed any time."""

from __future__ import annotations

from servicedesk.ui.office_form import OfficeDialog


class PreferencesDialog(OfficeDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.intro.setText(self.tr("Your office as it appears on letters and visit summaries. "
                                   "The region sets how dates, times and numbers are written."))
        self.ok_button.setText(self.tr("Save"))


def show_preferences(parent=None, on_saved=None) -> bool:
    """Open the dialog; True (and ``on_saved()`` called) when the office's details were saved."""
    dialog = PreferencesDialog(parent)
    saved = dialog.exec() == PreferencesDialog.DialogCode.Accepted
    if saved and on_saved is not None:
        on_saved()
    return saved
