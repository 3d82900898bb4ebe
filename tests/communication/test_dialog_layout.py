"""The queue's dialogs open laid out: every row in place before the dialog is sized, nothing cut or covered."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit, QPushButton

from servicedesk.core.services import customers
from tests.ui import layout


@pytest.fixture
def pane(shown_pane):
    return shown_pane


def row_of(pane, kind, customer_id) -> int:
    return next(n for n, r in enumerate(pane.queue_model.rows) if r.kind == kind and r.customer_id == customer_id)


def assert_laid_out(dialog, qtbot):
    qtbot.waitExposed(dialog)
    assert not layout.problems(dialog), layout.problems(dialog)
    text = dialog.findChild(QPlainTextEdit, "dialogText")
    buttons = dialog.findChild(QDialogButtonBox)
    assert not layout.overlapping(text, buttons)
    assert dialog.width() >= dialog.WIDTH and dialog.height() >= dialog.heightForWidth(dialog.width())
    assert dialog.banner.isVisible() and not layout.elided_or_clipped(dialog.banner)


def test_what_came_of_a_follow_up_opens_with_room_for_everything(pane, qtbot, monday):
    customers.add_what_matters(monday["harold"], "call_before", "Ring my cell 30 minutes before; I work from home "
                               "and take calls all morning, so please do not ring the landline.")
    pane.refresh()
    pane.queue.setFocus()
    pane.queue.selectRow(row_of(pane, "follow_up", monday["harold"]))
    qtbot.keyClick(pane.queue, Qt.Key.Key_Return)
    dialog = pane.dialog
    assert dialog.objectName() == "completeFollowUpDialog"
    assert_laid_out(dialog, qtbot)


def test_resolve_concern_opens_with_room_for_the_customers_words(pane, qtbot, monday):
    customers.add_what_matters(monday["grace"], "price_sensitive", "Call me before any charge over $100.")
    pane.refresh()
    pane.tabs.setCurrentIndex(1)
    grace = next(n for n, c in enumerate(pane.concern_model.rows) if c.customer_id == monday["grace"])
    pane.concern_table.selectRow(grace)
    qtbot.mouseClick(pane.findChild(QPushButton, "resolveConcern"), Qt.MouseButton.LeftButton)
    dialog = pane.dialog
    assert dialog.objectName() == "resolveConcernDialog"
    assert_laid_out(dialog, qtbot)

