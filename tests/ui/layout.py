"""What a person at a 1366×768 screen with a taskbar would call a broken layout, found in a shown window.

``problems(window)`` lists, in words: a window larger than the screen left by the taskbar and its
title bar; a widget outside its parent or smaller than its minimum size hint; wrapped text cut
short; a label, a tab or a table cell cut off while there is room to spare.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabBar,
    QWidget,
)

SCREEN_W, SCREEN_H = 1366, 768
TASKBAR = 40
TITLE_BAR = 32
ROWS_LOOKED_AT = 30


def budget() -> QRect:
    """The room a window's contents have on a 1366×768 screen under a taskbar and its own title bar."""
    return QRect(0, 0, SCREEN_W, SCREEN_H - TASKBAR - TITLE_BAR)


def _name(w: QWidget) -> str:
    return w.objectName() or f"{type(w).__name__} in {_name(w.parentWidget()) if w.parentWidget() else '?'}"


def _in_scrolled_content(w: QWidget) -> bool:
    """Inside a scroll area's viewport, a child may extend past what is in sight: that is what scrolling is for."""
    parent = w.parentWidget()
    return parent is not None and isinstance(parent.parentWidget(), QAbstractScrollArea) \
        and parent is parent.parentWidget().viewport()


def _cell_cut(table: QTableView) -> list[str]:
    model = table.model()
    if model is None or not model.rowCount():
        return []
    header = table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(model.columnCount()) if not header.isSectionHidden(c))
    if used >= table.viewport().width() - 4:
        return []  # no room to spare: a long cell may be cut (its tooltip or detail shows it whole)
    metrics = table.fontMetrics()
    found = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column) or table.wordWrap():
            continue
        width = header.sectionSize(column) - 8
        for row in range(min(ROWS_LOOKED_AT, model.rowCount())):
            text = model.index(row, column, QModelIndex()).data()
            if isinstance(text, str) and text and metrics.horizontalAdvance(text.split("\n")[0]) > width:
                found.append(f"{_name(table)}: column {column} cuts “{text[:40]}” while the table has room")
                break
    return found


def problems(window: QWidget, limit: QRect | None = None) -> list[str]:
    limit = limit or budget()
    found = []
    if window.width() > limit.width() or window.height() > limit.height():
        found.append(f"{_name(window)} is {window.width()}×{window.height()}, more than the "
                     f"{limit.width()}×{limit.height()} a 1366×768 screen leaves")
    for w in window.findChildren(QWidget):
        if not w.isVisible() or not w.isVisibleTo(window) or w.isWindow() or w.objectName().startswith("qt_"):
            continue  # (Qt's own parts of a widget, "qt_spinbox_lineedit" and the like, are Qt's business)
        parent = w.parentWidget()
        if parent is None:
            continue
        if not _in_scrolled_content(w):
            inside = parent.rect().adjusted(-1, -1, 1, 1)
            if not inside.contains(w.geometry()):
                found.append(f"{_name(w)} lies outside {_name(parent)} ({w.geometry()} in {parent.rect()})")
        if isinstance(parent, QComboBox):
            continue  # an editable combo box's own line edit
        hint = w.minimumSizeHint()
        minimum = w.minimumSize()
        need_w = max(hint.width(), minimum.width()) if hint.isValid() else minimum.width()
        need_h = max(hint.height(), minimum.height()) if hint.isValid() else minimum.height()
        if isinstance(w, QAbstractScrollArea):
            # a list or text box's hint is a generic 70×70; it needs a line of text and what it was given
            need_w = max(minimum.width(), 60)
            need_h = max(minimum.height(), w.fontMetrics().lineSpacing() + 6)
        if not isinstance(w, QHeaderView):  # a header's hint is a scroll area's, not what it needs
            if w.width() + 1 < need_w or w.height() + 1 < need_h:
                found.append(f"{_name(w)} is {w.width()}×{w.height()}, smaller than its minimum {need_w}×{need_h}")
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                if w.hasHeightForWidth() and w.height() + 2 < w.heightForWidth(w.width()):
                    found.append(f"{_name(w)} cuts its wrapped text (“{w.text()[:40]}”): "
                                 f"{w.height()} px high, needs {w.heightForWidth(w.width())}")
            elif w.width() + 1 < w.sizeHint().width():
                found.append(f"{_name(w)} cuts “{w.text()[:40]}” ({w.width()} px for {w.sizeHint().width()})")
        if isinstance(w, QTabBar) and w.count():
            needed = sum(w.tabSizeHint(i).width() for i in range(w.count()))
            if needed > w.width() + 1 and w.usesScrollButtons():
                found.append(f"{_name(w)}: tabs need {needed} px and have {w.width()}: they scroll or elide")
        if isinstance(w, QTableView):
            found += _cell_cut(w)
    return found


def overlapping(a: QWidget, b: QWidget) -> bool:
    """Two widgets of one window drawn over each other."""
    top = a.window()
    ra = QRect(a.mapTo(top, a.rect().topLeft()), a.size())
    rb = QRect(b.mapTo(top, b.rect().topLeft()), b.size())
    return ra.intersects(rb)


def elided_or_clipped(label: QLabel) -> bool:
    if label.wordWrap():
        return label.height() + 2 < label.heightForWidth(label.width())
    return label.width() + 1 < label.sizeHint().width()


__all__ = ["budget", "problems", "overlapping", "elided_or_clipped", "Qt"]
