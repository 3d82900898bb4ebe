"""Every pane and dialog at 1366×768: within the screen a taskbar leaves, nothing cut, squeezed or out of place."""

import pytest

from tests.tools import screens
from tests.ui import layout


@pytest.fixture
def window(demo_window):
    return demo_window


def test_every_pane_fits_a_1366_screen(window):
    found = {}
    for name, open_ in screens.PANES.items():
        shown = open_(window)
        problems = layout.problems(shown)
        if problems:
            found[name] = problems
    assert not found, "\n".join(f"{name}: {p}" for name, problems in found.items() for p in problems)


def test_every_dialog_fits_a_1366_screen(window, qtbot):
    found = {}
    for name, open_ in screens.DIALOGS.items():
        shown = open_(window)
        assert shown is not None, name
        qtbot.waitExposed(shown)
        problems = layout.problems(shown)
        if problems:
            found[name] = problems
        screens.close(shown, window)
    assert not found, "\n".join(f"{name}: {p}" for name, problems in found.items() for p in problems)
