"""A button that shows a colour and opens the colour picker: nobody should have to type "#1f77b4"."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QPushButton


class ColourButton(QPushButton):
    colourChanged = Signal(str)

    def __init__(self, name: str, title: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.title = title
        self._colour = "#1f77b4"
        self.setIconSize(QSize(36, 14))
        self.clicked.connect(self.choose)
        self.picker: QColorDialog | None = None
        self.set_colour(self._colour)

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour).name() if QColor(colour).isValid() else self._colour
        swatch = QPixmap(36, 14)
        swatch.fill(QColor(self._colour))
        self.setIcon(QIcon(swatch))
        self.setText(self.tr("Choose…"))
        self.setToolTip(self._colour)

    def choose(self) -> None:
        """The colour picker, starting from the colour shown; OK takes the one picked."""
        self.picker = QColorDialog(QColor(self._colour), self)
        self.picker.setObjectName("colourPicker")
        self.picker.setWindowTitle(self.title or self.tr("Choose a colour"))
        self.picker.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)  # the same on every desktop
        if self.picker.exec() == QColorDialog.DialogCode.Accepted:
            self.set_colour(self.picker.currentColor().name())
            self.colourChanged.emit(self._colour)
        self.picker.deleteLater()
        self.picker = None
