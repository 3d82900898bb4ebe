"""Python's cycle collector paused over a batch that makes many short-lived objects and keeps few.

A week's letters lay out thousands of paragraphs; each allocation counts towards the collector's next
pass, and every third pass or so walks every object the program holds (the whole office's lists, in a
window that has been open all day). Nearly all of a letter's objects are freed the moment it is written,
without the collector; what few cycles it leaves are collected after the batch. Paused for the batch
and every thread, set back as it was when the last batch under way ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading

_lock = threading.Lock()
_batches = 0
_was_enabled = True


@contextlib.contextmanager
def paused():
    global _batches, _was_enabled
    with _lock:
        if _batches == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _batches += 1
    try:
        yield
    finally:
        with _lock:
            _batches -= 1
            if _batches == 0 and _was_enabled:
                gc.enable()
