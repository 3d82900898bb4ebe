"""The log file's handler: rotating, and readable by its owner only (``logs`` opens it)."""

from __future__ import annotations

import os
from logging.handlers import RotatingFileHandler


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files are created readable by their owner only."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
