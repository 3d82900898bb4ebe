"""Desktop integration: the application icon, the translations, and quitting on a timer for smoke tests."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon

from servicedesk import paths

log = logging.getLogger(__name__)
QUIT_AFTER_ENV = "SERVICEDESK_QUIT_AFTER_MS"


def app_icon() -> QIcon:
    """The application icon in every size it ships (PNGs rendered from servicedesk.svg)."""
    icon = QIcon()
    try:
        for folder in sorted(paths.resource("icons", "hicolor").iterdir()):
            icon.addFile(str(folder / "apps" / "servicedesk.png"))
    except FileNotFoundError:
        log.warning("application icon not found; starting without it")
    return icon


def install_translators(app, locale_name: str | None = None) -> list[QTranslator]:
    """Load ServiceDesk's and Qt's translations for the office's locale (or the system's).

    Missing translations are normal (English is the source language): nothing is loaded then.
    """
    locale = QLocale(locale_name) if locale_name else QLocale.system()
    QLocale.setDefault(locale)
    loaded = []
    sources = [("servicedesk", "_", None), ("qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    for name, prefix, folder in sources:
        if folder is None:
            try:
                folder = str(paths.resource("translations"))
            except FileNotFoundError:
                continue
        translator = QTranslator(app)
        if translator.load(locale, name, prefix, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def quit_after_start_if_asked(app) -> bool:
    """``SERVICEDESK_QUIT_AFTER_MS=N``: for smoke tests of a build, check every N milliseconds,
    dismiss any dialog waiting for an answer (the first-start questions), and quit once the main
    window is up. Unset, nothing changes."""
    value = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if not value.isdigit():
        return False
    from PySide6.QtWidgets import QApplication

    timer = QTimer(app)
    timer.setInterval(max(int(value), 1))

    def tick():
        modal = QApplication.activeModalWidget()
        if modal is not None:
            log.info("%s: dismissing %s", QUIT_AFTER_ENV, modal.objectName() or type(modal).__name__)
            modal.reject()
        elif any(w.objectName() == "mainWindow" and w.isVisible() for w in QApplication.topLevelWidgets()):
            timer.stop()
            QCoreApplication.quit()

    timer.timeout.connect(tick)
    timer.start()
    return True
