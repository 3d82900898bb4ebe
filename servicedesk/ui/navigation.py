"""How panes ask each other for things without knowing each other."""

from PySide6.QtCore import QObject, Signal


class Navigator(QObject):
    customerRequested = Signal(int)  # open this customer's profile
    visitRequested = Signal(int)  # show this visit on the board
    projectRequested = Signal(int)
    dataChanged = Signal(str)  # something was saved: "customers", "visits", "communication", ...
    statusMessage = Signal(str)
