"""The fit check done, or not done yet: a customer saved without anyone looking at it is not stored as
failing every value, and the tab says how the check came out."""

from PySide6.QtWidgets import QWidget

from servicedesk.core.services import customers
from tests.customers import test_pane
from tests.customers.test_pane import _field, _open, _save

host, people = test_pane.host, test_pane.people  # the customers pane with a few people, as its own tests have it


def _fit_tab(host) -> str:
    return host.pane.profile.tabs.tabText(3)


def test_a_customer_saved_without_the_fit_check_keeps_it_not_done(host, qtbot):
    _open(host, qtbot, "Walter")
    qtbot.keyClicks(_field(host, "customerBestTime"), "Mornings")
    _save(host)
    p = customers.get(host.pane.profile.customer_id)
    assert p.best_time == "Mornings"
    assert p.fit_check == {}  # not done: not "fails every value"
    assert _fit_tab(host) == "Fit check"


def test_ticking_the_fit_check_stores_every_value_and_the_tab_says_how_it_came_out(host, qtbot):
    _open(host, qtbot, "Walter")
    host.findChild(QWidget, "fitCheck2").setChecked(True)
    _save(host)
    p = customers.get(host.pane.profile.customer_id)
    values = list(p.fit_check)
    assert len(values) >= 2 and [p.fit_check[v] for v in values].count(True) == 1 and p.fit_check[values[1]]
    assert _fit_tab(host) == f"Fit check (1 of {len(values)})"
    _open(host, qtbot, "Ann")
    assert _fit_tab(host) == "Fit check"  # someone else's check is not done yet
    _open(host, qtbot, "Walter")
    assert _fit_tab(host) == f"Fit check (1 of {len(values)})"


def test_a_note_alone_counts_as_the_check_done_with_no_value_ticked(host, qtbot):
    _open(host, qtbot, "Walter")
    qtbot.keyClicks(_field(host, "fitNote"), "Told us our crew works for him")
    _save(host)
    p = customers.get(host.pane.profile.customer_id)
    assert p.fit_check and not any(p.fit_check.values())
    assert _fit_tab(host) == f"Fit check (0 of {len(p.fit_check)})"
