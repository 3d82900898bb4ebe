"""The offer of a “what to expect” letter on a customer's profile: the first one for a customer on a
plan or project, and a new one, with what changed, whenever any of it changes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from servicedesk.core.errors import ServiceError
from servicedesk.ui.widgets import plain_box


def _expectations():
    from servicedesk.core.services import expectations  # with the plans' rules: loaded when a profile is shown

    return expectations


class ExpectationsOffer(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("expectationsOffer")
        self.setStyleSheet("#expectationsOffer { background: #eef4f9; border: 1px solid #c9d3dd; border-radius: 4px; }")
        self.customer_id: int | None = None
        self.text = QLabel(objectName="expectationsText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # it names what was agreed, as typed
        self.button = QPushButton(self.tr("Print the what-to-expect letter…"), objectName="printExpectations")
        self.button.clicked.connect(self.print_letter)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_for(self, customer_id: int | None) -> None:
        """Look after the profile is on screen: opening a profile stays quick."""
        self.customer_id = customer_id
        self.hide()
        if customer_id is not None:
            QTimer.singleShot(0, self, lambda: self._refresh(customer_id))  # dropped if the profile is gone

    def _refresh(self, customer_id: int) -> None:
        if customer_id != self.customer_id or not self.window().isVisible():  # moved on, or closed meanwhile
            return
        try:
            offered = _expectations().offer(customer_id)
        except ServiceError:
            offered = []
        if not offered:
            self.hide()
            return
        if offered == ["first letter"]:
            self.text.setText(self.tr("No “what to expect” letter has been printed for this customer yet."))
        else:
            self.text.setText(self.tr("What to expect has changed since the last letter: %s. Print it again "
                                      "with the changes marked?") % "; ".join(offered))
        self.show()

    def print_letter(self) -> None:
        if self.customer_id is None:
            return
        try:
            generated = _expectations().generate(self.customer_id)
        except ServiceError as exc:
            plain_box.warn(self, self.tr("Letter not written"), str(exc))
            return
        from servicedesk.ui.sending import SendDialog

        self.send_dialog = SendDialog([generated.id], generated.path, self.tr("the what-to-expect letter"), self)
        self.send_dialog.finished.connect(lambda _code: self._refresh(self.customer_id))
        self.send_dialog.open()
