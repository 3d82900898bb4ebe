"""Sizing windows to what they hold, within the screen the office has (a 1366×768 screen with a taskbar).

A dialog is sized once its rows are all in place: its layout is activated first, wrapped text
is measured at the width chosen, and nothing is made taller or wider than the available
screen less a title bar.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

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
