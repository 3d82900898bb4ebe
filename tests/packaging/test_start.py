"""The program starts the way an office starts it: icon, desktop name, window, and quits on request."""

import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication

from servicedesk.ui.app import make_application


def test_application_carries_its_icon_and_desktop_name(qapp):
    app = make_application([])
    assert app is QApplication.instance()
    assert app.desktopFileName() == "servicedesk"
    icon = app.windowIcon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (48, 48), (256, 256)} <= sizes
    assert icon.pixmap(48, 48).toImage().pixelColor(24, 40).alpha() == 255  # drawn, not blank


def test_window_starts_on_a_demo_office_and_quits_by_itself(tmp_path):
    db = tmp_path / "demo.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SERVICEDESK_QUIT_AFTER_MS="300",
               SERVICEDESK_DATA_DIR=str(tmp_path / "data"), SERVICEDESK_CONFIG_DIR=str(tmp_path / "config"))
    demo = subprocess.run([sys.executable, "-m", "servicedesk", "demo", "--database", str(db)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert demo.returncode == 0, demo.stderr
    start = subprocess.run([sys.executable, "-m", "servicedesk", "--database", str(db)],
                           capture_output=True, text=True, env=env, timeout=120)
    assert start.returncode == 0, start.stderr
    log = (tmp_path / "data" / "logs" / "servicedesk.log").read_text()
    assert f"starting on {db}" in log
    assert "main window shown" in log
    assert "ERROR" not in log


def test_first_start_on_an_empty_database_asks_and_stores_nothing_when_dismissed(tmp_path):
    db = tmp_path / "empty.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SERVICEDESK_QUIT_AFTER_MS="200",
               SERVICEDESK_DATA_DIR=str(tmp_path / "data"), SERVICEDESK_CONFIG_DIR=str(tmp_path / "config"))
    start = subprocess.run([sys.executable, "-m", "servicedesk", "--database", str(db)],
                           capture_output=True, text=True, env=env, timeout=120)
    assert start.returncode == 0, start.stderr
    log = (tmp_path / "data" / "logs" / "servicedesk.log").read_text()
    # the demo-or-empty choice, then the office's details, both dismissed, then the window
    assert log.index("dismissing firstStartChoice") < log.index("dismissing firstStartDialog") \
        < log.index("main window shown")
    assert "ERROR" not in log

    from servicedesk.core.services import office
    from servicedesk.core.store import close_database, open_database

    open_database(db)
    try:
        assert office.get().configured is False  # asked again at the next start
    finally:
        close_database()


def test_about_shows_the_icon_and_the_version(qtbot, demo_db, db_path):
    from PySide6.QtCore import QTimer

    from servicedesk import __version__
    from servicedesk.ui.main_window import MainWindow

    make_application([])
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    seen = []

    def read_about():
        box = QApplication.activeModalWidget()
        seen.append((box.text(), box.iconPixmap().isNull()))
        box.accept()

    QTimer.singleShot(0, read_about)
    window.show_about()
    [(text, no_icon)] = seen
    assert f"ServiceDesk {__version__}" in text
    assert not no_icon
