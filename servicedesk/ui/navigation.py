"""How panes ask each other for things without knowing each other."""

from PySide6.QtCore import QObject, Signal


class Navigator(QObject):
    customerRequested = Signal(int)  # open this customer's profile
    visitRequested = Signal(int)  # show this visit on the board
    projectRequested = Signal(int)
    dataChanged = Signal(str)  # something was saved: "customers", "visits", "communication", ...
    statusMessage = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.last_customer: int | None = None  # the customer last opened anywhere, for panes built later
        self.customerRequested.connect(self._remember)

    def _remember(self, customer_id: int) -> None:
        self.last_customer = customer_id
