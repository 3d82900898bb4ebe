"""A customer's name typed as one endless word (a pasted reference) does not push the queue's and the
Concerns tab's other columns out of sight: the name's column stops at a width and the name is cut short."""

from PySide6.QtWidgets import QTableView, QWidget

from servicedesk.core.services import concerns, customers
from servicedesk.ui.actions import ActionRegistry
from servicedesk.ui.communication.models import ConcernModel, QueueModel
from servicedesk.ui.communication.pane import CommunicationPane
from servicedesk.ui.navigation import Navigator


def test_an_endless_name_leaves_why_and_the_clocks_in_sight(qtbot, monday):
    endless = customers.create(name="Tom" + "x" * 117).id
    concerns.raise_concern(endless, "It is broken again")
    host = QWidget()
    qtbot.addWidget(host)
    pane = CommunicationPane(ActionRegistry(host), Navigator(host), host)
    host.resize(1366, 600)
    pane.resize(1366, 600)
    host.show()
    qtbot.waitExposed(host)
    for tab, name, text_column in ((0, "todayQueue", QueueModel.WHY), (1, "concernList", ConcernModel.WORDS)):
        pane.tabs.setCurrentIndex(tab)
        table = pane.findChild(QTableView, name)
        qtbot.waitUntil(lambda: table.isVisible())
        header = table.horizontalHeader()
        right = table.viewport().width()
        for column in range(header.count()):
            if not header.isSectionHidden(column):
                assert header.sectionViewportPosition(column) + 40 < right, (name, column)  # every column in sight
        assert header.sectionSize(text_column) >= 200, name  # the words keep room to be read
