"""Live updates between PCs on an office server: LISTEN for other PCs' changes, refresh what is on screen.

A thread holds its own connection with ``LISTEN servicedesk`` (the server's triggers send the
changed table and the sending program). Changes from other programs are gathered for a moment
and then announced through the navigator, as a local save would be; the panes refresh without
touching what is being typed (the profile never reloads over unsaved edits). When the server
goes away the thread says so, retries every two seconds, and announces a refresh when it is back.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from servicedesk.core import events
from servicedesk.core.store import server

log = logging.getLogger(__name__)

RETRY_S = 2.0
GATHER_MS = 250

_AREAS = {
    "visit": "visits", "visit_change": "visits", "service_plan": "visits", "time_off": "visits", "staff": "visits",
    "project": "projects", "milestone": "projects",
    "concern": "communication", "interaction": "communication", "follow_up": "communication",
    "draft": "communication", "document": "communication", "template": "communication",
    "queue_snooze": "communication", "handover": "communication", "handover_item": "communication",
}


class LiveUpdates(QObject):
    received = Signal(str)  # a table another PC changed (from the listening thread)
    online = Signal(bool)  # the connection to the office server came or went (from the listening thread)

    def __init__(self, url: str, window):
        super().__init__(window)
        self.setObjectName("liveUpdates")
        self.url, self.navigator = url, window.navigator
        self.offline_label = QLabel(objectName="serverOffline")
        self.offline_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.offline_label.hide()
        window.statusBar().addPermanentWidget(self.offline_label)
        self.is_online = True
        self._tables: set[str] = set()
        self._stop = threading.Event()
        self._gather = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._gather.timeout.connect(self._announce)
        self.received.connect(self._note)
        self.online.connect(self._online)
        self.thread = threading.Thread(target=self._listen, name="live-updates", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._gather.stop()
        self.thread.join(timeout=5)

    # -- the listening thread
    def _listen(self) -> None:
        import psycopg

        options = server.connect_options(self.url)
        own = options["application_name"]
        was_online = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, **options) as con:
                    con.execute("LISTEN servicedesk")
                    if not was_online:
                        self.online.emit(True)
                        was_online = True
                    while not self._stop.is_set():
                        for note in con.notifies(timeout=0.5):
                            table, _, sender = note.payload.partition(" ")
                            if sender != own:
                                self.received.emit(table)
                        con.execute("SELECT 1")  # notices a server that went away while all was quiet
            except psycopg.Error as exc:
                if self._stop.is_set():
                    break
                if was_online:
                    log.warning("office server unreachable: %s", exc)
                    self.online.emit(False)
                    was_online = False
                self._stop.wait(RETRY_S)

    # -- on the GUI thread
    def _note(self, table: str) -> None:
        if self._stop.is_set():  # delivered after the window stopped listening
            return
        self._tables.add(table)
        self._gather.start()

    def _announce(self) -> None:
        tables, self._tables = self._tables, set()
        if "setting" in tables:  # the office's settings may have changed: its region, calendar and wording read afresh
            events.office_changed()
        if {"customer", "setting"} & tables:  # a new or renamed customer: the list is read again
            self.navigator.dataChanged.emit("all")
            return
        areas = {_AREAS.get(t, "customers") for t in tables}
        for area in sorted(areas):
            self.navigator.dataChanged.emit(area)
        if "projects" in areas:
            self.navigator.dataChanged.emit("projects_milestones")

    def _online(self, online: bool) -> None:
        if self._stop.is_set():
            return
        self.is_online = online
        self.offline_label.setVisible(not online)
        self.offline_label.setText("" if online else self.tr("Office server offline — retrying"))
        if online:
            self.navigator.statusMessage.emit(self.tr("The office server is back; showing the latest."))
            self.navigator.dataChanged.emit("all")
        else:
            self.navigator.statusMessage.emit(self.tr("The office server cannot be reached: working offline, "
                                                      "retrying every few seconds. Nothing typed is lost; "
                                                      "save again once it is back."))
