"""Starting the window: logging, the exception hook, the database, the first-start choice."""

from __future__ import annotations

import gc
import logging
import time
import os
import sys
import traceback

from servicedesk import APP_NAME, ORG_NAME, __version__, paths
from servicedesk.logs import hold_logging, setup_logging

log = logging.getLogger("servicedesk")


def install_exception_hook() -> None:
    """Log every uncaught exception and show it, instead of losing it or killing the window."""

    def hook(exc_type, exc, tb):
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        setup_logging()  # written to the file at once, with what was logged before
        log.error("unhandled exception\n%s", details)
        from PySide6.QtCore import QThread, Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        if QThread.currentThread() is not QApplication.instance().thread():
            return  # a worker thread's: logged; windows are shown by the GUI thread alone
        from servicedesk.core.store.db import plain_storage_error

        plain = plain_storage_error(exc) if isinstance(exc, Exception) else None
        window = next((w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"), None)
        if plain is not None and window is not None:  # the server went away: said in the window, no dialog
            window.statusBar().showMessage(str(plain), 15_000)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                          QApplication.translate("App", "Something went wrong, and nothing was saved from the "
                                                 "operation that failed.\n\n%s") % exc)
        box.setObjectName("errorDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the error may quote a name or a file as it is
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def _known_without_qt() -> None:
    """Tell PySide that the modules loaded before it do not use it.

    PySide decides, for each module name an ``import`` statement names after PySide itself was loaded,
    whether that module uses PySide (for its ``__feature__`` switching) by reading the module's whole
    source: peewee's alone takes 2 ms, and every service module imported later does it again. A module
    loaded before PySide (the standard library, peewee, the Qt-free core) does not use it; saying so up
    front (``-1``, PySide's own "ignore this module") is the answer it would reach.
    """
    feature = sys.modules.get("shibokensupport.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(known, dict):
        return
    for name in list(sys.modules):
        if name not in known and not name.startswith(("PySide6", "shiboken", "servicedesk.ui")):
            known[name] = -1


def make_application(argv: list[str]):
    from PySide6.QtWidgets import QApplication

    _known_without_qt()

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("servicedesk")
    from servicedesk.ui import plurals
    from servicedesk.ui.desktop import app_icon

    plurals.install(app)  # before any translation, which then answers first
    app.setWindowIcon(app_icon())
    return app


def demo_choice_box(parent=None):
    """The question asked of an empty database: the demo office, or an empty one."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("firstStartChoice")
    box.setWindowTitle(APP_NAME)
    box.setText(QApplication.translate("App", "Welcome to ServiceDesk. This office has no customers yet."))
    box.setInformativeText(QApplication.translate("App", "Open a demo office full of example customers to look "
                                                  "around, or start with an empty office for your own customers?"))
    demo = box.addButton(QApplication.translate("App", "Open the demo office"),
                         QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton(QApplication.translate("App", "Start empty"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(empty)  # Enter never fills a real office with example customers
    box.demo_button = demo
    return box


def offer_demo(parent=None) -> str:
    """Ask what to do with an empty database: 'demo' or 'empty'."""
    box = demo_choice_box(parent)
    box.exec()
    return "demo" if box.clickedButton() is box.demo_button else "empty"


def _quit_when_measured(app, window) -> None:
    """Start-up measurement: SERVICEDESK_EXIT_WHEN_IDLE quits once the window has painted and is idle,
    SERVICEDESK_EXIT_WHEN_READY once every pane's figures are shown; each says "idle" or "ready" first."""
    from PySide6.QtCore import QTimer

    def done(word: str) -> None:
        print(word, time.process_time(), flush=True)  # and the CPU seconds it took, all threads
        app.quit()

    if os.environ.get("SERVICEDESK_EXIT_WHEN_IDLE"):
        window.firstPainted.connect(lambda: done("idle"))
    elif os.environ.get("SERVICEDESK_EXIT_WHEN_READY"):
        if window.figures_ready():
            QTimer.singleShot(0, lambda: done("ready"))
        else:
            window.figuresReady.connect(lambda: QTimer.singleShot(0, lambda: done("ready")))


def close_on_terminate(app, window) -> None:
    """SIGTERM (logging out, shutting down) closes the window the normal way: its state is saved,
    then the close-time backup is taken and the lock released as on File > Quit."""
    import signal

    from PySide6.QtCore import QTimer

    def terminate(_signum, _frame):
        log.info("terminated: closing the window")
        QTimer.singleShot(0, lambda: (window.save_state(), app.quit()))

    try:
        signal.signal(signal.SIGTERM, terminate)
    except (ValueError, OSError):  # not the main thread, or no such signal here
        return
    ticker = QTimer(window)  # Python runs signal handlers only when it gets control: give it some
    ticker.setInterval(250)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def _collect_from_now_on() -> None:
    """The start is over: what it built lives as long as the window, so the collector leaves it out from
    now on (``gc.freeze``) and runs again for what comes after."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _once_figures_shown(window, do) -> None:
    """Run ``do`` once the window shows every pane's figures: what it does can wait until then."""
    if window.figures_ready():
        do()
    else:
        window.figuresReady.connect(do)


def run_gui(database: str | None, qt_args: list[str], take_over: bool = False) -> int:
    gc.disable()  # nearly everything the start creates stays: no collections until the window shows its figures
    hold_logging()  # the log file is opened once the window shows its figures (or on an error, or at the end)
    install_exception_hook()
    # What the window needs of the core (no Qt in it) is imported before Qt: PySide reads the source of
    # every module imported after it (to see whether it uses PySide), which for these is time lost.
    from servicedesk.core.services import customers, office
    from servicedesk.core.store import check  # noqa: F401  (opening the database, in safety)
    from servicedesk.core.store.dialect import is_server

    paths.import_config_tools()  # the window's settings file is found through them

    app = make_application([sys.argv[0], *qt_args])
    from servicedesk.ui import desktop

    desktop.quit_after_start_if_asked(app)
    from servicedesk.ui import safety
    from servicedesk.ui.main_window import MainWindow

    if not database and not os.environ.get("SERVICEDESK_DATABASE"):
        from servicedesk.ui.office_server import configured_server

        database = configured_server() or None  # Preferences > Office server, on this PC
    path = paths.database_path(database)
    log.info("ServiceDesk %s starting on %s", __version__, paths.shown(path))
    opened = safety.open_for_window(path, take_over=take_over)
    if opened is None:
        _collect_from_now_on()
        setup_logging()
        return 1
    from servicedesk.ui import startup_check

    beside = startup_check.start_beside(opened)  # a large file's check, beside the window; writes wait for it
    try:
        settings = office.get()
        desktop.install_translators(app, settings.locale if settings.configured else None)
        if not opened.read_only:
            if not settings.configured and customers.count() == 0 and offer_demo() == "demo":
                from servicedesk.core import demo

                demo.build()
            if not office.get().configured:  # the form (and its region list) loads only when it is asked
                from servicedesk.ui import first_start

                first_start.ask_if_needed()
        window = MainWindow(path)
        _once_figures_shown(window, _collect_from_now_on)
        _once_figures_shown(window, setup_logging)
        close_on_terminate(app, window)
        safety.SafetyGuard(window, opened, beside)
        from servicedesk.ui import waiting

        waiting.install(window)
        if is_server(path):  # other PCs' changes appear here as they are made
            from servicedesk.ui.live import LiveUpdates

            window.live = LiveUpdates(path, window)
            app.aboutToQuit.connect(window.live.stop)
        window.show()
        log.info("main window shown")
        _quit_when_measured(app, window)
        return app.exec()
    finally:
        from servicedesk.ui import waiting

        # work started after quitting began (Qt says aboutToQuit at once) ends while the window's waiting is in place
        safety.end_work_under_way()
        _collect_from_now_on()
        setup_logging()
        waiting.uninstall()
        safety.finish(opened)
