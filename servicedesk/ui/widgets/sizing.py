"""Sizing windows to what they hold, within the screen the office has (a 1366×768 screen with a taskbar).

A dialog is sized once its rows are all in place: its layout is activated first, wrapped text
is measured at the width chosen, and nothing is made taller or wider than the available
screen less a title bar.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy

TITLE_BAR = 32  # a window manager's title bar, which the available geometry does not include


def available(widget=None) -> QRect:
    """The screen's area without taskbars and docks, where the widget is (or the primary screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit(dialog, width: int = 0, height: int = 0) -> None:
    """Resize ``dialog`` to its content, at least ``width`` × ``height``, never beyond the screen."""
    layout = dialog.layout()
    if layout is not None:
        layout.invalidate()
        layout.activate()
    area = available(dialog)
    most_w, most_h = area.width() - 16, area.height() - TITLE_BAR
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    w = min(max(hint.width(), width), most_w)
    h = max(hint.height(), height)
    if dialog.hasHeightForWidth():
        h = max(h, dialog.heightForWidth(w))
    dialog.resize(w, min(h, most_h))


def wrap(label: QLabel) -> QLabel:
    """A label of the customer's own text (a name, an address) that wraps onto more lines rather than asking
    its window for the text's whole width: a 300-character name, or one long word, never pushes a window
    off the screen. Returns the label."""
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # as wide as the layout gives, even with one long word
    label.setSizePolicy(policy)
    return label


def fit_items(combo: QComboBox, characters: int = 40) -> QComboBox:
    """A choice of entries that name customers (a visit, a project): as wide as its layout gives it, at least
    ``characters`` wide, rather than as wide as its longest entry. Returns the combo box."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo
