"""The log: ``logs/servicedesk.log`` in the data folder, rotated at 1 MB, five older files kept,
readable by the owner only. The window and the commands write to it; nothing goes to the terminal.

The window opens the file once it shows its figures (``hold_logging`` keeps what is logged until
then, and ``setup_logging`` writes it to the file with the times it was logged); an error opens it
at once through the exception hook, and the window's end opens it if it never got that far.
"""

from __future__ import annotations

import logging
import sys

from servicedesk import paths


class HeldRecords(logging.Handler):
    """What is logged before the log file is opened, kept to be written to it."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _file_handlers(root: logging.Logger) -> list[logging.Handler]:
    from logging.handlers import RotatingFileHandler

    return [h for h in root.handlers if isinstance(h, RotatingFileHandler)]


def hold_logging() -> None:
    """Keep what is logged from now on until ``setup_logging`` opens the file (unless it is open)."""
    root = logging.getLogger()
    if any(isinstance(h, HeldRecords) for h in root.handlers):
        return
    if "logging.handlers" in sys.modules and _file_handlers(root):  # no file handler without that module
        return
    root.addHandler(HeldRecords())
    root.setLevel(logging.INFO)


def setup_logging() -> None:
    root = logging.getLogger()
    held = [h for h in root.handlers if isinstance(h, HeldRecords)]
    for h in held:
        root.removeHandler(h)
    files = _file_handlers(root)
    if not files:
        from servicedesk.log_file import PrivateRotatingFileHandler

        try:
            handler = PrivateRotatingFileHandler(paths.log_dir() / "servicedesk.log", maxBytes=1_000_000,
                                                 backupCount=5, encoding="utf-8")
        except OSError:  # a data folder that cannot be written: run without a log rather than not at all
            logging.getLogger(__name__).addHandler(logging.NullHandler())
            return
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        files = [handler]
    for h in held:
        for record in h.records:
            for handler in files:
                handler.handle(record)
