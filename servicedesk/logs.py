"""The log: ``logs/servicedesk.log`` in the data folder, rotated at 1 MB, five older files kept,
readable by the owner only. The window and the commands write to it; nothing goes to the terminal."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler

from servicedesk import paths


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files are created readable by their owner only."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_logging() -> None:
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        handler = PrivateRotatingFileHandler(paths.log_dir() / "servicedesk.log", maxBytes=1_000_000, backupCount=5,
                                             encoding="utf-8")
    except OSError:  # a data folder that cannot be written: run without a log rather than not at all
        logging.getLogger(__name__).addHandler(logging.NullHandler())
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
