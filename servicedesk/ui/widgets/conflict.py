"""A record another PC changed since it was opened: who, what and when, and the two ways on.

``ConflictPanel`` sits inside a form (the resolve dialog, the project dialog): the message, a
table of what differs (theirs beside yours), and two buttons — *Reload* shows their version in
the form and keeps what you typed below it to copy; *Keep mine* saves yours over theirs. Nothing
is written until one is chosen. ``ConflictDialog`` is the same in a window of its own, for a
change made without a form (acknowledging a concern, a milestone's cell).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.errors import ConflictError, ServiceError
from servicedesk.ui.widgets import sizing


def _label(text: str, name: str = "", bold: bool = False) -> QLabel:
    label = QLabel(text, objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        label.setStyleSheet("font-weight: 600;")
    return label


class ConflictPanel(QFrame):
    """The conflict inside a form; ``reloadRequested`` and ``keepRequested`` say which way was chosen."""

    reloadRequested = Signal()
    keepRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("conflictPanel")
        self.setStyleSheet("#conflictPanel { background: #fff4e5; border: 1px solid #b26a00; border-radius: 4px; }"
                           " QLabel { color: #4d2c00; }")
        self.message = _label("", "conflictMessage")
        self.table = QWidget(objectName="conflictTable")
        self.grid = QGridLayout(self.table)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.kept_note = _label(self.tr("What you typed was not saved. It is kept here to copy:"), "conflictKeptNote")
        self.kept = QPlainTextEdit(objectName="conflictYours")
        self.kept.setReadOnly(True)
        self.kept.setFixedHeight(self.kept.fontMetrics().lineSpacing() * 3 + 14)
        self.copy = QPushButton(self.tr("Copy"), objectName="conflictCopy")
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.kept.toPlainText()))
        self.reload = QPushButton(self.tr("Reload: show theirs"), objectName="conflictReload")
        self.keep = QPushButton(self.tr("Keep mine: save it over theirs"), objectName="conflictKeep")
        self.reload.clicked.connect(self.reloadRequested)
        self.keep.clicked.connect(self.keepRequested)
        kept_row = QHBoxLayout()
        kept_row.addWidget(self.kept, 1)
        kept_row.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload)
        buttons.addWidget(self.keep)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        layout.addWidget(self.kept_note)
        layout.addLayout(kept_row)
        layout.addLayout(buttons)
        self.error: ConflictError | None = None
        self._show_kept(False)
        self.hide()

    def _show_kept(self, on: bool) -> None:
        for widget in (self.kept_note, self.kept, self.copy):
            widget.setVisible(on)

    def _fill(self, differences) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if not differences:
            return
        self.grid.addWidget(_label(self.tr("Theirs"), bold=True), 0, 1)
        self.grid.addWidget(_label(self.tr("Yours"), bold=True), 0, 2)
        for row, (field, theirs, yours) in enumerate(differences, start=1):
            self.grid.addWidget(_label(field.capitalize(), bold=True), row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(_label(theirs or "—", "conflictTheirs"), row, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(_label(yours or "—", "conflictMine"), row, 2, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)

    def show_conflict(self, exc: ConflictError) -> None:
        """Say who changed what and when; Keep mine only where yours can go over theirs."""
        self.error = exc
        self.message.setText(str(exc))
        self._fill(exc.differences)
        self.table.setVisible(bool(exc.differences))
        self._show_kept(False)
        self.reload.show()
        self.keep.setVisible(exc.version is not None)
        self.show()
        self._refit()

    def show_reloaded(self, yours: str) -> None:
        """Their version is in the form now; ``yours`` stays here to copy (and Keep mine still saves it)."""
        who = self.error.who if self.error else ""
        self.message.setText(self.tr("Their version, saved by %1, is shown now.")
                             .replace("%1", who or self.tr("someone else")))
        self.kept.setPlainText(yours)
        lines = min(max(yours.count("\n") + 1, 2), 6)
        self.kept.setFixedHeight(self.kept.fontMetrics().lineSpacing() * lines + 14)
        self.table.hide()  # theirs is in the form, yours is below
        self._show_kept(bool(yours))
        self.reload.hide()
        self.show()
        self._refit()

    def _refit(self) -> None:
        """The window holding the panel grows (or shrinks) to show all of it, at the width it has."""
        window = self.window()
        if window is not self and window.isVisible():
            fit_height(window, window.width())

    def clear(self) -> None:
        self.error = None
        self.hide()


def fit_height(window, width: int) -> None:
    """``window`` at ``width``, as tall as its wrapped text needs there (no taller), within the screen."""
    window.layout().activate()
    width = min(max(width, window.minimumSizeHint().width()), sizing.available(window).width() - 16)
    height = window.heightForWidth(width) if window.hasHeightForWidth() else window.sizeHint().height()
    window.resize(width, min(max(height, window.minimumSizeHint().height()),
                             sizing.available(window).height() - sizing.TITLE_BAR))


def yours_text(exc: ConflictError) -> str:
    """What you typed that differs from theirs, one line a field, to keep and copy."""
    return "\n".join(f"{field.capitalize()}: {yours}" for field, _theirs, yours in exc.differences if yours)


class ConflictDialog(QDialog):
    """A conflict met without a form of its own: the panel, and Close."""

    def __init__(self, title: str, exc: ConflictError, reload, keep, yours: str | None = None, parent=None):
        """``reload()`` shows theirs, ``keep(version)`` saves yours over that version; ``yours`` is what was
        typed, kept to copy after Reload (None: the differing fields; "": nothing was typed)."""
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(title)
        self.panel = ConflictPanel(self)
        self.panel.show_conflict(exc)
        self._reload, self._keep = reload, keep
        self._yours = yours_text(exc) if yours is None else yours
        self.panel.reloadRequested.connect(self.reload)
        self.panel.keepRequested.connect(self.keep)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)
        self.choice = ""
        self._sized = False

    def showEvent(self, event) -> None:
        if not self._sized:
            self._sized = True
            fit_height(self, 520)
        super().showEvent(event)

    def reload(self) -> None:
        self.choice = "reload"
        self._reload()
        self.panel.show_reloaded(self._yours)
        if not self._yours:  # nothing typed to keep: theirs is on screen, the choice is made
            self.accept()

    def keep(self) -> None:
        """Save yours over theirs; a newer change meanwhile is shown the same way, never written over."""
        self.choice = "keep"
        try:
            self._keep(self.panel.error.version)
        except ConflictError as exc:
            self.panel.show_conflict(exc)
            return
        except ServiceError as exc:  # the server gone, a full disk: said here, nothing lost
            self.panel.message.setText(str(exc))
            return
        self.accept()
