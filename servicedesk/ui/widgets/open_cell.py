"""A table cell open for typing: what is typed in it is not in the table's rows until the cell closes, so
leaving (closing the window, opening another customer) finds it here first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QComboBox, QLineEdit, QWidget


def open_editor(view: QAbstractItemView) -> tuple[QWidget, QModelIndex] | None:
    """The cell being typed in, with its editor; None when no cell is open."""
    if view.state() != QAbstractItemView.State.EditingState:
        return None
    index = view.currentIndex()
    editor = view.indexWidget(index) if index.isValid() else None
    return (editor, index) if editor is not None else None


def typed_in(editor: QWidget, index: QModelIndex) -> bool:
    """Whether the open cell holds something other than what the row has."""
    if isinstance(editor, QLineEdit):
        return editor.isModified()
    if isinstance(editor, QComboBox):
        return editor.currentData() != index.data(Qt.ItemDataRole.EditRole)
    return True


def typed_cell(view: QAbstractItemView) -> tuple[QWidget, QModelIndex] | None:
    """The open cell, when something was typed in it."""
    found = open_editor(view)
    return found if found is not None and typed_in(*found) else None


def commit(view: QAbstractItemView, editor: QWidget) -> None:
    """Put what the cell holds into the row, and close the cell, as Enter does."""
    view.commitData(editor)
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def _held(editor: QWidget):
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QLineEdit):
        return editor.text()
    return editor.property(editor.metaObject().userProperty().name())


def take(view: QAbstractItemView) -> tuple[QPersistentModelIndex, object] | None:
    """Close the cell typed in, before anything else takes the keyboard (a question would: the cell would
    save itself), keeping what it held: (the cell, its value), for ``model.setData`` or ``reopen``."""
    typed = typed_cell(view)
    if typed is None:
        return None
    editor, index = typed
    held = _held(editor)
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
    return QPersistentModelIndex(index), held


def reopen(view: QAbstractItemView, cell: QPersistentModelIndex, held) -> None:
    """Open the cell again, holding what was typed in it."""
    index = view.model().index(cell.row(), cell.column())
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(editor.findData(held), 0))
    elif isinstance(editor, QLineEdit):
        editor.setText(held)
        editor.setModified(True)
    elif editor is not None:
        editor.setProperty(editor.metaObject().userProperty().name(), held)
